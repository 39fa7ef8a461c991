import Foundation
import Testing

/// The whole workplace in the TUI (issue 11): tasks, units, notes, follow-up, progress
/// corrections, milestone owner and completion date, the 督办单 and quarterly milestones,
/// typed in tmux and checked afterwards with the CLI.
@Suite(.serialized) struct TUIFormsEndToEndTests {
    /// Polls a CLI command until its output satisfies `condition`.
    @discardableResult
    func waitForCLI(_ fx: DubanFixture, _ args: [String], _ what: String, tmux: Tmux,
                    _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        var last = ""
        while Date() < deadline {
            last = (try? fx.run(args + ["--file", fx.file])) ?? ""
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError(description: "timed out waiting for \(what): duban \(args.joined(separator: " ")) printed\n\(last)\nscreen:\n"
                           + Tmux.framed((try? tmux.capture()) ?? ""))
    }

    func clear(_ tmux: Tmux) throws {
        try tmux.sendKeys("End")
        try tmux.sendKeys(contentsOf: Array(repeating: "BSpace", count: 40))
    }

    func session(width: Int, height: Int) throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try fx.openTUI(width: width, height: height)
        defer { tmux.kill() }
        try tmux.waitFor("the matrix") { TUIEndToEndTests.showsMatrix($0) }

        // A new task needs only its title; the number is shown after saving.
        try tmux.sendKeys("A")
        try tmux.waitFor(text: "新增任务")
        try tmux.type("新增测试任务")
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "已新增任务 25")
        try waitForCLI(fx, ["show", "25"], "task 25", tmux: tmux) { $0.contains("新增测试任务") }

        // Rename it (the cursor is on it).
        try tmux.sendKeys("E")
        try tmux.waitFor(text: "修改任务 25 的名称")
        try clear(tmux)
        try tmux.type("改名后的任务")
        try tmux.sendKeys("Enter")
        try waitForCLI(fx, ["show", "25"], "the new title", tmux: tmux) { $0.contains("改名后的任务") }

        // Retire it after the question; u brings it back.
        try tmux.sendKeys("X")
        try tmux.waitFor(text: "撤销任务 25？")
        try tmux.sendKeys("y")
        try waitForCLI(fx, ["list"], "task 25 retired", tmux: tmux) { !$0.contains("改名后的任务") }
        try tmux.sendKeys("u")
        try waitForCLI(fx, ["list"], "task 25 restored", tmux: tmux) { $0.contains("改名后的任务") }

        // A unit: a new column.
        try tmux.sendKeys("+")
        try tmux.waitFor(text: "新增单位")
        try tmux.type("省测试管理局")
        try tmux.sendKeys("Enter")
        try tmux.type("测试管理局")
        try tmux.sendKeys("Enter")
        try tmux.type("测管")
        try tmux.sendKeys("Enter")
        try tmux.type("测试局")
        try tmux.sendKeys("Enter")
        try waitForCLI(fx, ["units"], "the new unit", tmux: tmux) { $0.contains("省测试管理局") }
        try tmux.waitFor("the new column") { $0.contains("测管") && !$0.contains("新增单位") }

        // Task 1: notes and follow-up.
        try tmux.sendKeys("g", "Home", "Enter")
        try tmux.waitFor(text: "任务 1（")
        try tmux.sendKeys("m")
        try tmux.waitFor(text: "备注 · 任务 1")
        try tmux.sendKeys("End")
        try tmux.type("补充说明一")
        try tmux.sendKeys("Enter")
        try waitForCLI(fx, ["show", "1"], "the notes", tmux: tmux) { $0.contains("补充说明一") }
        try tmux.sendKeys("r")
        try tmux.waitFor(text: "跟进人 · 任务 1")
        try clear(tmux)
        try tmux.type("李跟进")
        try tmux.sendKeys("Enter")
        try waitForCLI(fx, ["show", "1"], "the follow-up", tmux: tmux) { $0.contains("李跟进") }

        // A progress report, corrected, then deleted.
        try tmux.sendKeys("p")
        try tmux.waitFor(text: "报送任务 1 的进展")
        try tmux.sendKeys("Enter", "Enter")
        try tmux.type("第一次进展")
        try tmux.sendKeys("Enter", "Enter", "Enter")
        try waitForCLI(fx, ["show", "1"], "the report", tmux: tmux) { $0.contains("第一次进展") }
        try tmux.sendKeys("P")
        try tmux.waitFor(text: "修改进展 · 任务 1")
        try tmux.sendKeys("Tab")
        try clear(tmux)
        try tmux.type("改正后的进展")
        try tmux.sendKeys("Enter", "Enter", "Enter")
        try waitForCLI(fx, ["show", "1"], "the corrected report", tmux: tmux) { $0.contains("改正后的进展") && !$0.contains("第一次进展") }
        try tmux.sendKeys("x")
        try tmux.waitFor(text: "进展报告？")
        try tmux.sendKeys("y")
        try waitForCLI(fx, ["show", "1"], "the report deleted", tmux: tmux) { !$0.contains("改正后的进展") }

        // A milestone with an owner; done; its completion date corrected.
        try tmux.sendKeys("a")
        try tmux.waitFor(text: "新增时间节点")
        try tmux.type("节点甲")
        try tmux.sendKeys("Enter")
        try tmux.type("2026-12-31")
        try tmux.sendKeys("Enter")
        try tmux.type("住建")
        try tmux.waitFor(text: "→ 省住房和城乡建设厅")
        try tmux.sendKeys("Enter")
        try waitForCLI(fx, ["show", "1"], "the milestone", tmux: tmux) { $0.contains("节点甲") }
        try tmux.sendKeys("Space")
        try waitForCLI(fx, ["log"], "the milestone done", tmux: tmux) { $0.contains("节点甲") && $0.contains("完成") }
        try tmux.sendKeys("e")
        try tmux.waitFor(text: "完成日期")
        try tmux.sendKeys("Tab", "Tab", "Tab")
        try clear(tmux)
        try tmux.type("2026-01-15")
        try tmux.sendKeys("Enter")
        let shown = try waitForCLI(fx, ["show", "1"], "the completion date", tmux: tmux) { $0.contains("2026-01-15") }
        #expect(shown.contains("住房和城乡建设厅"))

        // The 督办单: preview, then issue number 1.
        try tmux.sendKeys("v")
        try tmux.waitFor(text: "预览（未编号）")
        try tmux.sendKeys("I")
        try tmux.waitFor(text: "印发督办单")
        try tmux.sendKeys("y")
        try tmux.waitFor(text: "1号")
        try waitForCLI(fx, ["notices"], "the register", tmux: tmux) { $0.contains("1") && $0.contains("督办") }
        try tmux.sendKeys("Escape")

        // Quarterly milestones for a chosen year: one batch.
        try tmux.sendKeys("T")
        try tmux.waitFor(text: "季度时间节点")
        try clear(tmux)
        try tmux.type("2031")
        try tmux.sendKeys("Enter")
        try waitForCLI(fx, ["show", "1"], "the quarterly milestones", tmux: tmux) {
            $0.contains("2031年第一季度节点") && $0.contains("2031年第四季度节点")
        }

        try tmux.sendKeys("Escape", "q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func everyFormAt80x24() throws { try session(width: 80, height: 24) }
    @Test func everyFormAt120x40() throws { try session(width: 120, height: 40) }
}
