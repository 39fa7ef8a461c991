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
        Supervision.status(of: t, today: o.today, settings: o.settings)
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

/// The supervision screens' section of the TUI's string tables: `Strings.zh.sup` and
/// `Strings.en.sup` (the tables themselves are in Strings.swift, one per language, as for
/// every other TUI string; `s.sup` is only the namespace).
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
}
