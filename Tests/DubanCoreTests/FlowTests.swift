import DubanCore
import Foundation
import Testing

/// `FlowRules`: the one table of which workflow step is allowed when, and to whom.
@Suite struct FlowTests {
    let lead = Assignment(unit: "省发改委", role: .lead)
    let coop = Assignment(unit: "省财政厅", role: .cooperating)

    func task(_ lead: FlowState, _ coop: FlowState = .assigned, prior: FlowState? = nil) -> Task {
        Task(number: 1, title: "任务", assignments: [
            Assignment(unit: "省发改委", role: .lead, flow: Flow(state: lead, prior: prior)),
            Assignment(unit: "省财政厅", role: .cooperating, flow: Flow(state: coop)),
        ])
    }

    @Test func theTransitionTable() {
        // (state of the lead's part) → steps the office may take.
        #expect(FlowRules.steps(task: task(.assigned), unit: "省发改委") == [.sign, .suspend])
        #expect(FlowRules.steps(task: task(.signed), unit: "省发改委") == [.requestClose, .suspend])
        #expect(FlowRules.steps(task: task(.closing), unit: "省发改委") == [.close, .return, .suspend])
        #expect(FlowRules.steps(task: task(.closed), unit: "省发改委") == [])
        #expect(FlowRules.steps(task: task(.suspended, prior: .closing), unit: "省发改委") == [.resume])
        // A cooperating unit signs but never asks for closure; the office closes its part
        // once a lead asked for closure (the lead reports for it).
        #expect(FlowRules.steps(task: task(.signed, .signed), unit: "省财政厅") == [.suspend])
        #expect(FlowRules.steps(task: task(.closing, .signed), unit: "省财政厅") == [.close, .suspend])
        #expect(FlowRules.steps(task: task(.closed, .signed), unit: "省财政厅") == [.close, .suspend])
    }

    @Test func aUnitsLoginTakesOnlyItsOwnUnitsSteps() {
        #expect(FlowRules.steps(task: task(.assigned), unit: "省发改委", actor: .unit("省发改委")) == [.sign])
        #expect(FlowRules.steps(task: task(.signed), unit: "省发改委", actor: .unit("省发改委")) == [.requestClose])
        #expect(FlowRules.steps(task: task(.closing), unit: "省发改委", actor: .unit("省发改委")) == [])
        #expect(FlowRules.steps(task: task(.assigned), unit: "省发改委", actor: .unit("省财政厅")) == [])
        #expect(FlowRules.refusal(.sign, task: task(.assigned), unit: "省发改委", actor: .unit("省财政厅")) == .otherUnit)
        #expect(FlowRules.refusal(.close, task: task(.closing), unit: "省发改委", actor: .unit("省发改委")) == .officeOnly)
    }

