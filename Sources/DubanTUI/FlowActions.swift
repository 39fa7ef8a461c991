import DubanCanvas
import DubanCore

/// The marks of a unit's workflow state in a matrix cell: one column after the role glyph,
/// none for a part only handed over (assigned). Each set draws in one column whatever the
/// terminal does with East Asian Ambiguous characters (the unicode set is only used where
/// they are narrow).
public struct FlowMarks: Hashable, Sendable {
    public var signed: String
    public var closing: String
    public var closed: String
    public var suspended: String

    public static let unicode = FlowMarks(signed: "+", closing: "…", closed: "✓", suspended: "‖")
    public static let wideSafe = FlowMarks(signed: "+", closing: "?", closed: "✓", suspended: "-")
    public static let ascii = FlowMarks(signed: "+", closing: "?", closed: "v", suspended: "-")

    public func mark(_ s: FlowState) -> String {
        switch s {
        case .assigned: return ""
        case .signed: return signed
        case .closing: return closing
        case .closed: return closed
        case .suspended: return suspended
        }
    }

    public var all: [String] { [signed, closing, closed, suspended] }
}

extension Glyphs {
    /// The workflow marks of this glyph set.
    public var flow: FlowMarks {
        if self == .ascii { return .ascii }
        if self == .wideSafe { return .wideSafe }
        return .unicode
    }
}

/// The workflow's steps as the screens take them: judged by `FlowRules` first (a refusal
/// shows its sentence), a reason asked in a one-field form when the step needs one, then
/// persisted as `Edit.flowStep` expecting the flow the person saw (compare-and-set).
enum FlowActions {
    /// The legend of the matrix marks (help and the task's workflow screen).
    static func legend(_ app: AppState) -> String {
        let m = app.options.glyphs.flow
        let zh = app.strings.isChinese
        return [FlowState.signed, .closing, .closed, .suspended]
            .map { "\(m.mark($0)) \(FlowText.state($0, chinese: zh))" }.joined(separator: "  ")
    }

    /// "已签收 2027-03-02" (the state and its day), with the reason when there is one.
    static func describe(_ f: Flow, _ s: Strings) -> String {
        var text = FlowText.state(f.state, chinese: s.isChinese)
        if let d = f.since { text += " " + d.description }
        if let r = f.reason { text += s.f(s.flowReasonNote, r.clean) }
        return text
    }

    static func refuse(_ app: inout AppState, _ t: Task, unit: String, step: FlowStep, why: FlowRefusal.Why) {
        let f = t.flow(of: unit) ?? Flow()
        let r = FlowRefusal(task: t.number, unit: unit, step: step, state: f.state, why: why,
                            allowed: FlowRules.steps(task: t, unit: unit))
        app.status = StatusMessage(FlowText.refusal(r, chinese: app.strings.isChinese), .error)
    }

    /// Takes `step` for `unit` on task `number` as the office.
    static func step(_ app: inout AppState, task number: Int, unit: String, step: FlowStep) -> [Effect] {
        guard !app.readOnly else { return Reducer.readOnly(&app) }
        guard let t = app.plan.task(number: number) else { return [] }
        if let why = FlowRules.refusal(step, task: t, unit: unit) {
            refuse(&app, t, unit: unit, step: step, why: why)
            return []
        }
        let seen = t.flow(of: unit) ?? Flow()
        let day = app.options.today
        guard step.needsReason else {
            return [.persist([.flowStep(task: number, unit: unit, step: step, day: day, expect: .value(seen))], .edit)]
        }
        let s = app.strings
        let name = FlowText.step(step, chinese: s.isChinese)
        let need = s.f(s.flowReasonNeeded, name)
        app.push(FormScreen("flow.\(step.rawValue)", title: s.f(s.flowStepTitle, name, number, unit),
                            fields: [FormField(s.flowReasonLabel, .text, "", required: need)], maxWidth: 64,
                            save: { v in
                                guard !v[0].isEmpty else { return .refuse(need, field: 0) }
                                return .save([.flowStep(task: number, unit: unit, step: step, day: day, reason: v[0], expect: .value(seen))])
                            }))
        return []
    }

    // MARK: Extensions

