import DubanCanvas
import DubanCore

/// What the open supervision screen shows, as `AppState.supervision` reads it for tests (each
/// screen keeps its own rows, selection and `Viewport`).
public struct SupervisionScreenState: Equatable, Sendable {
    /// Overdue list: selected row. Workload and ranking: unused.
    public var selected = 0
    /// First row (overdue list) or first line (workload, ranking) shown.
    public var offset = 0
    public var overdue: [Supervision.OverdueItem] = []
    public var loads: [Supervision.UnitLoad] = []
    public var scores: [Supervision.Score] = []
    public init() {}
}

/// The progress report form (进展报送). Single-line fields: Enter moves to the next field
/// and saves on the last one.
public struct ProgressForm: Equatable, Sendable {
    public enum Field: Int, Sendable, CaseIterable { case unit, date, progress, problems, next }
    public var task: Int
    public var fields: [TextField]
    public var focus: Field = .unit
    /// Why the last Enter was refused.
    public var error: String?

    public init(task: Int, unit: String, date: Day) {
        self.task = task
        self.fields = [TextField(unit), TextField(date.description), TextField(), TextField(), TextField()]
    }

    public subscript(_ f: Field) -> TextField {
        get { fields[f.rawValue] }
        set { fields[f.rawValue] = newValue }
    }
}

/// Traffic-light glyphs: a distinct symbol per status, so captures and terminals without
/// colour show it; colour is added on top when available.
enum Lights {
    static func glyph(_ st: TaskStatus, _ g: Glyphs) -> String {
        switch st {
        case .overdue: return "!"
        case .dueSoon: return "~"
        case .onTrack: return "o"
        case .done: return g.lightDone
        case .noMilestones: return g.lightNone
        }
    }

    static func glyph(_ l: MilestoneLight, _ g: Glyphs) -> String {
        switch l {
        case .overdue: return glyph(TaskStatus.overdue, g)
        case .dueSoon: return glyph(TaskStatus.dueSoon, g)
        case .onTrack: return glyph(TaskStatus.onTrack, g)
        case .done: return glyph(TaskStatus.done, g)
        case .undated: return g.lightNone
        }
    }

    static func kind(_ st: TaskStatus) -> Span.Kind {
        switch st {
        case .overdue: return .late
        case .dueSoon: return .open
        case .onTrack: return .good
        case .done: return .done
        case .noMilestones: return .dim
        }
    }

    static func kind(_ l: MilestoneLight) -> Span.Kind {
        switch l {
        case .overdue: return .late
        case .dueSoon: return .open
        case .onTrack: return .good
        case .done: return .done
        case .undated: return .dim
        }
    }

    static func status(_ t: Task, _ o: AppOptions) -> TaskStatus {
        Supervision.status(of: t, today: o.today, warningDays: o.settings.warningDays)
    }

    static func light(_ m: Milestone, _ o: AppOptions) -> MilestoneLight {
        Supervision.light(of: m, today: o.today, warningDays: o.settings.warningDays)
    }

    /// "逾期 3 天" / "剩 5 天" / "完成" for a milestone.
    static func words(_ m: Milestone, _ o: AppOptions, _ s: SupervisionStrings) -> String {
        switch light(m, o) {
        case .done: return s.lightDone
        case .undated: return s.lightUndated
        case .overdue, .dueSoon, .onTrack:
            return days(m.due.map { $0.days(until: o.today) } ?? 0, s)
        }
    }

    /// Days late (positive) or left (negative) in words.
    static func days(_ late: Int, _ s: SupervisionStrings) -> String {
        if late > 0 { return s.f(s.daysLate, late) }
        if late == 0 { return s.dueToday }
        return s.f(s.daysLeft, -late)
    }
}

/// The supervision screens' strings, one table per language (the command descriptions and
/// footer labels live in Strings.swift with the others).
public struct SupervisionStrings: Sendable {
    public let legend: String                   // {1} warning days
    public let lightDone: String
    public let lightUndated: String
    public let daysLate: String                 // {1}
    public let daysLeft: String                 // {1}
    public let dueToday: String
    public let columnLight: String
    // Overdue list
    public let overdueTitle: String             // {1} items, {2} overdue, {3} due soon, {4} today
    public let overdueNone: String
    public let columnTask: String
    public let columnDue: String
    public let columnDays: String
    public let columnLeads: String
    public let columnMilestone: String
    // Workload
    public let workloadTitle: String            // {1} today
    public let workloadLegend: String           // {1} lead bar, {2} cooperating bar, {3} threshold
    public let columnUnit: String
    public let columnLead: String
    public let columnCooperating: String
    public let columnOverdue: String
    // Ranking
    public let rankingTitle: String             // {1} today
    public let columnRank: String
    public let columnScore: String
    public let columnSilent: String
    public let columnLed: String
    public let rankingNone: String
    // Task view and unit view
    public let progressHeading: String          // {1} count
    public let progressNone: String             // {1} key
    public let progressLabel: String
    public let problemsLabel: String
    public let nextLabel: String
    public let unitOverdue: String              // {1}
    // Progress form
    public let formTitle: String                // {1} task
    public let formUnit: String
    public let formDate: String
    public let formDateHint: String
    public let progressEmpty: String
    public let quarterlyPresent: String         // {1} year, {2} task
    public let quarterlyAdding: String          // {1} count, {2} year, {3} task
    public let helpSections: [KeyContext: String]
    public let chinese: Bool

