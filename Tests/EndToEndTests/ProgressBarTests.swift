import Foundation
import Testing

/// Long CLI work shows a progress bar on a terminal and writes nothing extra through a pipe.
@Suite(.serialized) struct ProgressBarTests {
    /// A CSV of `tasks` rows (well over a megabyte and over the bar's 2,000 tasks).
    static func bigTable(_ tasks: Int) -> String {
        var out = "序号,名称,牵头部门,协同部门\n"
        let filler = String(repeating: "推进城乡一体化重点任务", count: 30)
        for n in 1...tasks { out += "\(n),\(filler)第\(n)项,省财政厅,省农委、省水利厅\n" }
        return out
    }

    @Test func initFromALargeTableDrawsABarOnATerminalAndErasesIt() throws {
        let cli = try CLI()
        let csv = try cli.write("big.csv", Self.bigTable(3_000))
        let go = cli.dir.appendingPathComponent("go").path
        let log = cli.dir.appendingPathComponent("pane.log").path
        let duban = try DubanBinary.url().path
        // The command waits for `go` so that the recording starts before it writes anything.
        let script = "while [ ! -e \(Tmux.shellQuote(go)) ]; do sleep 0.05; done; exec "
            + Tmux.shellCommand([duban, "init", "--from", csv, "--file", cli.file])
        let tmux = try Tmux(command: ["sh", "-c", script], width: 100, height: 20)
        defer { tmux.kill() }
        try tmux.recordOutput(to: log)
        FileManager.default.createFile(atPath: go, contents: nil)
        #expect(try tmux.waitForExit(timeout: 60) == 0)
        let drawn = String(decoding: try Data(contentsOf: URL(fileURLWithPath: log)), as: UTF8.self)
        #expect(drawn.contains("读取表格"), "\(drawn.prefix(400))")
        #expect(drawn.contains("写入文件 ["), "\(drawn.prefix(400))")
        #expect(drawn.contains("100%  3,000/3,000"), "\(drawn.prefix(400))")
        // Erased at the end: the last screen has the summary and no bar.
        let screen = try tmux.capture(history: true)
        // tmux runs it under C.UTF-8: Chinese, like the bar.
        #expect(screen.contains("已建立") && screen.contains("3000 项任务"), "\(screen)")
        #expect(!screen.contains("写入文件") && !screen.contains("读取表格"), "\(screen)")
    }

    @Test func pipedThereIsNoBar() throws {
        let cli = try CLI()
        let csv = try cli.write("big.csv", Self.bigTable(3_000))
        let r = try cli.run(["init", "--from", csv])
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.err.contains("\r") && !r.err.contains("写入文件") && !r.err.contains("读取表格"), "\(r.err)")
        let e = try cli.run(["export"])
        #expect(e.status == 0)
        #expect(e.err.isEmpty, "\(e.err)")
    }
}
