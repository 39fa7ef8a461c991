import DubanCore
@testable import DubanStore
import Foundation
import Testing

/// The throwaway PostgreSQL server of the tests: `$DUBAN_TEST_PG` (set by .ci/run), else
/// the cluster scripts/test-postgres.sh starts (or finds running). Nil only off CI when no
/// server can be had; on CI that is a failure, never a skip.
enum TestPostgres {
    static let baseURL: String? = {
        if let u = ProcessInfo.processInfo.environment["DUBAN_TEST_PG"], !u.isEmpty { return u }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/test-postgres.sh").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, "start"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return line.hasPrefix("DUBAN_TEST_PG=") ? String(line.dropFirst("DUBAN_TEST_PG=".count)) : nil
    }()

    static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// A new, empty database on the test server; its URL.
    static func freshDatabase() throws -> String? {
        guard let base = baseURL else {
            if required { throw HarnessFailure("no PostgreSQL server for the tests (scripts/test-postgres.sh start failed)") }
            return nil
        }
        let name = "duban_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresTracker.createDatabase(name, server: base)
        var url = URLComponents(string: base)!
        url.path = "/" + name
        return url.string!
    }
}

/// Folders the conformance tests' trackers live in, kept until the tests end.
enum KeepAlive {
    static let folders = UncheckedBox(NSMutableArray())
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// One tracker, reached by up to two sessions (a second instance, as another person would).
struct Backend: CustomTestStringConvertible, Sendable {
    let name: String
    let open: @Sendable () throws -> (any TrackerStore, @Sendable () throws -> any TrackerStore)?
    /// The same tracker opened by someone who may only read it.
    var readOnly: @Sendable (any TrackerStore) throws -> any TrackerStore = { _ in throw HarnessFailure("no read-only form") }
    var testDescription: String { name }

    static let all: [Backend] = [
        Backend(name: "memory") {
            let t = InMemoryTracker(plan: try samplePlan(), unitDirectory: sampleDirectory, repairs: sampleRepairs)
            let shared = UncheckedBox(t)
            return (t, { shared.value })
        } readOnly: { store in
            let copy = InMemoryTracker(plan: try store.loadPlan())
            copy.isReadOnly = true
            return copy
        },
        Backend(name: "sqlite") {
            let dir = try TempDir()
            KeepAlive.folders.value.add(dir)
            let t = try makeTracker(dir)
            let path = t.path
            return (t, { try SQLiteTracker.open(at: path) })
        } readOnly: { store in
            try SQLiteTracker.open(at: store.location, readOnly: true)
        },
        Backend(name: "postgres") {
            guard let url = try TestPostgres.freshDatabase() else { return nil }
            let t = try PostgresTracker.create(url: url, plan: try samplePlan(), repairs: sampleRepairs,
                                               unitDirectory: sampleDirectory, operatorName: "tester", force: false)
            return (t, { try PostgresTracker.open(url: url) })
        } readOnly: { store in
            try PostgresTracker.open(url: store.location, readOnly: true)   // the tests' server needs no password
        },
    ]
}

@Suite(.serialized) struct ConformanceTests {
    func open(_ b: Backend) throws -> (any TrackerStore, @Sendable () throws -> any TrackerStore)? {
        guard let pair = try b.open() else {
            print("\(b.name): no server here; skipped (CI always has one)")
            return nil
        }
        return pair
    }

