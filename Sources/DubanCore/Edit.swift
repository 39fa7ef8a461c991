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
    /// The due date before the first approved extension.
    case originalDue(Day?)
    /// The latest extension request, pending or decided.
    case extensionRequest(ExtensionRequest?)

    public enum Key: Hashable, Sendable, CaseIterable { case title, due, done, owner, originalDue, extensionRequest }

    public var key: Key {
        switch self {
        case .title: return .title
        case .due: return .due
        case .done: return .done
        case .owner: return .owner
        case .originalDue: return .originalDue
        case .extensionRequest: return .extensionRequest
        }
    }

    /// The field `key` as `m` holds it.
    public static func of(_ key: Key, in m: Milestone) -> MilestoneField {
        switch key {
        case .title: return .title(m.title)
        case .due: return .due(m.due)
        case .done: return .done(m.isDone, completed: m.completed)
        case .owner: return .owner(m.owner)
        case .originalDue: return .originalDue(m.originalDue)
        case .extensionRequest: return .extensionRequest(m.extensionRequest)
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
        case let .originalDue(d): m.originalDue = d
        case let .extensionRequest(r): m.extensionRequest = r
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
    /// Corrects the named parts of progress report `id` (its unit stays); `expect` holds
    /// what the editor saw, field by field, as for milestones.
    case updateProgress(task: Int, id: Int, set: [ProgressField], expect: [ProgressField] = [])

    /// A step of the 督办 workflow for `unit`'s part in the task (签收, 申请办结, 销号, 退回,
    /// 中止, 恢复), on `day`, with a reason or note; judged by `FlowRules` (a step the state
    /// does not allow is refused with what is allowed now). `expect` holds the flow the
    /// person saw. Its inverse is `setFlow`.
    case flowStep(task: Int, unit: String, step: FlowStep, day: Day, reason: String? = nil, expect: Expect<Flow> = .any)
    /// Sets `unit`'s flow as it was: the undo of a step (no workflow rule applies; the flow
    /// it expects is the one the step left).
    case setFlow(task: Int, unit: String, flow: Flow, expect: Expect<Flow> = .any)
    /// Gives `unit` back its role with its flow: the undo of removing a role whose part had
    /// moved on in the workflow (`assign` would start it again at 已交办).
    case restoreRole(task: Int, unit: String, role: Role, position: Int?, flow: Flow)

    /// 延期申请: lead unit `unit` asks, on `day` (before the due date), to move milestone
    /// `id`'s due date to `to`. Its inverse restores the request that was there.
    case requestExtension(task: Int, id: Int, unit: String, to: Day, reason: String, day: Day)
    /// The office approves (the due date moves; the original is kept) or rejects (with a
    /// reason; the date stays) the pending request of milestone `id`, on `day`.
    case decideExtension(task: Int, id: Int, approve: Bool, reason: String? = nil, day: Day)

    /// Adds a task at the end of the plan; number 0 takes the next free number (one above
    /// every task ever made, retired ones included: a number is never reused). A task
    /// without a lead is allowed (`duban check` flags it). Its inverse retires it.
    case addTask(number: Int, title: String, notes: String = "", followUp: String? = nil)
    /// Renames a task; its number stays.
    case editTask(task: Int, title: String, expect: Expect<String> = .any)
    /// Takes a task out of the plan (lists, matrix, reports, export and counts no longer
    /// see it) with everything it holds, which stays stored, and its history. Its number
    /// stays taken. The inverse is `restoreTask`.
    case retireTask(task: Int)
    /// Brings a retired task back with its assignments, milestones and progress reports.
    case restoreTask(task: Int)

    /// Adds a unit as the last matrix column; its names must not be another unit's. Its
    /// inverse is `removeUnit`.
    case addUnit(unit: Unit)
    /// Removes a unit that nothing refers to (no role, milestone or report): the undo of
    /// `addUnit`; the front ends offer no other way to remove a column.
    case removeUnit(name: String, expect: Expect<Unit> = .any)
    /// Sets the names of unit `name` to `set`'s (a new full name renames it everywhere:
    /// its roles, milestones and reports follow it).
    case editUnit(name: String, set: Unit, expect: Expect<Unit> = .any)

    /// The task the edit touches; 0 for an edit of a unit (`unitName` says which), and for
    /// `addTask` with number 0 before a store picked the number.
    public var taskNumber: Int {
        switch self {
        case let .assign(t, _, _, _, _), let .addMilestone(t, _), let .updateMilestone(t, _, _, _),
             let .removeMilestone(t, _, _), let .setFollowUp(t, _, _), let .setNotes(t, _, _),
             let .addProgress(t, _), let .removeProgress(t, _, _), let .updateProgress(t, _, _, _),
             let .addTask(t, _, _, _), let .editTask(t, _, _), let .retireTask(t), let .restoreTask(t),
             let .flowStep(t, _, _, _, _, _), let .setFlow(t, _, _, _), let .restoreRole(t, _, _, _, _),
             let .requestExtension(t, _, _, _, _, _), let .decideExtension(t, _, _, _, _):
            return t
        case .addUnit, .removeUnit, .editUnit:
            return 0
        }
    }

    /// The unit an edit of the unit directory is about (nil for an edit of a task).
    public var unitName: String? {
        switch self {
        case let .addUnit(u): return u.name
        case let .removeUnit(n, _), let .editUnit(n, _, _): return n
        default: return nil
        }
    }

    /// True for the edits that add, rename or remove units rather than touch a task.
    public var isUnitEdit: Bool { unitName != nil }

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
        case .updateProgress: return "progress.update"
        case .addTask: return "task.add"
        case .editTask: return "task.edit"
        case .retireTask: return "task.retire"
        case .restoreTask: return "task.restore"
        case .addUnit: return "unit.add"
        case .removeUnit: return "unit.remove"
        case .editUnit: return "unit.edit"
        case let .flowStep(_, _, step, _, _, _): return "flow." + step.rawValue
        case .setFlow: return "flow.set"
        case .restoreRole: return "assign"
        case .requestExtension: return "extension.request"
        case let .decideExtension(_, _, approve, _, _): return approve ? "extension.approve" : "extension.reject"
        }
    }

    /// The milestone id the edit is about, if it is about one.
    public var milestoneID: Int? {
        switch self {
        case let .addMilestone(_, m): return m.id > 0 ? m.id : nil
        case let .updateMilestone(_, id, _, _), let .removeMilestone(_, id, _), let .requestExtension(_, id, _, _, _, _),
             let .decideExtension(_, id, _, _, _): return id
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
        case title
        /// The task is retired (or was restored) since the person read it.
        case task
        case unit(name: String)
        /// A unit's part in the workflow.
        case flow(unit: String)
    }

    /// What someone else changed, as it stands now.
    public enum Change: Hashable, Sendable {
        case milestone(MilestoneField)
        case role(Role?)
        case followUp(String?)
        case notes(String)
        case progress(ProgressReport)
        case title(String)
        /// The task is now retired (true) or in the plan (false).
        case retired(Bool)
        case unit(Unit)
        case flow(Flow?)
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
        case let .flowStep(_, _, _, day, _, _), let .requestExtension(_, _, _, _, _, day), let .decideExtension(_, _, _, _, day):
            try check(day)
        case let .updateProgress(_, _, set, _):
            for case let .date(d) in set { try check(d) }
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
        case let (.addTask(n, title, notes, f), .retireTask(number)) where n <= 0:
            return .addTask(number: number, title: title, notes: notes, followUp: f)
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
        case let .updateProgress(t, id, set, _): return .updateProgress(task: t, id: id, set: set)
        case let .editTask(t, title, _): return .editTask(task: t, title: title)
        case let .removeUnit(n, _): return .removeUnit(name: n)
        case let .editUnit(n, u, _): return .editUnit(name: n, set: u)
        case let .flowStep(t, u, step, day, reason, _): return .flowStep(task: t, unit: u, step: step, day: day, reason: reason)
        case let .setFlow(t, u, f, _): return .setFlow(task: t, unit: u, flow: f)
        case .restoreRole, .requestExtension, .decideExtension: return self
        case .addMilestone, .addProgress, .addTask, .retireTask, .restoreTask, .addUnit: return self
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

/// One part of a progress report, with its value: an edit of a report names only the parts
/// the person changed (the reporting unit is not editable: remove and re-add instead).
public enum ProgressField: Hashable, Sendable, Codable {
    case date(Day)
    case progress(String)
    case problems(String)
    case next(String)

    public enum Key: Hashable, Sendable, CaseIterable { case date, progress, problems, next }

    public var key: Key {
        switch self {
        case .date: return .date
        case .progress: return .progress
        case .problems: return .problems
        case .next: return .next
        }
    }

    public static func of(_ key: Key, in r: ProgressReport) -> ProgressField {
        switch key {
        case .date: return .date(r.date)
        case .progress: return .progress(r.progress)
        case .problems: return .problems(r.problems)
        case .next: return .next(r.next)
        }
    }

    public func apply(to r: inout ProgressReport) {
        switch self {
        case let .date(d): r.date = d
        case let .progress(t): r.progress = t
        case let .problems(t): r.problems = t
        case let .next(t): r.next = t
        }
    }

    /// The parts that differ between `old` and `new`, as `new` has them.
    public static func changes(from old: ProgressReport, to new: ProgressReport) -> [ProgressField] {
        Key.allCases.map { of($0, in: new) }.filter { $0 != of($0.key, in: old) }
    }
}

extension Unit {
    /// The first name of `self` that another unit of `units` (not the one called `except`)
    /// already answers to, with or without the 省 prefix, and that unit's full name: a new
    /// or renamed unit must not make a name ambiguous.
    public func clash(in units: [Unit], except: String? = nil) -> (name: String, owner: String)? {
        func variants(_ s: String) -> [String] { s.hasPrefix("省") ? [s, String(s.dropFirst())] : [s, "省" + s] }
        for other in units where other.name != except {
            let theirs = Set(other.allNames.flatMap(variants))
            if let n = allNames.first(where: { variants($0).contains(where: theirs.contains) }) { return (n, other.name) }
        }
        return nil
    }
}
