import DubanCore
@testable import DubanStore
import Foundation
import Testing

@Suite struct RoundTripTests {
    @Test func createThenReopenGivesTheSamePlan() throws {
        let dir = try TempDir()
        let plan = try samplePlan()
        do {
            let t = try makeTracker(dir)
            #expect(try t.loadPlan() == plan)
            #expect(!t.isReadOnly)
            #expect(t.path == dir.file("t.duban"))
        }
        let t = try SQLiteTracker.open(at: dir.file("t.duban"))
        let loaded = try t.loadPlan()
        #expect(loaded == plan)
        #expect(loaded.units.map(\.name) == sampleUnits.map(\.name))
        #expect(loaded.tasks.map(\.number) == [1, 2, 3])
        #expect(loaded.office == Office.seed)
        #expect(try t.storedRepairs() == sampleRepairs)
        #expect(try t.unitDirectory() == sampleDirectory)
        let log = try t.log(limit: 10, task: nil)
        #expect(log.count == 1)
        #expect(log.first?.action == "init")
        #expect(log.first?.operatorName == "tester")
        #expect(log.first?.task == nil)
        #expect(log.first?.after == "3 tasks, 5 units, 2 repairs, 6 units in the directory")
    }

    @Test func taskAndUnitOrderIsKeptNotSorted() throws {
        let dir = try TempDir()
        // Rows and columns deliberately out of numeric / name order.
        let units = Array(sampleUnits.reversed())
        let plan = try Plan(office: .seed, units: units, tasks: [
            PTask(number: 9, title: "九", assignments: [Assignment(unit: "省农委", role: .cooperating),
                                                         Assignment(unit: "省财政厅", role: .lead)]),
            PTask(number: 2, title: "二", assignments: [Assignment(unit: "省财政厅", role: .lead)],
                  milestones: [Milestone(id: 7, title: "b", due: day("2026-01-02")),
                               Milestone(id: 8, title: "a", due: day("2026-01-02")),
                               Milestone(id: 5, title: "undated")]),
        ])
        _ = try makeTracker(dir, plan: plan)
        let loaded = try SQLiteTracker.open(at: dir.file("t.duban")).loadPlan()
        #expect(loaded == plan)
        #expect(loaded.tasks.map(\.number) == [9, 2])
        #expect(loaded.task(number: 9)?.assignments.map(\.unit) == ["省农委", "省财政厅"])
        #expect(loaded.task(number: 2)?.milestones.map(\.id) == [7, 8, 5])
    }

    @Test func milestonesWithoutIdGetIdsAtCreate() throws {
        let dir = try TempDir()
        let plan = try Plan(office: .seed, units: sampleUnits, tasks: [
            PTask(number: 1, title: "一", assignments: [Assignment(unit: "省农委", role: .lead)],
                  milestones: [Milestone(id: 0, title: "a", due: day("2026-01-01")), Milestone(id: 4, title: "b", due: day("2026-02-01"))]),
            PTask(number: 2, title: "二", assignments: [Assignment(unit: "省农委", role: .lead)],
                  milestones: [Milestone(id: 0, title: "c")]),
        ])
        let loaded = try makeTracker(dir, plan: plan).loadPlan()
        let ids = loaded.tasks.flatMap { $0.milestones.map(\.id) }
        #expect(Set(ids).count == 3)
        #expect(ids.allSatisfy { $0 > 0 })
        #expect(loaded.task(number: 1)?.milestone(id: 4)?.title == "b")
    }

    @Test func schemaMarksAndJournalMode() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        #expect(try rawValue(path, "PRAGMA application_id", as: Int.self) == 0x4455_4241)
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == Schema.currentVersion)
        #expect(try rawValue(path, "SELECT value FROM meta WHERE key = 'schema_version'", as: String.self) == "\(Schema.currentVersion)")
        #expect(try rawValue(path, "PRAGMA journal_mode", as: String.self) == "wal")
        #expect(try rawValue(path, "SELECT group_concat(identifier, ',') FROM grdb_migrations", as: String.self) == "v1,v2,v3,v4,v5,v6")
    }
}

