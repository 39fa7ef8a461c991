import Foundation

/// One line of the audit trail: who changed what, when, from what to what.
public struct AuditRecord: Hashable, Sendable {
    public var id: Int
    /// ISO 8601 time of the change, UTC, e.g. 2026-11-24T15:52:04Z.
    public var time: String
    /// Login name of whoever made the change.
    public var operatorName: String
    /// `Edit.action`, or "init" / "units" for whole-tracker operations.
    public var action: String
    public var task: Int?
    public var before: String
    public var after: String
    /// The typed change-feed record stored with it (nil when the store did not read it):
    /// lets `AuditWords` say what happened in words.
    public var change: ChangeRecord.Body?

    public init(id: Int, time: String, operatorName: String, action: String, task: Int?, before: String, after: String,
                change: ChangeRecord.Body? = nil) {
        self.change = change
        self.id = id
        self.time = time
        self.operatorName = operatorName
        self.action = action
        self.task = task
        self.before = before
        self.after = after
    }
}

/// The tracker at the path is no longer the one a program opened: removed, or replaced
/// (`duban init --force`, a restore by copying, `mv` of another file over it). A store
/// throws it instead of writing into a file nobody will see again.
public struct TrackerReplaced: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var removed: Bool
    public init(path: String, removed: Bool) {
        self.path = path
        self.removed = removed
    }

    public var description: String {
        removed
            ? "\(path) was removed by another program since duban opened it; nothing was saved. Reopen to continue."
            : "\(path) was replaced by another file since duban opened it; nothing was saved. Reopen to see the new file."
    }
}

/// The storage seam: everything the CLI and the TUI do to a tracker, whatever holds it
/// (the SQLite file, a PostgreSQL database, memory). The rules of an edit live in
/// `Plan.apply`; a store only writes what they decided, atomically, with an audit record
/// and a change-feed record per edit. Nothing above it knows SQL.
public protocol TrackerStore: AnyObject {
    /// Where the tracker is, for messages: a file path, or a database URL without password.
    var location: String { get }
    /// True when this session can only read; writes then throw.
    var isReadOnly: Bool { get }

    /// The whole plan as stored now, and the change-feed sequence number it includes
    /// (read in one transaction, so `changes(since:)` continues exactly from it).
    func snapshot() throws -> (plan: Plan, sequence: Int)
    /// The first tasks in row order, whole, with the office and every unit, and how many
    /// tasks there are: what the first screen draws, read without reading the plan (one
    /// transaction). Retired tasks are left out.
    func firstTasks(_ limit: Int) throws -> PlanWindow
    /// The whole plan like `snapshot()`, saying how far it has read (0…1) as it goes: for
    /// reading a large plan in the background while the first screen is up.
    func snapshot(progress: @escaping (Double) -> Void) throws -> (plan: Plan, sequence: Int)
    /// The plan's units (the matrix columns) in column order, without any task: enough to
    /// resolve a name the user typed (`Unit.resolve(_:in:)`). Small at any number of tasks.
    func units() throws -> [Unit]
    /// One task as stored now (assignments in order, milestones, progress reports), or nil
    /// when there is none: what a one-row edit from the CLI reads instead of the whole plan.
    func task(number: Int) throws -> Task?
    /// Checks `edits` against the stored plan and writes them, with an audit record each,
    /// in one durable transaction: all or none. Returns each edit as applied (a new
    /// milestone's id filled in) with its inverse, both computed from what was stored
    /// inside that transaction. Throws `DomainError` when the rules refuse one of them
    /// (a `conflict` when an edit's `expect` no longer holds); nothing is written then.
    func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit]
    /// The newest audit records first; only those of `task` when given.
    func log(limit: Int, task: Int?) throws -> [AuditRecord]
    /// A cheap check: true when someone else may have committed since the last call (or
    /// since the store was opened). False positives are allowed; `changes(since:)` tells.
    func hasOutsideChanges() throws -> Bool
    /// The change feed: what was committed after `sequence`, oldest first.
    func changes(since sequence: Int) throws -> ChangeSet

    /// Supervision settings and other tracker-wide values; nil when unset.
    func setting(_ key: String) throws -> String?
    /// Sets (or, with nil, removes) a setting, audited.
    func setSetting(_ key: String, _ value: String?, operatorName: String) throws
    /// The office's unit directory (names, short names, abbreviations, aliases).
    func unitDirectory() throws -> [Unit]
    /// Replaces the unit directory, audited; matrix columns take the new names of the units they share.
    func replaceUnitDirectory(_ units: [Unit], operatorName: String) throws
    /// What the importer repaired when the tracker was made.
    func storedRepairs() throws -> [StoredRepair]
    /// Takes the next 督办单 number of `date`'s year for `task` and records it, with an
    /// audit record, in one transaction; `beforeCommit` runs inside it with the number (a
    /// failure there takes no number).
    /// `level` is the escalation level the notice is issued at (recorded in the register).
    func issueNotice(task: Int, date: Day, level: EscalationLevel?, operatorName: String,
                     beforeCommit: @escaping (_ serial: Int) throws -> Void) throws -> Int
    /// The register of issued notices, oldest first.
    func noticeRegister() throws -> NoticeRegister
}

