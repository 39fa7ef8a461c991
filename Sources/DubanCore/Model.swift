/// A department (部门/单位) that can lead or cooperate on tasks.
public struct Unit: Hashable, Sendable, Codable {
    /// Full name with the province prefix, as the tracker stores it: 省财政厅. The key of a unit.
    public var name: String
    /// Short name: 财政厅.
    public var short: String
    /// Two-character abbreviation officials use: 财政.
    public var abbr: String
    /// Official full form where the usual name is itself an abbreviation: 省发展和改革委员会. Empty if none.
    public var fullForm: String
    /// Other names that resolve to this unit: 建设厅 → 省住房和城乡建设厅.
    public var aliases: [String]

    public init(name: String, short: String, abbr: String, fullForm: String = "", aliases: [String] = []) {
        self.name = name
        self.short = short
        self.abbr = abbr
        self.fullForm = fullForm
        self.aliases = aliases
    }

    /// Every name this unit answers to, its own name first.
    public var allNames: [String] {
        var out = [name, short, abbr]
        if !fullForm.isEmpty { out.append(fullForm) }
        out.append(contentsOf: aliases)
        var seen = Set<String>()
        return out.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Finds a unit of `units` by full name, short name, abbreviation, official full form
    /// or alias (with or without the 省 prefix). Exact matches win; otherwise a unique
    /// partial match. Needs only the units, not the tasks, so a one-row edit from the CLI
    /// resolves its unit without loading the plan (`Plan.resolveUnit` calls it too).
    public static func resolve(_ query: String, in units: [Unit]) throws(DomainError) -> Unit {
        let q = query.trimmingCharacters(in: .whitespaces)
        if let u = units.first(where: { $0.name == q }) { return u }
        let variants = q.hasPrefix("省") ? [q, String(q.dropFirst())] : [q, "省" + q]
        let exact = units.filter { u in u.allNames.contains(where: { variants.contains($0) }) }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 { throw .ambiguousUnit(q, candidates: exact.map(\.name)) }
        guard !q.isEmpty else { throw .unknownUnit(q, candidates: []) }
        let partial = units.filter { u in u.allNames.contains(where: { $0.contains(q) }) }
        if partial.count == 1 { return partial[0] }
        if partial.count > 1 { throw .ambiguousUnit(q, candidates: partial.map(\.name)) }
        // Suggest units sharing a character with the query.
        let chars = Set(q)
        let near = units.filter { !chars.isDisjoint(with: Set($0.name)) && !Set($0.name).subtracting(["省", "厅", "局"]).isDisjoint(with: chars) }
        throw .unknownUnit(q, candidates: Array(near.prefix(8).map(\.name)))
    }
}

/// A unit's responsibility on a task: 牵头 (lead) or 协同 (cooperating).
public enum Role: String, Sendable, Codable, CaseIterable {
    case lead
    case cooperating
}

/// One unit's role on one task. A task keeps these in order (first lead first).
///
/// A large tracker holds about a million of these, nearly all with the initial flow, so an
/// assignment is one word (8 bytes, instead of 88 as plain fields): a pointer to the unit's
/// name, kept in a box that every assignment of that unit read together shares, with the
/// role in the pointer's spare bits. A flow other than `Flow.initial` goes out of line, in
/// a box with the name. Equality and hashing compare values, never boxes.
///
/// To share a name, copy an assignment and change its role or flow (`shared(as:)`): the
/// copy keeps the box. A store reading a million rows makes one assignment per unit and
/// copies it.
public struct Assignment: Hashable, Sendable {
    private var packed: Packed

    public init(unit: String, role: Role, flow: Flow = .initial) {
        self.packed = Packed(role: role, name: NameBox(unit), flow: flow)
    }

    /// The unit's name, whichever box holds it.
    public var unit: String {
        get { packed.name.name }
        set { packed = Packed(role: packed.role, name: NameBox(newValue), flow: flow) }
    }

    public var role: Role {
        get { packed.role }
        set { packed = packed.with(role: newValue) }
    }

    /// Where the unit's part stands in the 督办 workflow (`FlowRules`).
    public var flow: Flow {
        get { packed.flow }
        set { packed = Packed(role: packed.role, name: packed.name, flow: newValue) }
    }

    /// This unit in `role`, sharing this assignment's name box (no new name is stored).
    public func shared(as role: Role) -> Assignment {
        var copy = self
        copy.packed = Packed(role: role, name: packed.name, flow: .initial)
        return copy
    }

    /// True when the flow is out of line (not `Flow.initial`): for tests of the representation.
    var hasFlowBox: Bool { packed.flowBox != nil }

    /// True when both hold their unit's name in the same box: for tests of the representation.
    func sharesName(with other: Assignment) -> Bool { packed.name === other.packed.name }

