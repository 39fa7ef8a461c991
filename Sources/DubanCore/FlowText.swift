// The workflow's user-facing words and sentences, in Chinese and English, in one file so
// that they move easily into the message catalog.

public enum FlowText {
    /// 已交办 / assigned …
    public static func state(_ s: FlowState, chinese: Bool) -> String {
        switch s {
        case .assigned: return chinese ? "已交办" : "assigned"
        case .signed: return chinese ? "已签收" : "signed"
        case .closing: return chinese ? "申请办结" : "closure requested"
        case .closed: return chinese ? "已办结" : "closed"
        case .suspended: return chinese ? "已中止" : "suspended"
        }
    }

    /// 签收 / sign …
    public static func step(_ s: FlowStep, chinese: Bool) -> String {
        switch s {
        case .sign: return chinese ? "签收" : "sign"
        case .requestClose: return chinese ? "申请办结" : "request closure"
        case .close: return chinese ? "销号" : "close"
        case .return: return chinese ? "退回" : "return"
        case .suspend: return chinese ? "中止" : "suspend"
        case .resume: return chinese ? "恢复" : "resume"
        }
    }

    /// The CLI command of a step.
    public static func command(_ s: FlowStep) -> String {
        switch s {
        case .sign: return "sign"
        case .requestClose: return "request-close"
        case .close: return "close"
        case .return: return "return"
        case .suspend: return "suspend"
        case .resume: return "resume"
        }
    }

    /// What is allowed now: "现在可以：签收、中止" / "allowed now: sign, suspend".
    public static func allowed(_ steps: [FlowStep], chinese: Bool) -> String {
        if steps.isEmpty { return chinese ? "现在没有可办理的步骤" : "no step is allowed now" }
        return chinese ? "现在可以：" + steps.map { step($0, chinese: true) }.joined(separator: "、")
            : "allowed now: " + steps.map { step($0, chinese: false) }.joined(separator: ", ")
    }

    /// The sentence of a refused step, with what is allowed now.
    public static func refusal(_ r: FlowRefusal, chinese: Bool) -> String {
        let s = step(r.step, chinese: chinese)
        let st = state(r.state, chinese: chinese)
        let now = allowed(r.allowed, chinese: chinese)
        if chinese {
            switch r.why {
            case .state: return "任务\(r.task)中\(r.unit)的办理状态是“\(st)”，不能\(s)；\(now)。"
            case .notLead: return "只有牵头单位才能申请办结，\(r.unit)在任务\(r.task)中是协同单位（由牵头单位一并报告）；\(now)。"
            case .officeOnly: return "只有领导小组办公室才能\(s)；\(now)。"
            case .otherUnit: return "本账号只能办理本单位的事项，不能替\(r.unit)\(s)。"
            case .leadNotClosing: return "协同单位\(r.unit)要等牵头单位申请办结后才能销号；\(now)。"
            case .noReason: return "\(s)需要说明理由（--reason）。"
            }
        }
        switch r.why {
        case .state: return "Task \(r.task): \(r.unit) is \(st), so it cannot \(s); \(now)."
        case .notLead: return "Only a lead unit requests closure; \(r.unit) cooperates on task \(r.task) (its lead reports for it); \(now)."
        case .officeOnly: return "Only the office can \(s); \(now)."
        case .otherUnit: return "This login acts only for its own unit, not for \(r.unit)."
        case .leadNotClosing: return "The cooperating unit \(r.unit) is closed once a lead unit has requested closure; \(now)."
        case .noReason: return "To \(s), give a reason (--reason)."
        }
    }

    /// The confirmation of a step: "任务3：省财政厅已签收。 Task 3: 省财政厅 signed."
    public static func done(_ s: FlowStep, task: Int, unit: String, to state: FlowState) -> String {
        "任务\(task)：\(unit) \(step(s, chinese: true)) → \(FlowText.state(state, chinese: true))。"
            + " Task \(task): \(unit) → \(FlowText.state(state, chinese: false))."
    }
}
