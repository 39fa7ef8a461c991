/// The whole tracker in memory: the office, the units in column order and the tasks.
public struct Plan: Hashable, Sendable {
    public var office: Office
    /// Units in matrix column order.
    public private(set) var units: [Unit]
    /// Tasks in row order (by number as imported): the plan as every view, report, export
    /// and count sees it. Retired tasks are not among them.
    public private(set) var tasks: [Task]
    /// Retired tasks (`Edit.retireTask`), by number, with everything they held: kept aside so
    /// that no view needs a filter, and so that `restoreTask` brings them back whole. Their
    /// numbers stay taken.
    public private(set) var retired: [Task]

    private var taskIndexByNumber: TaskNumberIndex
    private var unitIndexByName: [String: Int]
    /// Highest milestone id in the plan; new milestones get a larger one.
    public private(set) var maxMilestoneID: Int
    /// Highest progress report id in the plan.
    public private(set) var maxProgressID: Int

    /// Builds a plan and checks the invariants: unique task numbers, unique unit names,
    /// roles only for known units, at most one role per unit and task.
    public init(office: Office, units: [Unit], tasks: [Task], retired: [Task] = []) throws(DomainError) {
        try self.init(trustedOffice: office, units: units, tasks: tasks, retired: retired)
        for t in tasks + retired {
            // Duplicates are found by unit index: no set of strings per task.
            var seen: [Int] = []
            seen.reserveCapacity(t.assignments.count)
            for a in t.assignments {
                guard let u = unitIndexByName[a.unit] else { throw .unknownUnit(a.unit, candidates: []) }
                guard !seen.contains(u) else { throw .duplicateUnit(a.unit) }
                seen.append(u)
            }
        }
    }

    /// Builds a plan without checking each assignment: for a store whose own constraints
    /// (unique keys, foreign keys) already guarantee that every assigned unit exists and
    /// appears once per task. Hashing a million Chinese unit names would dominate opening a
    /// large tracker. Task numbers are still checked.
    public init(trustedOffice office: Office, units: [Unit], tasks: [Task], retired: [Task] = []) throws(DomainError) {
        self.office = office
        self.units = units
        self.tasks = tasks
        self.retired = retired.sorted { $0.number < $1.number }
        self.taskIndexByNumber = TaskNumberIndex(minimumCapacity: tasks.count)
        self.unitIndexByName = Dictionary(minimumCapacity: units.count)
        self.maxMilestoneID = 0
        self.maxProgressID = 0
        for (i, u) in units.enumerated() {
            guard unitIndexByName.updateValue(i, forKey: u.name) == nil else { throw .duplicateUnit(u.name) }
        }
        for (i, t) in tasks.enumerated() {
            guard taskIndexByNumber.insert(i, for: t.number) else {
                throw .duplicateTaskNumber(t.number)
            }
            for m in t.milestones { maxMilestoneID = max(maxMilestoneID, m.id) }
            for r in t.progress { maxProgressID = max(maxProgressID, r.id) }
        }
        for t in self.retired {
            guard taskIndexByNumber[t.number] == nil else {
                throw .duplicateTaskNumber(t.number)
            }
            for m in t.milestones { maxMilestoneID = max(maxMilestoneID, m.id) }
            for r in t.progress { maxProgressID = max(maxProgressID, r.id) }
        }
        for (a, b) in zip(self.retired, self.retired.dropFirst()) where a.number == b.number {
            throw .duplicateTaskNumber(a.number)
        }
    }

    /// The plan with only its first `count` tasks (and no retired task): the start of a
    /// large plan, as the first screen shows it while the rest loads.
    public func prefix(_ count: Int) -> Plan {
        guard count < tasks.count || !retired.isEmpty else { return self }
        // The tasks of a valid plan keep every invariant when cut.
        return (try? Plan(trustedOffice: office, units: units, tasks: Array(tasks.prefix(max(0, count))))) ?? self
    }

