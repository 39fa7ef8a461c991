// The 督办 workflow of one unit's part in a task (an assignment): 交办 → 签收 → 申请办结 →
// 销号, with 退回 and 中止/恢复. `FlowRules` is the one place that says which step is
// allowed when and to whom; `Plan.apply` judges `Edit.flowStep` with it, the CLI refuses
// with its sentence and the TUI lists `FlowRules.steps` as the next allowed steps.

/// Where one unit's part in a task stands.
public enum FlowState: String, Hashable, Sendable, Codable, CaseIterable {
    /// 已交办: the role was given; the unit has not acknowledged it yet.
    case assigned
    /// 已签收: the unit acknowledged it and is working on it.
    case signed
    /// 申请办结: the lead unit asked the office to close it.
    case closing
    /// 已办结/销号: the office closed it.
    case closed
    /// 中止: the office suspended it (with a reason); `resume` takes it back.
    case suspended
}

/// One unit's state in a task, since when and why.
public struct Flow: Hashable, Sendable, Codable {
    public var state: FlowState
    /// The day of the step that reached the state; nil for a role given before the
    /// workflow existed, or by an edit that carries no day (`Edit.assign`).
    public var since: Day?
    /// The reason of a return or suspension, the note of a closure request; nil otherwise.
    public var reason: String?
    /// For a suspended part: the state `resume` returns to.
    public var prior: FlowState?

    public init(state: FlowState = .assigned, since: Day? = nil, reason: String? = nil, prior: FlowState? = nil) {
        self.state = state
        self.since = since
        self.reason = reason
        self.prior = prior
    }

    /// A new role starts here (交办).
    public static let initial = Flow()
}

/// A step of the workflow.
public enum FlowStep: String, Hashable, Sendable, Codable, CaseIterable {
    /// 签收: assigned → signed. Any unit, for itself (or the office on its behalf).
    case sign
    /// 申请办结: signed → closing. A lead unit only (it reports for its cooperating units).
    case requestClose = "request-close"
    /// 销号: closing → closed; a cooperating unit's part also from signed once a lead of the
    /// task asked for closure or was closed. The office only.
    case close
    /// 退回: closing → signed, with a reason. The office only.
    case `return`
    /// 中止: assigned, signed or closing → suspended, with a reason. The office only.
    case suspend
    /// 恢复: suspended → the state it was suspended in. The office only.
    case resume

    /// True for the steps only the office may take.
    public var isOfficeOnly: Bool {
        switch self {
        case .sign, .requestClose: return false
        case .close, .return, .suspend, .resume: return true
        }
    }

    /// True for the steps that need a reason.
    public var needsReason: Bool { self == .return || self == .suspend }
}

/// Who takes a step: the office (office staff, or anyone on a file tracker) or a unit's login.
public enum FlowActor: Hashable, Sendable {
    case office
    case unit(String)
}

/// Why a step is refused, with what is allowed now.
public struct FlowRefusal: Hashable, Sendable, Error {
    public enum Why: Hashable, Sendable {
        /// The state does not allow the step.
        case state
        /// Only a lead unit asks for closure.
        case notLead
        /// Only the office takes this step.
        case officeOnly
        /// A unit's login acts only for its own unit.
        case otherUnit
        /// A cooperating unit's part is closed once a lead asked for closure.
        case leadNotClosing
        /// The step needs a reason.
        case noReason
    }

    public var task: Int
    public var unit: String
    public var step: FlowStep
    public var state: FlowState
    public var why: Why
    /// The steps the same actor may take now.
    public var allowed: [FlowStep]

    public init(task: Int, unit: String, step: FlowStep, state: FlowState, why: Why, allowed: [FlowStep]) {
        self.task = task
        self.unit = unit
        self.step = step
        self.state = state
        self.why = why
        self.allowed = allowed
    }
}

public enum FlowRules {
    /// The states a step may start from, and the state it leads to (resume: the prior one).
    public static func transition(_ step: FlowStep, from flow: Flow, role: Role) -> FlowState? {
        switch (step, flow.state) {
        case (.sign, .assigned): return .signed
        case (.requestClose, .signed): return .closing
        case (.close, .closing): return .closed
        case (.close, .signed) where role == .cooperating: return .closed
        case (.return, .closing): return .signed
        case (.suspend, .assigned), (.suspend, .signed), (.suspend, .closing): return .suspended
        case (.resume, .suspended): return flow.prior ?? .assigned
        default: return nil
        }
    }

    /// Why `actor` may not take `step` for `unit` on `task` now, or nil when it may. The one
    /// source of truth: `Plan.apply`, the CLI and the TUI ask it.
    public static func refusal(_ step: FlowStep, task: Task, unit: String, actor: FlowActor = .office,
                               reason: String? = nil) -> FlowRefusal.Why? {
        guard let a = task.assignments.first(where: { $0.unit == unit }) else { return .state }
        if case let .unit(me) = actor {
            if me != unit { return .otherUnit }
            if step.isOfficeOnly { return .officeOnly }
        }
        if step == .requestClose && a.role != .lead { return .notLead }
        guard let next = transition(step, from: a.flow, role: a.role) else { return .state }
        if step == .close, a.role == .cooperating, a.flow.state == .signed, next == .closed {
            let leadAsked = task.assignments.contains { $0.role == .lead && ($0.flow.state == .closing || $0.flow.state == .closed) }
            if !leadAsked { return .leadNotClosing }
        }
        if step.needsReason, let r = reason, r.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .noReason }
        return nil
    }

    /// The steps `actor` may take for `unit` on `task` now ("next allowed steps").
    public static func steps(task: Task, unit: String, actor: FlowActor = .office) -> [FlowStep] {
        FlowStep.allCases.filter { refusal($0, task: task, unit: unit, actor: actor, reason: nil) == nil }
    }

    /// The flow after `step` on `day` (the step must be allowed).
    public static func apply(_ step: FlowStep, to flow: Flow, role: Role, day: Day, reason: String?) -> Flow {
        let next = transition(step, from: flow, role: role) ?? flow.state
        let text = reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        switch step {
        case .suspend: return Flow(state: .suspended, since: day, reason: text, prior: flow.state)
        case .sign, .close, .resume: return Flow(state: next, since: day, reason: text)
        case .requestClose, .return: return Flow(state: next, since: day, reason: text)
        }
    }
}

extension Task {
    /// The flow of `unit`'s part, if it has a role.
    public func flow(of unit: String) -> Flow? { assignments.first(where: { $0.unit == unit })?.flow }
}
