/// The office's supervision rules (督促检查): traffic lights, overdue lists, quarterly
/// milestones, workload and assessment. Everything is derived from the plan and "today".
public struct SupervisionSettings: Hashable, Sendable {
    /// An open milestone due within this many days is "due soon" (yellow).
    public var warningDays: Int = 14
    /// Days a unit has to answer a supervision notice.
    public var responseDays: Int = 7
    /// A unit leading more tasks than this is flagged as overloaded.
    public var overloadThreshold: Int = 8
    /// Points deducted per overdue milestone of a task the unit leads.
    public var overduePenalty: Int = 5
    /// Points deducted per month without a progress report on a task the unit leads.
    public var silentMonthPenalty: Int = 2
    /// The day the tracking period started (months without a report count from here).
    public var periodStart: Day?
    /// Days a unit has to sign (签收) its part before it is late (签收逾期).
    public var signDays: Int = 5
    /// Points deducted per part the unit is late to sign (0: the rule is off).
    public var lateSignPenalty: Int = 0
    /// 红牌 when an open milestone is overdue by more than this many days.
    public var redDays: Int = 30
    /// Points deducted per 督办单 issued on a task the unit leads (0: off).
    public var noticePenalty: Int = 0
    /// Points deducted per task the unit leads that stands at 红牌 (0: off).
    public var redCardPenalty: Int = 0

    public init() {}

    /// Setting keys as stored in the tracker, with their current values.
    public static let keys = ["warning_days", "response_days", "overload_threshold",
                              "overdue_penalty", "silent_month_penalty", "period_start", "sign_days",
                              "late_sign_penalty", "red_days", "notice_penalty", "red_card_penalty"]

    /// Reads settings from key/value pairs; unknown or empty values keep the default.
    public init(values: [String: String]) throws(DomainError) {
        func int(_ k: String, _ range: ClosedRange<Int>) throws(DomainError) -> Int? {
            guard let v = values[k], !v.isEmpty else { return nil }
            guard let i = Int(v), range.contains(i) else {
                throw .unchanged("Setting \(k) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(v)\".")
            }
            return i
        }
        if let v = try int("warning_days", 0...365) { warningDays = v }
        if let v = try int("response_days", 1...365) { responseDays = v }
        if let v = try int("overload_threshold", 1...10_000) { overloadThreshold = v }
        if let v = try int("overdue_penalty", 0...100) { overduePenalty = v }
        if let v = try int("silent_month_penalty", 0...100) { silentMonthPenalty = v }
        if let v = try int("sign_days", 0...365) { signDays = v }
        if let v = try int("late_sign_penalty", 0...100) { lateSignPenalty = v }
        if let v = try int("red_days", 0...3650) { redDays = v }
        if let v = try int("notice_penalty", 0...100) { noticePenalty = v }
        if let v = try int("red_card_penalty", 0...100) { redCardPenalty = v }
        if let v = values["period_start"], !v.isEmpty {
            guard let d = Day(v) else { throw .invalidDate(v) }
            periodStart = d
        }
    }
}

/// The traffic light of a task.
public enum TaskStatus: String, Sendable, CaseIterable {
    case overdue
    case dueSoon = "due-soon"
    case onTrack = "on-track"
    case done
    case noMilestones = "no-milestones"
}

/// The light of one milestone.
public enum MilestoneLight: String, Sendable {
    case done, overdue
    case dueSoon = "due-soon"
    case onTrack = "on-track"
    /// Open with no due date.
    case undated
}

public enum Supervision {
    public static func light(of m: Milestone, today: Day, warningDays: Int) -> MilestoneLight {
        if m.isDone { return .done }
        guard let due = m.due else { return .undated }
        if due < today { return .overdue }
        if today.days(until: due) <= warningDays { return .dueSoon }
        return .onTrack
    }

    /// done: has milestones, all done. overdue: an open milestone past due. due-soon: an open
    /// milestone due within the window (today counts). on-track: otherwise. no-milestones.
    public static func status(of task: Task, today: Day, warningDays: Int) -> TaskStatus {
        if task.milestones.isEmpty { return .noMilestones }
        var soon = false
        var allDone = true
        for m in task.milestones {
            switch light(of: m, today: today, warningDays: warningDays) {
            case .overdue: return .overdue
            case .dueSoon: soon = true; allDone = false
            case .onTrack, .undated: allDone = false
            case .done: break
            }
        }
        if allDone { return .done }
        return soon ? .dueSoon : .onTrack
    }