    /// A lead unit asks to move the milestone's due date: unit, new date, reason.
    static func requestExtension(_ app: inout AppState, task t: Task, milestone m: Milestone) -> [Effect] {
        guard !app.readOnly else { return Reducer.readOnly(&app) }
        let s = app.strings
        guard m.due != nil, !m.isDone else {
            app.status = StatusMessage(s.extensionNotAllowed, .error)
            return []
        }
        let lead = t.leads.first.flatMap { app.plan.unit(named: $0) }
        let (number, id, day) = (t.number, m.id, app.options.today)
        let need = s.extensionReasonNeeded
        app.push(FormScreen("extension.request", title: s.f(s.extensionRequestTitle, number, m.title.clean),
                            fields: [FormField(s.extensionUnitLabel, .unit, lead?.abbr ?? t.leads.first ?? "", width: 16),
                                     FormField(s.extensionNewDueLabel, .date, "", required: s.extensionNewDueNeeded,
                                               width: 12, usual: s.formDueHint),
                                     FormField(s.flowReasonLabel, .text, "", required: need)],
                            maxWidth: 68,
                            save: { v in
                                guard let u = v.unit(0) else { return .refuse(v.app.strings.extensionUnitNeeded, field: 0) }
                                guard let to = v.day(1) else { return .refuse(v.app.strings.describe(DomainError.invalidDate(v[1])), field: 1) }
                                guard !v[2].isEmpty else { return .refuse(need, field: 2) }
                                return .save([.requestExtension(task: number, id: id, unit: u.name, to: to, reason: v[2], day: day)])
                            }))
        return []
    }

    /// The office approves (at once) or rejects (asking a reason) the pending request.
    static func decideExtension(_ app: inout AppState, task number: Int, milestone id: Int, approve: Bool) -> [Effect] {
        guard !app.readOnly else { return Reducer.readOnly(&app) }
        let s = app.strings
        guard let m = app.plan.task(number: number)?.milestone(id: id), let r = m.extensionRequest, r.isPending else {
            app.status = StatusMessage(s.extensionNonePending, .error)
            return []
        }
        let day = app.options.today
        if approve { return [.persist([.decideExtension(task: number, id: id, approve: true, day: day)], .edit)] }
        let need = s.extensionRejectReasonNeeded
        app.push(FormScreen("extension.reject", title: s.f(s.extensionRejectTitle, number, m.title.clean),
                            fields: [FormField(s.flowReasonLabel, .text, "", required: need)], maxWidth: 64,
                            save: { v in
                                guard !v[0].isEmpty else { return .refuse(need, field: 0) }
                                return .save([.decideExtension(task: number, id: id, approve: false, reason: v[0], day: day)])
                            }))
        return []
    }

    /// The task view's line on the workflow once a step was taken: how many parts are in
    /// each state, pending extension requests and the key of the 办理 screen, as a label and
    /// items ("办理状态  已签收 2、申请办结 1、b 办理").
    static func summary(_ app: AppState, task t: Task) -> (label: String, items: [String])? {
        guard t.assignments.contains(where: { $0.flow.state != .assigned || $0.flow.since != nil }) else { return nil }
        let s = app.strings
        var items = FlowState.allCases.compactMap { st -> String? in
            let n = t.assignments.filter { $0.flow.state == st }.count
            return n == 0 ? nil : FlowText.state(st, chinese: s.isChinese) + " \(n)"
        }
        let pending = t.milestones.filter { $0.extensionRequest?.isPending == true }.count
        if pending > 0 { items.append(s.f(s.flowSummaryPending, pending)) }
        let key = KeyMap.keyName(.showFlow, in: .task, ascii: app.options.glyphs.asciiKeyNames)
        items.append(s.f(s.flowSummaryKey, key))
        return (s.flowSummaryLabel, items)
    }

    /// The flow step a command stands for.
    static func step(of c: Command) -> FlowStep? {
        switch c {
        case .flowSign: return .sign
        case .flowRequestClose: return .requestClose
        case .flowClose: return .close
        case .flowReturn: return .return
        case .flowSuspend: return .suspend
        case .flowResume: return .resume
        default: return nil
        }
    }

    /// The command of a flow step (for the keys shown beside a unit).
    static func command(of step: FlowStep) -> Command {
        switch step {
        case .sign: return .flowSign
        case .requestClose: return .flowRequestClose
        case .close: return .flowClose
        case .return: return .flowReturn
        case .suspend: return .flowSuspend
        case .resume: return .flowResume
        }
    }

    /// The task view's workflow keys: the extension of the selected milestone, and opening
    /// the workflow screen. Nil when the command is not one of these.
    static func task(_ app: inout AppState, _ c: Command, task t: Task, selected: Milestone?) -> [Effect]? {
        switch c {
        case .showFlow:
            FlowScreen.open(&app, task: t.number, unit: nil)
            return []
        case .requestExtension, .approveExtension, .rejectExtension:
            guard let m = selected else { return TaskScreen.noSelection(&app) }
            if c == .requestExtension { return requestExtension(&app, task: t, milestone: m) }
            return decideExtension(&app, task: t.number, milestone: m.id, approve: c == .approveExtension)
        default:
            return nil
        }
    }
}
