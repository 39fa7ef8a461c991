import Foundation
import Testing
import DubanCore
@testable import DubanStore

/// The 督办 workflow (签收 → 申请办结 → 销号, 退回, 中止/恢复) on every backend: each step
/// stored and read back by a second session, followed through the change feed, undone, and
/// refused when the state, the role or a colleague's change does not allow it.
@Suite(.serialized) struct ConformanceFlowTests {
    static let d1 = day("2027-01-05"), d2 = day("2027-01-20"), d3 = day("2027-02-01")

    @Test(arguments: Backend.all)
    func stepsAreStoredFollowedAndUndone(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        let other = try second()
        let start = try samplePlan()
        let since = try other.snapshot().sequence
        let edits: [Edit] = [
            .flowStep(task: 1, unit: "省住房和城乡建设厅", step: .sign, day: Self.d1),
            .flowStep(task: 1, unit: "省发改委", step: .sign, day: Self.d1, expect: .value(.initial)),
            .flowStep(task: 1, unit: "省住房和城乡建设厅", step: .requestClose, day: Self.d2, reason: "已完成规划编制"),
            .flowStep(task: 1, unit: "省住房和城乡建设厅", step: .return, day: Self.d2, reason: "缺少审批文件"),
            .flowStep(task: 1, unit: "省住房和城乡建设厅", step: .requestClose, day: Self.d3),
            .flowStep(task: 1, unit: "省住房和城乡建设厅", step: .close, day: Self.d3),
            .flowStep(task: 1, unit: "省发改委", step: .close, day: Self.d3),    // a cooperating unit, once its lead closed
            .flowStep(task: 1, unit: "省国土资源厅", step: .suspend, day: Self.d2, reason: "规划调整"),
            .flowStep(task: 1, unit: "省国土资源厅", step: .resume, day: Self.d3),
            .flowStep(task: 2, unit: "省住房和城乡建设厅", step: .sign, day: Self.d1),
            .assign(task: 2, unit: "省住房和城乡建设厅", role: .lead),       // a new role keeps the part's state
            .flowStep(task: 2, unit: "省财政厅", step: .sign, day: Self.d1),
            .assign(task: 2, unit: "省财政厅", role: nil),                  // removed: its undo brings the state back
        ]
        var applied: [AppliedEdit] = []
        for e in edits { applied.append(try store.apply(e, operatorName: "clerk")) }
        #expect(applied[0].inverse == .setFlow(task: 1, unit: "省住房和城乡建设厅", flow: .initial,
                                               expect: .value(Flow(state: .signed, since: Self.d1))))
        #expect(applied.last?.inverse == .restoreRole(task: 2, unit: "省财政厅", role: .lead, position: 1,
                                                      flow: Flow(state: .signed, since: Self.d1)))

        var expected = start
        for a in applied { try expected.apply(a.edit) }
        let stored = try other.loadPlan()
        #expect(stored == expected, "\(b.name): a second session reads what was stored")
        let t1 = try #require(try other.task(number: 1))
        #expect(t1.flow(of: "省住房和城乡建设厅") == Flow(state: .closed, since: Self.d3))
        #expect(t1.flow(of: "省发改委") == Flow(state: .closed, since: Self.d3))
        #expect(t1.flow(of: "省国土资源厅") == Flow(state: .assigned, since: Self.d3))
        let t2 = try #require(stored.task(number: 2))
        #expect(t2.flow(of: "省住房和城乡建设厅") == Flow(state: .signed, since: Self.d1) && t2.role(of: "省住房和城乡建设厅") == .lead)
        #expect(try store.log(limit: 20, task: 1).map(\.action).suffix(3) == ["flow.request-close", "flow.sign", "flow.sign"])

        // The feed brings a second session to the same plan, edit by edit.
        let fed = try other.changes(since: since).records.compactMap { r -> Edit? in if case let .edit(e) = r.body { e } else { nil } }
        #expect(fed.count == applied.count)
        #expect(try PlanReplay.replay(fed, onto: start) == stored)

        // A suspended part remembers where it was.
        _ = try store.apply(.flowStep(task: 3, unit: "省农委", step: .sign, day: Self.d1), operatorName: "clerk")
        let s = try store.apply(.flowStep(task: 3, unit: "省农委", step: .suspend, day: Self.d2, reason: "暂缓"), operatorName: "clerk")
        #expect(try other.task(number: 3)?.flow(of: "省农委") == Flow(state: .suspended, since: Self.d2, reason: "暂缓", prior: .signed))
        _ = try store.apply(.flowStep(task: 3, unit: "省农委", step: .resume, day: Self.d3), operatorName: "clerk")
        #expect(try other.task(number: 3)?.flow(of: "省农委")?.state == .signed)
        _ = s

        // Undo, newest first: every part is back where it started.
        for a in applied.reversed() { _ = try store.apply(a.inverse, operatorName: "clerk") }
        let back = try other.loadPlan()
        #expect(back.tasks.filter { $0.number != 3 } == start.tasks.filter { $0.number != 3 })
        #expect(back.task(number: 2)?.flow(of: "省财政厅") == .initial && back.task(number: 2)?.role(of: "省财政厅") == .lead)
    }

    @Test(arguments: Backend.all)
    func wrongStepsAndStaleStepsAreRefusedAndWriteNothing(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        let other = try second()
        _ = try store.apply(.flowStep(task: 1, unit: "省发改委", step: .sign, day: Self.d1), operatorName: "me")
        let before = try store.log(limit: 1000, task: nil).count
        let plan = try store.loadPlan()
        func refused(_ e: Edit, _ why: FlowRefusal.Why, _ allowed: [FlowStep]) {
            do {
                _ = try store.apply(e, operatorName: "me")
                Issue.record("\(b.name): \(e) was allowed")
            } catch let DomainError.flowRefused(r) {
                #expect(r.why == why && r.allowed == allowed, "\(b.name): \(e)")
            } catch {
                Issue.record("\(b.name): \(e) refused with \(error)")
            }
        }
        // Signed already; a cooperating unit does not ask for closure; a lead that has not
        // signed cannot; nothing to close or return yet; a suspension needs a reason.
        refused(.flowStep(task: 1, unit: "省发改委", step: .sign, day: Self.d2), .state, [.suspend])
        refused(.flowStep(task: 1, unit: "省发改委", step: .requestClose, day: Self.d2), .notLead, [.suspend])
        refused(.flowStep(task: 1, unit: "省住房和城乡建设厅", step: .requestClose, day: Self.d2), .state, [.sign, .suspend])
        refused(.flowStep(task: 1, unit: "省住房和城乡建设厅", step: .close, day: Self.d2), .state, [.sign, .suspend])
        refused(.flowStep(task: 1, unit: "省发改委", step: .close, day: Self.d2), .leadNotClosing, [.suspend])
        refused(.flowStep(task: 1, unit: "省发改委", step: .return, day: Self.d2, reason: "x"), .state, [.suspend])
        refused(.flowStep(task: 1, unit: "省发改委", step: .resume, day: Self.d2), .state, [.suspend])
        refused(.flowStep(task: 1, unit: "省发改委", step: .suspend, day: Self.d2, reason: " "), .noReason, [.suspend])
        #expect(throws: DomainError.noRole(task: 3, unit: "省财政厅")) {
            try store.apply(.flowStep(task: 3, unit: "省财政厅", step: .sign, day: Self.d2), operatorName: "me")
        }
        // A colleague's step since the person read the part: a conflict, not a second step.
        _ = try other.apply(.flowStep(task: 1, unit: "省住房和城乡建设厅", step: .sign, day: Self.d1), operatorName: "colleague")
        #expect(throws: DomainError.conflict(Conflict(task: 1, item: .flow(unit: "省住房和城乡建设厅"),
                                                      changes: [.flow(Flow(state: .signed, since: Self.d1))]))) {
            try store.apply(.flowStep(task: 1, unit: "省住房和城乡建设厅", step: .suspend, day: Self.d2, reason: "x",
                                      expect: .value(.initial)), operatorName: "me")
        }
        // An undo over a colleague's later step is refused too.
        let mine = try store.apply(.flowStep(task: 2, unit: "省发改委", step: .sign, day: Self.d1), operatorName: "me")
        _ = try other.apply(.flowStep(task: 2, unit: "省发改委", step: .requestClose, day: Self.d2), operatorName: "colleague")
        #expect(throws: DomainError.self) { try store.apply(mine.inverse, operatorName: "me") }
        var expected = plan
        try expected.apply(.flowStep(task: 1, unit: "省住房和城乡建设厅", step: .sign, day: Self.d1))
        try expected.apply(mine.edit)
        try expected.apply(.flowStep(task: 2, unit: "省发改委", step: .requestClose, day: Self.d2))
        #expect(try store.loadPlan() == expected)
        #expect(try store.log(limit: 1000, task: nil).count == before + 3)
    }
}