    @Test func aResumeReturnsToTheStateBefore() throws {
        var plan = try Plan(office: .unnamed, units: [Unit(name: "省发改委", short: "发改委", abbr: "发改"),
                                                    Unit(name: "省财政厅", short: "财政厅", abbr: "财政")], tasks: [task(.assigned)])
        let d = Day(year: 2027, month: 1, day: 5)!
        try plan.apply(.flowStep(task: 1, unit: "省发改委", step: .sign, day: d))
        try plan.apply(.flowStep(task: 1, unit: "省发改委", step: .requestClose, day: d, reason: "完成"))
        let undo = try plan.apply(.flowStep(task: 1, unit: "省发改委", step: .suspend, day: d, reason: "调整"))
        #expect(plan.task(number: 1)?.flow(of: "省发改委") == Flow(state: .suspended, since: d, reason: "调整", prior: .closing))
        try plan.apply(.flowStep(task: 1, unit: "省发改委", step: .resume, day: d))
        #expect(plan.task(number: 1)?.flow(of: "省发改委") == Flow(state: .closing, since: d))
        // The undo of the suspension expects the suspension: refused now that it was resumed.
        #expect(throws: DomainError.self) { try plan.apply(undo) }
        #expect(throws: DomainError.futureDate(Day(year: 2027, month: 2, day: 1)!, today: d)) {
            try Edit.flowStep(task: 1, unit: "省发改委", step: .sign, day: Day(year: 2027, month: 2, day: 1)!).checkDates(today: d)
        }
    }

    @Test func refusalsSayWhatIsAllowedInBothLanguages() {
        let r = FlowRefusal(task: 3, unit: "省财政厅", step: .requestClose, state: .signed, why: .notLead, allowed: [.suspend])
        #expect(FlowText.refusal(r, chinese: true) == "只有牵头单位才能申请办结，省财政厅在任务3中是协同单位（由牵头单位一并报告）；现在可以：中止。")
        #expect(FlowText.refusal(r, chinese: false).hasSuffix("allowed now: suspend."))
        let s = FlowRefusal(task: 3, unit: "省发改委", step: .sign, state: .closed, why: .state, allowed: [])
        #expect(FlowText.refusal(s, chinese: true) == "任务3中省发改委的办理状态是“已办结”，不能签收；现在没有可办理的步骤。")
    }

    @Test func stepsTravelInTheFeedAndOldRecordsStillRead() throws {
        let e = Edit.flowStep(task: 1, unit: "省发改委", step: .return, day: Day(year: 2027, month: 1, day: 5)!, reason: "补材料",
                              expect: .value(Flow(state: .closing)))
        let json = ChangeRecord.encode(.edit(e))
        #expect(ChangeRecord.decode(seq: 7, json: json) == ChangeRecord(seq: 7, body: .edit(e)))
        let undo = Edit.restoreRole(task: 1, unit: "省财政厅", role: .cooperating, position: 1, flow: Flow(state: .signed))
        #expect(ChangeRecord.decode(seq: 8, json: ChangeRecord.encode(.edit(undo))).body == .edit(undo))
        // A record written before the workflow existed.
        let old = #"{"edit":{"assign":{"task":1,"unit":"省财政厅","role":"lead","position":null,"expect":{"any":{}}}},"v":1}"#
        #expect(ChangeRecord.decode(seq: 1, json: old).body == .edit(.assign(task: 1, unit: "省财政厅", role: .lead)))
    }

    @Test func lateSigningCountsInTheAssessmentWhenTheOfficeTurnsItOn() throws {
        let units = [Unit(name: "省发改委", short: "发改委", abbr: "发改"), Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        var plan = try Plan(office: .unnamed, units: units, tasks: [task(.assigned), Task(number: 2, title: "二", assignments: [
            Assignment(unit: "省财政厅", role: .lead, flow: Flow(state: .assigned, since: Day(year: 2027, month: 3, day: 8)!))])])
        var s = SupervisionSettings()
        s.periodStart = Day(year: 2027, month: 3, day: 1)!
        let today = Day(year: 2027, month: 3, day: 10)!
        // 省发改委 handed over on the period start (9 days ago): late; 省财政厅 on task 2 two days ago: not yet.
        #expect(Supervision.scores(plan, today: today, settings: s).first { $0.unit.name == "省发改委" }?.lateSignParts == 1)
        #expect(Supervision.scores(plan, today: today, settings: s).allSatisfy { $0.lateSignDeduction == 0 }, "off by default")
        #expect(!Supervision.rulesText(s, chinese: true).contains("签收逾期"))
        s.lateSignPenalty = 3
        let scores = Supervision.scores(plan, today: today, settings: s)
        #expect(scores.first { $0.unit.name == "省发改委" }.map { ($0.lateSignDeduction, $0.score) }! == (3, 100 - 3))
        #expect(scores.first { $0.unit.name == "省财政厅" }?.lateSignParts == 1, "its part of task 1, not yet that of task 2")
        #expect(Supervision.rulesText(s, chinese: true).contains("交办后5天未签收的，每项扣3分（签收逾期）"))
        #expect(Supervision.rulesText(s, chinese: false).contains("minus 3 per part not signed within 5 days"))
        try plan.apply(.flowStep(task: 1, unit: "省发改委", step: .sign, day: today))
        #expect(Supervision.scores(plan, today: today, settings: s).first { $0.unit.name == "省发改委" }?.lateSignParts == 0)
        #expect(OfficeQueue.build(plan, today: today, settings: s).lateSign.map(\.unit) == ["省财政厅"])
    }
}