    /// The task's light with the workflow (签收/反馈), the one every front end that has the
    /// settings shows. The milestones' light (`status(of:today:warningDays:)`) is raised to
    /// due-soon (黄灯, 需关注) when a part of the task is late to sign (签收逾期: still 已交办
    /// more than `signDays` after its handover) or a lead unit is late to report (反馈逾期: no
    /// report dated last month) — exactly the items of the office's queue. Red stays red and
    /// done stays done; a task without milestones turns yellow too. Nothing is judged without
    /// a known handover day (the part's state day, else `periodStart`), as in the queue.
    public static func status(of task: Task, today: Day, settings: SupervisionSettings) -> TaskStatus {
        let base = status(of: task, today: today, warningDays: settings.warningDays)
        switch base {
        case .overdue, .dueSoon, .done: return base
        case .onTrack, .noMilestones:
            return isFlowLate(task, today: today, settings: settings) ? .dueSoon : base
        }
    }

    /// True when a part of `task` is late to sign or a lead unit is late to report (see `status(of:today:settings:)`).
    public static func isFlowLate(_ task: Task, today: Day, settings: SupervisionSettings) -> Bool {
        task.assignments.contains { a in
            daysLateToSign(a, today: today, settings: settings) != nil
                || isLateToReport(a, of: task, today: today, settings: settings)
        }
    }

    /// A lead unit owes one report per calendar month: it is late (反馈逾期) when it has none dated
    /// last month, unless its part was handed over after that month began (or on an unknown day),
    /// or is closed or suspended.
    public static func isLateToReport(_ a: Assignment, of task: Task, today: Day, settings: SupervisionSettings) -> Bool {
        guard a.role == .lead, a.flow.state != .closed, a.flow.state != .suspended else { return false }
        // Called for every row a screen shows: the month's days only (`previousMonth` also names it).
        let month = OfficeQueue.previousMonthDays(today)
        let handedOver = a.flow.state == .assigned ? (a.flow.since ?? settings.periodStart) : settings.periodStart
        // Not judged without a handover day, nor for a part handed over after last month began.
        guard let h = handedOver, h <= month.first else { return false }
        // Dates first: comparing unit names (Chinese text) costs more.
        return !task.progress.contains { $0.date >= month.first && $0.date <= month.last && $0.unit == a.unit }
    }

    // MARK: Quarterly template

    /// The four quarterly milestones (以季度为节点) of a year.
    public static func quarterly(year: Int) -> [Milestone] {
        let ends = [(3, 31, "第一季度"), (6, 30, "第二季度"), (9, 30, "第三季度"), (12, 31, "第四季度")]
        return ends.map { m, d, name in
            Milestone(title: "\(year)年\(name)节点", due: Day(year: year, month: m, day: d)!)
        }
    }

    /// The edits that add the quarterly milestones to `tasks` (default: every task without
    /// a milestone), skipping any task that already has a milestone with the same title and date.
    public static func quarterlyEdits(plan: Plan, year: Int, tasks: [Int]?) throws(DomainError) -> [Edit] {
        let numbers = tasks ?? plan.tasks.filter { $0.milestones.isEmpty }.map(\.number)
        var edits: [Edit] = []
        for n in numbers {
            let t = try plan.resolveTask(n)
            for m in quarterly(year: year)
            where !t.milestones.contains(where: { $0.title == m.title && $0.due == m.due }) {
                edits.append(.addMilestone(task: n, milestone: m))
            }
        }
        return edits
    }

