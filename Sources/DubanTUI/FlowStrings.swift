import DubanCore

/// The names and descriptions of the 督办 workflow's commands and screens (merged into
/// `Strings` like `EditStrings`), and the few sentences the flow screens print.
enum FlowStrings {
    static let sectionsZh: [KeyContext: String] = [.flow: "办理（各单位的办理状态）", .queue: "待办（办公室待办、单位待办）"]
    static let sectionsEn: [KeyContext: String] = [.flow: "Workflow (each unit's state)", .queue: "Queue (office queue, unit inbox)"]
    static let helpZh: [Command: String] = [
        .showFlow: "办理：本任务各单位的办理状态和可办理的步骤", .showQueue: "待办：申请办结、延期申请、签收逾期、反馈逾期（单位视图中为本单位待办）",
        .flowSign: "签收", .flowRequestClose: "申请办结（牵头单位）", .flowClose: "销号（办公室）",
        .flowReturn: "退回申请办结（需说明理由）", .flowSuspend: "中止（需说明理由）", .flowResume: "恢复",
        .requestExtension: "为选中的时间节点申请延期（日期、理由）", .approveExtension: "批准延期申请",
        .rejectExtension: "驳回延期申请（需说明理由）",
    ]
    static let helpEn: [Command: String] = [
        .showFlow: "workflow: each unit's state in the task and the steps allowed now",
        .showQueue: "queue: closure and extension requests, late to sign or report (in a unit view: its inbox)",
        .flowSign: "sign (acknowledge)", .flowRequestClose: "request closure (lead unit)", .flowClose: "close (the office)",
        .flowReturn: "return a closure request (asks a reason)", .flowSuspend: "suspend (asks a reason)", .flowResume: "resume",
        .requestExtension: "request an extension of the selected milestone (date, reason)",
        .approveExtension: "approve the extension request", .rejectExtension: "reject the extension request (asks a reason)",
    ]
    static let shortZh: [Command: String] = [
        .showFlow: "办理", .showQueue: "待办", .flowSign: "签收", .flowRequestClose: "申请办结", .flowClose: "销号",
        .flowReturn: "退回", .flowSuspend: "中止", .flowResume: "恢复", .requestExtension: "延期",
        .approveExtension: "批准", .rejectExtension: "驳回",
    ]
    static let shortEn: [Command: String] = [
        .showFlow: "flow", .showQueue: "queue", .flowSign: "sign", .flowRequestClose: "ask close", .flowClose: "close",
        .flowReturn: "return", .flowSuspend: "suspend", .flowResume: "resume", .requestExtension: "extend",
        .approveExtension: "approve", .rejectExtension: "reject",
    ]
}
