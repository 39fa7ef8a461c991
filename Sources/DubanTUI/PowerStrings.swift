import DubanCore

// MARK: - Power-user keys: counts, go to task, filter and sort, search from the cursor

extension Strings {
    var zhText: Bool { language == .zh }

    /// Descriptions (help, `duban keys`) of the commands this file's features add (merged
    /// into `Strings.zh` / `Strings.en`).
    static let powerCommandHelpZh: [Command: String] = [
        .gotoTask: "跳到任务（输入任务编号；也可先输编号再按 G，如 12G）",
        .filter: "筛选任务：按灯号、单位、分工、跟进人员或缺口",
        .sort: "切换排序：编号 → 灯号 → 牵头单位",
        .clearFilter: "清除筛选和排序（有未完成的计数时先清除计数）",
    ]
    static let powerCommandHelpEn: [Command: String] = [
        .gotoTask: "go to a task (type its number; or the number then G, as in 12G)",
        .filter: "filter tasks by light, unit, role, follow-up person or gaps",
        .sort: "change the sort: number → light → lead unit",
        .clearFilter: "clear the filter and sort (a pending count first)",
    ]

    static let powerCommandShortZh: [Command: String] = [.gotoTask: "跳转", .filter: "筛选", .sort: "排序", .clearFilter: "清除筛选"]
    static let powerCommandShortEn: [Command: String] = [.gotoTask: "go to", .filter: "filter", .sort: "sort", .clearFilter: "clear filter"]

    static let powerHelpSectionsZh: [KeyContext: String] = [.menu: "筛选菜单（再按字母选择）"]
    static let powerHelpSectionsEn: [KeyContext: String] = [.menu: "Filter menu (then a letter)"]

    // Go to a task
    var gotoPrompt: String { zhText ? "跳到任务编号：" : "Go to task number: " }
    /// {1} number, {2} first, {3} last
    var gotoUnknown: String { zhText ? "没有任务 {1}（现有任务编号 {2}–{3}）。" : "There is no task {1} (tasks run {2}–{3})." }
    /// {1} number
    var gotoRetired: String { zhText ? "任务 {1} 已撤销。" : "Task {1} is retired." }
    var gotoNotNumber: String { zhText ? "请输入任务编号（数字）。" : "Type a task number (digits)." }
    /// {1} number
    var gotoFilterCleared: String { zhText ? "任务 {1} 不在筛选结果中，已清除筛选。" : "Task {1} was hidden by the filter; the filter is cleared." }
    var countLabel: String { zhText ? "计数 {1}" : "count {1}" }

    // Search
    var searchWrapped: String { zhText ? "（已绕回）" : " (wrapped)" }

    // Filter and sort
    /// {1} the filters
    var filterLabel: String { zhText ? "筛选：{1}" : "Filter: {1}" }
    /// {1} the sort
    var sortLabel: String { zhText ? "排序：{1}" : "Sort: {1}" }
    /// {1} abbr, {2} role
    var filterUnitLabel: String { zhText ? "{1}{2}" : "{1} {2}" }
    var filterAnyRole: String { zhText ? "参与" : "any role" }
    /// {1} person
    var filterFollowUpLabel: String { zhText ? "跟进 {1}" : "follow-up {1}" }
    var filterGapsLabel: String { zhText ? "有缺口" : "with gaps" }
    /// {1} shown, {2} total
    var filterShown: String { zhText ? "显示 {1}/{2} 项任务" : "{1} of {2} tasks shown" }
    var filterNone: String { zhText ? "没有符合筛选的任务；按 {1} 清除筛选。" : "No task matches the filter — {1} clears it." }
    var filterCleared: String { zhText ? "已清除筛选和排序。" : "Filter and sort cleared." }
    var filterNothing: String { zhText ? "当前没有筛选或排序。" : "No filter or sort is active." }
    /// {1} sort name
    var sortedBy: String { zhText ? "按{1}排序。" : "Sorted by {1}." }
    var filterMenuTitle: String { zhText ? "筛选任务（按字母）" : "Filter tasks (press a letter)" }
    var filterUnitPrompt: String { zhText ? "单位（名称或简称）：" : "Unit (name or abbreviation): " }
    var filterFollowUpPrompt: String { zhText ? "跟进人员：" : "Follow-up person: " }
    var filterFollowUpEmpty: String { zhText ? "请输入跟进人员。" : "Type a follow-up person." }

    func lightName(_ l: MatrixQuery.Light) -> String {
        switch l {
        case .red: return zhText ? "红灯" : "red"
        case .yellow: return zhText ? "黄灯" : "yellow"
        case .green: return zhText ? "绿灯" : "green"
        case .none: return zhText ? "无时间节点" : "no milestones"
        }
    }

    func sortName(_ s: MatrixQuery.Sort) -> String {
        switch s {
        case .number: return zhText ? "编号" : "number"
        case .light: return zhText ? "灯号" : "light"
        case .lead: return zhText ? "牵头单位" : "lead unit"
        }
    }

    /// The filter menu's entries: the letter and what it shows.
    var filterMenuItems: [(key: Character, text: String)] {
        zhText ? [
            ("r", "红灯：有逾期节点"), ("y", "黄灯：临期"), ("g", "绿灯：正常或全部完成"), ("n", "无时间节点"),
            ("u", "某单位参与的任务…"), ("l", "某单位牵头的任务…"), ("c", "某单位协同的任务…"),
            ("p", "跟进人员…"), ("x", "有缺口：无牵头、多牵头或无时间节点"),
        ] : [
            ("r", "red: a milestone overdue"), ("y", "yellow: due soon"), ("g", "green: on track or all done"),
            ("n", "no milestones"), ("u", "tasks a unit is on…"), ("l", "tasks a unit leads…"),
            ("c", "tasks a unit cooperates on…"), ("p", "follow-up person…"),
            ("x", "gaps: no lead, several leads or no milestone"),
        ]
    }
}