    public func f(_ template: String, _ args: Any...) -> String { Text.format(template, args) }

    public static func `for`(_ language: Language) -> SupervisionStrings { language == .zh ? .zh : .en }

    public static let zh = SupervisionStrings(
        legend: "灯号：! 逾期  ~ {1}天内到期  o 正常  ✓ 全部完成  · 无时间节点",
        lightDone: "完成", lightUndated: "未定期限",
        daysLate: "逾期{1}天", daysLeft: "剩{1}天", dueToday: "今日到期",
        columnLight: "灯",
        overdueTitle: "督办清单：{1}项（逾期{2}，临期{3}）  截至 {4}",
        overdueNone: "没有逾期或临期的时间节点。",
        columnTask: "任务", columnDue: "到期日", columnDays: "逾期/剩余", columnLeads: "牵头",
        columnMilestone: "时间节点",
        workloadTitle: "工作量（按牵头、协同任务数排序）  截至 {1}",
        workloadLegend: "{1} 牵头  {2} 协同  牵头超过 {3} 项标 *",
        columnUnit: "单位", columnLead: "牵头", columnCooperating: "协同", columnOverdue: "逾期",
        rankingTitle: "考核排名  截至 {1}",
        columnRank: "名次", columnScore: "得分", columnSilent: "未报任务月", columnLed: "牵头任务",
        rankingNone: "没有承担任务的单位。",
        progressHeading: "进展报送（{1}）", progressNone: "暂无报送；按 {1} 报送进展",
        progressLabel: "进展情况", problemsLabel: "存在问题", nextLabel: "下一步措施",
        unitOverdue: "牵头任务逾期节点 {1} 个",
        formTitle: "报送任务 {1} 的进展", formUnit: "报送单位", formDate: "报送日期",
        formDateHint: "YYYY-MM-DD",
        progressEmpty: "进展情况不能为空。",
        quarterlyPresent: "任务 {2} 已有 {1} 年的四个季度节点。",
        quarterlyAdding: "正在为任务 {3} 添加 {2} 年的 {1} 个季度节点…",
        helpSections: [.overdue: "督办清单", .workload: "工作量", .ranking: "考核排名"],
        chinese: true
    )

    public static let en = SupervisionStrings(
        legend: "Lights: ! overdue  ~ due within {1} days  o on track  ✓ all done  · no milestones",
        lightDone: "done", lightUndated: "no date",
        daysLate: "{1}d late", daysLeft: "{1}d left", dueToday: "due today",
        columnLight: "",
        overdueTitle: "Overdue list: {1} items ({2} overdue, {3} due soon) as of {4}",
        overdueNone: "No milestone is overdue or due soon.",
        columnTask: "Task", columnDue: "Due", columnDays: "Late/left", columnLeads: "Leads",
        columnMilestone: "Milestone",
        workloadTitle: "Workload (by tasks led, then cooperating) as of {1}",
        workloadLegend: "{1} lead  {2} cooperating  * leads more than {3}",
        columnUnit: "Unit", columnLead: "Lead", columnCooperating: "Coop", columnOverdue: "Late",
        rankingTitle: "Assessment ranking as of {1}",
        columnRank: "Rank", columnScore: "Score", columnSilent: "Silent task-mo", columnLed: "Led",
        rankingNone: "No unit has a task.",
        progressHeading: "Progress reports ({1})", progressNone: "None yet; press {1} to report progress",
        progressLabel: "Progress", problemsLabel: "Problems", nextLabel: "Next steps",
        unitOverdue: "{1} overdue milestones on tasks it leads",
        formTitle: "Progress report on task {1}", formUnit: "Unit", formDate: "Date",
        formDateHint: "YYYY-MM-DD",
        progressEmpty: "Progress must not be empty.",
        quarterlyPresent: "Task {2} already has the four quarterly milestones of {1}.",
        quarterlyAdding: "Adding {1} quarterly milestones of {2} to task {3}…",
        helpSections: [.overdue: "Overdue list", .workload: "Workload", .ranking: "Assessment ranking"],
        chinese: false
    )
}

extension Strings {
    var sup: SupervisionStrings { SupervisionStrings.for(language) }
}