/// The workflow's columns arrive with schema version 5: an older file opens (migrated when
/// it can be written, read as it is otherwise) with every part at 已交办.
@Suite struct FlowSchemaTests {
    /// A version-4 tracker, as the duban before the workflow left it.
    func version4(_ dir: TempDir) throws -> String {
        let path = try closedTracker(dir)
        try rawSQL(path, """
            ALTER TABLE assignments DROP COLUMN state_prior; ALTER TABLE assignments DROP COLUMN state_reason;
            ALTER TABLE assignments DROP COLUMN state_since; ALTER TABLE assignments DROP COLUMN state;
            ALTER TABLE milestones DROP COLUMN original_due; ALTER TABLE milestones DROP COLUMN extension;
            ALTER TABLE milestones DROP COLUMN kind; ALTER TABLE notices DROP COLUMN level;
            DROP INDEX tasks_retired; DELETE FROM grdb_migrations WHERE identifier IN ('v5', 'v6');
            PRAGMA user_version = 4; UPDATE meta SET value = '4' WHERE key = 'schema_version';
            """)
        return path
    }

    @Test func aVersion4FileIsReadAsItIsWhenReadOnlyAndMigratedOtherwise() throws {
        let dir = try TempDir()
        let path = try version4(dir)
        let reader = try SQLiteTracker.open(at: path, readOnly: true)
        let plan = try reader.loadPlan()
        #expect(plan.tasks == (try samplePlan()).tasks)
        #expect(try reader.task(number: 1)?.flow(of: "省发改委") == .initial)
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == 4)
        // The first screen's count works without the index of version 6 too.
        #expect(try reader.firstTasks(1).totalTasks == plan.tasks.count)

