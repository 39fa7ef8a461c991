import Foundation
import Testing
@testable import DubanCore

/// Plan.apply of the edits that add, rename and retire tasks, correct progress reports and
/// add or edit units, each with its inverse.
@Suite struct PlanTaskUnitEditTests {
    typealias P = PlanTests

    static func planWithReport() throws -> Plan {
        var p = try P.smallPlan()
        try p.apply(.addProgress(task: 2, report: ProgressReport(id: 7, date: Day("2027-01-10")!, unit: P.finance,
                                                                 progress: "进展", problems: "问题", next: "下一步")))
        return p
    }

    private func undoRestores(_ plan: Plan, _ edit: Edit) throws -> Plan {
        var p = plan
        let inverse = try p.apply(edit)
        var back = p
        try back.apply(inverse)
        #expect(back == plan, "\(edit) then \(inverse)")
        return p
    }

    @Test func addTaskTakesTheNextNumberNeverAReusedOne() throws {
        var p = try P.smallPlan()
        let inverse = try p.apply(.addTask(number: 0, title: " 新任务 ", notes: "备注", followUp: "张三"))
        #expect(inverse == .retireTask(task: 3))
        let t = try #require(p.task(number: 3))
        #expect(t.title == "新任务" && t.notes == "备注" && t.followUp == "张三" && t.leads.isEmpty)
        #expect(Edit.addTask(number: 0, title: "x").withID(from: inverse) == .addTask(number: 3, title: "x"))
        // Undo retires it: its number stays taken.
        try p.apply(inverse)
        #expect(p.task(number: 3) == nil && p.retiredTask(number: 3)?.title == "新任务")
        try p.apply(.addTask(number: 0, title: "再一个"))
        #expect(p.task(number: 4)?.title == "再一个")
        var q = p
        #expect(throws: DomainError.duplicateTaskNumber(3)) { try q.apply(.addTask(number: 3, title: "撞号")) }
        #expect(throws: DomainError.emptyTitle) { try q.apply(.addTask(number: 0, title: "  ")) }
        #expect(throws: DomainError.self) { try q.apply(.addTask(number: 0, title: String(repeating: "长", count: Limits.taskTitle + 1))) }
    }