    public static func == (a: Assignment, b: Assignment) -> Bool {
        (a.packed.name === b.packed.name || a.packed.name.name == b.packed.name.name)
            && a.packed.role == b.packed.role && a.packed.flowBox?.flow == b.packed.flowBox?.flow
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(unit)
        hasher.combine(role)
        hasher.combine(flow)
    }

    /// The role, and the box with the name (and the flow when it is not the initial one), in
    /// one word: an enum of class payloads keeps its case in the pointer's spare bits.
    private enum Packed: Sendable {
        case lead(NameBox)
        case cooperating(NameBox)
        case leadFlow(FlowBox)
        case cooperatingFlow(FlowBox)

        /// The initial flow is never boxed, so a flow box always holds a flow that is not initial.
        init(role: Role, name: NameBox, flow: Flow) {
            if flow == Flow() {
                self = role == .lead ? .lead(name) : .cooperating(name)
            } else {
                let box = FlowBox(name: name, flow: flow)
                self = role == .lead ? .leadFlow(box) : .cooperatingFlow(box)
            }
        }

        func with(role: Role) -> Packed {
            switch self {
            case let .lead(n), let .cooperating(n): return role == .lead ? .lead(n) : .cooperating(n)
            case let .leadFlow(b), let .cooperatingFlow(b): return role == .lead ? .leadFlow(b) : .cooperatingFlow(b)
            }
        }

        var role: Role {
            switch self {
            case .lead, .leadFlow: return .lead
            case .cooperating, .cooperatingFlow: return .cooperating
            }
        }

        var name: NameBox {
            switch self {
            case let .lead(n), let .cooperating(n): return n
            case let .leadFlow(b), let .cooperatingFlow(b): return b.name
            }
        }

        var flowBox: FlowBox? {
            switch self {
            case .lead, .cooperating: return nil
            case let .leadFlow(b), let .cooperatingFlow(b): return b
            }
        }

        var flow: Flow { flowBox?.flow ?? Flow() }
    }

    /// A unit's name, shared by the assignments copied from one another; never changed.
    private final class NameBox: Sendable {
        let name: String
        init(_ name: String) { self.name = name }
    }

    /// A flow that is not the initial one, with the name box; a change makes a new box.
    private final class FlowBox: Sendable {
        let name: NameBox
        let flow: Flow
        init(name: NameBox, flow: Flow) {
            self.name = name
            self.flow = flow
        }
    }
}

/// Makes assignments that share one name box per unit, for a store reading many rows that
/// name their unit as text: a million rows then hold a thousand names, not a million.
public struct SharedUnitNames {
    private var first: [String: Assignment] = [:]

    public init() {}

    public mutating func assignment(unit: String, role: Role, flow: Flow = .initial) -> Assignment {
        var a: Assignment
        if let known = first[unit] {
            a = known.shared(as: role)
        } else {
            a = Assignment(unit: unit, role: role)
            first[unit] = a
        }
        if flow != .initial { a.flow = flow }
        return a
    }
}

/// A dated checkpoint (时间节点) of a task.
public struct Milestone: Hashable, Sendable, Codable {
    /// Unique in the tracker. 0 means "not yet assigned" (the store assigns it).
    public var id: Int
    public var title: String
    public var due: Day?
    public var isDone: Bool
    public var completed: Day?
    /// Full name of the unit that owns the milestone, if any.
    public var owner: String?
    /// The due date before the first approved extension (延期); nil if never extended.
    public var originalDue: Day?
    /// The latest extension request (延期申请), pending or decided.
    public var extensionRequest: ExtensionRequest?
    /// What kind of step it is: nil for an ordinary milestone, `.plan` for the lead units'
    /// 具体方案 (its completion date is the day the plan was submitted). Set when it is added.
    public var kind: MilestoneKind?

    public init(id: Int = 0, title: String, due: Day? = nil, isDone: Bool = false,
                completed: Day? = nil, owner: String? = nil, originalDue: Day? = nil, extensionRequest: ExtensionRequest? = nil,
                kind: MilestoneKind? = nil) {
        self.kind = kind
        self.id = id
        self.title = title
        self.due = due
        self.isDone = isDone
        self.completed = completed
        self.owner = owner
        self.originalDue = originalDue
        self.extensionRequest = extensionRequest
    }

    public var statusWord: String { isDone ? "done" : "open" }
}

/// A milestone of its own kind.
public enum MilestoneKind: String, Hashable, Sendable, Codable {
    /// 具体方案: the concrete plan the lead units draw up for their task.
    case plan
}

/// One of the key tasks (重点工作任务) of the decomposition table.
///
/// A large tracker holds a hundred thousand of these, most with nothing but a number, a
/// title and roles, so the milestones, follow-up, notes and progress reports are kept
/// together out of line (`Details`, absent while all are empty): a task is 40 bytes
/// instead of 80. They read and change as plain fields, in place.
public struct Task: Hashable, Sendable {
    public var number: Int
    public var title: String
    /// Units with a role, in order: the table's order, leads first.
    public var assignments: [Assignment]
    private var details: DetailsBox?

