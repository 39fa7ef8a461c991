import DubanCore
import Testing
import DubanCanvas
@testable import DubanTUI

/// Someone else changes what this session is editing: the store's compare-and-set refuses
/// instead of overwriting, and a form keeps what was typed.
@Suite struct ConflictTests {
    /// Task 1's view with milestone 2 selected and its edit form open.
    func editingMilestone2() -> (AppState, InMemoryTracker) {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .down)
        press(&s, .char("e"))
        return (s, tracker)
    }

    func replaceTitle(_ s: inout AppState, with text: String) {
        press(&s, .end)
        for _ in 0..<40 { press(&s, .backspace) }
        typeText(&s, text)
    }

    @Test func aFormSavedAfterAColleagueChangedTheSameFieldIsRefusedAndKeepsTheText() throws {
        var (s, tracker) = editingMilestone2()
        // A colleague renames the milestone while the form is open (not yet polled).
        try tracker.applyFromOutside(.updateMilestone(task: 1, id: 2, set: [.title("同事改的名称")]))
        replaceTitle(&s, with: "我的名称")
        perform(&s, press(&s, .enter, .enter, .enter), tracker)
        #expect(tracker.plan.task(number: 1)?.milestone(id: 2)?.title == "同事改的名称", "never a silent overwrite")
        guard let form = s.form else {
            Issue.record("the form closed after a refusal")
            return
        }
        #expect(form[0] == "我的名称", "the typed text stays in the form")
        #expect(form.error?.contains("他人已修改（名称现为“同事改的名称”）；再按 Enter") == true, "the message names what changed: \(form.error ?? "")")
        // Enter again saves deliberately over it.
        perform(&s, press(&s, .enter), tracker)
        #expect(s.overlay == nil)
        #expect(tracker.plan.task(number: 1)?.milestone(id: 2)?.title == "我的名称")
    }

    @Test func aFormAndAColleagueChangingDifferentFieldsBothKeepTheirChange() throws {
        var (s, tracker) = editingMilestone2()
        try tracker.applyFromOutside(.updateMilestone(task: 1, id: 2, set: [.due(Day("2027-09-30"))]))
        try tracker.applyFromOutside(.updateMilestone(task: 1, id: 2, set: [.done(true, completed: Fixture.today)]))
        replaceTitle(&s, with: "我的名称")
        perform(&s, press(&s, .enter, .enter, .enter), tracker)
        let m = try #require(tracker.plan.task(number: 1)?.milestone(id: 2))
        #expect(m.title == "我的名称")
        #expect(m.due == Day("2027-09-30"), "the colleague's due date stays")
        #expect(m.isDone, "the colleague's completion stays")
        #expect(s.overlay == nil && s.status?.text == "已保存")
    }

    @Test func undoChecksTheStoredValueNotTheScreensCopy() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)            // 省发改委 on task 1: cooperating → lead
        // A colleague removes the role; this screen has not polled yet and still shows 牵.
        try tracker.applyFromOutside(.assign(task: 1, unit: "省发改委", role: nil))
        #expect(s.plan.task(number: 1)?.role(of: "省发改委") == .lead)
        let before = tracker.records.count
        perform(&s, press(&s, .char("u")), tracker)
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == nil, "the colleague's change stays")
        #expect(tracker.records.count == before)
        #expect(s.undoStack.isEmpty)
        #expect(s.status?.text.contains("无法撤销") == true)
        #expect(s.plan.task(number: 1)?.role(of: "省发改委") == nil, "the screen catches up")
    }

    @Test func theMilestoneToggleDoesNotUndoAColleaguesCompletion() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .down)                                        // milestone 2, open
        try tracker.applyFromOutside(.updateMilestone(task: 1, id: 2, set: [.done(true, completed: Day("2026-11-20"))]))
        perform(&s, press(&s, .char(" ")), tracker)              // meant "done today"
        let m = try #require(tracker.plan.task(number: 1)?.milestone(id: 2))
        #expect(m.isDone && m.completed == Day("2026-11-20"), "their date stays")
        #expect(s.status?.text.contains("已于 2026-11-20 完成") == true)
    }

    @Test func anOutsideChangeIsShownWithinASecondWhileKeysKeepComing() throws {
        let tracker = Fixture.tracker()
        var now = 0.0
        var steps: [FakeScreen.Step] = [.run { try? tracker.applyFromOutside(.assign(task: 3, unit: "省财政厅", role: .lead)) }]
        // 60 keys, one every 100 ms, never a pause long enough for the idle poll.
        for i in 0..<60 { steps.append(.key(i % 2 == 0 ? .right : .left)) }
        steps.append(.key(.char("Q")))
        let screen = FakeScreen(steps)
        var seenAt: Double?
        let app = try App(store: tracker, screen: screen, options: Fixture.options(), clock: {
            now += 0.05
            return now
        })
        while !app.state.quitting {
            app.step()
            if seenAt == nil, app.state.plan.task(number: 3)?.role(of: "省财政厅") == .lead { seenAt = now }
        }
        let at = try #require(seenAt, "the other user's change never appeared while typing")
        #expect(at <= App.maxPollGap + 0.2)
    }

    @Test func aReplacedTrackerIsReportedAndReopened() throws {
        let tracker = Fixture.tracker()
        let replaced = ReplacedStore(tracker)
        var fresh = Fixture.plan()
        _ = try fresh.apply(.setNotes(task: 1, notes: "新文件"))
        let screen = FakeScreen([
            .run { replaced.gone = true },
            .timeout,
            .key(.right), .key(.char("L")),      // an edit now must not say saved
            .key(.char("R")),
            .key(.char("Q")),
        ])
        let app = try App(store: replaced, screen: screen, options: Fixture.options(), reopen: {
            InMemoryTracker(plan: fresh)
        })
        try app.run()
        #expect(screen.frames.contains { $0.text.contains("已被替换") && $0.text.contains("按 R 重新打开") })
        #expect(screen.framesContaining("已保存") == 0)
        #expect(tracker.records.isEmpty)
        #expect(app.state.fileReplaced == nil)
        #expect(app.state.plan.task(number: 1)?.notes == "新文件", "R reopened the file now at the path")
    }
}

/// A store whose file is replaced under it once `gone` is set.
final class ReplacedStore: ForwardingStore {
    var gone = false
    func check() throws { if gone { throw TrackerReplaced(path: "/srv/督办.duban", removed: false) } }
    override func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] {
        try check()
        return try inner.apply(edits, operatorName: operatorName)
    }
    override func hasOutsideChanges() throws -> Bool {
        try check()
        return try inner.hasOutsideChanges()
    }
}

@Suite struct DateInputFormTests {
    @Test func aDueTypedAsPeopleWriteItIsShownAsUnderstoodAndSaved() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .char("a"))
        typeText(&s, "年中检查")
        press(&s, .enter)
        typeText(&s, "6月底")
        #expect(render(s, width: 80, height: 24).text.contains("即 \(Fixture.today.year)-06-30"))
        perform(&s, press(&s, .enter, .enter), tracker)
        let added = try #require(tracker.plan.task(number: 1)?.milestones.first { $0.title == "年中检查" })
        #expect(added.due == Day(year: Fixture.today.year, month: 6, day: 30))
    }

    @Test func anUnreadableDueIsSaidBesideTheField() {
        var s = Fixture.state()
        press(&s, .enter)
        press(&s, .char("a"))
        typeText(&s, "x")
        press(&s, .enter)
        typeText(&s, "下周")
        #expect(render(s, width: 80, height: 24).text.contains("无法识别的日期"))
        #expect(press(&s, .enter).isEmpty, "nothing is saved")
    }
}