    @Test func editTaskKeepsTheNumberAndChecksWhatWasSeen() throws {
        let plan = try P.smallPlan()
        let p = try undoRestores(plan, .editTask(task: 1, title: "改名", expect: .value("推进一")))
        #expect(p.task(number: 1)?.title == "改名" && p.task(number: 1)?.assignments == plan.task(number: 1)?.assignments)
        var q = plan
        #expect(throws: DomainError.conflict(Conflict(task: 1, item: .title, changes: [.title("推进一")]))) {
            try q.apply(.editTask(task: 1, title: "改名", expect: .value("别的")))
        }
        #expect(throws: DomainError.unknownTask(9)) { try q.apply(.editTask(task: 9, title: "x")) }
    }

    @Test func retireTakesTheTaskOutWholeAndRestoreBringsItBack() throws {
        let plan = try Self.planWithReport()
        var p = plan
        let inverse = try p.apply(.retireTask(task: 2))
        #expect(inverse == .restoreTask(task: 2))
        #expect(p.tasks.map(\.number) == [1] && p.task(number: 2) == nil)
        #expect(p.counts(for: P.finance) == (lead: 1, cooperating: 0))
        let kept = try #require(p.retiredTask(number: 2))
        #expect(kept.milestones.count == 2 && kept.progress.count == 1 && kept.leads == [P.finance])
        // A retired task takes no edit and cannot be retired twice.
        #expect(throws: DomainError.retiredTask(2)) { try p.apply(.setNotes(task: 2, notes: "x")) }
        #expect(throws: DomainError.conflict(Conflict(task: 2, item: .task, changes: [.retired(true)]))) {
            try p.apply(.retireTask(task: 2))
        }
        try p.apply(inverse)
        #expect(p == plan)
        #expect(throws: DomainError.conflict(Conflict(task: 2, item: .task, changes: [.retired(false)]))) {
            try p.apply(.restoreTask(task: 2))
        }
    }

    @Test func updateProgressSetsOnlyTheNamedPartsAndUndoes() throws {
        let plan = try Self.planWithReport()
        let p = try undoRestores(plan, .updateProgress(task: 2, id: 7, set: [.problems("无"), .date(Day("2027-01-11")!)],
                                                       expect: [.problems("问题"), .date(Day("2027-01-10")!)]))
        let r = try #require(p.task(number: 2)?.progress.first)
        #expect(r.problems == "无" && r.progress == "进展" && r.date == Day("2027-01-11"))
        var q = plan
        // Someone changed 存在问题 since: refused.
        try q.apply(.updateProgress(task: 2, id: 7, set: [.problems("别人改的")]))
        let before = q
        #expect(throws: DomainError.self) {
            try q.apply(.updateProgress(task: 2, id: 7, set: [.problems("无")], expect: [.problems("问题")]))
        }
        #expect(q == before)
        // A change of another part does not conflict.
        try q.apply(.updateProgress(task: 2, id: 7, set: [.next("后续")], expect: [.next("下一步")]))
        #expect(throws: DomainError.emptyTitle) {
            try q.apply(.updateProgress(task: 2, id: 7, set: [.progress(""), .problems(""), .next("")]))
        }
        #expect(throws: DomainError.futureDate(Day("2027-02-01")!, today: Day("2027-01-31")!)) {
            try Edit.updateProgress(task: 2, id: 7, set: [.date(Day("2027-02-01")!)]).checkDates(today: Day("2027-01-31")!)
        }
    }

    @Test func addUnitRefusesANameAnotherUnitAnswersTo() throws {
        let plan = try P.smallPlan()
        var p = plan
        let u = Unit(name: "省水利厅", short: "水利厅", abbr: "水利", aliases: ["水务"])
        let inverse = try p.apply(.addUnit(unit: u))
        #expect(inverse == .removeUnit(name: "省水利厅", expect: .value(u)))
        #expect(p.units.last == u && (try? p.resolveUnit("水务"))?.name == "省水利厅")
        var back = p
        try back.apply(inverse)
        #expect(back == plan)
        #expect(throws: DomainError.unitNameTaken("财政", by: P.finance)) {
            try p.apply(.addUnit(unit: Unit(name: "省财政局", short: "财政局", abbr: "财政")))
        }
        #expect(throws: DomainError.unitNameTaken("省水利厅", by: "省水利厅")) {
            try p.apply(.addUnit(unit: Unit(name: "省水利厅", short: "x", abbr: "x")))
        }
        // 财政厅 is 省财政厅 without the prefix.
        #expect(throws: DomainError.unitNameTaken("财政厅", by: P.finance)) {
            try p.apply(.addUnit(unit: Unit(name: "财政厅", short: "财厅", abbr: "财厅")))
        }
        // A unit in use cannot be removed.
        #expect(throws: DomainError.unitInUse(P.finance)) { try p.apply(.removeUnit(name: P.finance)) }
    }

    @Test func editUnitRenamesEverywhereAndUndoes() throws {
        let plan = try Self.planWithReport()
        let old = try #require(plan.unit(named: P.finance))
        let renamed = Unit(name: "省财政局", short: "财政局", abbr: "财政", aliases: ["财政厅"])
        let p = try undoRestores(plan, .editUnit(name: P.finance, set: renamed, expect: .value(old)))
        #expect(p.unit(named: P.finance) == nil && p.unit(named: "省财政局") == renamed)
        #expect(p.task(number: 2)?.leads == ["省财政局"] && p.task(number: 2)?.progress.first?.unit == "省财政局")
        #expect(p.office.members.contains("省财政局"))
        var q = plan
        #expect(throws: DomainError.unitNameTaken("农委", by: P.agri)) {
            try q.apply(.editUnit(name: P.finance, set: Unit(name: P.finance, short: "财政厅", abbr: "农委")))
        }
        // Someone else changed the unit since it was read.
        try q.apply(.editUnit(name: P.finance, set: Unit(name: P.finance, short: "财政厅", abbr: "财厅")))
        #expect(throws: DomainError.self) {
            try q.apply(.editUnit(name: P.finance, set: renamed, expect: .value(old)))
        }
    }

    @Test func newEditsRoundTripThroughTheChangeFeedAndOldRecordsStillDecode() throws {
        let edits: [Edit] = [
            .addTask(number: 3, title: "新", notes: "n", followUp: nil), .editTask(task: 1, title: "t", expect: .value("s")),
            .retireTask(task: 2), .restoreTask(task: 2),
            .updateProgress(task: 2, id: 7, set: [.next("x")], expect: [.next("y")]),
            .addUnit(unit: Unit(name: "省水利厅", short: "水利厅", abbr: "水利", aliases: ["水务"])),
            .removeUnit(name: "省水利厅"), .editUnit(name: "a", set: Unit(name: "b", short: "b", abbr: "b")),
        ]
        for e in edits {
            let json = ChangeRecord.encode(.edit(e))
            #expect(ChangeRecord.decode(seq: 1, json: json).body == .edit(e), "\(json)")
        }
        // A record written before these edits existed.
        let old = #"{"edit":{"setNotes":{"expect":{"any":{}},"notes":"x","task":1}},"v":1}"#
        #expect(ChangeRecord.decode(seq: 1, json: old).body == .edit(.setNotes(task: 1, notes: "x")))
    }
}
