import Foundation
import Testing
import DubanCore
@testable import DubanStore

/// The edits that add, rename and retire tasks, correct progress reports and add or edit
/// units, on every backend: stored and read back by a second session, caught up through the
/// change feed, undone, and refused on a conflict.
@Suite(.serialized) struct ConformanceTaskUnitTests {
    @Test(arguments: Backend.all)
    func taskAndUnitEditsAreStoredFollowedAndUndone(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        let other = try second()
        let start = try samplePlan()
        let since = try other.snapshot().sequence
        let report = try store.apply(.addProgress(task: 3, report: ProgressReport(date: day("2026-04-30"), unit: "省农委",
                                                                                 progress: "完成摸底", problems: "无")),
                                     operatorName: "clerk")
        guard case let .addProgress(_, r) = report.edit else { Issue.record("no report"); return }
        let edits: [Edit] = [
            .addTask(number: 0, title: "新增任务", notes: "备注", followUp: "王芳"),
            .editTask(task: 1, title: "推进城乡规划一体化（修订）", expect: .value("推进城乡规划一体化")),
            .retireTask(task: 2),
            .updateProgress(task: 3, id: r.id, set: [.problems("资金不足"), .date(day("2026-05-01"))],
                            expect: [.problems("无"), .date(day("2026-04-30"))]),
            .addUnit(unit: DubanCore.Unit(name: "省水利厅", short: "水利厅", abbr: "水利", aliases: ["水务厅"])),
            .editUnit(name: "省农委", set: DubanCore.Unit(name: "省农业委员会", short: "农委", abbr: "农委"), expect: .any),
        ]
        var applied = [report]
        for e in edits { applied.append(try store.apply(e, operatorName: "clerk")) }
        #expect(applied[1].edit == .addTask(number: 4, title: "新增任务", notes: "备注", followUp: "王芳"))
        #expect(applied[1].inverse == .retireTask(task: 4))
        #expect(applied[3].inverse == .restoreTask(task: 2))

        var expected = start
        for a in applied { try expected.apply(a.edit) }
        let stored = try other.loadPlan()
        #expect(stored == expected, "\(b.name): a second session reads what was stored")
        // The retired task is out of the plan but keeps everything and its history.
        #expect(stored.task(number: 2) == nil && stored.tasks.map(\.number) == [1, 3, 4])
        #expect(stored.retiredTask(number: 2)?.leads == ["省发改委", "省财政厅"])
        #expect(try other.task(number: 2) == nil)
        #expect(try store.log(limit: 10, task: 2).map(\.action).first == "task.retire")
        // Renamed everywhere.
        #expect(stored.task(number: 3)?.leads == ["省农业委员会"] && stored.task(number: 3)?.progress.first?.unit == "省农业委员会")
        #expect(stored.office.members.contains("省农业委员会"))
        #expect(stored.task(number: 3)?.progress.first?.problems == "资金不足")

        // The feed brings a second session to the same plan, edit by edit.
        let feed = try other.changes(since: since)
        let fed = feed.records.compactMap { r -> Edit? in if case let .edit(e) = r.body { e } else { nil } }
        #expect(fed.count == applied.count)
        #expect(try PlanReplay.replay(fed, onto: start) == stored)

        // Undo, newest first: the tasks and units are as they were; task 4 stays retired.
        for a in applied.reversed() { _ = try store.apply(a.inverse, operatorName: "clerk") }
        let back = try other.loadPlan()
        #expect(back.tasks == start.tasks && back.units == start.units && back.office == start.office)
        #expect(back.retired.map(\.number) == [4])
        // Redo of the add is a restore; a new task never takes a retired number.
        _ = try store.apply(.restoreTask(task: 4), operatorName: "clerk")
        let five = try store.apply(.addTask(number: 0, title: "再一个"), operatorName: "clerk")
        #expect(five.edit.taskNumber == 5)
    }

