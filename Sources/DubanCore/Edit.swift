/// What an edit expects to find before it changes something (compare-and-set): `.any`
/// writes whatever is stored; `.value(v)` refuses with `DomainError.conflict` when the
/// stored value is neither `v` nor already the edit's new value. Undo uses it, so an undo
/// never reverts a colleague's change; forms use it, so a form saved after someone else
/// changed the same field is refused instead of overwriting it.
public enum Expect<Value: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    case any
    case value(Value)
}

/// One field of a milestone, with its value. An edit of a milestone names only the fields
/// the person changed, so two people changing different fields both keep their change.
public enum MilestoneField: Hashable, Sendable, Codable {
    case title(String)
    case due(Day?)
    /// Done or open, with the completion day (nil when open).
    case done(Bool, completed: Day?)
    case owner(String?)

    public enum Key: Hashable, Sendable, CaseIterable { case title, due, done, owner }

    public var key: Key {
        switch self {
        case .title: return .title
        case .due: return .due
        case .done: return .done
        case .owner: return .owner
        }
    }

    /// The field `key` as `m` holds it.
    public static func of(_ key: Key, in m: Milestone) -> MilestoneField {
        switch key {
        case .title: return .title(m.title)
        case .due: return .due(m.due)
        case .done: return .done(m.isDone, completed: m.completed)
        case .owner: return .owner(m.owner)
        }
    }

    public func apply(to m: inout Milestone) {
        switch self {
        case let .title(t): m.title = t
        case let .due(d): m.due = d
        case let .done(done, day):
            m.isDone = done
            m.completed = done ? day : nil
        case let .owner(o): m.owner = o
        }
    }

    /// The fields that differ between `old` and `new`, as `new` has them.
    public static func changes(from old: Milestone, to new: Milestone) -> [MilestoneField] {
        Key.allCases.map { of($0, in: new) }.filter { $0 != of($0.key, in: old) }
    }
}

/// One change to the plan: what the TUI and the CLI ask for and what the store records.
/// Every edit touches exactly one task, and only the fields it names; `expect` makes it
/// a compare-and-set, checked by `Plan.apply` inside the store's write transaction.
public enum Edit: Hashable, Sendable, Codable {
    /// Gives `unit` the role on task `task`, or removes its role (nil). `position` restores
    /// the unit's place in the task's ordered list (used by undo).
    case assign(task: Int, unit: String, role: Role?, position: Int? = nil, expect: Expect<Role?> = .any)
    /// Adds a milestone; id 0 lets the plan or store pick the next id.
    case addMilestone(task: Int, milestone: Milestone)
    /// Sets the named fields of milestone `id`; `expect` holds what the editor saw.
    case updateMilestone(task: Int, id: Int, set: [MilestoneField], expect: [MilestoneField] = [])
    case removeMilestone(task: Int, id: Int, expect: Expect<Milestone> = .any)
    case setFollowUp(task: Int, person: String?, expect: Expect<String?> = .any)
    case setNotes(task: Int, notes: String, expect: Expect<String> = .any)
    /// Adds a progress report; id 0 lets the plan or store pick the next id.
    case addProgress(task: Int, report: ProgressReport)
    case removeProgress(task: Int, id: Int, expect: Expect<ProgressReport> = .any)

    public var taskNumber: Int {
        switch self {
        case let .assign(t, _, _, _, _), let .addMilestone(t, _), let .updateMilestone(t, _, _, _),
             let .removeMilestone(t, _, _), let .setFollowUp(t, _, _), let .setNotes(t, _, _),
             let .addProgress(t, _), let .removeProgress(t, _, _):
            return t
        }
    }

    /// Short machine-readable name of the kind of edit, for the audit log.
    public var action: String {
        switch self {
        case .assign: return "assign"
        case .addMilestone: return "milestone.add"
        case .updateMilestone: return "milestone.update"
        case .removeMilestone: return "milestone.remove"
        case .setFollowUp: return "followup"
        case .setNotes: return "notes"
        case .addProgress: return "progress.add"
        case .removeProgress: return "progress.remove"
        }
    }

    /// The milestone id the edit is about, if it is about one.
    public var milestoneID: Int? {
        switch self {
        case let .addMilestone(_, m): return m.id > 0 ? m.id : nil
        case let .updateMilestone(_, id, _, _), let .removeMilestone(_, id, _): return id
        default: return nil
        }
    }
}

