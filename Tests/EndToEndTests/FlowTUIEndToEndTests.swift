import Foundation
import Testing

/// The 督办 workflow in the TUI (issue 13), typed in tmux and checked with the CLI: sign
/// a unit's part from the task's 办理 screen, request closure, return it from the office
/// queue with a reason, request again and close from the queue, approve an extension from
/// the queue; undo with u.
@Suite(.serialized) struct FlowTUIEndToEndTests {
    func json(_ fx: DubanFixture) throws -> [String: Any] {
        let text = try fx.run(["export", "--file", fx.file, "--format", "json"])
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func task(_ fx: DubanFixture, _ n: Int) throws -> [String: Any] {
        let tasks = try json(fx)["tasks"] as? [[String: Any]] ?? []
        return tasks.first { $0["number"] as? Int == n } ?? [:]
    }

    func part(_ fx: DubanFixture, _ n: Int, _ unit: String) throws -> [String: Any] {
        (try task(fx, n)["flow"] as? [[String: Any]] ?? []).first { $0["unit"] as? String == unit } ?? [:]
    }

    /// Polls the export until the part of `unit` in task 3 satisfies `condition`.
    func waitForPart(_ fx: DubanFixture, _ unit: String, _ what: String, tmux: Tmux,
                     _ condition: ([String: Any]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = (try? part(fx, 3, unit)) ?? [:]
            if condition(last) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError(description: "timed out waiting for \(what): \(last)\nscreen:\n" + Tmux.framed((try? tmux.capture()) ?? ""))
    }

    func session(width: Int, height: Int) throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        // A milestone of task 3 due well ahead, with an extension request by its lead.
        let id = try fx.run(["milestone", "add", "3", "完成管网改造", "--due", "2099-06-30", "--file", fx.file])
            .filter(\.isNumber)
        try fx.run(["extend", "3", id, "--to", "2099-09-30", "--reason", "资金未到位", "--unit", "发改", "--file", fx.file])
        let tmux = try fx.openTUI(width: width, height: height)
        defer { tmux.kill() }
        try tmux.waitFor("the matrix") { TUIEndToEndTests.showsMatrix($0) }

        // Task 3's view, then its 办理 screen: the first unit is the lead 省发改委.
        try tmux.sendKeys("g", "j", "j", "Enter")
        try tmux.waitFor(text: "任务 3（")
        try tmux.sendKeys("b")
        try tmux.waitFor(text: "办理 · 任务 3")
        try tmux.waitFor(text: "可办理：s 签收")
        try tmux.sendKeys("g", "s")
        try waitForPart(fx, "省发改委", "signed", tmux: tmux) { $0["state"] as? String == "signed" }
        // Signing twice is refused with what is allowed now.
        try tmux.sendKeys("s")
        try tmux.waitFor(text: "现在可以：申请办结")
        // Request closure; the office queue lists it; return it with a reason.
        try tmux.sendKeys("c")
        try waitForPart(fx, "省发改委", "closing", tmux: tmux) { $0["state"] as? String == "closing" }
        try tmux.sendKeys("B")
        try tmux.waitFor(text: "办公室待办")
        try tmux.waitFor(text: "申请办结")
        try tmux.sendKeys("t")
        try tmux.waitFor(text: "退回 · 任务 3")
        try tmux.type("缺少验收材料")
        try tmux.sendKeys("Enter")
        try waitForPart(fx, "省发改委", "returned", tmux: tmux) {
            $0["state"] as? String == "signed" && $0["reason"] as? String == "缺少验收材料"
        }
        // u undoes the return, and the queue shows the request again: close it from there.
        try tmux.sendKeys("u")
        try waitForPart(fx, "省发改委", "return undone", tmux: tmux) { $0["state"] as? String == "closing" }
        try tmux.waitFor(text: "申请办结")
        try tmux.sendKeys("g", "x")
        try waitForPart(fx, "省发改委", "closed", tmux: tmux) { $0["state"] as? String == "closed" }
        // The extension request is the queue's row now: approve it.
        try tmux.waitFor(text: "延期申请")
        try tmux.sendKeys("g", "Y")
        let deadline = Date().addingTimeInterval(10)
        var m: [String: Any] = [:]
        while Date() < deadline {
            m = (try task(fx, 3)["milestones"] as? [[String: Any]] ?? []).first ?? [:]
            if m["original_due"] as? String == "2099-06-30" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(m["due"] as? String == "2099-09-30" && m["original_due"] as? String == "2099-06-30", "\(m)")
        let queue = try fx.run(["queue", "--file", fx.file])
        #expect(queue.contains("申请办结待审核（0）") && queue.contains("延期申请待审批（0）"), "\(queue)")
        try tmux.waitFor(text: "无待办事项")
        // Back on the matrix, the cell of task 3 × 发改 is marked closed.
        try tmux.sendKeys("Escape")
        try tmux.waitFor("the closed mark") { $0.contains("牵✓") }
    }

    /// A unit's inbox from its unit view: what it has to sign, signed from the list.
    @Test func unitInboxSignsAt80x24() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try fx.openTUI(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("the matrix") { TUIEndToEndTests.showsMatrix($0) }
        // Task 3's first unit column under the cursor: its unit view, then its inbox.
        try tmux.sendKeys("g", "j", "j", "Home", "U")
        try tmux.waitFor(text: "牵头任务")
        try tmux.sendKeys("B")
        try tmux.waitFor(text: "待签收")
        // The first column's unit, and the first task it has a role in (the inbox's first row).
        let export = try json(fx)
        let units = export["units"] as? [[String: Any]] ?? []
        let unit = units.first?["name"] as? String ?? ""
        let tasks = export["tasks"] as? [[String: Any]] ?? []
        let first = tasks.first { ($0["flow"] as? [[String: Any]] ?? []).contains { $0["unit"] as? String == unit } }
        let number = first?["number"] as? Int ?? 0
        try tmux.sendKeys("g", "s")
        let deadline = Date().addingTimeInterval(10)
        var state = ""
        while Date() < deadline {
            state = (try? part(fx, number, unit))?["state"] as? String ?? ""
            if state == "signed" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let screen = Tmux.framed((try? tmux.capture()) ?? "")
        #expect(state == "signed", "\(unit) task \(number): \(state)\n\(screen)")
    }

    @Test func workflowAt80x24() throws { try session(width: 80, height: 24) }
    @Test func workflowAt120x40() throws { try session(width: 120, height: 40) }
}
