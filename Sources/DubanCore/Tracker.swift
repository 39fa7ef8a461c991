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

    public init(id: Int, time: String, operatorName: String, action: String, task: Int?, before: String, after: String) {
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

/// The narrow interface the front ends use to reach the tracker file, whatever holds it
/// (SQLite now, perhaps a shared server database later). Nothing above it knows SQL.
public protocol TrackerStore: AnyObject {
    /// The whole plan as stored now.
    func loadPlan() throws -> Plan
    /// Checks `edits` against the stored plan and writes them, with an audit record each,
    /// in one durable transaction: all or none. Returns each edit as applied (a new
    /// milestone's id filled in) with its inverse, both computed from what was stored
    /// inside that transaction. Throws `DomainError` when the rules refuse one of them
    /// (a `conflict` when an edit's `expect` no longer holds); nothing is written then.
    func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit]
    /// The newest audit records first; only those of `task` when given.
    func log(limit: Int, task: Int?) throws -> [AuditRecord]
    /// True when another process (or connection) has committed since the last call
    /// to `loadPlan` or `hasOutsideChanges`.
    func hasOutsideChanges() throws -> Bool
    /// True when the file can only be read; `apply` then throws.
    var isReadOnly: Bool { get }
}

extension TrackerStore {
    /// One edit in its own transaction.
    @discardableResult
    public func apply(_ edit: Edit, operatorName: String) throws -> AppliedEdit {
        guard let applied = try apply([edit], operatorName: operatorName).first else {
            throw DomainError.unchanged("Nothing to change.")
        }
        return applied
    }
}

/// A tracker held in memory: for tests and for previewing a table without a file.
public final class InMemoryTracker: TrackerStore {
    public private(set) var plan: Plan
    public private(set) var records: [AuditRecord] = []
    public var isReadOnly: Bool = false
    /// Set by tests to simulate another process writing.
    public var outsideChangePending = false
    public var now: () -> String = { ISO8601DateFormatter().string(from: Date()) }

    public init(plan: Plan) { self.plan = plan }

    public func loadPlan() throws -> Plan {
        outsideChangePending = false
        return plan
    }

    public func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] {
        if isReadOnly { throw DomainError.unchanged("The tracker file is read-only.") }
        var p = plan
        var done: [AppliedEdit] = []
        for edit in edits {
            let inverse = try p.apply(edit)
            done.append(AppliedEdit(edit: edit.withID(from: inverse), inverse: inverse))
        }
        plan = p
        for a in done {
            records.append(AuditRecord(id: records.count + 1, time: now(), operatorName: operatorName,
                                       action: a.edit.action, task: a.edit.taskNumber,
                                       before: "\(a.inverse)", after: "\(a.edit)"))
        }
        return done
    }

    public func log(limit: Int, task: Int?) throws -> [AuditRecord] {
        Array(records.reversed().filter { task == nil || $0.task == task }.prefix(limit))
    }

    public func hasOutsideChanges() throws -> Bool {
        defer { outsideChangePending = false }
        return outsideChangePending
    }

    /// Simulates another process's edit (for tests of change detection).
    public func applyFromOutside(_ edit: Edit) throws {
        _ = try apply(edit, operatorName: "someone-else")
        outsideChangePending = true
    }
}