        let writer = try SQLiteTracker.open(at: path)
        #expect(try rawValue(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_retired'", as: Int.self) == 1)
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == Schema.currentVersion)
        #expect(try rawValue(path, "SELECT value FROM meta WHERE key = 'schema_version'", as: String.self) == "\(Schema.currentVersion)")
        _ = try writer.apply(.flowStep(task: 1, unit: "省发改委", step: .sign, day: day("2027-01-05")), operatorName: "me")
        #expect(try SQLiteTracker.open(at: path).task(number: 1)?.flow(of: "省发改委")?.state == .signed)
        #expect(try rawValue(path, "SELECT state FROM assignments WHERE task = 1 AND unit = '省发改委'", as: String.self) == "signed")
    }

    @Test func aPlanWithStatesIsCreatedWithThem() throws {
        let dir = try TempDir()
        var plan = try samplePlan()
        try plan.apply(.flowStep(task: 2, unit: "省发改委", step: .sign, day: day("2027-01-05")))
        try plan.apply(.flowStep(task: 2, unit: "省发改委", step: .suspend, day: day("2027-01-06"), reason: "等待批复"))
        let t = try makeTracker(dir, plan: plan)
        #expect(try t.loadPlan() == plan)
    }
}

/// 延期申请 on every backend: asked by a lead unit before the due date, approved (the due
/// date moves, the original is kept) or rejected (the date stays), undone, refused.
@Suite(.serialized) struct ConformanceExtensionTests {
    @Test(arguments: Backend.all)
    func extensionsAreAskedDecidedStoredAndUndone(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        let other = try second()
        let start = try samplePlan()
        let since = try other.snapshot().sequence
        let asked = day("2026-03-01"), decided = day("2026-03-05")
        let edits: [Edit] = [
            .requestExtension(task: 1, id: 1, unit: "省住房和城乡建设厅", to: day("2026-05-31"), reason: "资金未到位", day: asked),
            .decideExtension(task: 1, id: 1, approve: true, day: decided),
            .requestExtension(task: 1, id: 1, unit: "省住房和城乡建设厅", to: day("2026-06-30"), reason: "再延一月", day: decided),
            .decideExtension(task: 1, id: 1, approve: false, reason: "理由不充分", day: decided),
        ]
        var applied: [AppliedEdit] = []
        for e in edits { applied.append(try store.apply(e, operatorName: "clerk")) }
        let m = try #require(try other.task(number: 1)?.milestone(id: 1))
        #expect(m.due == day("2026-05-31") && m.originalDue == day("2026-03-31"))
        #expect(m.extensionRequest == ExtensionRequest(unit: "省住房和城乡建设厅", to: day("2026-06-30"), reason: "再延一月", asked: decided,
                                                       from: day("2026-05-31"), decision: .rejected(on: decided, reason: "理由不充分")))
        var expected = start
        for a in applied { try expected.apply(a.edit) }
        let stored = try other.loadPlan()
        #expect(stored == expected, "\(b.name): a second session reads what was stored")
        #expect(try store.log(limit: 10, task: 1).map(\.action).prefix(2) == ["extension.reject", "extension.request"])
        let fed = try other.changes(since: since).records.compactMap { r -> Edit? in if case let .edit(e) = r.body { e } else { nil } }
        #expect(try PlanReplay.replay(fed, onto: start) == stored)

        // Refused: not a lead, after the due date, not later, nothing pending, already pending.
        func refused(_ e: Edit, _ r: ExtensionRefusal) {
            #expect(throws: DomainError.extensionRefused(r, task: e.taskNumber, id: e.milestoneID ?? 0), "\(b.name): \(e)") {
                try store.apply(e, operatorName: "me")
            }
        }
        refused(.requestExtension(task: 1, id: 1, unit: "省发改委", to: day("2026-07-31"), reason: "x", day: decided), .notLead("省发改委"))
        refused(.requestExtension(task: 1, id: 1, unit: "省住房和城乡建设厅", to: day("2026-07-31"), reason: "x", day: day("2026-06-01")),
                .tooLate(due: day("2026-05-31")))
        refused(.requestExtension(task: 1, id: 1, unit: "省住房和城乡建设厅", to: day("2026-05-01"), reason: "x", day: decided),
                .notLater(due: day("2026-05-31")))
        refused(.requestExtension(task: 1, id: 2, unit: "省住房和城乡建设厅", to: day("2026-09-01"), reason: "x", day: decided), .notOpen)
        refused(.decideExtension(task: 1, id: 1, approve: true, day: decided), .nothingPending)

        // Undo, newest first: the milestone as it was.
        for a in applied.reversed() { _ = try store.apply(a.inverse, operatorName: "clerk") }
        #expect(try other.loadPlan().tasks == start.tasks)
    }
}