/// The start of a plan: the first tasks in row order (with everything they hold), the
/// office and all units, and the number of tasks in the whole plan.
public struct PlanWindow: Sendable {
    public var plan: Plan
    public var totalTasks: Int
    /// The change-feed sequence number the window includes.
    public var sequence: Int
    public init(plan: Plan, totalTasks: Int, sequence: Int) {
        self.plan = plan
        self.totalTasks = totalTasks
        self.sequence = sequence
    }
    /// True when the window holds every task (a small plan): nothing is left to load.
    public var isWhole: Bool { plan.tasks.count >= totalTasks }
}

extension TrackerStore {
    /// The whole plan as stored now.
    public func loadPlan() throws -> Plan { try snapshot().plan }

    /// Reads the whole plan and cuts it (for stores that hold it in memory anyway).
    public func firstTasks(_ limit: Int) throws -> PlanWindow {
        let (plan, sequence) = try snapshot()
        return PlanWindow(plan: plan.prefix(limit), totalTasks: plan.tasks.count, sequence: sequence)
    }

    public func snapshot(progress: @escaping (Double) -> Void) throws -> (plan: Plan, sequence: Int) {
        let result = try snapshot()
        progress(1)
        return result
    }

    /// One edit in its own transaction.
    @discardableResult
    public func apply(_ edit: Edit, operatorName: String) throws -> AppliedEdit {
        guard let applied = try apply([edit], operatorName: operatorName).first else {
            throw DomainError.unchanged("Nothing to change.")
        }
        return applied
    }

    @discardableResult
    public func issueNotice(task: Int, date: Day, level: EscalationLevel? = nil, operatorName: String) throws -> Int {
        try issueNotice(task: task, date: date, level: level, operatorName: operatorName, beforeCommit: { _ in })
    }

    @discardableResult
    public func issueNotice(task: Int, date: Day, operatorName: String,
                            beforeCommit: @escaping (_ serial: Int) throws -> Void) throws -> Int {
        try issueNotice(task: task, date: date, level: nil, operatorName: operatorName, beforeCommit: beforeCommit)
    }
}

/// What only a tracker file has: copies, restores and SQLite's own integrity check.
public protocol FileMaintenance: TrackerStore {
    /// Copies the tracker to a new file (a consistent snapshot even while others write).
    func backup(to destination: String, replace: Bool) throws
    /// The storage engine's full integrity check: ["ok"] for a sound tracker.
    func integrityCheck() throws -> [String]
}

/// A tracker held in memory: for tests and for previewing a table without a file. It keeps
/// the same audit log and change feed as the other stores, and may be shared by threads.
public final class InMemoryTracker: TrackerStore, @unchecked Sendable {
    private let lock = NSRecursiveLock()
    public private(set) var plan: Plan
    public private(set) var records: [AuditRecord] = []
    /// The change feed (sequence numbers are the audit ids).
    public private(set) var feed: [ChangeRecord] = []
    public var isReadOnly: Bool = false
    /// Set by tests to simulate another process writing.
    public var outsideChangePending = false
    public var now: () -> String = { ISO8601DateFormatter().string(from: Date()) }
    public var location: String = "memory"
    private var settings: [String: String] = [:]
    private var directory: [Unit]
    private var repairs: [StoredRepair]
    private var notices: [IssuedNotice] = []

    public init(plan: Plan, unitDirectory: [Unit]? = nil, repairs: [StoredRepair] = []) {
        self.plan = plan
        self.directory = unitDirectory ?? plan.units
        self.repairs = repairs
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func snapshot() throws -> (plan: Plan, sequence: Int) {
        locked {
            outsideChangePending = false
            return (plan, records.count)
        }
    }

    public func units() throws -> [Unit] { locked { plan.units } }

    public func task(number: Int) throws -> Task? { locked { plan.task(number: number) } }

    private func refuseReadOnly() throws {
        if isReadOnly { throw DomainError.unchanged("The tracker is read-only.") }
    }

    private func audit(_ operatorName: String, _ action: String, task: Int?, before: String, after: String,
                       _ body: ChangeRecord.Body) {
        let id = records.count + 1
        records.append(AuditRecord(id: id, time: now(), operatorName: operatorName, action: action, task: task,
                                   before: before, after: after, change: body))
        feed.append(ChangeRecord(seq: id, body: body))
    }

    public func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] {
        try locked { try applyLocked(edits, operatorName: operatorName) }
    }