@Suite struct EditTests {
    @Test func editsPersistAcrossReopen() throws {
        let dir = try TempDir()
        var expected = try samplePlan()
        var applied: [Edit] = []
        do {
            let t = try makeTracker(dir)
            let edits: [Edit] = [
                .assign(task: 1, unit: "省财政厅", role: .cooperating),          // new cooperating unit
                .assign(task: 1, unit: "省发改委", role: .lead),                 // cooperating → lead
                .assign(task: 2, unit: "省住房和城乡建设厅", role: nil),          // role removed
                .addMilestone(task: 3, milestone: Milestone(title: "一季度完成摸底", due: day("2026-03-31"),
                                                            owner: "省农委")),
                .updateMilestone(task: 1, to: Milestone(id: 1, title: "编制规划（修订）", due: day("2026-04-30"),
                                                               isDone: true, completed: day("2026-04-20"))),
                .removeMilestone(task: 1, id: 2),
                .setFollowUp(task: 1, person: "王芳"),
                .setFollowUp(task: 2, person: nil),
                .setNotes(task: 3, notes: "进展情况：已启动\n存在问题：无"),
            ]
            for e in edits { applied.append(try t.apply(e, operatorName: "clerk").edit) }
            for e in applied { try expected.apply(e) }
            let now = try t.loadPlan()
            #expect(now.tasks == expected.tasks)
        }
        let reopened = try SQLiteTracker.open(at: dir.file("t.duban")).loadPlan()
        #expect(reopened.tasks == expected.tasks)
        #expect(reopened.units == expected.units)
        #expect(reopened.office == expected.office)
        // Spot checks, so the test does not only trust Plan.apply.
        let t1 = try #require(reopened.task(number: 1))
        #expect(t1.assignments.map(\.unit) == ["省住房和城乡建设厅", "省发改委", "省国土资源厅", "省财政厅"])
        #expect(t1.leads == ["省住房和城乡建设厅", "省发改委"])
        #expect(t1.followUp == "王芳")
        #expect(t1.milestones.map(\.id) == [1])
        #expect(t1.milestone(id: 1)?.completed == day("2026-04-20"))
        #expect(reopened.task(number: 2)?.role(of: "省住房和城乡建设厅") == nil)
        #expect(reopened.task(number: 2)?.followUp == nil)
        #expect(reopened.task(number: 3)?.notes == "进展情况：已启动\n存在问题：无")
        let added = try #require(reopened.task(number: 3)?.milestones.first { $0.title == "一季度完成摸底" })
        #expect(added.owner == "省农委")
        guard case let .addMilestone(_, m) = applied[3] else { Issue.record("not an add"); return }
        #expect(m.id == added.id)
        #expect(m.id > 3)
    }