/// Each 督办单 records the escalation level it was issued at, on every backend.
@Suite(.serialized) struct ConformanceNoticeLevelTests {
    @Test(arguments: Backend.all)
    func theLevelIsRecordedInTheRegister(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        #expect(try store.issueNotice(task: 1, date: day("2027-04-10"), level: .yellow, operatorName: "clerk") == 1)
        #expect(try store.issueNotice(task: 2, date: day("2027-04-11"), level: .red, operatorName: "clerk") == 2)
        #expect(try store.issueNotice(task: 3, date: day("2027-04-12"), operatorName: "clerk") == 3)
        #expect(try second().noticeRegister().notices.map(\.level) == [.yellow, .red, nil], "\(b.name)")
    }
}

/// A task's 具体方案 is a milestone of its own kind, on every backend.
@Suite(.serialized) struct ConformancePlanDocumentTests {
    @Test(arguments: Backend.all)
    func thePlanMilestoneKeepsItsKind(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        let added = try store.apply(.addMilestone(task: 3, milestone: Milestone(title: "具体方案", due: day("2027-02-28"), owner: "省农委",
                                                                                kind: .plan)), operatorName: "clerk")
        guard case let .addMilestone(_, m) = added.edit else { Issue.record("no milestone"); return }
        #expect(try second().task(number: 3)?.milestone(id: m.id)?.kind == .plan, "\(b.name)")
        #expect(try second().loadPlan().task(number: 3)?.milestone(id: m.id)?.kind == .plan)
        #expect(throws: DomainError.self, "one plan per task") {
            try store.apply(.addMilestone(task: 3, milestone: Milestone(title: "具体方案", kind: .plan)), operatorName: "clerk")
        }
        _ = try store.apply(.updateMilestone(task: 3, id: m.id, set: [.done(true, completed: day("2027-02-20"))]), operatorName: "clerk")
        let done = try #require(try second().task(number: 3)?.milestone(id: m.id))
        #expect(done.kind == .plan && done.completed == day("2027-02-20"))
        #expect(throws: DomainError.self, "the undo of the add expects the milestone as added") { try store.apply(added.inverse, operatorName: "clerk") }
        _ = try store.apply(.removeMilestone(task: 3, id: m.id, expect: .value(done)), operatorName: "clerk")
        #expect(try second().task(number: 3)?.milestones.contains { $0.kind == .plan } == false)
    }
}