    @Test(arguments: Backend.all)
    func everyEditKindIsStoredAndReadBack(_ b: Backend) throws {
        guard let (store, second) = try open(b) else { return }
        var expected = try samplePlan()
        let edits: [Edit] = [
            .assign(task: 1, unit: "省财政厅", role: .cooperating),
            .assign(task: 1, unit: "省发改委", role: .lead),
            .assign(task: 2, unit: "省住房和城乡建设厅", role: nil),
            .addMilestone(task: 3, milestone: Milestone(title: "一季度完成摸底", due: day("2026-03-31"), owner: "省农委")),
            .updateMilestone(task: 1, id: 1, set: [.title("编制规划（修订）"), .done(true, completed: day("2026-04-20"))]),
            .removeMilestone(task: 1, id: 2),
            .setFollowUp(task: 1, person: "王芳"),
            .setNotes(task: 3, notes: "进展情况：已启动\n存在问题：无"),
            .addProgress(task: 3, report: ProgressReport(date: day("2026-04-30"), unit: "省农委", progress: "完成摸底")),
        ]
        var applied: [AppliedEdit] = []
        for e in edits { applied.append(try store.apply(e, operatorName: "clerk")) }
        for a in applied { try expected.apply(a.edit) }
        let other = try second()
        #expect(try other.loadPlan() == expected, "\(b.name): a second session reads what was stored")
        #expect(try store.loadPlan() == expected)
        // Undo everything, newest first: back to the start.
        let before = try store.log(limit: 100, task: nil).count
        for a in applied.reversed() { _ = try store.apply(a.inverse, operatorName: "clerk") }
        let restored = try other.loadPlan(), start = try samplePlan()
        #expect(restored.tasks == start.tasks && restored.units == start.units)
        #expect(try store.log(limit: 100, task: nil).count == before + edits.count)
    }

    /// The first screen's read: the first tasks whole (roles and their workflow states,
    /// milestones with extensions, reports), in row order, no retired task, and the count of
    /// the whole plan; the background read's progress ends at 1 with the same plan.
    @Test(arguments: Backend.all)
    func theFirstTasksAreReadWholeWithTheCountOfAll(_ b: Backend) throws {
        guard let (store, second) = try open(b) else { return }
        // Task 1 retired (so the window starts at task 2), task 2 rich in state.
        for e: Edit in [
            .addProgress(task: 2, report: ProgressReport(date: day("2026-05-31"), unit: "省发改委", progress: "已启动")),
            .addMilestone(task: 2, milestone: Milestone(title: "方案", due: day("2026-07-01"))),
            .flowStep(task: 2, unit: "省财政厅", step: .sign, day: day("2026-05-02")),
            .retireTask(task: 1),
        ] { try store.apply(e, operatorName: "clerk") }
        let whole = try store.snapshot()
        let window = try second().firstTasks(1)
        #expect(window.totalTasks == 2, "\(b.name): two active tasks")
        #expect(window.plan.tasks == Array(whole.plan.tasks.prefix(1)), "\(b.name)")
        #expect(window.plan.tasks.first?.flow(of: "省财政厅")?.state == .signed)
        #expect(window.plan.units == whole.plan.units && window.plan.office == whole.plan.office)
        #expect(window.plan.retired.isEmpty && !window.isWhole)
        #expect(window.sequence == whole.sequence)
        let all = try store.firstTasks(100)
        #expect(all.isWhole && all.plan.tasks == whole.plan.tasks)
        #expect(try store.firstTasks(0).plan.tasks.isEmpty)

        let seen = UncheckedBox(NSMutableArray())
        let read = try second().snapshot { f in seen.value.add(f) }
        let fractions = seen.value.compactMap { $0 as? Double }
        #expect(read.plan == whole.plan && read.sequence == whole.sequence, "\(b.name)")
        #expect(fractions.last == 1, "\(b.name): progress ends at 1")
        #expect(fractions == fractions.sorted(), "\(b.name): progress never goes back")
    }

    @Test(arguments: Backend.all)
    func aReadOnlySessionReadsAndRefusesEveryWrite(_ b: Backend) throws {
        guard let (store, _) = try open(b) else { return }
        let reader = try b.readOnly(store)
        #expect(reader.isReadOnly)
        #expect(try reader.loadPlan().tasks == (try store.loadPlan().tasks))
        let before = try store.log(limit: 1000, task: nil).count
        #expect(throws: (any Error).self) { try reader.apply(.setNotes(task: 1, notes: "x"), operatorName: "r") }
        #expect(throws: (any Error).self) { try reader.setSetting("warning_days", "3", operatorName: "r") }
        #expect(throws: (any Error).self) { try reader.issueNotice(task: 1, date: day("2027-01-01"), operatorName: "r") }
        #expect(try store.log(limit: 1000, task: nil).count == before)
    }