    @Test(arguments: Backend.all)
    func staleEditsAreRefusedAndWriteNothing(_ b: Backend) throws {
        guard let (store, second) = try b.open() else { return }
        let other = try second()
        let report = try store.apply(.addProgress(task: 3, report: ProgressReport(date: day("2026-04-30"), unit: "省农委",
                                                                                 progress: "完成摸底")), operatorName: "me")
        guard case let .addProgress(_, r) = report.edit else { Issue.record("no report"); return }
        _ = try other.apply(.editTask(task: 1, title: "同事改的"), operatorName: "colleague")
        _ = try other.apply(.updateProgress(task: 3, id: r.id, set: [.progress("同事改的")]), operatorName: "colleague")
        _ = try other.apply(.editUnit(name: "省财政厅", set: DubanCore.Unit(name: "省财政厅", short: "财政厅", abbr: "财厅")),
                            operatorName: "colleague")
        _ = try other.apply(.retireTask(task: 2), operatorName: "colleague")
        let before = try store.log(limit: 1000, task: nil).count
        let plan = try store.loadPlan()
        #expect(throws: DomainError.conflict(Conflict(task: 1, item: .title, changes: [.title("同事改的")]))) {
            try store.apply(.editTask(task: 1, title: "我的", expect: .value("推进城乡规划一体化")), operatorName: "me")
        }
        #expect(throws: DomainError.self) {
            try store.apply(.updateProgress(task: 3, id: r.id, set: [.progress("我的")], expect: [.progress("完成摸底")]),
                            operatorName: "me")
        }
        let oldFinance = try #require(try samplePlan().unit(named: "省财政厅"))
        #expect(throws: DomainError.self) {
            try store.apply(.editUnit(name: "省财政厅", set: DubanCore.Unit(name: "省财政厅", short: "财政厅", abbr: "财政局"),
                                      expect: .value(oldFinance)), operatorName: "me")
        }
        #expect(throws: DomainError.conflict(Conflict(task: 2, item: .task, changes: [.retired(true)]))) {
            try store.apply(.retireTask(task: 2), operatorName: "me")
        }
        #expect(throws: DomainError.retiredTask(2)) { try store.apply(.setNotes(task: 2, notes: "x"), operatorName: "me") }
        #expect(throws: DomainError.unitNameTaken("发改", by: "省发改委")) {
            try store.apply(.addUnit(unit: DubanCore.Unit(name: "省发展改革委", short: "发展改革委", abbr: "发改")), operatorName: "me")
        }
        #expect(throws: DomainError.duplicateTaskNumber(2)) {
            try store.apply(.addTask(number: 2, title: "撞号"), operatorName: "me")
        }
        #expect(throws: DomainError.unitInUse("省财政厅")) { try store.apply(.removeUnit(name: "省财政厅"), operatorName: "me") }
        #expect(try store.loadPlan() == plan)
        #expect(try store.log(limit: 1000, task: nil).count == before)
    }
}

/// Retired tasks in a tracker file of format 3 (before the column existed).
@Suite struct RetiredColumnMigrationTests {
    func version3(_ dir: TempDir) throws -> String {
        let path = try closedTracker(dir)
        try rawSQL(path, """
            DROP INDEX tasks_retired; ALTER TABLE tasks DROP COLUMN retired;
            ALTER TABLE assignments DROP COLUMN state_prior; ALTER TABLE assignments DROP COLUMN state_reason;
            ALTER TABLE assignments DROP COLUMN state_since; ALTER TABLE assignments DROP COLUMN state;
            ALTER TABLE milestones DROP COLUMN original_due; ALTER TABLE milestones DROP COLUMN extension;
            ALTER TABLE milestones DROP COLUMN kind; ALTER TABLE notices DROP COLUMN level;
            DELETE FROM grdb_migrations WHERE identifier IN ('v4', 'v5', 'v6');
            PRAGMA user_version = 3; UPDATE meta SET value = '3' WHERE key = 'schema_version';
            """)
        return path
    }

    @Test func aReaderOfAnOlderFileSeesEveryTaskAndChangesNothing() throws {
        let dir = try TempDir()
        let path = try version3(dir)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try SQLiteTracker.open(at: path, readOnly: true)
        let plan = try reader.loadPlan()
        #expect(plan.tasks.count == 3 && plan.retired.isEmpty)
        #expect(try reader.task(number: 2) != nil)
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aWriterUpgradesAnOlderFileAndRetires() throws {
        let dir = try TempDir()
        let path = try version3(dir)
        let t = try SQLiteTracker.open(at: path)
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == Schema.currentVersion)
        _ = try t.apply(.retireTask(task: 2), operatorName: "a")
        #expect(try SQLiteTracker.open(at: path, readOnly: true).loadPlan().retired.map(\.number) == [2])
    }
}