    @Test func milestoneIdsAreNeverReusedAndUndoKeepsTheOldId() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        guard case let .addMilestone(_, a) = try t.apply(.addMilestone(task: 2, milestone: Milestone(title: "A")), operatorName: "x").edit
        else { Issue.record("not an add"); return }
        #expect(a.id == 4)
        _ = try t.apply(.removeMilestone(task: 2, id: a.id), operatorName: "x")
        guard case let .addMilestone(_, b) = try t.apply(.addMilestone(task: 2, milestone: Milestone(title: "B")), operatorName: "x").edit
        else { Issue.record("not an add"); return }
        #expect(b.id == 5, "a removed milestone's id is not handed out again")
        // Undo of the removal: the old id comes back.
        let undone = try t.apply(.addMilestone(task: 2, milestone: a), operatorName: "x").edit
        #expect(undone == .addMilestone(task: 2, milestone: a))
        #expect(try t.loadPlan().task(number: 2)?.milestones.map(\.id).sorted() == [4, 5])
        // Re-adding an id that lives in another task is refused and writes nothing.
        let count = try t.log(limit: 1000, task: nil).count
        #expect(throws: DomainError.unchanged("Milestone 3 exists already.")) {
            try t.apply(.addMilestone(task: 1, milestone: Milestone(id: 3, title: "dup")), operatorName: "x")
        }
        #expect(try t.log(limit: 1000, task: nil).count == count)
        #expect(try t.loadPlan().task(number: 1)?.milestones.map(\.id) == [1, 2])
    }

    @Test func lastLeadIsRefusedAndNothingIsWritten() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        let before = try t.loadPlan()
        let records = try t.log(limit: 100, task: nil).count
        #expect(throws: DomainError.lastLead(task: 3, unit: "省农委")) {
            try t.apply(.assign(task: 3, unit: "省农委", role: .cooperating), operatorName: "x")
        }
        #expect(throws: DomainError.lastLead(task: 3, unit: "省农委")) {
            try t.apply(.assign(task: 3, unit: "省农委", role: nil), operatorName: "x")
        }
        #expect(throws: DomainError.self) {
            try t.apply(.assign(task: 1, unit: "省发改委", role: .cooperating), operatorName: "x")  // unchanged
        }
        #expect(throws: DomainError.unknownTask(99)) {
            try t.apply(.setNotes(task: 99, notes: "x"), operatorName: "x")
        }
        #expect(throws: DomainError.unknownUnit("省不存在厅", candidates: [])) {
            try t.apply(.assign(task: 1, unit: "省不存在厅", role: .lead), operatorName: "x")
        }
        #expect(throws: DomainError.unknownMilestone(task: 2, id: 1)) {
            try t.apply(.removeMilestone(task: 2, id: 1), operatorName: "x")  // milestone 1 is task 1's
        }
        #expect(throws: DomainError.emptyTitle) {
            try t.apply(.addMilestone(task: 2, milestone: Milestone(title: "  ")), operatorName: "x")
        }
        #expect(throws: DomainError.unchanged("Nothing to change.")) {
            try t.apply(.setFollowUp(task: 2, person: "李明"), operatorName: "x")
        }
        #expect(try t.log(limit: 100, task: nil).count == records)
        #expect(try t.loadPlan() == before)
        #expect(try SQLiteTracker.open(at: dir.file("t.duban")).loadPlan() == before)
    }

    @Test func auditRecordsDescribeEachEdit() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        let edits: [(Edit, String, String)] = [
            (.assign(task: 2, unit: "省住房和城乡建设厅", role: .lead), "省住房和城乡建设厅: cooperating", "省住房和城乡建设厅: lead"),
            (.assign(task: 3, unit: "省财政厅", role: .cooperating), "省财政厅: none", "省财政厅: cooperating"),
            (.assign(task: 1, unit: "省国土资源厅", role: nil), "省国土资源厅: cooperating", "省国土资源厅: none"),
            (.addMilestone(task: 3, milestone: Milestone(title: "摸底", due: day("2026-03-31"))), "", "#4 摸底 | 2026-03-31 | open | -"),
            (.updateMilestone(task: 3, to: Milestone(id: 4, title: "摸底", due: day("2026-03-31"), isDone: true,
                                                            completed: day("2026-03-30"), owner: "省农委")),
             "#4 摸底 | 2026-03-31 | open | -", "#4 摸底 | 2026-03-31 | done | 2026-03-30 | 省农委"),
            (.removeMilestone(task: 3, id: 3), "#3 建立台账 | - | open | -", ""),
            (.setFollowUp(task: 3, person: "赵强"), "", "赵强"),
            (.setFollowUp(task: 2, person: "   "), "李明", ""),
            (.setNotes(task: 1, notes: "新备注"), "", "新备注"),
        ]
        for (e, _, _) in edits { _ = try t.apply(e, operatorName: "wangfang") }
        let log = try t.log(limit: 100, task: nil)
        #expect(log.count == edits.count + 1)
        #expect(log.map(\.id) == log.map(\.id).sorted(by: >), "newest first")
        for ((e, before, after), r) in zip(edits, log.reversed().dropFirst()) {
            #expect(r.action == e.action)
            #expect(r.task == e.taskNumber)
            #expect(r.operatorName == "wangfang")
            #expect(r.before == before)
            #expect(r.after == after)
            #expect(r.time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "ISO 8601 UTC: \(r.time)")
        }
        // Time is now, in UTC.
        let parsed = try #require(ISO8601DateFormatter().date(from: log[0].time))
        #expect(abs(parsed.timeIntervalSinceNow) < 120)
        // Filters and limits.
        #expect(try t.log(limit: 100, task: 3).map(\.action) == ["followup", "milestone.remove", "milestone.update",
                                                                  "milestone.add", "assign"])
        #expect(try t.log(limit: 2, task: nil).map(\.action) == ["notes", "followup"])
        #expect(try t.log(limit: 0, task: nil).isEmpty)
    }

    @Test func insertingManyLeadsKeepsOrderThroughRenumbering() throws {
        let dir = try TempDir()
        let base = try widePlan(tasks: 1, units: 30)
        var plan = try Plan(office: base.office, units: base.units, tasks: [
            PTask(number: 1, title: "一", assignments: [Assignment(unit: "省发改委", role: .lead),
                                                        Assignment(unit: "省财政厅", role: .cooperating),
                                                        Assignment(unit: "省农委", role: .cooperating)]),
        ])
        let t = try makeTracker(dir, plan: plan)
        // Each new lead goes between the last lead and the first cooperating unit: the
        // gap between positions halves each time until the task has to be renumbered.
        var edits: [Edit] = (10..<25).map { .assign(task: 1, unit: "省单位\($0)", role: .lead) }
        edits.append(.assign(task: 1, unit: "省单位12", role: nil))
        edits.append(.assign(task: 1, unit: "省单位12", role: .lead, position: 0))  // undo-style position
        edits.append(.assign(task: 1, unit: "省农委", role: .lead))                  // keeps its place
        edits.append(.assign(task: 1, unit: "省单位13", role: .cooperating, position: 99))
        for e in edits {
            _ = try t.apply(e, operatorName: "x")
            try plan.apply(e)
        }
        let expected = plan.task(number: 1)!.assignments
        #expect(try t.loadPlan().task(number: 1)?.assignments == expected)
        #expect(try SQLiteTracker.open(at: dir.file("t.duban")).loadPlan().task(number: 1)?.assignments == expected)
        #expect(expected.first?.unit == "省单位12")
    }

    @Test func positionsKeepStoredValuesAndFillGaps() {
        let stored = ["a": 0, "b": 1024, "c": 2048]
        #expect(SQLiteTracker.positions(for: ["a", "x", "b", "c"], stored: stored, moved: "x") == [0, 512, 1024, 2048])
        #expect(SQLiteTracker.positions(for: ["a", "b", "c", "x"], stored: stored, moved: "x") == [0, 1024, 2048, 3072])
        #expect(SQLiteTracker.positions(for: ["x", "a", "b", "c"], stored: stored, moved: "x") == [-1024, 0, 1024, 2048])
        #expect(SQLiteTracker.positions(for: ["a", "c"], stored: stored, moved: "b") == [0, 2048])
        #expect(SQLiteTracker.positions(for: ["a", "b", "c"], stored: stored, moved: "b") == [0, 1024, 2048])
        // No room between 0 and 1: renumber.
        #expect(SQLiteTracker.positions(for: ["a", "x", "b"], stored: ["a": 0, "b": 1], moved: "x") == [0, 1024, 2048])
    }
}

