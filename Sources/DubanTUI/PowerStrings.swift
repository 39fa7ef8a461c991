import DubanCore

// MARK: - Power-user keys: counts, go to task, filter and sort, search from the cursor

extension Strings {
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

    func lightName(_ l: MatrixQuery.Light) -> String {
        switch l {
        case .red: return lightRed
        case .yellow: return lightYellow
        case .green: return lightGreen
        case .none: return lightNone
        }
    }

    func sortName(_ s: MatrixQuery.Sort) -> String {
        switch s {
        case .number: return sortNumber
        case .light: return sortLight
        case .lead: return sortLead
        }
    }

    /// The filter menu's entries: the letter and what it shows.
    var filterMenuItems: [(key: Character, text: String)] {
        zip(Self.filterMenuKeys, filterMenuTexts).map { (key: $0, text: $1) }
    }

    /// The letters of the filter menu, in the order of `filterMenuTexts`.
    static let filterMenuKeys: [Character] = ["r", "y", "g", "n", "u", "l", "c", "p", "x"]
}