/// 催办: levels from the lights and thresholds; notices and red cards in the assessment.
@Suite struct EscalationTests {
    func day(_ s: String) -> Day { Day(s)! }

    @Test func levelsRiseWithLatenessAndUnansweredNotices() throws {
        var s = SupervisionSettings()
        s.redDays = 30
        s.responseDays = 7
        var t = Task(number: 1, title: "任务", assignments: [Assignment(unit: "省发改委", role: .lead)],
                     milestones: [Milestone(id: 1, title: "a", due: day("2027-03-31"))])
        #expect(Supervision.escalation(of: t, today: day("2027-03-01"), settings: s) == nil)
        #expect(Supervision.escalation(of: t, today: day("2027-03-20"), settings: s) == .reminder)
        #expect(Supervision.escalation(of: t, today: day("2027-04-10"), settings: s) == .yellow)
        #expect(Supervision.escalation(of: t, today: day("2027-05-01"), settings: s) == .red, "31 days late")
        let notice = IssuedNotice(year: 2027, serial: 1, task: 1, date: day("2027-04-02"), issued: "", operatorName: "x", level: .yellow)
        #expect(Supervision.escalation(of: t, today: day("2027-04-09"), settings: s, notices: [notice]) == .yellow, "7 days to answer")
        #expect(Supervision.escalation(of: t, today: day("2027-04-10"), settings: s, notices: [notice]) == .red, "unanswered")
        t.progress = [ProgressReport(date: day("2027-04-05"), unit: "省发改委", progress: "已答复")]
        #expect(Supervision.escalation(of: t, today: day("2027-04-10"), settings: s, notices: [notice]) == .yellow, "answered")
        t.milestones[0].isDone = true
        #expect(Supervision.escalation(of: t, today: day("2027-05-10"), settings: s, notices: [notice]) == nil)
        // Late to sign, or a lead late to report, calls for a reminder once the tracking start is known.
        s.periodStart = day("2027-04-01")
        #expect(Supervision.escalation(of: t, today: day("2027-05-10"), settings: s) == .reminder)
        t.assignments[0].flow = Flow(state: .signed, since: day("2027-04-02"))
        t.progress.append(ProgressReport(date: day("2027-04-20"), unit: "省发改委", progress: "四月"))
        #expect(Supervision.escalation(of: t, today: day("2027-05-10"), settings: s) == nil)
    }

    @Test func noticesAndRedCardsCountInTheAssessmentWithTheirRules() throws {
        let plan = try Plan(office: .unnamed, units: [Unit(name: "省发改委", short: "发改委", abbr: "发改")], tasks: [
            Task(number: 1, title: "任务", assignments: [Assignment(unit: "省发改委", role: .lead)],
                 milestones: [Milestone(id: 1, title: "a", due: day("2027-03-31"))])])
        var s = SupervisionSettings()
        s.periodStart = day("2027-04-01")
        let notices = [IssuedNotice(year: 2027, serial: 1, task: 1, date: day("2027-04-02"), issued: "", operatorName: "x", level: .yellow)]
        let today = day("2027-05-05")
        let off = try #require(Supervision.scores(plan, today: today, settings: s, notices: notices).first)
        #expect(off.notices == 1 && off.redCards == 1 && off.noticeDeduction == 0 && off.redCardDeduction == 0)
        s.noticePenalty = 3
        s.redCardPenalty = 10
        let on = try #require(Supervision.scores(plan, today: today, settings: s, notices: notices).first)
        #expect(on.noticeDeduction == 3 && on.redCardDeduction == 10 && on.score == 100 - 5 - 2 - 3 - 10)
        #expect(Supervision.rulesText(s, chinese: true).contains("牵头任务每收到一份督办单扣3分"))
        #expect(Supervision.rulesText(s, chinese: false).contains("minus 10 per led task at red card"))
    }
}

