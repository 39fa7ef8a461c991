import Testing
@testable import DubanCore

/// Plan.apply rules and their inverse edits, and unit look-up by any of a unit's names.
@Suite struct PlanTests {
    static let finance = "省财政厅", agri = "省农委", edu = "省教育厅", ndrc = "省发改委", land = "省国土资源厅"

    /// Task 1: leads 财政, 农委; cooperating 教育, 发改, 国土. Task 2: lead 财政 only, two milestones.
    static func smallPlan() throws -> Plan {
        let units = [
            Unit(name: finance, short: "财政厅", abbr: "财政"),
            Unit(name: agri, short: "农委", abbr: "农委"),
            Unit(name: edu, short: "教育厅", abbr: "教育"),
            Unit(name: ndrc, short: "发改委", abbr: "发改"),
            Unit(name: land, short: "国土资源厅", abbr: "国土"),
        ]
        let t1 = Task(number: 1, title: "推进一", assignments: [
            Assignment(unit: finance, role: .lead), Assignment(unit: agri, role: .lead),
            Assignment(unit: edu, role: .cooperating), Assignment(unit: ndrc, role: .cooperating),
            Assignment(unit: land, role: .cooperating),
        ])
        let t2 = Task(number: 2, title: "推进二", assignments: [Assignment(unit: finance, role: .lead)], milestones: [
            Milestone(id: 1, title: "一季度", due: Day("2027-03-31")),
            Milestone(id: 2, title: "长期"),
        ])
        return try Plan(office: .seed, units: units, tasks: [t1, t2])
    }

    private func refusal(_ plan: Plan, _ edit: Edit) -> DomainError? {
        var p = plan
        do {
            try p.apply(edit)
            return nil
        } catch {
            // A refused edit leaves the plan as it was.
            #expect(p == plan)
            return error
        }
    }

    // MARK: Roles