@Suite struct SettingsAndDirectoryTests {
    @Test func settingsAreStoredAuditedAndDeleted() throws {
        let dir = try TempDir()
        do {
            let t = try makeTracker(dir)
            #expect(try t.setting("warning.days") == nil)
            try t.setSetting("warning.days", "14", operatorName: "x")
            try t.setSetting("warning.days", "14", operatorName: "x")  // no-op, not logged
            try t.setSetting("warning.days", "7", operatorName: "x")
            try t.setSetting("theme", "dark", operatorName: "x")
            try t.setSetting("theme", nil, operatorName: "x")
        }
        let t = try SQLiteTracker.open(at: dir.file("t.duban"))
        #expect(try t.setting("warning.days") == "7")
        #expect(try t.setting("theme") == nil)
        let log = try t.log(limit: 10, task: nil).filter { $0.action == "setting" }
        #expect(log.map(\.after) == ["theme unset", "theme = dark", "warning.days = 7", "warning.days = 14"])
        #expect(log.map(\.before) == ["theme = dark", "theme unset", "warning.days = 14", "warning.days unset"])
    }

    @Test func replacingTheUnitDirectoryIsAuditedAndRenamesColumns() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        var units = sampleDirectory
        units[2].abbr = "财"                                   // 省财政厅, a matrix column
        units.removeLast()                                      // 省公安厅
        units.append(PUnit(name: "省民政厅", short: "民政厅", abbr: "民政", aliases: ["民政"]))
        try t.replaceUnitDirectory(units, operatorName: "office")
        try t.replaceUnitDirectory(units, operatorName: "office")  // unchanged: not logged
        #expect(try t.unitDirectory() == units)
        let plan = try SQLiteTracker.open(at: dir.file("t.duban")).loadPlan()
        #expect(plan.unit(named: "省财政厅")?.abbr == "财")
        #expect(plan.units.count == 5, "the directory does not add matrix columns")
        let log = try t.log(limit: 10, task: nil)
        #expect(log.count == 2)
        #expect(log[0].action == "units")
        #expect(log[0].operatorName == "office")
        #expect(log[0].before == "6 units")
        #expect(log[0].after == "6 units: added 省民政厅; changed 省财政厅; removed 省公安厅")
        #expect(throws: DomainError.duplicateUnit("省农委")) {
            try t.replaceUnitDirectory(sampleUnits + [sampleUnits[4]], operatorName: "x")
        }
    }
}