    /// Parses "1,3-5" into task numbers.
    public static func parseTaskList(_ s: String) throws(DomainError) -> [Int] {
        var out: [Int] = []
        for part in s.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            if ends.count == 1, let n = Int(ends[0]) {
                out.append(n)
            } else if ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]), a <= b, b - a < 1_000_000 {
                out.append(contentsOf: a...b)
            } else {
                throw .unchanged("\"\(part)\" is not a task number or range like 3-5.")
            }
        }
        guard !out.isEmpty else { throw .unchanged("No task numbers given.") }
        return out
    }

    // MARK: Overdue list (督办清单)

    public struct OverdueItem: Hashable, Sendable {
        public var task: Int
        public var taskTitle: String
        public var leads: [String]
        public var milestone: Milestone
        /// Days past due (negative: days left).
        public var daysLate: Int
        public var light: MilestoneLight
    }

    /// Open milestones past due or due soon, most late first.
    public static func overdueList(_ plan: Plan, today: Day, warningDays: Int) -> [OverdueItem] {
        var out: [OverdueItem] = []
        for t in plan.tasks {
            for m in t.milestones {
                let l = light(of: m, today: today, warningDays: warningDays)
                guard l == .overdue || l == .dueSoon, let due = m.due else { continue }
                out.append(OverdueItem(task: t.number, taskTitle: t.title, leads: t.leads, milestone: m,
                                       daysLate: due.days(until: today), light: l))
            }
        }
        return out.sorted { ($0.daysLate, -$0.task, -$0.milestone.id) > ($1.daysLate, -$1.task, -$1.milestone.id) }
    }

    // MARK: Workload and assessment

    public struct UnitLoad: Hashable, Sendable {
        public var unit: Unit
        public var lead: Int
        public var cooperating: Int
        public var openMilestones: Int
        public var overdue: Int
    }

    /// Per unit, in column order: tasks led and cooperated on, open and overdue milestones of the tasks it leads.
    public static func workload(_ plan: Plan, today: Day) -> [UnitLoad] {
        var idx: [String: Int] = [:]
        var out = plan.units.enumerated().map { i, u in
            idx[u.name] = i
            return UnitLoad(unit: u, lead: 0, cooperating: 0, openMilestones: 0, overdue: 0)
        }
        for t in plan.tasks {
            var open = 0, late = 0
            for m in t.milestones where !m.isDone {
                open += 1
                if let d = m.due, d < today { late += 1 }
            }
            for a in t.assignments {
                guard let i = idx[a.unit] else { continue }
                if a.role == .lead {
                    out[i].lead += 1
                    out[i].openMilestones += open
                    out[i].overdue += late
                } else {
                    out[i].cooperating += 1
                }
            }
        }
        return out
    }

    /// One unit's assessment: its score, its rank and the deductions that explain it.
    public struct Score: Hashable, Sendable {
        public var unit: Unit
        /// 100 minus the deductions, never below 0.
        public var score: Int
        /// 1 for the best; equal scores share a rank and the next rank skips (1, 1, 3).
        public var rank: Int
        public var overdueMilestones: Int
        /// Whole months without a progress report, summed over the tasks the unit leads
        /// (two silent tasks for three months are 6 task-months).
        public var silentTaskMonths: Int
        public var ledTasks: Int
        /// Points taken off for overdue milestones and for silent task-months.
        public var overdueDeduction: Int
        public var silentDeduction: Int
        /// Parts (lead or cooperating) the unit is late to sign (签收逾期), and their deduction.
        public var lateSignParts: Int = 0
        public var lateSignDeduction: Int = 0
        /// 督办单 issued on the tasks the unit leads, and their deduction.
        public var notices: Int = 0
        public var noticeDeduction: Int = 0
        /// Tasks the unit leads at 红牌, and their deduction.
        public var redCards: Int = 0
        public var redCardDeduction: Int = 0
    }

    /// Days past the signing window of a part still at 已交办 (nil when not late, or when
    /// its handover day is unknown): counted from the state's day, else the period start.
    public static func daysLateToSign(_ a: Assignment, today: Day, settings: SupervisionSettings) -> Int? {
        guard a.flow.state == .assigned, let from = a.flow.since ?? settings.periodStart else { return nil }
        let late = from.days(until: today) - settings.signDays
        return late > 0 ? late : nil
    }

    /// Whole months from `a` to `b` (calendar months, not counting an unfinished one).
    public static func wholeMonths(from a: Day, to b: Day) -> Int {
        guard a < b else { return 0 }
        var m = (b.year - a.year) * 12 + (b.month - a.month)
        if b.day < a.day { m -= 1 }
        return max(0, m)
    }

    /// 考核: 100 points minus the deductions of `settings` (never below 0), best first (ties by
    /// column order), with shared ranks for equal scores (competition ranking: 1, 1, 3).
    /// Months without a report count, per led task, from the unit's latest report on it
    /// (or from the period start when it never reported) to today: task-months.
    /// Every front end takes ranks from here.
    public static func scores(_ plan: Plan, today: Day, settings: SupervisionSettings, notices: [IssuedNotice] = []) -> [Score] {
        let start = settings.periodStart ?? today
        var result: [Score] = []
        for load in workload(plan, today: today) where load.lead > 0 || load.cooperating > 0 {
            var silent = 0
            for t in plan.tasks where t.role(of: load.unit.name) == .lead {
                let last = t.progress.filter { $0.unit == load.unit.name }.map(\.date).max()
                silent += wholeMonths(from: max(last ?? start, start), to: today)
            }
            var lateSign = 0
            for t in plan.tasks {
                if let a = t.assignments.first(where: { $0.unit == load.unit.name }),
                   daysLateToSign(a, today: today, settings: settings) != nil { lateSign += 1 }
            }
            let overdueOff = settings.overduePenalty * load.overdue
            let silentOff = settings.silentMonthPenalty * silent
            let signOff = settings.lateSignPenalty * lateSign
            var noticeCount = 0, reds = 0
            for t in plan.tasks where t.role(of: load.unit.name) == .lead {
                noticeCount += notices.filter { $0.task == t.number }.count
                if escalation(of: t, today: today, settings: settings, notices: notices) == .red { reds += 1 }
            }
            let noticeOff = settings.noticePenalty * noticeCount, redOff = settings.redCardPenalty * reds
            result.append(Score(unit: load.unit, score: max(0, 100 - overdueOff - silentOff - signOff - noticeOff - redOff), rank: 0,
                                overdueMilestones: load.overdue, silentTaskMonths: silent, ledTasks: load.lead,
                                overdueDeduction: overdueOff, silentDeduction: silentOff,
                                lateSignParts: lateSign, lateSignDeduction: signOff, notices: noticeCount, noticeDeduction: noticeOff,
                                redCards: reds, redCardDeduction: redOff))
        }
        let order = Dictionary(uniqueKeysWithValues: plan.units.enumerated().map { ($1.name, $0) })
        result.sort { ($0.score, -(order[$0.unit.name] ?? 0)) > ($1.score, -(order[$1.unit.name] ?? 0)) }
        for i in result.indices {
            result[i].rank = i > 0 && result[i].score == result[i - 1].score ? result[i - 1].rank : i + 1
        }
        return result
    }

    /// The scoring rules in words, printed with every ranking.
    public static func rulesText(_ s: SupervisionSettings, chinese: Bool) -> String {
        if chinese {
            return "评分规则：满分100分，最低0分；牵头任务每个逾期节点扣\(s.overduePenalty)分；每“任务·月”未报送进展扣\(s.silentMonthPenalty)分"
                + "（逐项任务自最近一次报送起算，未报送的自\(s.periodStart?.description ?? "今日")起）"
                + (s.lateSignPenalty > 0 ? "；交办后\(s.signDays)天未签收的，每项扣\(s.lateSignPenalty)分（签收逾期）" : "")
                + (s.noticePenalty > 0 ? "；牵头任务每收到一份督办单扣\(s.noticePenalty)分" : "")
                + (s.redCardPenalty > 0 ? "；牵头任务每项红牌（逾期超过\(s.redDays)天或督办单\(s.responseDays)天内未反馈）扣\(s.redCardPenalty)分" : "")
                + "；同分同名次。"
        }
        return "Rules: 100 points, never below 0; minus \(s.overduePenalty) per overdue milestone of a task the unit leads; "
            + "minus \(s.silentMonthPenalty) per task-month without a progress report (each led task counts its own whole months, "
            + "from the unit's latest report on it, or from \(s.periodStart?.description ?? "today") if it never reported)"
            + (s.lateSignPenalty > 0 ? "; minus \(s.lateSignPenalty) per part not signed within \(s.signDays) days of its handover" : "")
            + (s.noticePenalty > 0 ? "; minus \(s.noticePenalty) per supervision notice on a task the unit leads" : "")
            + (s.redCardPenalty > 0 ? "; minus \(s.redCardPenalty) per led task at red card (overdue more than \(s.redDays) days, "
                + "or a notice unanswered for \(s.responseDays) days)" : "")
            + "; equal scores share a rank."
    }
}
