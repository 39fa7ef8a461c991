import DubanCore
import Foundation
import Testing

/// Random keys, random resizes and hostile data against the real binary in tmux.
@Suite(.serialized) struct HostileEndToEndTests {
    @Test func randomKeysAndResizesLeaveTheProgramAliveAndTheFileSound() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try fx.openTUI(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("the matrix") { TUIEndToEndTests.showsMatrix($0) }
        var rng = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0..<UInt64.max, using: &rng)
        var gen = SeededRandom(seed: seed)
        print("random key burst seed \(seed)")
        let named = ["Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter", "Escape", "Tab",
                     "BSpace", "Space", "C-r", "F1"]
        let letters = Array("hjklLCxuaegGnN/?opswTpD y012-").map(String.init)
        for batch in 0..<20 {
            var keys: [String] = []
            for _ in 0..<15 {
                if Bool.random(using: &gen) {
                    keys.append(named[Int.random(in: 0..<named.count, using: &gen)])
                } else {
                    keys.append(letters[Int.random(in: 0..<letters.count, using: &gen)])
                }
            }
            try tmux.sendKeys(contentsOf: keys)
            if batch % 4 == 0 { try tmux.type("季度检查") }
            let w = Int.random(in: 10...160, using: &gen), h = Int.random(in: 3...50, using: &gen)
            try tmux.resize(width: w, height: h)
            #expect(try tmux.exitStatus() == nil, "duban died after batch \(batch) (seed \(seed)); keys \(keys)")
        }
        try tmux.resize(width: 80, height: 24)
        // Escape leaves any form, prompt or screen; then Q quits from whatever screen is on
        // top. One quitting key only: a second key sent while the program is exiting would
        // reach the harness's wrapper shell and lose the exit status.
        try tmux.sendKeys(contentsOf: Array(repeating: "Escape", count: 6))
        try tmux.sendKeys("Q")
        let status = try tmux.waitForExit()
        #expect(status == 0, "exit status \(status) (seed \(seed))")
        let check = try fx.run(["check", "--file", fx.file])
        // The fixture runs duban under LANG=C.UTF-8: Chinese.
        #expect(check.contains("完整性检查通过"), "\(check)")
    }

    @Test func hostileTitlesShowAsHarmlessText() throws {
        let fx = try DubanFixture()
        let osc52 = "剪贴板\u{1B}]52;c;ZXZpbA==\u{07}"
        let c1 = "控制\u{9B}2J符"
        let bidi = "方向\u{202E}txet desrever"
        let long = "超长标题" + String(repeating: "很长", count: 998)   // 2,000 characters: the longest title allowed
        let csv = """
            序号,名称,牵头部门,协同部门
            1,\(osc52),省财政厅,省农委
            2,\(c1),省财政厅,省农委
            3,\(bidi),省财政厅,省农委
            4,\(long),省财政厅,省农委

            """
        let path = fx.directory.appendingPathComponent("hostile.csv")
        try Data(csv.utf8).write(to: path)
        try fx.run(["init", "--file", fx.file, "--from", path.path])
        let tmux = try fx.openTUI(width: 80, height: 24)
        defer { tmux.kill() }
        let title = try tmux.paneTitle()
        let screen = try tmux.waitFor("the hostile rows") { $0.contains("剪贴板") && $0.contains("超长标题") }
        #expect(Tmux.nonSGREscapes(in: try tmux.capture(escapes: true)).isEmpty)
        #expect(Tmux.controlCharacters(in: screen, allowEscape: false).isEmpty)
        #expect(try tmux.paneTitle() == title)
        #expect(!screen.contains("\u{202E}"))
        // The long title is cut with … and nothing wraps: still 24 lines, each at most 80 columns.
        #expect(screen.contains("超长标题很长") && screen.contains("…"))
        #expect(try tmux.lines().count == 24)
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func aReadOnlyFileOpensWithABannerAndRefusesEdits() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let before = try fx.export()
        #expect(chmod(fx.file, 0o444) == 0)
        defer { chmod(fx.file, 0o644) }
        let tmux = try fx.openTUI(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.waitFor("the read-only banner") { $0.contains("只读：无法修改此文件") || $0.contains("read-only: this file cannot be changed") }
        try tmux.sendKeys("L")
        try tmux.waitFor("the refusal of L") { $0.contains("文件只读，不能修改。") || $0.contains("The file is read-only.") }
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(try fx.export() == before)
    }

    @Test func invalidUTF8TablesAreRefusedAndNothingIsWritten() throws {
        let fx = try DubanFixture()
        let path = fx.directory.appendingPathComponent("bad.csv")
        try Data([0xE5, 0xBA, 0x8F, 0x2C, 0xFF, 0xFE, 0x0A]).write(to: path)
        let r = try Subprocess.run(fx.binary, ["init", "--file", fx.file, "--from", path.path],
                                   environment: TestLanguage.english(fx.environment))
        #expect(r.status != 0)
        #expect(r.stderr.contains("is not text in UTF-8, UTF-16 or GB18030 (line 1"))
        #expect(!FileManager.default.fileExists(atPath: fx.file))
    }
}