    public init(number: Int, title: String, assignments: [Assignment] = [], milestones: [Milestone] = [],
                followUp: String? = nil, notes: String = "", progress: [ProgressReport] = []) {
        self.number = number
        self.title = title
        self.assignments = assignments
        let d = Details(milestones: milestones, followUp: followUp, notes: notes, progress: progress)
        self.details = d.isEmpty ? nil : DetailsBox(d)
    }

    public var milestones: [Milestone] {
        get { details?.value.milestones ?? [] }
        _modify { yield &self[detail: \.milestones] }
    }

    /// The office staff member who follows up this task, if named.
    public var followUp: String? {
        get { details?.value.followUp }
        _modify { yield &self[detail: \.followUp] }
    }

    public var notes: String {
        get { details?.value.notes ?? "" }
        _modify { yield &self[detail: \.notes] }
    }

    /// Progress reports (进展填报), oldest first.
    public var progress: [ProgressReport] {
        get { details?.value.progress ?? [] }
        _modify { yield &self[detail: \.progress] }
    }

    /// One of the details, changed in place: taken out of the box and put back (also when the
    /// change throws), the box left out while they are all empty.
    private subscript<T>(detail path: WritableKeyPath<Details, T>) -> T {
        get { (details?.value ?? Details())[keyPath: path] }
        _modify {
            // Out of the box: when no copy of this task shares the box, the arrays inside
            // change in place rather than being copied.
            var d = details.take()?.value ?? Details()
            defer { details = d.isEmpty ? nil : DetailsBox(d) }
            yield &d[keyPath: path]
        }
    }

    /// True when the details are out of line: for tests of the representation.
    var hasDetailsBox: Bool { details != nil }

    public static func == (a: Task, b: Task) -> Bool {
        a.number == b.number && a.title == b.title && a.assignments == b.assignments
            && (a.details === b.details || (a.details?.value ?? Details()) == (b.details?.value ?? Details()))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
        hasher.combine(title)
        hasher.combine(assignments)
        hasher.combine(details?.value ?? Details())
    }

    private struct Details: Hashable, Sendable {
        var milestones: [Milestone] = []
        var followUp: String? = nil
        var notes: String = ""
        var progress: [ProgressReport] = []

        var isEmpty: Bool { milestones.isEmpty && followUp == nil && notes.isEmpty && progress.isEmpty }
    }

    /// Never changed once made: a change to a task makes a new box (see `subscript(detail:)`).
    private final class DetailsBox: Sendable {
        let value: Details
        init(_ value: Details) { self.value = value }
    }

    public func role(of unit: String) -> Role? {
        assignments.first(where: { $0.unit == unit })?.role
    }

    public var leads: [String] { assignments.filter { $0.role == .lead }.map(\.unit) }
    public var cooperating: [String] { assignments.filter { $0.role == .cooperating }.map(\.unit) }

    public func milestone(id: Int) -> Milestone? { milestones.first(where: { $0.id == id }) }

    /// The newest progress report (by date, then by id).
    public var latestProgress: ProgressReport? {
        progress.max { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}

/// The leading group office (领导小组办公室) that supervises the plan.
public struct Office: Hashable, Sendable {
    public var name: String
    /// Full name of the unit the office sits in.
    public var hostUnit: String
    /// Full names of the leading group's member units.
    public var members: [String]

    public init(name: String, hostUnit: String, members: [String]) {
        self.name = name
        self.hostUnit = hostUnit
        self.members = members
    }

    /// An office not named yet: no name, no host unit, no members (an imported table's
    /// tracker until the user names its office).
    public static let unnamed = Office(name: "", hostUnit: "", members: [])

    /// The office of the seed document, section (六).
    public static let seed = Office(
        name: "城乡一体化工作领导小组办公室",
        hostUnit: "省住房和城乡建设厅",
        members: ["省住房和城乡建设厅", "省发改委", "省财政厅", "省农委", "省国土资源厅", "省环保厅",
                  "省交通运输厅", "省人力资源和社会保障厅", "省农垦总局", "省森工总局"]
    )
}

/// A lead unit's periodic report on a task (进展填报), in the three parts offices use.
public struct ProgressReport: Hashable, Sendable, Codable {
    /// Unique in the tracker; 0 until the store assigns one.
    public var id: Int
    public var date: Day
    /// Full name of the reporting unit.
    public var unit: String
    /// 进展情况
    public var progress: String
    /// 存在问题
    public var problems: String
    /// 下一步措施
    public var next: String

    public init(id: Int = 0, date: Day, unit: String, progress: String, problems: String = "", next: String = "") {
        self.id = id
        self.date = date
        self.unit = unit
        self.progress = progress
        self.problems = problems
        self.next = next
    }
}