    @Test(arguments: Backend.all)
    func refusalsWriteNothing(_ b: Backend) throws {
        guard let (store, _) = try open(b) else { return }
        let before = try store.log(limit: 1000, task: nil).count
        let plan = try store.loadPlan()
        #expect(throws: DomainError.unknownTask(99)) { try store.apply(.setNotes(task: 99, notes: "x"), operatorName: "c") }
        #expect(throws: DomainError.lastLead(task: 1, unit: "省住房和城乡建设厅")) {
            try store.apply(.assign(task: 1, unit: "省住房和城乡建设厅", role: nil), operatorName: "c")
        }
        #expect(throws: DomainError.noRole(task: 1, unit: "省农委")) {
            try store.apply(.addProgress(task: 1, report: ProgressReport(date: day("2026-01-01"), unit: "省农委", progress: "x")),
                            operatorName: "c")
        }
        // A batch is all or nothing: the second edit's refusal undoes the first.
        #expect(throws: DomainError.self) {
            try store.apply([.setNotes(task: 1, notes: "先写的"), .setNotes(task: 98, notes: "x")], operatorName: "c")
        }
        #expect(try store.loadPlan() == plan)
        #expect(try store.log(limit: 1000, task: nil).count == before)
    }

    @Test(arguments: Backend.all)
    func undoIsRefusedOverAColleaguesChange(_ b: Backend) throws {
        guard let (store, second) = try open(b) else { return }
        let mine = try store.apply(.setNotes(task: 1, notes: "我的"), operatorName: "me")
        let other = try second()
        _ = try other.apply(.setNotes(task: 1, notes: "同事的"), operatorName: "colleague")
        #expect(throws: DomainError.conflict(Conflict(task: 1, item: .notes, changes: [.notes("同事的")]))) {
            try store.apply(mine.inverse, operatorName: "me")
        }
        #expect(try other.loadPlan().task(number: 1)?.notes == "同事的")
        // Different fields of one milestone: both stay.
        _ = try store.apply(.updateMilestone(task: 1, id: 1, set: [.title("我改名称")]), operatorName: "me")
        _ = try other.apply(.updateMilestone(task: 1, id: 1, set: [.due(day("2026-09-30"))]), operatorName: "colleague")
        let m = try #require(try store.loadPlan().task(number: 1)?.milestone(id: 1))
        #expect(m.title == "我改名称" && m.due == day("2026-09-30"))
    }

    @Test(arguments: Backend.all)
    func theChangeFeedCarriesEachEditOnce(_ b: Backend) throws {
        guard let (store, second) = try open(b) else { return }
        let other = try second()
        let start = try other.snapshot().sequence
        _ = try store.apply(.setFollowUp(task: 2, person: "赵强"), operatorName: "a")
        _ = try store.apply([.assign(task: 3, unit: "省财政厅", role: .cooperating),
                             .addMilestone(task: 3, milestone: Milestone(title: "季度检查", due: day("2026-06-30")))],
                            operatorName: "a")
        try store.setSetting("warning_days", "7", operatorName: "a")
        let feed = try other.changes(since: start)
        let edits = feed.records.compactMap { r -> Edit? in if case let .edit(e) = r.body { e } else { nil } }
        #expect(edits.count == 3)
        #expect(feed.records.map(\.seq) == Array(start + 1...start + 4), "numbers without gaps, in commit order")
        var plan = try other.loadPlan()
        _ = plan
        plan = try #require(try? PlanReplay.replay(edits, onto: samplePlan()))
        #expect(plan == (try other.loadPlan()), "applying the feed gives the stored plan")
        #expect(try other.changes(since: feed.latest).records.isEmpty)
    }

    @Test(arguments: Backend.all)
    func concurrentWritersLoseNothing(_ b: Backend) throws {
        guard let (_, second) = try open(b) else { return }
        let writers = 4, each = 15
        let errors = UncheckedBox(NSMutableArray())
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            do {
                let s = try second()
                for i in 0..<each {
                    _ = try s.apply(.addMilestone(task: 1 + (w % 3), milestone: Milestone(title: "w\(w)-\(i)")), operatorName: "w\(w)")
                }
            } catch {
                errors.value.add("\(error)")
            }
        }
        #expect(errors.value.count == 0, "\(errors.value)")
        let plan = try second().loadPlan()
        let titles = plan.tasks.flatMap(\.milestones).map(\.title).filter { $0.hasPrefix("w") }
        #expect(titles.count == writers * each)
        #expect(Set(plan.tasks.flatMap(\.milestones).map(\.id)).count == plan.tasks.flatMap(\.milestones).count, "ids unique")
        let feed = try second().changes(since: 0)
        let seqs = feed.records.map(\.seq)
        #expect(seqs == Array(1...seqs.count), "feed numbers contiguous")
    }

    @Test(arguments: Backend.all)
    func settingsDirectoryRepairsAndNotices(_ b: Backend) throws {
        guard let (store, second) = try open(b) else { return }
        try store.setSetting("warning_days", "10", operatorName: "a")
        #expect(try second().setting("warning_days") == "10")
        try store.setSetting("warning_days", nil, operatorName: "a")
        #expect(try second().setting("warning_days") == nil)
        #expect(try store.storedRepairs() == sampleRepairs)
        var dir = try store.unitDirectory()
        #expect(dir == sampleDirectory)
        dir[1].abbr = "发展"
        try store.replaceUnitDirectory(dir, operatorName: "a")
        #expect(try second().loadPlan().unit(named: "省发改委")?.abbr == "发展", "columns take the directory's names")
        #expect(try store.issueNotice(task: 2, date: day("2027-04-10"), operatorName: "a") == 1)
        #expect(try second().issueNotice(task: 3, date: day("2027-05-10"), operatorName: "b") == 2)
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            try store.issueNotice(task: 3, date: day("2027-05-11"), operatorName: "a", beforeCommit: { _ in throw Failed() })
        }
        #expect(try store.noticeRegister().notices.map(\.serial) == [1, 2], "a failed output takes no number")
    }

    /// What a one-row edit from the CLI reads instead of the plan: the units (every name
    /// kind, in column order) and one task as the whole plan has it, after edits too.
    @Test(arguments: Backend.all)
    func unitsAndOneTaskAreReadWithoutThePlan(_ b: Backend) throws {
        guard let (store, second) = try open(b) else { return }
        #expect(try store.units() == sampleUnits)
        for e: Edit in [
            .assign(task: 1, unit: "省财政厅", role: .lead),            // a lead goes after the leads
            .addMilestone(task: 1, milestone: Milestone(title: "中期评估", due: day("2026-01-15"), owner: "省财政厅")),
            .addProgress(task: 1, report: ProgressReport(date: day("2026-05-01"), unit: "省发改委", progress: "已完成")),
            .setFollowUp(task: 3, person: "王芳"),
        ] { try store.apply(e, operatorName: "clerk") }
        let other = try second()
        let plan = try other.loadPlan()
        for n in [1, 2, 3] {
            #expect(try store.task(number: n) == plan.task(number: n), "\(b.name): task \(n)")
            #expect(try other.task(number: n) == plan.task(number: n), "\(b.name): task \(n), second session")
        }
        #expect(try store.task(number: 1)?.assignments.map(\.unit) == ["省住房和城乡建设厅", "省财政厅", "省发改委", "省国土资源厅"])
        #expect(try store.task(number: 99) == nil)
        // One resolution for both: the units alone resolve what the plan resolves.
        let units = try other.units()
        for q in ["省财政厅", "财政", "建设厅", "发展和改革委员会", "住房", " 农委 "] {
            #expect(try DubanCore.Unit.resolve(q, in: units) == plan.resolveUnit(q), "\(q)")
        }
        #expect(throws: DomainError.self) { try DubanCore.Unit.resolve("省", in: units) }
        #expect(throws: DomainError.self) { try DubanCore.Unit.resolve("公安", in: units) }
    }
}

enum PlanReplay {
    static func replay(_ edits: [Edit], onto plan: Plan) throws -> Plan {
        var p = plan
        for e in edits { try p.apply(e.withoutExpectations) }
        return p
    }
}
