import DubanCore
import Testing
import DubanCanvas
@testable import DubanTUI

/// A store whose writes always fail (a full disk, a lock held too long…).
final class FailingStore: ForwardingStore {
    struct Failure: Error, CustomStringConvertible { var description: String { "database is locked" } }
    override func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] { throw Failure() }
}

@Suite struct AppLoopTests {
    @Test func aSessionOfEditsIsSavedAndLogged() throws {
        let tracker = Fixture.tracker()
        let screen = FakeScreen([
            .key(.right),                        // task 1 × 发改 (cooperating)
            .key(.char("L")),                    // make it a lead
            .key(.char("u")),                    // undo: cooperating again
            .key(.down),                         // task 2
            .key(.enter),                        // open it
            .key(.char("a")), .text("完成首批改造试点"), .key(.enter), .text("2027-06-30"), .key(.enter), .key(.enter),
            .key(.char(" ")),                    // mark the new milestone done
            .key(.escape),                       // back to the matrix
            .key(.char("q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options())
        try app.run()
        #expect(!screen.ranOut, "the session quit by itself")
        #expect(app.state.quitting)

        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == .cooperating)
        let m = tracker.plan.task(number: 2)?.milestones.first { $0.title == "完成首批改造试点" }
        #expect(m?.due == Day("2027-06-30"))
        #expect(m?.isDone == true && m?.completed == Fixture.today)
        #expect(tracker.records.map(\.action) == ["assign", "assign", "milestone.add", "milestone.update"])
        #expect(tracker.records.allSatisfy { $0.operatorName == "wang" })

        // One frame at the start and one per event.
        #expect(screen.frames.count == 1 + 12 + "完成首批改造试点".count + "2027-06-30".count)
        #expect(!screen.frames[1].text.contains("已保存"))
        #expect(screen.frames[2].lines()[22].contains("已保存"), "saved, after the store applied L")
        #expect(screen.frames[3].lines()[22].contains("已撤销并保存：任务 1 · 省发改委 → 协同"))
        #expect(screen.frames.last?.lines()[1].contains("任务（6）") == true, "back on the matrix")
    }

    @Test func theTaskViewShowsItsHistoryFromTheStore() throws {
        let tracker = Fixture.tracker()
        try tracker.applyFromOutside(.setFollowUp(task: 1, person: "赵敏"))
        _ = try tracker.hasOutsideChanges()
        let screen = FakeScreen([.key(.enter), .key(.pageDown), .key(.char("Q"))])
        let app = try App(store: tracker, screen: screen, options: Fixture.options())
        try app.run()
        #expect(screen.frames[1].text.contains("跟进人员  赵敏"))
        // The history follows the progress reports and notes: one page down.
        #expect(screen.frames[2].text.contains("someone-else  跟进人员"))
    }

    @Test func outsideChangesAreReloadedAndTheCellUnderTheCursorIsReported() throws {
        let tracker = Fixture.tracker()
        let screen = FakeScreen([
            .key(.right),                         // task 1 × 发改 (cooperating)
            .timeout,                             // nothing changed: nothing drawn
            .run { try? tracker.applyFromOutside(.assign(task: 1, unit: "省发改委", role: .lead)) },
            .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options())
        try app.run()
        #expect(screen.frames.count == 4)
        #expect(app.state.plan.task(number: 1)?.role(of: "省发改委") == .lead)
        #expect(screen.frames[2].lines()[22].contains("其他用户修改了当前单元格：任务 1 · 省发改委：协同 → 牵头"))
        #expect(screen.frames[2].lines()[3].contains("牵   牵"), "the matrix shows the new lead")
        #expect(app.state.matrix.row == 0 && app.state.matrix.col == 1)
    }

    @Test func outsideChangeToTheSelectedMilestoneIsReported() throws {
        let tracker = Fixture.tracker()
        var done = Fixture.plan().task(number: 1)!.milestone(id: 2)!
        done.isDone = true
        done.completed = Fixture.today
        let screen = FakeScreen([
            .key(.enter), .key(.down),
            .run { try? tracker.applyFromOutside(.updateMilestone(task: 1, to: done)) },
            .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(.en))
        try app.run()
        let text = screen.frames[3].text
        #expect(text.contains("Someone else changed the selected milestone \"启动首批重点镇基础设施项目\"."))
        #expect(text.contains("2027-06-30  ✓ done"))
        #expect(text.contains("2026-11-24  启动首批重点镇基础设施项目"))
    }

    @Test func aFailingStoreNeverSaysSaved() throws {
        let tracker = Fixture.tracker()
        let screen = FakeScreen([.key(.right), .key(.char("L")), .key(.char("Q"))])
        let app = try App(store: FailingStore(tracker), screen: screen, options: Fixture.options())
        try app.run()
        #expect(screen.framesContaining("已保存") == 0)
        #expect(screen.frames[2].lines()[22].contains("未保存：database is locked"))
        #expect(tracker.records.isEmpty)
        #expect(app.state.plan.task(number: 1)?.role(of: "省发改委") == .cooperating)
        #expect(app.state.undoStack.isEmpty)
    }

    @Test func resizeRedrawsAtTheNewSizeAndTinyScreensDoNotCrash() throws {
        let screen = FakeScreen(width: 1, height: 1, [
            .key(.down), .resize(0, 0), .key(.enter), .resize(20, 5), .resize(100, 30), .key(.char("Q")),
        ])
        let app = try App(store: Fixture.tracker(), screen: screen, options: Fixture.options())
        try app.run()
        #expect(screen.frames.map { "\($0.width)x\($0.height)" } == ["1x1", "1x1", "0x0", "0x0", "20x5", "100x30", "100x30"])
        #expect(screen.frames[4].text.contains("终端太小"))
        #expect(screen.frames[5].lines()[1].contains("任务 2"), "growing back shows the task view opened meanwhile")
    }
}
