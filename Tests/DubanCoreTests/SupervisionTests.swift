import Testing
@testable import DubanCore

@Suite struct SupervisionTests {
    let today = Day("2027-03-15")!

    func task(_ ms: [Milestone]) -> Task {
        Task(number: 1, title: "t", assignments: [Assignment(unit: "省财政厅", role: .lead)], milestones: ms)
    }

    @Test func statusBoundaries() {
        let w = 14
        #expect(Supervision.status(of: task([]), today: today, warningDays: w) == .noMilestones)
        // Due today is not late yet, but due soon.
        #expect(Supervision.status(of: task([Milestone(id: 1, title: "a", due: today)]), today: today, warningDays: w) == .dueSoon)
        // Due yesterday: overdue.
        #expect(Supervision.status(of: task([Milestone(id: 1, title: "a", due: today.adding(days: -1))]), today: today, warningDays: w) == .overdue)
        // Due in exactly the window: due soon; one day later: on track.
        #expect(Supervision.status(of: task([Milestone(id: 1, title: "a", due: today.adding(days: 14))]), today: today, warningDays: w) == .dueSoon)
        #expect(Supervision.status(of: task([Milestone(id: 1, title: "a", due: today.adding(days: 15))]), today: today, warningDays: w) == .onTrack)
        // Done late still counts as done.
        let late = Milestone(id: 1, title: "a", due: Day("2027-01-01"), isDone: true, completed: Day("2027-02-01"))
        #expect(Supervision.status(of: task([late]), today: today, warningDays: w) == .done)
        // One overdue among done ones wins.
        let open = Milestone(id: 2, title: "b", due: Day("2027-03-01"))
        #expect(Supervision.status(of: task([late, open]), today: today, warningDays: w) == .overdue)
        // Undated open milestone: on track, not done.
        #expect(Supervision.status(of: task([late, Milestone(id: 3, title: "c")]), today: today, warningDays: w) == .onTrack)
        #expect(Supervision.status(of: task([Milestone(id: 1, title: "a", due: today)]), today: today, warningDays: 0) == .dueSoon)
    }

    @Test func quarterlyTemplate() throws {
        let q = Supervision.quarterly(year: 2027)
        #expect(q.map { $0.due!.description } == ["2027-03-31", "2027-06-30", "2027-09-30", "2027-12-31"])
        #expect(q[0].title == "2027年第一季度节点")
        let units = [Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        let plan = try Plan(office: .seed, units: units, tasks: [
            task([]), Task(number: 2, title: "b", milestones: [Milestone(id: 9, title: "x")]), Task(number: 3, title: "c"),
        ])
        let edits = try Supervision.quarterlyEdits(plan: plan, year: 2027, tasks: nil)
        #expect(edits.count == 8)
        #expect(Set(edits.map(\.taskNumber)) == [1, 3])
        #expect(try Supervision.quarterlyEdits(plan: plan, year: 2027, tasks: [2]).count == 4)
        #expect(throws: DomainError.unknownTask(7)) { try Supervision.quarterlyEdits(plan: plan, year: 2027, tasks: [7]) }
        #expect(try Supervision.parseTaskList("1,3-5") == [1, 3, 4, 5])
        #expect(throws: DomainError.self) { try Supervision.parseTaskList("5-3") }
    }

    @Test func overdueListMostLateFirst() throws {
        let units = [Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        let plan = try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: "a", assignments: [Assignment(unit: "省财政厅", role: .lead)],
                 milestones: [Milestone(id: 1, title: "m1", due: Day("2027-03-10")), Milestone(id: 2, title: "m2", due: Day("2027-03-20"))]),
            Task(number: 2, title: "b", milestones: [Milestone(id: 3, title: "m3", due: Day("2027-02-01")),
                                                      Milestone(id: 4, title: "m4", due: Day("2027-05-01"))]),
        ])
        let list = Supervision.overdueList(plan, today: today, warningDays: 14)
        #expect(list.map(\.milestone.id) == [3, 1, 2])
        #expect(list.map(\.daysLate) == [42, 5, -5])
        #expect(list[1].leads == ["省财政厅"])
    }

    @Test func scoresAndMonths() throws {
        #expect(Supervision.wholeMonths(from: Day("2027-01-15")!, to: Day("2027-03-14")!) == 1)
        #expect(Supervision.wholeMonths(from: Day("2027-01-15")!, to: Day("2027-03-15")!) == 2)
        #expect(Supervision.wholeMonths(from: Day("2027-03-15")!, to: Day("2027-01-15")!) == 0)
        let units = [Unit(name: "省财政厅", short: "财政厅", abbr: "财政"), Unit(name: "省农委", short: "农委", abbr: "农委")]
        let plan = try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: "a", assignments: [Assignment(unit: "省财政厅", role: .lead), Assignment(unit: "省农委", role: .cooperating)],
                 milestones: [Milestone(id: 1, title: "m1", due: Day("2027-03-10")), Milestone(id: 2, title: "m2", due: Day("2027-03-01"))],
                 progress: [ProgressReport(date: Day("2027-02-10")!, unit: "省财政厅", progress: "p")]),
        ])
        var s = SupervisionSettings()
        s.periodStart = Day("2027-01-01")
        let scores = Supervision.scores(plan, today: today, settings: s)
        // 财政: 2 overdue × 5 + 1 silent month (02-10 → 03-15) × 2 = 12 off.
        #expect(scores.first(where: { $0.unit.abbr == "财政" })?.score == 88)
        #expect(scores.first(where: { $0.unit.abbr == "农委" })?.score == 100)
        #expect(scores.map(\.unit.abbr) == ["农委", "财政"])
        #expect(Supervision.rulesText(s, chinese: true).contains("扣5分"))
        let custom = try SupervisionSettings(values: ["overdue_penalty": "3", "warning_days": "7"])
        #expect(custom.overduePenalty == 3 && custom.warningDays == 7)
        #expect(throws: DomainError.self) { try SupervisionSettings(values: ["warning_days": "-1"]) }
    }
}

@Suite struct LeadOrderTests {
    @Test func leadsStayFirstAndUndoRestoresThePlace() throws {
        let units = ["省住房和城乡建设厅", "省发改委", "省财政厅", "省国土资源厅"].map { Unit(name: $0, short: $0, abbr: String($0.dropFirst().prefix(2))) }
        var plan = try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: "t", assignments: [Assignment(unit: "省住房和城乡建设厅", role: .lead),
                                                      Assignment(unit: "省发改委", role: .cooperating),
                                                      Assignment(unit: "省财政厅", role: .cooperating)]),
        ])
        let original = plan
        let undo1 = try plan.apply(.assign(task: 1, unit: "省财政厅", role: .lead))
        #expect(plan.task(number: 1)!.assignments.map(\.unit) == ["省住房和城乡建设厅", "省财政厅", "省发改委"])
        let undo2 = try plan.apply(.assign(task: 1, unit: "省住房和城乡建设厅", role: .cooperating))
        #expect(plan.task(number: 1)!.assignments.map(\.unit) == ["省财政厅", "省住房和城乡建设厅", "省发改委"])
        #expect(plan.task(number: 1)!.leads == ["省财政厅"])
        try plan.apply(undo2)
        try plan.apply(undo1)
        #expect(plan == original)
    }
}
