import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// The 督办 workflow in the TUI: matrix marks, the 办理 screen, the 待办 queue and inbox.
@Suite struct FlowTUITests {
    static let lead = "省住房和城乡建设厅"

    /// Task 1: the lead asked for closure, 财政厅 signed, 发改委 suspended; milestone 2 has a
    /// pending extension request. Task 2: 发改委 signed.
    static func plan() -> Plan {
        var p = Fixture.plan()
        func step(_ t: Int, _ u: String, _ s: FlowStep, _ d: String, _ reason: String? = nil) {
            _ = try! p.apply(.flowStep(task: t, unit: u, step: s, day: Day(d)!, reason: reason))
        }
        step(1, lead, .sign, "2026-11-02")
        step(1, lead, .requestClose, "2026-11-20", "规划已印发")
        step(1, "省财政厅", .sign, "2026-11-03")
        step(1, "省发改委", .suspend, "2026-11-05", "等待预算")
        step(2, "省发改委", .sign, "2026-11-04")
        _ = try! p.apply(.requestExtension(task: 1, id: 2, unit: lead, to: Day("2027-09-30")!, reason: "资金未到位", day: Day("2026-11-21")!))
        return p
    }

    static func state(_ language: Language = .zh, width: Int = 80, height: Int = 24) -> AppState {
        Fixture.state(language, plan: plan(), width: width, height: height)
    }

    @Test func matrixCellsMarkTheStateAndTheStatusLineSaysIt() {
        let s = Self.state()
        let g = render(s, width: 80, height: 24)
        let row = g.lines()[3]
        #expect(row.contains("牵…"), "task 1 × 住建: closure requested")
        #expect(row.contains("协‖"), "task 1 × 发改: suspended")
        #expect(row.contains("协+"), "task 1 × 财政: signed")
        #expect(g.lines()[22].contains("申请办结 2026-11-20（规划已印发）"))
        let ascii = render(Fixture.state(ascii: true, plan: Self.plan()), width: 80, height: 24)
        #expect(ascii.lines()[3].contains("L?"))
        #expect(ascii.lines()[3].contains("C-"))
        // A plain assigned cell has no mark.
        #expect(!Fixture.plan().tasks[0].assignments.contains { $0.flow.state != .assigned })
    }