/// An edit as a store committed it, with the edit that undoes it (computed from what was
/// stored inside the same transaction, and expecting what the edit left).
public struct AppliedEdit: Hashable, Sendable {
    public var edit: Edit
    public var inverse: Edit
    /// The edit's number in the change feed (0 when the store keeps no feed).
    public var sequence: Int
    public init(edit: Edit, inverse: Edit, sequence: Int = 0) {
        self.edit = edit
        self.inverse = inverse
        self.sequence = sequence
    }
}

/// Why another person's change stops an edit: the item and what it holds now.
public struct Conflict: Hashable, Sendable {
    public enum Item: Hashable, Sendable {
        case role(unit: String)
        case milestone(id: Int, title: String)
        case followUp
        case notes
        case progress(id: Int)
    }

    /// What someone else changed, as it stands now.
    public enum Change: Hashable, Sendable {
        case milestone(MilestoneField)
        case role(Role?)
        case followUp(String?)
        case notes(String)
        case progress(ProgressReport)
        /// Someone else removed the item.
        case removed
    }

    public var task: Int
    public var item: Item
    public var changes: [Change]
    /// The milestone as stored now, when the item is a milestone (a form can rebase on it).
    public var milestone: Milestone?

    public init(task: Int, item: Item, changes: [Change], milestone: Milestone? = nil) {
        self.task = task
        self.item = item
        self.changes = changes
        self.milestone = milestone
    }
}

extension Edit {
    /// Refuses completion and report dates after `today`: a milestone cannot be done, and a
    /// report cannot be written, on a day that has not come. The front ends call it with
    /// their (possibly pinned) today before they ask a store to apply the edit.
    public func checkDates(today: Day) throws(DomainError) {
        func check(_ d: Day?) throws(DomainError) {
            if let d, d > today { throw .futureDate(d, today: today) }
        }
        switch self {
        case let .addMilestone(_, m): try check(m.isDone ? m.completed : nil)
        case let .updateMilestone(_, _, set, _):
            for case let .done(true, day) in set { try check(day) }
        case let .addProgress(_, r): try check(r.date)
        default: break
        }
    }
}

extension Edit {
    /// The edit as applied: an add with id 0 gets the id that was chosen, read from the
    /// inverse that `Plan.apply` returned.
    public func withID(from inverse: Edit) -> Edit {
        switch (self, inverse) {
        case let (.addMilestone(t, m), .removeMilestone(_, id, _)) where m.id <= 0:
            var m = m
            m.id = id
            return .addMilestone(task: t, milestone: m)
        case let (.addProgress(t, r), .removeProgress(_, id, _)) where r.id <= 0:
            var r = r
            r.id = id
            return .addProgress(task: t, report: r)
        default:
            return self
        }
    }
}

extension Edit {
    /// The same change without its compare-and-set: for mirroring an edit a store has
    /// already judged and committed into a copy of the plan that may lag behind.
    public var withoutExpectations: Edit {
        switch self {
        case let .assign(t, u, r, p, _): return .assign(task: t, unit: u, role: r, position: p)
        case let .updateMilestone(t, id, set, _): return .updateMilestone(task: t, id: id, set: set)
        case let .removeMilestone(t, id, _): return .removeMilestone(task: t, id: id)
        case let .setFollowUp(t, p, _): return .setFollowUp(task: t, person: p)
        case let .setNotes(t, n, _): return .setNotes(task: t, notes: n)
        case let .removeProgress(t, id, _): return .removeProgress(task: t, id: id)
        case .addMilestone, .addProgress: return self
        }
    }
}

extension MilestoneField {
    /// A completion day after `today` is refused (see `Edit.checkDates`).
    public func checkDate(today: Day) throws(DomainError) {
        try Edit.updateMilestone(task: 0, id: 0, set: [self]).checkDates(today: today)
    }
}

extension Edit {
    /// Sets every field of milestone `m.id` to `m`'s values: for callers that mean the whole
    /// milestone (tests, tools). Editors send only the fields the person changed.
    public static func updateMilestone(task: Int, to m: Milestone) -> Edit {
        .updateMilestone(task: task, id: m.id, set: MilestoneField.Key.allCases.map { MilestoneField.of($0, in: m) })
    }
}