@Suite struct ProgressStoreTests {
    @Test func progressReportsPersistAreAuditedAndUndoable() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        let report = ProgressReport(date: day("2026-04-30"), unit: "省农委", progress: "完成摸底调查",
                                    problems: "资金不足", next: "申请专项资金")
        let applied = try t.apply(.addProgress(task: 3, report: report), operatorName: "clerk")
        guard case let .addProgress(_, stored) = applied.edit else { Issue.record("not an add"); return }
        #expect(stored.id > 0)
        let second = try t.apply(.addProgress(task: 3, report: ProgressReport(date: day("2026-03-31"), unit: "省农委",
                                                                               progress: "启动")), operatorName: "clerk")
        let reopened = try SQLiteTracker.open(at: dir.file("t.duban")).loadPlan()
        let reports = try #require(reopened.task(number: 3)?.progress)
        #expect(reports.map(\.date) == [day("2026-03-31"), day("2026-04-30")])   // oldest first
        #expect(reports[1] == stored)
        let log = try t.log(limit: 1, task: 3)
        #expect(log.first?.action == "progress.add")
        #expect(log.first?.after.contains("存在问题: 资金不足") == false)   // the second add is newest
        #expect(log.first?.after.contains("启动") == true)
        // Undo of the second add, then the report is gone and its id is not reused.
        guard case let .addProgress(_, s2) = second.edit else { Issue.record("not an add"); return }
        _ = try t.apply(.removeProgress(task: 3, id: s2.id), operatorName: "clerk")
        #expect(try t.loadPlan().task(number: 3)?.progress.map(\.id) == [stored.id])
        // An unknown unit and an empty report are refused, nothing written.
        let before = try t.log(limit: 100, task: nil).count
        #expect(throws: DomainError.self) {
            try t.apply(.addProgress(task: 3, report: ProgressReport(date: day("2026-05-01"), unit: "省外交部", progress: "x")), operatorName: "c")
        }
        #expect(throws: DomainError.emptyTitle) {
            try t.apply(.addProgress(task: 3, report: ProgressReport(date: day("2026-05-01"), unit: "省农委", progress: " ")), operatorName: "c")
        }
        #expect(try t.log(limit: 100, task: nil).count == before)
    }
}