    @Test func theLastLeadCannotBeRemovedOrDemoted() throws {
        let plan = try Self.smallPlan()
        #expect(refusal(plan, .assign(task: 2, unit: Self.finance, role: nil)) == .lastLead(task: 2, unit: Self.finance))
        #expect(refusal(plan, .assign(task: 2, unit: Self.finance, role: .cooperating)) ==
                .lastLead(task: 2, unit: Self.finance))
        // With two leads, one may go.
        var p = plan
        let undo = try p.apply(.assign(task: 1, unit: Self.finance, role: nil))
        #expect(p.task(number: 1)?.leads == [Self.agri])
        #expect(undo == .assign(task: 1, unit: Self.finance, role: .lead, position: 0, expect: .value(nil)))
        // Now 农委 is the last lead of task 1.
        #expect(refusal(p, .assign(task: 1, unit: Self.agri, role: nil)) == .lastLead(task: 1, unit: Self.agri))
        try p.apply(undo)
        #expect(p == plan)
    }

    @Test func unknownTaskAndUnit() throws {
        let plan = try Self.smallPlan()
        #expect(refusal(plan, .setNotes(task: 9, notes: "x")) == .unknownTask(9))
        #expect(refusal(plan, .assign(task: 9, unit: Self.finance, role: .lead)) == .unknownTask(9))
        #expect(refusal(plan, .removeMilestone(task: 9, id: 1)) == .unknownTask(9))
        #expect(refusal(plan, .assign(task: 1, unit: "省不存在厅", role: .cooperating)) ==
                .unknownUnit("省不存在厅", candidates: []))
        #expect(throws: DomainError.unknownTask(9)) { try plan.resolveTask(9) }
        #expect(try plan.resolveTask(2).title == "推进二")
    }

    @Test func sameRoleAgainIsUnchanged() throws {
        let plan = try Self.smallPlan()
        guard case .unchanged? = refusal(plan, .assign(task: 1, unit: Self.edu, role: .cooperating)) else {
            Issue.record("expected .unchanged")
            return
        }
        guard case .unchanged? = refusal(plan, .assign(task: 2, unit: Self.edu, role: nil)) else {
            Issue.record("expected .unchanged for removing a unit without a role")
            return
        }
    }

    @Test func removingAndRestoringKeepsThePosition() throws {
        let plan = try Self.smallPlan()
        var p = plan
        let undo = try p.apply(.assign(task: 1, unit: Self.ndrc, role: nil))
        #expect(p.task(number: 1)?.assignments.map(\.unit) == [Self.finance, Self.agri, Self.edu, Self.land])
        #expect(undo == .assign(task: 1, unit: Self.ndrc, role: .cooperating, position: 3, expect: .value(nil)))
        try p.apply(undo)
        #expect(p.task(number: 1)?.assignments == plan.task(number: 1)?.assignments)
        #expect(p == plan)
    }

    @Test func changingARoleAndUndoingIt() throws {
        let plan = try Self.smallPlan()
        var p = plan
        let undo = try p.apply(.assign(task: 1, unit: Self.edu, role: .lead))
        #expect(p.task(number: 1)?.leads == [Self.finance, Self.agri, Self.edu])
        #expect(p.task(number: 1)?.cooperating == [Self.ndrc, Self.land])
        #expect(undo == .assign(task: 1, unit: Self.edu, role: .cooperating, position: 2, expect: .value(.lead)))
        try p.apply(undo)
        #expect(p == plan)
    }

    @Test func newUnitsGoAfterTheLeadsOrAtTheEnd() throws {
        let plan = try Self.smallPlan()
        var p = plan
        let undoCoop = try p.apply(.assign(task: 2, unit: Self.land, role: .cooperating))
        let undoLead = try p.apply(.assign(task: 2, unit: Self.agri, role: .lead))
        #expect(p.task(number: 2)?.assignments == [
            Assignment(unit: Self.finance, role: .lead), Assignment(unit: Self.agri, role: .lead),
            Assignment(unit: Self.land, role: .cooperating),
        ])
        #expect(undoLead == .assign(task: 2, unit: Self.agri, role: nil, position: nil, expect: .value(.lead)))
        try p.apply(undoLead)
        try p.apply(undoCoop)
        #expect(p == plan)
    }

    // MARK: Milestones

    @Test func addingAMilestonePicksTheNextIDAndSortsByDue() throws {
        let plan = try Self.smallPlan()
        var p = plan
        let undo = try p.apply(.addMilestone(task: 2, milestone: Milestone(title: "启动", due: Day("2027-01-15"))))
        #expect(undo == .removeMilestone(task: 2, id: 3, expect: .value(Milestone(id: 3, title: "启动", due: Day("2027-01-15")))))
        #expect(p.task(number: 2)?.milestones.map(\.id) == [3, 1, 2])
        #expect(p.taskNumber(ofMilestone: 3) == 2)
        try p.apply(undo)
        #expect(p.tasks == plan.tasks)
        // Ids are not reused after an undo: the next milestone gets 4, not 3 again.
        let again = try p.apply(.addMilestone(task: 1, milestone: Milestone(title: "二季度", due: Day("2027-06-30"))))
        #expect(again == .removeMilestone(task: 1, id: 4, expect: .value(Milestone(id: 4, title: "二季度", due: Day("2027-06-30")))))
    }

    @Test func updatingAndRemovingAreUndoneExactly() throws {
        let plan = try Self.smallPlan()
        var p = plan
        let changed = Milestone(id: 2, title: "长期坚持", due: Day("2026-12-31"), isDone: true,
                                completed: Day("2026-12-01"), owner: Self.finance)
        let undoUpdate = try p.apply(.updateMilestone(task: 2, to: changed))
        #expect(undoUpdate == .updateMilestone(task: 2, id: 2,
                                               set: [.title("长期"), .due(nil), .done(false, completed: nil), .owner(nil)],
                                               expect: [.title("长期坚持"), .due(Day("2026-12-31")),
                                                        .done(true, completed: Day("2026-12-01")), .owner(Self.finance)]))
        // Now dated earlier than milestone 1, so listed first.
        #expect(p.task(number: 2)?.milestones == [changed, Milestone(id: 1, title: "一季度", due: Day("2027-03-31"))])
        let undoRemove = try p.apply(.removeMilestone(task: 2, id: 1))
        #expect(undoRemove == .addMilestone(task: 2, milestone: Milestone(id: 1, title: "一季度", due: Day("2027-03-31"))))
        #expect(p.task(number: 2)?.milestones == [changed])
        try p.apply(undoRemove)
        try p.apply(undoUpdate)
        #expect(p == plan)
    }

    @Test func milestoneRefusals() throws {
        let plan = try Self.smallPlan()
        #expect(refusal(plan, .addMilestone(task: 2, milestone: Milestone(title: "  "))) == .emptyTitle)
        #expect(refusal(plan, .addMilestone(task: 1, milestone: Milestone(id: 1, title: "重复"))) ==
                .unchanged("Milestone 1 exists already."))
        #expect(refusal(plan, .addMilestone(task: 1, milestone: Milestone(title: "x", owner: "省外厅"))) ==
                .unknownUnit("省外厅", candidates: []))
        #expect(refusal(plan, .updateMilestone(task: 2, to: Milestone(id: 99, title: "x"))) ==
                .unknownMilestone(task: 2, id: 99))
        // Milestone 1 belongs to task 2, not task 1.
        #expect(refusal(plan, .updateMilestone(task: 1, to: Milestone(id: 1, title: "x"))) ==
                .unknownMilestone(task: 1, id: 1))
        #expect(refusal(plan, .updateMilestone(task: 2, to: Milestone(id: 2, title: "长期"))) ==
                .unchanged("Milestone 2 is unchanged."))
        #expect(refusal(plan, .updateMilestone(task: 2, to: Milestone(id: 2, title: ""))) == .emptyTitle)
        #expect(refusal(plan, .removeMilestone(task: 2, id: 7)) == .unknownMilestone(task: 2, id: 7))
    }

    @Test func followUpAndNotes() throws {
        let plan = try Self.smallPlan()
        var p = plan
        #expect(refusal(plan, .setFollowUp(task: 1, person: "   ")) == .unchanged("Nothing to change."))
        let undoPerson = try p.apply(.setFollowUp(task: 1, person: "王明"))
        #expect(undoPerson == .setFollowUp(task: 1, person: nil, expect: .value("王明")))
        let undoNotes = try p.apply(.setNotes(task: 1, notes: "已召开联席会议"))
        #expect(undoNotes == .setNotes(task: 1, notes: "", expect: .value("已召开联席会议")))
        #expect(p.task(number: 1)?.followUp == "王明")
        try p.apply(undoNotes)
        try p.apply(undoPerson)
        #expect(p == plan)
    }

    @Test func aSequenceOfEditsUndoesInReverse() throws {
        let plan = try TableImporter.builtIn().plan
        var p = plan
        let edits: [Edit] = [
            .assign(task: 5, unit: "省科技厅", role: .lead),
            .assign(task: 5, unit: "省发改委", role: .cooperating),
            .assign(task: 1, unit: "省电力公司", role: nil),
            .addMilestone(task: 1, milestone: Milestone(title: "一季度调度", due: Day("2027-03-31"))),
            .setFollowUp(task: 1, person: "李红"),
        ]
        var undo: [Edit] = []
        for e in edits { undo.append(try p.apply(e)) }
        #expect(p.task(number: 5)?.leads == ["省科技厅"])
        #expect(p.task(number: 5)?.cooperating.contains("省发改委") == true)
        #expect(p.task(number: 1)?.cooperating.contains("省电力公司") == false)
        #expect(p.task(number: 1)?.milestones.map(\.title) == ["一季度调度"])
        for u in undo.reversed() { try p.apply(u) }
        #expect(p.tasks == plan.tasks)
    }

    @Test func planInvariants() throws {
        let u = Unit(name: Self.finance, short: "财政厅", abbr: "财政")
        #expect(throws: DomainError.duplicateUnit(Self.finance)) { try Plan(office: .seed, units: [u, u], tasks: []) }
        #expect(throws: DomainError.duplicateTaskNumber(1)) {
            try Plan(office: .seed, units: [u], tasks: [Task(number: 1, title: "a"), Task(number: 1, title: "b")])
        }
        #expect(throws: DomainError.unknownUnit("省农委", candidates: [])) {
            try Plan(office: .seed, units: [u], tasks: [Task(number: 1, title: "a", assignments: [Assignment(unit: "省农委", role: .lead)])])
        }
    }

    // MARK: Unit look-up

    @Test func resolveUnitByAnyName() throws {
        let plan = try TableImporter.builtIn().plan
        func name(_ q: String) throws -> String { try plan.resolveUnit(q).name }
        #expect(try name("省财政厅") == "省财政厅")          // full name
        #expect(try name("财政厅") == "省财政厅")            // short name, without 省
        #expect(try name("财政") == "省财政厅")              // abbreviation
        #expect(try name("省住建") == "省住房和城乡建设厅")  // abbreviation with 省
        #expect(try name("工信委") == "省工业和信息化委员会")
        #expect(try name("省工信委") == "省工业和信息化委员会")  // alias
        #expect(try name("建设厅") == "省住房和城乡建设厅")      // alias (the old name)
        #expect(try name("省建设厅") == "省住房和城乡建设厅")
        #expect(try name("省发展和改革委员会") == "省发改委")    // official full form
        #expect(try name("发展和改革委员会") == "省发改委")
        #expect(try name("文明办") == "省精神文明办")
        #expect(try name("省文明办") == "省精神文明办")          // alias, 省 added
        #expect(try name(" 省发改委 ") == "省发改委")            // spaces ignored
        #expect(try name("综合治理") == "省综治委")              // unique partial match
    }

    @Test func resolveUnitAmbiguousAndUnknown() throws {
        let plan = try TableImporter.builtIn().plan
        #expect(throws: DomainError.ambiguousUnit("资源", candidates: ["省国土资源厅", "省人力资源和社会保障厅"])) {
            try plan.resolveUnit("资源")
        }
        // No name contains 财务厅; units sharing a telling character are suggested, in column order.
        #expect(throws: DomainError.unknownUnit("财务厅", candidates: ["省财政厅", "省商务厅"])) {
            try plan.resolveUnit("财务厅")
        }
        #expect(throws: DomainError.unknownUnit("", candidates: [])) { try plan.resolveUnit("  ") }
        // Two units answering to one alias: ambiguous even as an exact match.
        let twins = try Plan(office: .seed, units: [
            Unit(name: "省文化厅", short: "文化厅", abbr: "文化", aliases: ["文广局"]),
            Unit(name: "省广电局", short: "广电局", abbr: "广电", aliases: ["文广局"]),
        ], tasks: [])
        #expect(throws: DomainError.ambiguousUnit("省文广局", candidates: ["省文化厅", "省广电局"])) {
            try twins.resolveUnit("省文广局")
        }
        let e = DomainError.unknownUnit("财务厅", candidates: ["省财政厅", "省商务厅"])
        #expect(e.description == "No unit is called \"财务厅\"; did you mean: 省财政厅, 省商务厅?")
    }

    @Test func aNegativePositionFromAForgedRecordIsNotACrash() throws {
        var p = try Self.smallPlan()
        _ = try p.apply(.assign(task: 2, unit: Self.edu, role: .cooperating, position: -1))
        #expect(p.task(number: 2)?.assignments.last == Assignment(unit: Self.edu, role: .cooperating))
    }
}