    /// The retired task numbered `number`, if there is one.
    public func retiredTask(number: Int) -> Task? {
        var lo = 0, hi = retired.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if retired[mid].number < number { lo = mid + 1 } else { hi = mid }
        }
        return lo < retired.count && retired[lo].number == number ? retired[lo] : nil
    }

    /// The number `addTask` with number 0 takes: one above every task ever made.
    public var nextTaskNumber: Int {
        max(tasks.map(\.number).max() ?? 0, retired.last?.number ?? 0) + 1
    }

    // MARK: Look-up

    public func taskIndex(number: Int) -> Int? { taskIndexByNumber[number] }
    public func task(number: Int) -> Task? { taskIndexByNumber[number].map { tasks[$0] } }
    public func unitIndex(name: String) -> Int? { unitIndexByName[name] }
    public func unit(named name: String) -> Unit? { unitIndexByName[name].map { units[$0] } }

    /// Finds a unit by full name, short name, abbreviation, official full form or alias
    /// (with or without the 省 prefix). Exact matches win; otherwise a unique partial match.
    /// See `Unit.resolve(_:in:)`, which needs only the units.
    public func resolveUnit(_ query: String) throws(DomainError) -> Unit {
        let q = query.trimmingCharacters(in: .whitespaces)
        if let u = unit(named: q) { return u }
        return try Unit.resolve(q, in: units)
    }

    public func resolveTask(_ number: Int) throws(DomainError) -> Task {
        guard let t = task(number: number) else {
            throw retiredTask(number: number) != nil ? .retiredTask(number) : .unknownTask(number)
        }
        return t
    }

    /// The task holding milestone `id`, if any.
    public func taskNumber(ofMilestone id: Int) -> Int? {
        tasks.first(where: { $0.milestone(id: id) != nil })?.number
    }

    // MARK: Edits

    /// Applies an edit if the rules allow it and returns the edit that undoes it (which
    /// expects what this edit left, so it refuses to undo over someone else's change).
    /// A milestone or report added with id 0 gets the next free id. An edit whose `expect`
    /// no longer matches throws `DomainError.conflict` and changes nothing.
    @discardableResult
    public mutating func apply(_ edit: Edit) throws(DomainError) -> Edit {
        try Limits.check(edit)
        switch edit {
        case .addUnit, .removeUnit, .editUnit: return try applyUnitEdit(edit)
        case .addTask, .restoreTask, .retireTask: return try applyTaskListEdit(edit)
        default: break
        }
        guard let ti = taskIndexByNumber[edit.taskNumber] else {
            if retiredTask(number: edit.taskNumber) != nil { throw .retiredTask(edit.taskNumber) }
            throw .unknownTask(edit.taskNumber)
        }
        var task = tasks[ti]
        let inverse: Edit
        func conflict(_ item: Conflict.Item, _ changes: [Conflict.Change], _ m: Milestone? = nil) -> DomainError {
            .conflict(Conflict(task: task.number, item: item, changes: changes, milestone: m))
        }
        switch edit {
        case let .assign(n, unit, role, position, expect):
            guard unitIndexByName[unit] != nil else { throw .unknownUnit(unit, candidates: []) }
            let old = task.assignments.firstIndex(where: { $0.unit == unit })
            let oldRole = old.map { task.assignments[$0].role }
            if case let .value(seen) = expect, seen != oldRole, oldRole != role {
                throw conflict(.role(unit: unit), [.role(oldRole)])
            }
            guard oldRole != role else {
                throw .unchanged("\(unit) already has that role on task \(n).")
            }
            if oldRole == .lead && task.leads.count == 1 { throw .lastLead(task: n, unit: unit) }
            // A unit whose role changes keeps its place in the workflow; a new role starts at 已交办.
            let oldFlow = old.map { task.assignments[$0].flow }
            if let old { task.assignments.remove(at: old) }
            if let role {
                let a = Assignment(unit: unit, role: role, flow: oldFlow ?? .initial)
                let afterLeads = task.assignments.lastIndex(where: { $0.role == .lead }).map { $0 + 1 } ?? 0
                if let p = position, p >= 0, p <= task.assignments.count {
                    task.assignments.insert(a, at: p)      // undo: back to its old place
                } else if role == .lead {
                    // Leads stay first: a new lead goes after the existing leads.
                    task.assignments.insert(a, at: afterLeads)
                } else if oldRole == .lead {
                    // A former lead heads the cooperating units.
                    task.assignments.insert(a, at: afterLeads)
                } else {
                    task.assignments.append(a)
                }
            }
            if role == nil, let oldRole, let oldFlow, oldFlow != .initial {
                inverse = .restoreRole(task: n, unit: unit, role: oldRole, position: old, flow: oldFlow)
            } else {
                inverse = .assign(task: n, unit: unit, role: oldRole, position: old, expect: .value(role))
            }
        case let .restoreRole(n, unit, role, position, flow):
            guard unitIndexByName[unit] != nil else { throw .unknownUnit(unit, candidates: []) }
            if let now = task.role(of: unit) { throw conflict(.role(unit: unit), [.role(now)]) }
            let a = Assignment(unit: unit, role: role, flow: flow)
            if let p = position, p >= 0, p <= task.assignments.count { task.assignments.insert(a, at: p) } else {
                task.assignments.append(a)
            }
            inverse = .assign(task: n, unit: unit, role: nil, expect: .value(role))
        case let .flowStep(n, unit, step, day, reason, expect):
            guard let i = task.assignments.firstIndex(where: { $0.unit == unit }) else {
                if case .value = expect { throw conflict(.flow(unit: unit), [.flow(nil)]) }
                guard unitIndexByName[unit] != nil else { throw .unknownUnit(unit, candidates: []) }
                throw .noRole(task: n, unit: unit)
            }
            let a = task.assignments[i]
            if case let .value(seen) = expect, seen != a.flow {
                throw conflict(.flow(unit: unit), [.flow(a.flow)])
            }
            if let why = FlowRules.refusal(step, task: task, unit: unit, actor: .office, reason: reason ?? (step.needsReason ? "" : nil)) {
                throw .flowRefused(FlowRefusal(task: n, unit: unit, step: step, state: a.flow.state, why: why,
                                               allowed: FlowRules.steps(task: task, unit: unit)))
            }
            let next = FlowRules.apply(step, to: a.flow, role: a.role, day: day, reason: reason)
            task.assignments[i].flow = next
            inverse = .setFlow(task: n, unit: unit, flow: a.flow, expect: .value(next))
        case let .requestExtension(n, id, unit, to, reason, day):
            guard let mi = task.milestones.firstIndex(where: { $0.id == id }) else { throw .unknownMilestone(task: n, id: id) }
            let old = task.milestones[mi]
            func refuse(_ r: ExtensionRefusal) -> DomainError { .extensionRefused(r, task: n, id: id) }
            guard task.role(of: unit) == .lead else { throw refuse(.notLead(unit)) }
            guard !old.isDone, let due = old.due else { throw refuse(.notOpen) }
            guard day <= due else { throw refuse(.tooLate(due: due)) }
            guard to > due else { throw refuse(.notLater(due: due)) }
            if old.extensionRequest?.isPending == true { throw refuse(.pending) }
            let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !why.isEmpty else { throw refuse(.noReason) }
            var m = old
            m.extensionRequest = ExtensionRequest(unit: unit, to: to, reason: why, asked: day, from: due)
            task.milestones[mi] = m
            inverse = .updateMilestone(task: n, id: id, set: [.extensionRequest(old.extensionRequest)],
                                       expect: [.extensionRequest(m.extensionRequest)])
        case let .decideExtension(n, id, approve, reason, day):
            guard let mi = task.milestones.firstIndex(where: { $0.id == id }) else { throw .unknownMilestone(task: n, id: id) }
            let old = task.milestones[mi]
            guard var request = old.extensionRequest, request.isPending else {
                throw .extensionRefused(.nothingPending, task: n, id: id)
            }
            var m = old
            if approve {
                request.decision = .approved(on: day)
                m.originalDue = old.originalDue ?? old.due ?? request.from
                m.due = request.to
            } else {
                let why = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !why.isEmpty else { throw .extensionRefused(.noReason, task: n, id: id) }
                request.decision = .rejected(on: day, reason: why)
            }
            m.extensionRequest = request
            let changed = MilestoneField.changes(from: old, to: m)
            task.milestones[mi] = m
            task.milestones.sort(by: Plan.milestoneOrder)
            inverse = .updateMilestone(task: n, id: id, set: changed.map { MilestoneField.of($0.key, in: old) }, expect: changed)
        case let .setFlow(n, unit, flow, expect):
            guard let i = task.assignments.firstIndex(where: { $0.unit == unit }) else {
                throw conflict(.flow(unit: unit), [.flow(nil)])
            }
            let old = task.assignments[i].flow
            if case let .value(seen) = expect, seen != old, old != flow {
                throw conflict(.flow(unit: unit), [.flow(old)])
            }
            guard old != flow else { throw .unchanged("Nothing to change.") }
            task.assignments[i].flow = flow
            inverse = .setFlow(task: n, unit: unit, flow: old, expect: .value(flow))
        case let .addMilestone(n, m):
            var m = m
            try Plan.check(m)
            if m.id <= 0 { m.id = maxMilestoneID + 1 }
            if tasks.contains(where: { $0.milestone(id: m.id) != nil }) {
                throw .unchanged("Milestone \(m.id) exists already.")
            }
            try checkOwner(m.owner, of: task)
            if m.kind == .plan, task.milestones.contains(where: { $0.kind == .plan }) {
                throw .unchanged("任务\(n)已要求报送具体方案。 Task \(n) already requires a plan (具体方案).")
            }
            task.milestones.append(m)
            task.milestones.sort(by: Plan.milestoneOrder)
            maxMilestoneID = max(maxMilestoneID, m.id)
            inverse = .removeMilestone(task: n, id: m.id, expect: .value(m))
        case let .updateMilestone(n, id, set, expect):
            guard let mi = task.milestones.firstIndex(where: { $0.id == id }) else {
                // Gone since the editor read it: someone else removed it.
                if !expect.isEmpty { throw conflict(.milestone(id: id, title: "#\(id)"), [.removed]) }
                throw .unknownMilestone(task: n, id: id)
            }
            let old = task.milestones[mi]
            var m = old
            for f in set { f.apply(to: &m) }
            // Someone else's change to a field this edit expected is a conflict, unless it
            // already holds what this edit would write.
            let changedByOthers = expect.filter { seen in
                let now = MilestoneField.of(seen.key, in: old)
                return now != seen && now != MilestoneField.of(seen.key, in: m)
            }
            if !changedByOthers.isEmpty {
                throw conflict(.milestone(id: id, title: old.title),
                               changedByOthers.map { .milestone(MilestoneField.of($0.key, in: old)) }, old)
            }
            try Plan.check(m)
            if m.owner != old.owner { try checkOwner(m.owner, of: task) }
            let changed = MilestoneField.changes(from: old, to: m)
            guard !changed.isEmpty else { throw .unchanged("Milestone \(id) is unchanged.") }
            task.milestones[mi] = m
            task.milestones.sort(by: Plan.milestoneOrder)
            inverse = .updateMilestone(task: n, id: id, set: changed.map { MilestoneField.of($0.key, in: old) },
                                       expect: changed)
        case let .removeMilestone(n, id, expect):
            guard let mi = task.milestones.firstIndex(where: { $0.id == id }) else {
                if case let .value(seen) = expect { throw conflict(.milestone(id: id, title: seen.title), [.removed]) }
                throw .unknownMilestone(task: n, id: id)
            }
            let old = task.milestones[mi]
            if case let .value(seen) = expect, seen != old {
                throw conflict(.milestone(id: id, title: old.title),
                               MilestoneField.changes(from: seen, to: old).map { .milestone($0) }, old)
            }
            task.milestones.remove(at: mi)
            inverse = .addMilestone(task: n, milestone: old)
        case let .setFollowUp(n, person, expect):
            let p = person.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            if case let .value(seen) = expect, seen != task.followUp, task.followUp != p {
                throw conflict(.followUp, [.followUp(task.followUp)])
            }
            guard p != task.followUp else { throw .unchanged("Nothing to change.") }
            inverse = .setFollowUp(task: n, person: task.followUp, expect: .value(p))
            task.followUp = p
        case let .addProgress(n, r):
            var r = r
            guard unitIndexByName[r.unit] != nil else { throw .unknownUnit(r.unit, candidates: []) }
            guard task.role(of: r.unit) != nil else { throw .noRole(task: n, unit: r.unit) }
            if [r.progress, r.problems, r.next].allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                throw .emptyTitle
            }
            if r.id <= 0 { r.id = maxProgressID + 1 }
            if tasks.contains(where: { $0.progress.contains { $0.id == r.id } }) {
                throw .unchanged("Progress report \(r.id) exists already.")
            }
            task.progress.append(r)
            task.progress.sort { ($0.date, $0.id) < ($1.date, $1.id) }
            maxProgressID = max(maxProgressID, r.id)
            inverse = .removeProgress(task: n, id: r.id, expect: .value(r))
        case let .removeProgress(n, id, expect):
            guard let i = task.progress.firstIndex(where: { $0.id == id }) else {
                if case .value = expect { throw conflict(.progress(id: id), [.removed]) }
                throw .unchanged("Task \(n) has no progress report \(id).")
            }
            if case let .value(seen) = expect, seen != task.progress[i] {
                throw conflict(.progress(id: id), [.progress(task.progress[i])])
            }
            inverse = .addProgress(task: n, report: task.progress.remove(at: i))
        case let .setNotes(n, notes, expect):
            if case let .value(seen) = expect, seen != task.notes, task.notes != notes {
                throw conflict(.notes, [.notes(task.notes)])
            }
            guard notes != task.notes else { throw .unchanged("Nothing to change.") }
            inverse = .setNotes(task: n, notes: task.notes, expect: .value(notes))
            task.notes = notes
        case let .updateProgress(n, id, set, expect):
            guard let i = task.progress.firstIndex(where: { $0.id == id }) else {
                if !expect.isEmpty { throw conflict(.progress(id: id), [.removed]) }
                throw .unchanged("Task \(n) has no progress report \(id).")
            }
            let old = task.progress[i]
            // A part conflicts when someone else changed it since it was read, unless they
            // set it to what this edit sets.
            let stolen = expect.filter { seen in
                let now = ProgressField.of(seen.key, in: old)
                return now != seen && !set.contains(now)
            }
            if !stolen.isEmpty {
                throw conflict(.progress(id: id), [.progress(old)])
            }
            var r = old
            for f in set { f.apply(to: &r) }
            if [r.progress, r.problems, r.next].allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                throw .emptyTitle
            }
            let changed = ProgressField.changes(from: old, to: r)
            guard !changed.isEmpty else { throw .unchanged("Nothing to change.") }
            task.progress[i] = r
            task.progress.sort { ($0.date, $0.id) < ($1.date, $1.id) }
            inverse = .updateProgress(task: n, id: id, set: changed.map { ProgressField.of($0.key, in: old) }, expect: changed)
        case let .editTask(n, title, expect):
            let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { throw .emptyTitle }
            if case let .value(seen) = expect, seen != task.title, task.title != t {
                throw conflict(.title, [.title(task.title)])
            }
            guard t != task.title else { throw .unchanged("Nothing to change.") }
            inverse = .editTask(task: n, title: task.title, expect: .value(t))
            task.title = t
        case .addTask, .retireTask, .restoreTask, .addUnit, .removeUnit, .editUnit:
            throw .unchanged("Nothing to change.")  // handled above
        }
        tasks[ti] = task
        return inverse
    }

    /// Adds, retires and restores tasks (the plan's list of tasks changes).
    private mutating func applyTaskListEdit(_ edit: Edit) throws(DomainError) -> Edit {
        switch edit {
        case let .addTask(number, title, notes, followUp):
            let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { throw .emptyTitle }
            let n = number > 0 ? number : nextTaskNumber
            guard taskIndexByNumber[n] == nil, retiredTask(number: n) == nil else { throw .duplicateTaskNumber(n) }
            let f = followUp.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            taskIndexByNumber[n] = tasks.count
            tasks.append(Task(number: n, title: t, followUp: f, notes: notes))
            return .retireTask(task: n)
        case let .retireTask(n):
            guard let i = taskIndexByNumber[n] else {
                if retiredTask(number: n) != nil { throw conflict(n, .task, [.retired(true)]) }
                throw .unknownTask(n)
            }
            let t = tasks.remove(at: i)
            retired.insert(t, at: retired.firstIndex(where: { $0.number > n }) ?? retired.count)
            reindexTasks()
            return .restoreTask(task: n)
        case let .restoreTask(n):
            guard let r = retired.firstIndex(where: { $0.number == n }) else {
                if taskIndexByNumber[n] != nil { throw conflict(n, .task, [.retired(false)]) }
                throw .unknownTask(n)
            }
            let t = retired.remove(at: r)
            // Back at its place by number (tasks are kept in number order).
            tasks.insert(t, at: tasks.firstIndex(where: { $0.number > n }) ?? tasks.count)
            reindexTasks()
            return .retireTask(task: n)
        default:
            throw .unchanged("Nothing to change.")
        }
    }

    private func conflict(_ task: Int, _ item: Conflict.Item, _ changes: [Conflict.Change]) -> DomainError {
        .conflict(Conflict(task: task, item: item, changes: changes))
    }

    private mutating func reindexTasks() {
        taskIndexByNumber.removeAll()
        for (i, t) in tasks.enumerated() { taskIndexByNumber[t.number] = i }
    }

    /// Adds, removes and edits units (the matrix columns).
    private mutating func applyUnitEdit(_ edit: Edit) throws(DomainError) -> Edit {
        func clean(_ u: Unit) throws(DomainError) -> Unit {
            var u = u
            u.name = u.name.trimmingCharacters(in: .whitespaces)
            u.short = u.short.trimmingCharacters(in: .whitespaces)
            u.abbr = u.abbr.trimmingCharacters(in: .whitespaces)
            u.fullForm = u.fullForm.trimmingCharacters(in: .whitespaces)
            var seen = Set<String>()
            u.aliases = u.aliases.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
            guard !u.name.isEmpty else { throw .emptyTitle }
            if u.short.isEmpty { u.short = u.name.hasPrefix("省") ? String(u.name.dropFirst()) : u.name }
            return u
        }
        switch edit {
        case let .addUnit(unit):
            let u = try clean(unit)
            guard unitIndexByName[u.name] == nil else { throw .unitNameTaken(u.name, by: u.name) }
            if let c = u.clash(in: units) { throw .unitNameTaken(c.name, by: c.owner) }
            unitIndexByName[u.name] = units.count
            units.append(u)
            return .removeUnit(name: u.name, expect: .value(u))
        case let .removeUnit(name, expect):
            guard let i = unitIndexByName[name] else {
                if case .value = expect { throw conflict(0, .unit(name: name), [.removed]) }
                throw .unknownUnit(name, candidates: [])
            }
            if case let .value(seen) = expect, seen != units[i] { throw conflict(0, .unit(name: name), [.unit(units[i])]) }
            let used = (tasks + retired).contains { t in
                t.role(of: name) != nil || t.milestones.contains { $0.owner == name } || t.progress.contains { $0.unit == name }
            }
            if used || office.members.contains(name) { throw .unitInUse(name) }
            let old = units.remove(at: i)
            unitIndexByName.removeAll(keepingCapacity: true)
            for (j, u) in units.enumerated() { unitIndexByName[u.name] = j }
            return .addUnit(unit: old)
        case let .editUnit(name, set, expect):
            guard let i = unitIndexByName[name] else {
                if case .value = expect { throw conflict(0, .unit(name: name), [.removed]) }
                throw .unknownUnit(name, candidates: [])
            }
            let old = units[i]
            let u = try clean(set)
            if case let .value(seen) = expect, seen != old, old != u { throw conflict(0, .unit(name: name), [.unit(old)]) }
            guard u != old else { throw .unchanged("Nothing to change.") }
            if u.name != name, unitIndexByName[u.name] != nil { throw .unitNameTaken(u.name, by: u.name) }
            if let c = u.clash(in: units, except: name) { throw .unitNameTaken(c.name, by: c.owner) }
            units[i] = u
            if u.name != name {
                unitIndexByName[name] = nil
                unitIndexByName[u.name] = i
                func rename(_ t: inout Task) {
                    for j in t.assignments.indices where t.assignments[j].unit == name { t.assignments[j].unit = u.name }
                    for j in t.milestones.indices where t.milestones[j].owner == name { t.milestones[j].owner = u.name }
                    for j in t.progress.indices where t.progress[j].unit == name { t.progress[j].unit = u.name }
                }
                for j in tasks.indices { rename(&tasks[j]) }
                for j in retired.indices { rename(&retired[j]) }
                office.members = office.members.map { $0 == name ? u.name : $0 }
                if office.hostUnit == name { office.hostUnit = u.name }
            }
            return .editUnit(name: u.name, set: old, expect: .value(u))
        default:
            throw .unchanged("Nothing to change.")
        }
    }

    /// A milestone's owner must be a unit with a role on the task.
    private func checkOwner(_ owner: String?, of task: Task) throws(DomainError) {
        guard let o = owner else { return }
        guard unitIndexByName[o] != nil else { throw .unknownUnit(o, candidates: []) }
        guard task.role(of: o) != nil else { throw .noRole(task: task.number, unit: o) }
    }

    private static func check(_ m: Milestone) throws(DomainError) {
        if m.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .emptyTitle }
    }

    /// Milestones are listed by due date (undated last), then by id.
    public static func milestoneOrder(_ a: Milestone, _ b: Milestone) -> Bool {
        switch (a.due, b.due) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.id < b.id
        }
    }

    // MARK: Units

    /// Adds or replaces a unit's names (the office edits units.tsv's copy in the tracker).
    public mutating func upsertUnit(_ u: Unit) {
        if let i = unitIndexByName[u.name] { units[i] = u } else {
            unitIndexByName[u.name] = units.count
            units.append(u)
        }
    }

    /// Is the unit a member of the leading group?
    public func isMember(_ unitName: String) -> Bool { office.members.contains(unitName) }

    /// Number of tasks the unit leads and cooperates on.
    public func counts(for unitName: String) -> (lead: Int, cooperating: Int) {
        var l = 0, c = 0
        for t in tasks {
            switch t.role(of: unitName) {
            case .lead?: l += 1
            case .cooperating?: c += 1
            case nil: break
            }
        }
        return (l, c)
    }
}