    @Test func flowMarksAreOneColumnInEverySet() {
        for m in [FlowMarks.unicode, .wideSafe, .ascii] { for g in m.all { #expect(TextWidth.width(g) == 1) } }
        for g in FlowMarks.ascii.all { let ascii = g.unicodeScalars.allSatisfy { $0.isASCII }; #expect(ascii) }
        // wide-safe marks avoid East Asian Ambiguous characters (… and ‖ are Ambiguous).
        #expect(!FlowMarks.wideSafe.all.contains("…") && !FlowMarks.wideSafe.all.contains("‖"))
    }

    @Test func theFlowScreenTakesStepsWithCompareAndSet() {
        var s = Self.state()
        press(&s, .char("b"))
        #expect(s.top == .flow)
        let seen = s.plan.task(number: 1)!.flow(of: Self.lead)!
        // 住建 is under the cursor: closing, so close (x) is allowed.
        #expect(press(&s, .char("x")) == [.persist([.flowStep(task: 1, unit: Self.lead, step: .close, day: Fixture.today,
                                                                 expect: .value(seen))], .edit)])
        // Signing a part that asked for closure is refused with the rules' sentence.
        #expect(press(&s, .char("s")).isEmpty)
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.contains("现在可以：销号、退回、中止") == true)
        // Return asks a reason first.
        #expect(press(&s, .char("t")).isEmpty)
        #expect(s.top == .form)
        #expect(press(&s, .enter).isEmpty, "no reason, no return")
        typeText(&s, "附件不全")
        #expect(press(&s, .enter) == [.persist([.flowStep(task: 1, unit: Self.lead, step: .return, day: Fixture.today,
                                                             reason: "附件不全", expect: .value(seen))], .edit)])
    }

    @Test func requestCloseIsForLeadUnitsOnly() {
        var s = Self.state()
        press(&s, .right, .right, .char("b"))  // task 1 × 财政 (cooperating, signed)
        #expect(press(&s, .char("c")).isEmpty)
        #expect(s.status?.text.contains("只有牵头单位才能申请办结") == true)
        // Suspend asks a reason; resume of the suspended 发改委 needs none.
        press(&s, .up)
        let seen = s.plan.task(number: 1)!.flow(of: "省发改委")!
        #expect(press(&s, .char("r")) == [.persist([.flowStep(task: 1, unit: "省发改委", step: .resume, day: Fixture.today,
                                                                 expect: .value(seen))], .edit)])
    }

    @Test func stepsAreUndoable() {
        var s = Self.state()
        let tracker = InMemoryTracker(plan: s.plan)
        press(&s, .char("b"))
        perform(&s, press(&s, .char("x")), tracker)
        #expect(s.plan.task(number: 1)!.flow(of: Self.lead)!.state == .closed)
        #expect(try! tracker.loadPlan().task(number: 1)!.flow(of: Self.lead)!.state == .closed)
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.plan.task(number: 1)!.flow(of: Self.lead)!.state == .closing)
        #expect(try! tracker.loadPlan().task(number: 1)!.flow(of: Self.lead)!.state == .closing)
    }

    @Test func theQueueActsOnItsRows() {
        var s = Self.state()
        let tracker = InMemoryTracker(plan: s.plan)
        press(&s, .char("B"))
        #expect(s.top == .queue)
        let q = s.topScreen(QueueScreen.self)!
        #expect(q.rows.first?.kind == .closure && q.rows.first?.unit == Self.lead)
        // Close the closure request from the list.
        perform(&s, press(&s, .char("x")), tracker)
        #expect(try! tracker.loadPlan().task(number: 1)!.flow(of: Self.lead)!.state == .closed)
        // The extension request is now the first row: approve it.
        #expect(s.topScreen(QueueScreen.self)!.rows.first?.kind == .extensionRequest)
        #expect(press(&s, .char("N")).isEmpty)
        #expect(s.top == .form, "reject asks a reason")
        press(&s, .escape)
        #expect(press(&s, .char("Y")) == [.persist([.decideExtension(task: 1, id: 2, approve: true, day: Fixture.today)], .edit)])
        // Approve on a row that is no extension request is refused.
        var t = Self.state()
        press(&t, .char("B"), .char("Y"))
        #expect(t.status?.kind == .error)
        // Enter opens the row's task.
        press(&s, .enter)
        #expect(s.top == .task)
    }

    @Test func theTaskViewRequestsAndDecidesExtensions() {
        var s = Fixture.state()
        press(&s, .enter)  // task 1, milestone 1 (done) selected
        press(&s, .char("d"))
        #expect(s.top != .form, "a done milestone is not extended")
        press(&s, .char("j"), .char("d"))
        #expect(s.top == .form)
        press(&s, .tab)
        typeText(&s, "2027-09-30")
        press(&s, .tab)
        typeText(&s, "资金未到位")
        #expect(press(&s, .enter) == [.persist([.requestExtension(task: 1, id: 2, unit: Self.lead, to: Day("2027-09-30")!,
                                                                   reason: "资金未到位", day: Fixture.today)], .edit)])
        // Nothing pending on a fresh plan: approving is refused.
        var t = Fixture.state()
        press(&t, .enter, .char("j"), .char("Y"))
        #expect(t.status?.kind == .error)
    }

    @Test func theUnitInboxSignsFromTheList() {
        var s = Self.state()
        press(&s, .right, .char("U"), .char("B"))  // 发改委's inbox
        #expect(s.top == .queue)
        let rows = s.topScreen(QueueScreen.self)!.rows
        #expect(rows.first?.kind == .toSign && rows.first?.task == 3)
        let seen = s.plan.task(number: 3)!.flow(of: "省发改委")!
        #expect(press(&s, .char("s")) == [.persist([.flowStep(task: 3, unit: "省发改委", step: .sign, day: Fixture.today,
                                                                 expect: .value(seen))], .edit)])
    }

    @Test func theTaskViewSaysWhereTheUnitsStand() {
        var s = Self.state()
        press(&s, .enter)
        let text = render(s, width: 80, height: 24).lines().joined(separator: "\n")
        #expect(text.contains("办理状态  已交办 10、已签收 1、申请办结 1、已中止 1、延期待审批 1、b 办理"), "\(text)")
        var plain = Fixture.state()
        press(&plain, .enter)
        #expect(!render(plain, width: 80, height: 24).lines().joined().contains("办理状态"))
    }

    @Test func goldens() {
        var t = Self.state()
        press(&t, .enter)
        Golden.check(render(t, width: 80, height: 24), "task-flow-zh-80x24")
        var s = Self.state()
        press(&s, .char("b"))
        Golden.check(render(s, width: 80, height: 24), "flow-zh-80x24")
        var q = Self.state()
        press(&q, .char("B"))
        Golden.check(render(q, width: 80, height: 24), "queue-zh-80x24")
        Golden.check(render(Self.state(), width: 80, height: 24), "matrix-flow-zh-80x24")
    }

    @Test func keysAreDescribedInBothLanguages() {
        for c in [Command.showFlow, .showQueue, .flowSign, .flowRequestClose, .flowClose, .flowReturn, .flowSuspend, .flowResume,
                  .requestExtension, .approveExtension, .rejectExtension] {
            #expect(Strings.zh.commandHelp[c] != nil && Strings.en.commandHelp[c] != nil)
        }
        #expect(Strings.zh.helpSections[.queue] != nil && Strings.en.helpSections[.flow] != nil)
    }
}