@Suite struct UnitInboxTests {
    @Test func toSignToReportAndReturned() throws {
        let units = [Unit(name: "省发改委", short: "发改委", abbr: "发改"), Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        var plan = try Plan(office: .unnamed, units: units, tasks: [
            Task(number: 1, title: "一", assignments: [Assignment(unit: "省发改委", role: .lead), Assignment(unit: "省财政厅", role: .cooperating)]),
            Task(number: 2, title: "二", assignments: [Assignment(unit: "省发改委", role: .lead)]),
        ])
        let d = Day(year: 2027, month: 4, day: 2)!
        var s = SupervisionSettings()
        s.periodStart = Day(year: 2027, month: 1, day: 1)!
        try plan.apply(.flowStep(task: 2, unit: "省发改委", step: .sign, day: d))
        try plan.apply(.flowStep(task: 2, unit: "省发改委", step: .requestClose, day: d))
        try plan.apply(.flowStep(task: 2, unit: "省发改委", step: .return, day: d, reason: "补充材料"))
        try plan.apply(.addProgress(task: 1, report: ProgressReport(date: Day(year: 2027, month: 3, day: 20)!, unit: "省发改委", progress: "三月")))
        let box = UnitInbox.build(plan, unit: "省发改委", today: d, settings: s)
        #expect(box.toSign.map(\.task) == [1])
        #expect(box.returned.map(\.task) == [2] && box.returned.first?.reason == "补充材料")
        #expect(box.toReport.map(\.task) == [2], "task 1 reported in March")
        #expect(box.text(chinese: true).contains("任务2 二：补充材料"))
        #expect(UnitInbox.build(plan, unit: "省财政厅", today: d, settings: s).toReport.isEmpty, "cooperating units do not report")
    }
}

/// Late signing (签收逾期) and missing reports (反馈逾期) raise the task's light to yellow.
@Suite struct FlowLightTests {
    func day(_ s: String) -> Day { Day(s)! }
    let today = Day("2027-04-15")!

    /// A task green by its milestones (due in December), with one lead and one cooperating part.
    func task(lead: Flow, coop: Flow, reports: [ProgressReport] = []) -> Task {
        var t = Task(number: 1, title: "任务", assignments: [
            Assignment(unit: "省发改委", role: .lead, flow: lead),
            Assignment(unit: "省财政厅", role: .cooperating, flow: coop),
        ], milestones: [Milestone(id: 1, title: "a", due: day("2027-12-31"))])
        t.progress = reports
        return t
    }

    @Test func aPartLateToSignIsYellowUntilSigned() {
        var s = SupervisionSettings()
        s.signDays = 5
        let report = [ProgressReport(date: day("2027-03-20"), unit: "省发改委", progress: "三月")]
        // Assigned 10 days ago, sign window 5 days: yellow.
        var t = task(lead: Flow(state: .signed, since: day("2027-03-01")), coop: Flow(state: .assigned, since: day("2027-04-05")), reports: report)
        #expect(Supervision.status(of: t, today: today, warningDays: s.warningDays) == .onTrack)
        #expect(Supervision.status(of: t, today: today, settings: s) == .dueSoon)
        // Signed: green again.
        t.assignments[1].flow = Flow(state: .signed, since: day("2027-04-14"))
        #expect(Supervision.status(of: t, today: today, settings: s) == .onTrack)
        // Within the window: green.
        t.assignments[1].flow = Flow(state: .assigned, since: day("2027-04-12"))
        #expect(Supervision.status(of: t, today: today, settings: s) == .onTrack)
    }

    @Test func aLeadWithoutLastMonthsReportIsYellowOnlyWithAPeriodStart() {
        var s = SupervisionSettings()
        let t = task(lead: Flow(state: .signed), coop: Flow(state: .signed),
                     reports: [ProgressReport(date: day("2027-02-20"), unit: "省发改委", progress: "二月")])
        // No handover day known (no state day, no period_start): not judged.
        #expect(Supervision.status(of: t, today: today, settings: s) == .onTrack)
        s.periodStart = day("2027-01-01")
        #expect(Supervision.status(of: t, today: today, settings: s) == .dueSoon)
        // A report in March: green.
        var reported = t
        reported.progress.append(ProgressReport(date: day("2027-03-28"), unit: "省发改委", progress: "三月"))
        #expect(Supervision.status(of: reported, today: today, settings: s) == .onTrack)
        // Red stays red.
        var red = t
        red.milestones = [Milestone(id: 1, title: "a", due: day("2027-04-01"))]
        #expect(Supervision.status(of: red, today: today, settings: s) == .overdue)
    }
}