    private func applyLocked(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] {
        try refuseReadOnly()
        var p = plan
        var done: [AppliedEdit] = []
        var texts: [(String, String)] = []
        for edit in edits {
            let old = p.task(number: edit.taskNumber)
            let inverse = try p.apply(edit)
            let applied = AppliedEdit(edit: edit.withID(from: inverse), inverse: inverse)
            done.append(applied)
            if let old, let new = p.task(number: edit.taskNumber) {
                texts.append(AuditText.beforeAfter(applied.edit, old: old, new: new))
            } else {
                texts.append(("", ""))
            }
        }
        plan = p
        for i in done.indices {
            let a = done[i]
            audit(operatorName, a.edit.action, task: a.edit.isUnitEdit ? nil : a.edit.taskNumber, before: texts[i].0, after: texts[i].1,
                  .edit(a.edit))
            done[i].sequence = records.count
        }
        return done
    }

    public func log(limit: Int, task: Int?) throws -> [AuditRecord] {
        locked { Array(records.reversed().filter { task == nil || $0.task == task }.prefix(limit)) }
    }

    public func hasOutsideChanges() throws -> Bool {
        locked {
            defer { outsideChangePending = false }
            return outsideChangePending
        }
    }

    public func changes(since sequence: Int) throws -> ChangeSet {
        locked { ChangeSet(records: Array(feed.drop(while: { $0.seq <= sequence })), latest: feed.last?.seq ?? 0) }
    }

    public func setting(_ key: String) throws -> String? { locked { settings[key] } }

    public func setSetting(_ key: String, _ value: String?, operatorName: String) throws {
        lock.lock()
        defer { lock.unlock() }
        try refuseReadOnly()
        let old = settings[key]
        guard old != value else { return }
        settings[key] = value
        audit(operatorName, "setting", task: nil, before: old.map { "\(key) = \($0)" } ?? "\(key) unset",
              after: value.map { "\(key) = \($0)" } ?? "\(key) unset", .other("setting \(key)"))
    }

    public func unitDirectory() throws -> [Unit] { locked { directory } }

    public func replaceUnitDirectory(_ units: [Unit], operatorName: String) throws {
        lock.lock()
        defer { lock.unlock() }
        try refuseReadOnly()
        let oldCount = directory.count
        directory = units
        for u in units where plan.unit(named: u.name) != nil { plan.upsertUnit(u) }
        audit(operatorName, "units", task: nil, before: "\(oldCount) units", after: "\(units.count) units", .reload("units"))
    }

    public func storedRepairs() throws -> [StoredRepair] { repairs }

    public func issueNotice(task: Int, date: Day, level: EscalationLevel?, operatorName: String,
                            beforeCommit: @escaping (_ serial: Int) throws -> Void) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        try refuseReadOnly()
        guard plan.task(number: task) != nil else { throw DomainError.unknownTask(task) }
        let serial = (notices.filter { $0.year == date.year }.map(\.serial).max() ?? 0) + 1
        try beforeCommit(serial)
        notices.append(IssuedNotice(year: date.year, serial: serial, task: task, date: date, issued: now(),
                                    operatorName: operatorName, level: level))
        audit(operatorName, "notice", task: task, before: "",
              after: "\(IssuedNotice.number(year: date.year, serial: serial)) → task \(task)", .other("notice"))
        return serial
    }

    public func noticeRegister() throws -> NoticeRegister {
        locked { NoticeRegister(notices: notices, issuedBeforeRegister: [:]) }
    }

    /// Simulates another process's edit (for tests of change detection).
    public func applyFromOutside(_ edit: Edit) throws {
        try locked {
            _ = try apply(edit, operatorName: "someone-else")
            outsideChangePending = true
        }
    }
}

/// One repair the table importer made (a renamed unit, an OCR'd number, a duplicate role…),
/// kept in the tracker so `duban check` can list them later. A plain struct so the store
/// does not depend on the importer's types.
public struct StoredRepair: Hashable, Sendable {
    /// Short machine-readable kind, e.g. "renamed-unit", "number-ocr".
    public var kind: String
    /// Line of the source table, if known.
    public var line: Int?
    /// Task number concerned, if any.
    public var task: Int?
    /// One English sentence describing the repair.
    public var message: String

    public init(kind: String, line: Int? = nil, task: Int? = nil, message: String) {
        self.kind = kind
        self.line = line
        self.task = task
        self.message = message
    }
}
