import Foundation
import Testing

/// A plan larger than the first read (three screens' worth, `App.firstTasks`) opens on its first tasks and
/// reads the rest on a second connection in the background: the real thread and store.
@Suite(.serialized) struct LargePlanEndToEndTests {
    @Test func aLargePlanOpensAndTheRestLoadsWhileKeysWork() throws {
        let fx = try DubanFixture()
        let units = (1...40).map { "省测试\($0)厅" }
        var csv = "序号,名称,牵头部门,协同部门\n"
        for n in 1...2000 {
            let lead = units[n % units.count], other = units[(n * 7 + 3) % units.count]
            csv += "\(n),大表任务第\(n)项,\(lead),\(other == lead ? units[(n + 1) % units.count] : other)\n"
        }
        let table = fx.directory.appendingPathComponent("large.csv").path
        try csv.write(toFile: table, atomically: true, encoding: .utf8)
        try fx.run(["init", "--from", table, "--file", fx.file, "--force"])

        let tmux = try fx.openTUI(width: 120, height: 32)
        defer { tmux.kill() }
        // The header counts the whole plan from the first frame on.
        try tmux.waitFor(text: "任务（2000）")
        // G reaches the last task once the rest is in (before that it stops at the last
        // task loaded and says the others are coming).
        try tmux.waitFor("the last of 2000 tasks", timeout: 20) { screen in
            if screen.contains("任务 2000/2000") { return true }
            try tmux.sendKeys("G")
            return false
        }
        try tmux.waitFor(text: "2000. 大表任务第2000项")
        #expect(!(try tmux.capture()).contains("载入中"))
        // Search and an edit work on the whole plan.
        try tmux.sendKeys("/")
        try tmux.type("第1999项")
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "1999. 大表任务第1999项")
        try tmux.sendKeys("C")
        try fx.waitForExport("task 1999 has a new cooperating unit", tmux: tmux) { e in
            (e.tasks.first { $0.number == 1999 }?.cooperating.count ?? 0) == 2
        }
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
