// 催办: escalation levels computed from the lights and configurable thresholds. Each 督办单
// issued records the level it was issued at; levels and notices feed the assessment.

public enum EscalationLevel: String, Hashable, Sendable, CaseIterable, Comparable {
    /// 提醒: an open milestone is due within the warning window, or a part is late to sign
    /// or a lead unit late to report.
    case reminder
    /// 黄牌: an open milestone is overdue.
    case yellow
    /// 红牌: overdue by more than `redDays`, or a notice went unanswered (no report from a
    /// lead unit within `responseDays` of it) while still overdue.
    case red

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public func word(chinese: Bool) -> String {
        switch self {
        case .reminder: return chinese ? "提醒" : "reminder"
        case .yellow: return chinese ? "黄牌" : "yellow card"
        case .red: return chinese ? "红牌" : "red card"
        }
    }
}

extension Supervision {
    /// The task's escalation level today, or nil when nothing calls for one.
    public static func escalation(of task: Task, today: Day, settings: SupervisionSettings,
                                  notices: [IssuedNotice] = []) -> EscalationLevel? {
        var level: EscalationLevel?
        var mostLate = 0
        for m in task.milestones where !m.isDone {
            guard let due = m.due else { continue }
            if due < today {
                level = max(level ?? .yellow, .yellow)
                mostLate = max(mostLate, due.days(until: today))
            } else if today.days(until: due) <= settings.warningDays {
                level = max(level ?? .reminder, .reminder)
            }
        }
        // A part late to sign or a lead unit late to report calls at least for a reminder.
        if level == nil, isLateInFlow(task, today: today, settings: settings) { level = .reminder }
        guard level == .yellow else { return level }
        if mostLate > settings.redDays { return .red }
        // An unanswered notice: issued at least responseDays ago, no lead report since.
        let leads = Set(task.leads)
        for n in notices where n.task == task.number && n.date.days(until: today) > settings.responseDays {
            let answered = task.progress.contains { leads.contains($0.unit) && $0.date >= n.date }
            if !answered { return .red }
        }
        return .yellow
    }
}

extension Supervision {
    /// True when a part of `task` is late to sign (签收逾期) or a lead unit owes last month's
    /// report (反馈逾期), as the office's queue counts them.
    public static func isLateInFlow(_ task: Task, today: Day, settings: SupervisionSettings) -> Bool {
        guard let plan = try? Plan(trustedOffice: .unnamed, units: [], tasks: [task]) else { return false }
        let q = OfficeQueue.build(plan, today: today, settings: settings)
        return !q.lateSign.isEmpty || !q.lateReport.isEmpty
    }
}
