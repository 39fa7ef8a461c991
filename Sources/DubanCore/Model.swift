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
/// A large tracker holds about a million of these, nearly all with the initial flow, so
/// the role and the flow share one word: the flow is kept out of line (in a box) only when
/// it is not `Flow.initial`. An assignment is 24 bytes (the unit's name, shared with the
/// plan's units, and that word) instead of 88. Equality and hashing compare values, never
/// boxes.
public struct Assignment: Hashable, Sendable {
    public var unit: String
    private var packed: Packed

    public init(unit: String, role: Role, flow: Flow = .initial) {
        self.unit = unit
        self.packed = Packed(role: role, flow: flow)
    }

    public var role: Role {
        get { packed.role }
        set { packed = Packed(role: newValue, box: packed.box) }
    }

    /// Where the unit's part stands in the 督办 workflow (`FlowRules`).
    public var flow: Flow {
        get { packed.box?.flow ?? Flow() }
        set { packed = Packed(role: packed.role, flow: newValue) }
    }

    /// True when the flow is out of line (not `Flow.initial`): for tests of the representation.
    var hasFlowBox: Bool { packed.box != nil }

    public static func == (a: Assignment, b: Assignment) -> Bool {
        a.unit == b.unit && a.packed.role == b.packed.role && a.packed.box?.flow == b.packed.box?.flow
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(unit)
        hasher.combine(role)
        hasher.combine(flow)
    }

    /// The role and, unless it is the initial one, the flow in one word (an enum of class
    /// payloads uses the pointers' spare bits for its case).
    private enum Packed: Sendable {
        case lead
        case cooperating
        case leadFlow(FlowBox)
        case cooperatingFlow(FlowBox)

        /// The initial flow is never boxed, so a box always holds a flow that is not initial.
        init(role: Role, flow: Flow) {
            self.init(role: role, box: flow == Flow() ? nil : FlowBox(flow))
        }

        init(role: Role, box: FlowBox?) {
            switch (role, box) {
            case (.lead, nil): self = .lead
            case (.cooperating, nil): self = .cooperating
            case let (.lead, b?): self = .leadFlow(b)
            case let (.cooperating, b?): self = .cooperatingFlow(b)
            }
        }

        var role: Role {
            switch self {
            case .lead, .leadFlow: return .lead
            case .cooperating, .cooperatingFlow: return .cooperating
            }
        }

        var box: FlowBox? {
            switch self {
            case .lead, .cooperating: return nil
            case let .leadFlow(b), let .cooperatingFlow(b): return b
            }
        }
    }

    /// An immutable flow shared by copies of an assignment; a change makes a new box.
    private final class FlowBox: Sendable {
        let flow: Flow
        init(_ flow: Flow) { self.flow = flow }
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
public struct Task: Hashable, Sendable {
    public var number: Int
    public var title: String
    /// Units with a role, in order: the table's order, leads first.
    public var assignments: [Assignment]
    public var milestones: [Milestone]
    /// The office staff member who follows up this task, if named.
    public var followUp: String?
    public var notes: String
    /// Progress reports (进展填报), oldest first.
    public var progress: [ProgressReport]

    public init(number: Int, title: String, assignments: [Assignment] = [], milestones: [Milestone] = [],
                followUp: String? = nil, notes: String = "", progress: [ProgressReport] = []) {
        self.number = number
        self.title = title
        self.assignments = assignments
        self.milestones = milestones
        self.followUp = followUp
        self.notes = notes
        self.progress = progress
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
