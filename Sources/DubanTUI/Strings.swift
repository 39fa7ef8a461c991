import DubanCanvas
import DubanCore

/// Every string the interactive program shows, one table per language. Templates take
/// arguments as {1}, {2}, … (see `Strings.f`). Data (titles, unit names) is never here.
public struct Strings: Sendable {
    // Chrome
    public let appName: String
    public let readOnlyTag: String
    public let tooSmall: String
    public let needAtLeast: String              // {1}×{2}
    public let tasksHeader: String              // {1} = count
    public let memberLegend: String
    public let noTasks: String
    public let ruler: String                    // task {1}/{2} · unit {3}/{4}
    public let cellContext: String              // {1} unit, {2} abbr, {3} role

    // Roles
    public let lead: String
    public let cooperating: String
    public let noRole: String
    public let cellLead: String
    public let cellCooperating: String

    // Task view
    public let taskSubtitle: String             // {1} number, {2} position, {3} total
    public let leadUnits: String
    public let cooperatingUnits: String
    public let followUp: String
    public let notes: String
    public let milestonesHeading: String        // {1} total, {2} done
    public let history: String
    public let none: String
    public let notSet: String
    public let noMilestones: String             // {1} = key that adds
    public let columnDue: String
    public let columnState: String
    public let columnCompleted: String
    public let columnMilestone: String
    public let done: String
    public let open: String
    public let noDate: String
    public let historyLoading: String
    public let actionNames: [String: String]

    // Unit view and list
    public let unitListTitle: String            // {1} = count
    public let columnUnit: String
    public let columnAbbr: String
    public let columnLead: String
    public let columnCooperating: String
    public let columnMember: String
    public let unitCounts: String               // {1} lead, {2} cooperating
    public let leadTasks: String                // {1}
    public let cooperatingTasks: String         // {1}
    public let memberUnit: String
    public let unitHeading: String              // {1} name, {2} abbr

    // Status messages
    public let saved: String
    public let undone: String                   // {1} = what
    public let redone: String                   // {1}
    public let nothingToUndo: String
    public let nothingToRedo: String
    public let notSaved: String                 // {1} = why
    public let alreadyRole: String              // {1} unit, {2} task, {3} role
    public let noRoleToRemove: String           // {1} unit, {2} task
    public let readOnly: String
    public let quitHint: String                 // {1} = key
    public let cancelled: String
    public let noChanges: String
    public let noMilestoneSelected: String
    public let confirmDelete: String            // {1} title, {2} yes key, {3} no key
    public let outsideReloaded: String
    public let outsideCellChanged: String       // {1} task, {2} unit, {3} old, {4} new
    public let outsideMilestoneChanged: String  // {1} title
    public let outsideMilestoneRemoved: String  // {1} title
    public let taskGone: String                 // {1}
    public let reloadFailed: String             // {1}
    public let historyFailed: String            // {1}

    // Edits, described
    public let editAssign: String               // {1} task, {2} unit, {3} role
    public let editUnassign: String             // {1} task, {2} unit
    public let editAddMilestone: String         // {1} task, {2} title
    public let editUpdateMilestone: String      // {1} task, {2} title
    public let editRemoveMilestone: String      // {1} task, {2} title
    public let editFollowUp: String             // {1} task
    public let editNotes: String                // {1} task
    public let editAddProgress: String          // {1} task {2} unit
    public let editRemoveProgress: String       // {1} task

    // Search
    public let searchPrompt: String
    public let searchResult: String             // {1} query, {2} index, {3} count
    public let searchNone: String               // {1}
    public let noSearch: String                 // {1} = key

    // Milestone form
    public let formAdd: String                  // {1} task
    public let formEdit: String                 // {1} task
    public let formTitle: String
    public let formDue: String
    public let formDueHint: String

    // Help
    public let helpTitle: String
    public let helpGlobal: String
    public let helpSections: [KeyContext: String]
    /// What each command does (help screen).
    public let commandHelp: [Command: String]
    /// Short label for the footer.
    public let commandShort: [Command: String]

    /// Fills a template.
    public func f(_ template: String, _ args: Any...) -> String { Text.format(template, args) }

    public func role(_ r: Role?) -> String {
        switch r {
        case .lead?: return lead
        case .cooperating?: return cooperating
        case nil: return noRole
        }
    }

    public static func `for`(_ language: Language) -> Strings {
        language == .zh ? .zh : .en
    }

    // MARK: Domain errors

    /// A domain error in this language (see `ErrorText`; the sentences live in DubanCore).
    public func describe(_ e: DomainError) -> String { e.spoken(language) }

    /// How a Chinese message names a field that has a size limit.
    static func fieldName(_ field: Limits.Field) -> String { Catalog.fieldName(field).zh }

    /// Any error, in this language: one sentence, never a system domain and code.
    public func describe(_ error: Error) -> String { ErrorText.sentence(error, language) }

    // Read-only, conflicts, a replaced file (Reliability.swift)
    /// Shown on the status line of every screen while the file is read-only.
    public let readOnlyBanner: String
    public let undoConflict: String             // {1} what the edit was, {2} what someone else changed
    public let redoConflict: String             // {1}, {2}
    /// A form's conflict line: {1} = what someone else changed. The typed text stays.
    public let formConflict: String
    /// Status line when the tracker file was removed or replaced under the program.
    public let fileReplacedHint: String
    public let cannotReopen: String
    public let quarterlyPastDue: String         // {1} year, {2} task, {3} how many, {4} their due dates
    public let editBatch: String                // {1} how many edits, {2} task
    // Task and unit edits, described (undo/redo lines)
    public let editUpdateProgress: String       // {1} task
    public let editAddTask: String              // {1} task, {2} title
    public let editRenameTask: String           // {1} task
    public let editRetireTask: String           // {1} task
    public let editRestoreTask: String          // {1} task
    public let editAddUnit: String              // {1} unit
    public let editRemoveUnit: String           // {1} unit
    public let editEditUnit: String             // {1} unit
    /// Between the items of a list in a sentence (、 / , ).
    public let listSeparator: String
    // Dates typed into forms (DateInput.swift)
    public let dateUnderstood: String           // {1} = the date as understood
    public let dateNotUnderstood: String
    // Terminal
    public let unboundKey: String               // {1} the key, {2} the help key
    public let fieldFull: String                // {1} the limit
    // Loading a large plan in the background (App, LoadingState)
    public let loadingTag: String               // {1} percent
    public let loadingRefused: String           // {1} tasks, {2} percent
    public let loadingMore: String              // {1} percent
    public let loadFailed: String               // {1} why, {2} tasks shown
    // Forms, questions and messages of the editing commands and the notice
    public let formOwner: String
    public let formOwnerHint: String
    public let formCompleted: String
    public let formNoSuchUnit: String
    public let progressEditTitle: String        // {1} task, {2} unit
    public let progressDeleteQuestion: String   // {1} date, {2} unit
    public let progressGone: String
    public let progressNone: String
    public let progressSelected: String         // {1} date, {2} unit
    public let quarterlyTitle: String           // {1} task
    public let quarterlyYear: String
    public let quarterlyYearRequired: String
    public let quarterlyYearHint: String
    public let quarterlyNotYear: String         // {1} what was typed
    public let taskAddTitle: String
    public let taskTitleField: String
    public let taskRenameTitle: String          // {1} task
    public let taskRetireQuestion: String       // {1} task, {2} title
    public let taskAdded: String                // {1} task
    public let notesTitle: String               // {1} task
    public let followUpTitle: String            // {1} task
    public let followUpHint: String
    public let unitRequired: String
    public let unitNameField: String
    public let unitShortField: String
    public let unitAbbrField: String
    public let unitAbbrHint: String
    public let unitAliasesField: String
    public let unitAddTitle: String
    public let unitEditTitle: String            // {1} unit
    public let noticePreviewHeading: String     // {1} key
    public let noticeAlreadyIssued: String      // {1} number
    public let noticeIssueQuestion: String      // {1} task
    public let noticeTitle: String              // {1} number, {2} task
    public let noticePreviewTitle: String       // {1} task
    public let noticeIssued: String             // {1} number
    // Power-user keys (PowerStrings.swift): go to, counts, search, filter and sort
    public let gotoPrompt: String
    public let gotoUnknown: String              // {1} number, {2} first, {3} last
    public let gotoRetired: String              // {1} number
    public let gotoNotNumber: String
    public let gotoFilterCleared: String        // {1} number
    public let countLabel: String
    public let searchWrapped: String
    public let filterLabel: String              // {1} the filters
    public let sortLabel: String                // {1} the sort
    public let filterUnitLabel: String          // {1} abbr, {2} role
    public let filterAnyRole: String
    public let filterFollowUpLabel: String      // {1} person
    public let filterGapsLabel: String
    public let filterShown: String              // {1} shown, {2} total
    public let filterNone: String
    public let filterCleared: String
    public let filterNothing: String
    public let sortedBy: String                 // {1} sort name
    public let filterMenuTitle: String
    public let filterUnitPrompt: String
    public let filterFollowUpPrompt: String
    public let filterFollowUpEmpty: String
    public let lightRed: String
    public let lightYellow: String
    public let lightGreen: String
    public let lightNone: String
    public let sortNumber: String
    public let sortLight: String
    public let sortLead: String
    /// The filter menu's entries, in the order of `Strings.filterMenuKeys`.
    public let filterMenuTexts: [String]
    // The 督办 workflow screens (FlowActions, FlowScreen, QueueScreen)
    public let flowReasonLabel: String
    public let flowReasonNeeded: String         // {1} step
    public let flowStepTitle: String            // {1} step, {2} number, {3} unit
    public let flowReasonNote: String           // {1} reason
    public let extensionNotAllowed: String
    public let extensionReasonNeeded: String
    public let extensionRequestTitle: String    // {1} number, {2} milestone
    public let extensionUnitLabel: String
    public let extensionNewDueLabel: String
    public let extensionNewDueNeeded: String
    public let extensionUnitNeeded: String
    public let extensionNonePending: String
    public let extensionRejectReasonNeeded: String
    public let extensionRejectTitle: String     // {1} number, {2} milestone
    public let flowSummaryLabel: String
    public let flowSummaryPending: String       // {1} count
    public let flowSummaryKey: String           // {1} key
    public let flowTitle: String                // {1} number (the task's title follows)
    public let flowColumnUnit: String
    public let flowColumnRole: String
    public let flowColumnState: String
    public let flowColumnSince: String
    public let flowColumnReason: String
    public let flowAllowedNow: String
    public let flowMatrixMarks: String
    public let queueKindClosure: String
    public let queueKindExtension: String
    public let queueKindLateSign: String
    public let queueKindLateReport: String
    public let queueKindToSign: String
    public let queueKindToReport: String
    public let queueKindReturned: String
    public let queueReasonSeparator: String     // between a returned task's title and the reason
    public let queueLateSign: String            // {1} day assigned, {2} days late
    public let queueLateReport: String          // {1} period
    public let queueLastReport: String          // {1} day
    public let queueNotExtension: String
    public let queueUnitTitle: String           // {1} count, {2} unit's short name, {3} unit's name
    public let queueOfficeTitle: String         // {1} count, {2} today
    public let queueEmpty: String
    public let queueColumnKind: String
    public let queueColumnTask: String
    public let queueColumnUnit: String
    public let queueColumnDetail: String
    /// The supervision screens' entries (overdue list, workload, ranking, progress form).
    public let sup: SupervisionStrings

    public let language: Language

    // MARK: Chinese

    public static let zh = Strings(
        appName: "督办",
        readOnlyTag: "[只读]",
        tooSmall: "终端太小",
        needAtLeast: "至少需要 {1}×{2}",
        tasksHeader: "任务（{1}）",
        memberLegend: "领导小组成员",
        noTasks: "没有任务。",
        ruler: "任务 {1}/{2} · 单位 {3}/{4}",
        cellContext: "{1}（{2}）：{3}",
        lead: "牵头", cooperating: "协同", noRole: "无分工",
        cellLead: "牵", cellCooperating: "协",
        taskSubtitle: "任务 {1}（第 {2}/{3} 项）",
        leadUnits: "牵头单位", cooperatingUnits: "协同单位", followUp: "跟进人员", notes: "备注",
        milestonesHeading: "时间节点（{1} 项，已完成 {2} 项）",
        history: "最近记录",
        none: "（无）", notSet: "（未指定）",
        noMilestones: "暂无时间节点，按 {1} 新增。",
        columnDue: "完成时限", columnState: "状态", columnCompleted: "完成日期", columnMilestone: "节点",
        done: "已完成", open: "未完成", noDate: "—",
        historyLoading: "正在读取……",
        actionNames: ["assign": "分工", "milestone.add": "新增节点", "milestone.update": "修改节点",
                      "milestone.remove": "删除节点", "followup": "跟进人员", "notes": "备注",
                      "init": "建立", "units": "单位"],
        unitListTitle: "单位（{1}）",
        columnUnit: "单位", columnAbbr: "简称", columnLead: "牵头", columnCooperating: "协同", columnMember: "成员",
        unitCounts: "牵头 {1} 项 · 协同 {2} 项",
        leadTasks: "牵头任务（{1}）", cooperatingTasks: "协同任务（{1}）",
        memberUnit: "领导小组成员单位",
        unitHeading: "{1}（{2}）",
        saved: "已保存",
        undone: "已撤销并保存：{1}", redone: "已重做并保存：{1}",
        nothingToUndo: "没有可撤销的修改。", nothingToRedo: "没有可重做的修改。",
        notSaved: "未保存：{1}",
        alreadyRole: "{1}已是任务 {2} 的{3}单位。",
        noRoleToRemove: "{1}在任务 {2} 中没有分工。",
        readOnly: "文件只读，不能修改。",
        quitHint: "按 {1} 退出。",
        cancelled: "已取消。", noChanges: "没有修改。",
        noMilestoneSelected: "没有选中的时间节点。",
        confirmDelete: "删除时间节点“{1}”？（{2} 删除 / {3} 取消）",
        outsideReloaded: "已载入其他用户的修改。",
        outsideCellChanged: "其他用户修改了当前单元格：任务 {1} · {2}：{3} → {4}",
        outsideMilestoneChanged: "其他用户修改了选中的时间节点“{1}”。",
        outsideMilestoneRemoved: "选中的时间节点“{1}”已被其他用户删除。",
        taskGone: "任务 {1} 已不存在。",
        reloadFailed: "无法重新载入：{1}",
        historyFailed: "无法读取记录：{1}",
        editAssign: "任务 {1} · {2} → {3}",
        editUnassign: "任务 {1} · {2} → 无分工",
        editAddMilestone: "任务 {1} 新增时间节点“{2}”",
        editUpdateMilestone: "任务 {1} 修改时间节点“{2}”",
        editRemoveMilestone: "任务 {1} 删除时间节点“{2}”",
        editFollowUp: "任务 {1} 跟进人员",
        editNotes: "任务 {1} 备注",
        editAddProgress: "任务 {1} 新增进展报送（{2}）",
        editRemoveProgress: "任务 {1} 删除进展报送",
        searchPrompt: "查找任务或单位：",
        searchResult: "“{1}”：第 {2}/{3} 个匹配",
        searchNone: "没有找到“{1}”。",
        noSearch: "还没有查找内容，按 {1} 查找。",
        formAdd: "新增时间节点 · 任务 {1}",
        formEdit: "修改时间节点 · 任务 {1}",
        formTitle: "名称",
        formDue: "完成时限",
        formDueHint: "YYYY-MM-DD，可留空",
        helpTitle: "按键说明（由按键表生成）",
        helpGlobal: "各处通用",
        helpSections: [.matrix: "任务矩阵", .task: "任务详情", .unit: "单位视图", .unitList: "单位列表",
                       .help: "帮助", .input: "输入框（查找、表单）", .confirm: "确认提示（其他键均为取消）"].merging(EditStrings.sectionsZh) { a, _ in a }.merging(powerHelpSectionsZh) { a, _ in a }.merging(FlowStrings.sectionsZh) { a, _ in a },
        commandHelp: [
            .moveUp: "上移一行", .moveDown: "下移一行", .moveLeft: "左移一列", .moveRight: "右移一列",
            .pageUp: "向上翻页", .pageDown: "向下翻页",
            .firstRow: "跳到第一项任务", .lastRow: "跳到最后一项任务",
            .firstColumn: "跳到第一列", .lastColumn: "跳到最后一列",
            .previousItem: "选择上一项", .nextItem: "选择下一项",
            .firstItem: "选择第一项", .lastItem: "选择最后一项",
            .scrollUp: "向上滚动", .scrollDown: "向下滚动", .scrollTop: "回到顶部", .scrollBottom: "跳到底部",
            .openTask: "打开任务详情", .openUnit: "打开单位视图（当前列或选中的单位）",
            .showUnitList: "单位列表", .showMatrix: "回到任务矩阵",
            .showHelp: "帮助", .back: "返回", .quit: "退出（修改均已保存）", .quitNow: "立即退出",
            .makeLead: "设为牵头单位", .makeCooperating: "设为协同单位", .removeRole: "移除分工（最后一个牵头单位不能移除）",
            .undo: "撤销本次会话的上一次修改（撤销也会保存）", .redo: "重做",
            .search: "查找任务名称或单位名称", .nextMatch: "下一个匹配（循环）", .previousMatch: "上一个匹配（循环）",
            .addMilestone: "新增时间节点", .editMilestone: "修改选中的时间节点",
            .toggleMilestone: "标记完成 / 重新打开", .deleteMilestone: "删除选中的时间节点（需确认）",
            .showOverdue: "督办清单（逾期、临期的时间节点）", .showWorkload: "各单位工作量", .showRanking: "考核排名（含评分规则）",
            .addProgress: "报送进展（进展情况、存在问题、下一步措施）", .addQuarterly: "按季度添加今年四个时间节点",
            .reopen: "督办文件被删除或替换后重新打开",
            .accept: "确定（表单中：下一项，最后一项时保存）", .cancel: "取消",
            .caretLeft: "光标左移一个字", .caretRight: "光标右移一个字",
            .caretHome: "光标到开头", .caretEnd: "光标到末尾",
            .deleteBackward: "删除光标前的字", .deleteForward: "删除光标处的字",
            .switchField: "切换输入项",
            .confirmYes: "确认", .confirmNo: "取消",
            .suspend: "暂停程序，回到命令行（用 fg 回来）", .redraw: "清屏并重画",
        ].merging(EditStrings.helpZh) { a, _ in a }.merging(powerCommandHelpZh) { a, _ in a }.merging(FlowStrings.helpZh) { a, _ in a },
        commandShort: [
            .showHelp: "帮助", .openTask: "打开", .makeLead: "牵头", .makeCooperating: "协同",
            .removeRole: "移除", .undo: "撤销", .search: "查找", .showUnitList: "单位", .quit: "退出",
            .back: "返回", .addMilestone: "新增", .editMilestone: "修改", .toggleMilestone: "完成/重新打开",
            .deleteMilestone: "删除", .openUnit: "打开", .showMatrix: "矩阵",
            .showOverdue: "督办", .showWorkload: "工作量", .showRanking: "考核", .addProgress: "报送", .addQuarterly: "季度节点",
            .scrollDown: "向下", .scrollUp: "向上",
            .accept: "确定", .switchField: "切换", .cancel: "取消",
            .confirmYes: "确认", .confirmNo: "取消",
        ].merging(EditStrings.shortZh) { a, _ in a }.merging(powerCommandShortZh) { a, _ in a }.merging(FlowStrings.shortZh) { a, _ in a },
        readOnlyBanner: "只读：无法修改此文件",
        undoConflict: "无法撤销“{1}”：{2}已从撤销记录中移除。",
        redoConflict: "无法重做“{1}”：{2}已从重做记录中移除。",
        formConflict: "他人已修改（{1}）；再按 Enter 保存您的内容，Esc 放弃。",
        fileReplacedHint: "按 R 重新打开。",
        cannotReopen: "无法在此重新打开督办文件，请退出后重新启动 duban。",
        quarterlyPastDue: "任务 {2} 的 {1} 年季度节点中有 {3} 个已经过期（{4}）。仍然添加？(y/n)",
        editBatch: "任务 {2} 的 {1} 项修改",
        editUpdateProgress: "修改任务 {1} 的进展",
        editAddTask: "新增任务 {1}“{2}”",
        editRenameTask: "修改任务 {1} 的名称",
        editRetireTask: "撤销任务 {1}",
        editRestoreTask: "恢复任务 {1}",
        editAddUnit: "新增单位 {1}",
        editRemoveUnit: "删除单位 {1}",
        editEditUnit: "修改单位 {1}",
        listSeparator: "、",
        dateUnderstood: "即 {1}",
        dateNotUnderstood: "无法识别的日期",
        unboundKey: "未定义的按键 {1}，按 {2} 查看帮助",
        fieldFull: "输入已达上限（{1} 字），不能再输入。",
        loadingTag: "载入中 {1}%",
        loadingRefused: "正在载入全部 {1} 项任务（{2}%），此功能在载入完成后可用。",
        loadingMore: "其余任务正在载入（{1}%），请稍候…",
        loadFailed: "载入全部任务失败：{1}（只显示前 {2} 项，不能修改；请按 q 退出后重新打开）",
        formOwner: "责任单位",
        formOwnerHint: "有分工的单位，可留空",
        formCompleted: "完成日期",
        formNoSuchUnit: "未找到该单位",
        progressEditTitle: "修改进展 · 任务 {1} · {2}",
        progressDeleteQuestion: "删除 {2} {1} 的进展报告？（y 删除 / n 取消）",
        progressGone: "该进展报告已不存在。",
        progressNone: "该任务还没有进展报告。",
        progressSelected: "已选中 {1} {2} 的进展报告（P 修改，x 删除）。",
        quarterlyTitle: "季度时间节点 · 任务 {1}",
        quarterlyYear: "年份",
        quarterlyYearRequired: "请填写年份。",
        quarterlyYearHint: "四个季度末各一个节点",
        quarterlyNotYear: "“{1}”不是年份。",
        taskAddTitle: "新增任务",
        taskTitleField: "任务名称",
        taskRenameTitle: "修改任务 {1} 的名称",
        taskRetireQuestion: "撤销任务 {1}？（y 撤销 / n 取消；历史保留，u 可恢复）“{2}”",
        taskAdded: "已新增任务 {1}。",
        notesTitle: "备注 · 任务 {1}",
        followUpTitle: "跟进人 · 任务 {1}",
        followUpHint: "可留空",
        unitRequired: "请填写。",
        unitNameField: "单位全称",
        unitShortField: "简称",
        unitAbbrField: "两字简称",
        unitAbbrHint: "矩阵列头，如 住建",
        unitAliasesField: "别名",
        unitAddTitle: "新增单位",
        unitEditTitle: "修改单位 {1}",
        noticePreviewHeading: "预览（未编号）：此为预览，未占用编号。按 {1} 编号印发。",
        noticeAlreadyIssued: "已印发 {1}。",
        noticeIssueQuestion: "为任务 {1} 印发督办单，取下一个编号并登记？（y 印发 / n 取消）",
        noticeTitle: "督办单 {1} · 任务 {2}",
        noticePreviewTitle: "督办单预览（未编号）· 任务 {1}",
        noticeIssued: "已印发 {1}，已登记在督办单登记簿（duban notices 可查）。",
        gotoPrompt: "跳到任务编号：",
        gotoUnknown: "没有任务 {1}（现有任务编号 {2}–{3}）。",
        gotoRetired: "任务 {1} 已撤销。",
        gotoNotNumber: "请输入任务编号（数字）。",
        gotoFilterCleared: "任务 {1} 不在筛选结果中，已清除筛选。",
        countLabel: "计数 {1}",
        searchWrapped: "（已绕回）",
        filterLabel: "筛选：{1}",
        sortLabel: "排序：{1}",
        filterUnitLabel: "{1}{2}",
        filterAnyRole: "参与",
        filterFollowUpLabel: "跟进 {1}",
        filterGapsLabel: "有缺口",
        filterShown: "显示 {1}/{2} 项任务",
        filterNone: "没有符合筛选的任务；按 {1} 清除筛选。",
        filterCleared: "已清除筛选和排序。",
        filterNothing: "当前没有筛选或排序。",
        sortedBy: "按{1}排序。",
        filterMenuTitle: "筛选任务（按字母）",
        filterUnitPrompt: "单位（名称或简称）：",
        filterFollowUpPrompt: "跟进人员：",
        filterFollowUpEmpty: "请输入跟进人员。",
        lightRed: "红灯",
        lightYellow: "黄灯",
        lightGreen: "绿灯",
        lightNone: "无时间节点",
        sortNumber: "编号",
        sortLight: "灯号",
        sortLead: "牵头单位",
        filterMenuTexts: ["红灯：有逾期节点", "黄灯：临期或签收/反馈逾期", "绿灯：正常或全部完成", "无时间节点", "某单位参与的任务…", "某单位牵头的任务…", "某单位协同的任务…", "跟进人员…", "有缺口：无牵头、多牵头或无时间节点"],
        flowReasonLabel: "理由",
        flowReasonNeeded: "{1}需要说明理由。",
        flowStepTitle: "{1} · 任务 {2} · {3}",
        flowReasonNote: "（{1}）",
        extensionNotAllowed: "只有未完成且有完成时限的节点才能申请延期。",
        extensionReasonNeeded: "请说明延期理由。",
        extensionRequestTitle: "申请延期 · 任务 {1} · {2}",
        extensionUnitLabel: "申请单位",
        extensionNewDueLabel: "延至",
        extensionNewDueNeeded: "请填写新的完成时限。",
        extensionUnitNeeded: "请填写申请单位。",
        extensionNonePending: "这个节点没有待审批的延期申请。",
        extensionRejectReasonNeeded: "驳回需要说明理由。",
        extensionRejectTitle: "驳回延期 · 任务 {1} · {2}",
        flowSummaryLabel: "办理状态",
        flowSummaryPending: "延期待审批 {1}",
        flowSummaryKey: "{1} 办理",
        flowTitle: "办理 · 任务 {1} ",
        flowColumnUnit: "单位",
        flowColumnRole: "分工",
        flowColumnState: "状态",
        flowColumnSince: "日期",
        flowColumnReason: "理由/说明",
        flowAllowedNow: "可办理：",
        flowMatrixMarks: "矩阵标记：",
        queueKindClosure: "申请办结",
        queueKindExtension: "延期申请",
        queueKindLateSign: "签收逾期",
        queueKindLateReport: "反馈逾期",
        queueKindToSign: "待签收",
        queueKindToReport: "待报送",
        queueKindReturned: "被退回",
        queueReasonSeparator: "：",
        queueLateSign: "{1} 交办，逾期 {2} 天",
        queueLateReport: "{1} 未报送",
        queueLastReport: "（上次 {1}）",
        queueNotExtension: "选中的不是延期申请。",
        queueUnitTitle: "{2} 待办（{1}）",
        queueOfficeTitle: "办公室待办（{1}） · {2}",
        queueEmpty: "（无待办事项）",
        queueColumnKind: "类别",
        queueColumnTask: "任务",
        queueColumnUnit: "单位",
        queueColumnDetail: "内容",
        sup: SupervisionStrings(
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
        ),
        language: .zh
    )

    // MARK: English

    public static let en = Strings(
        appName: "duban",
        readOnlyTag: "[read-only]",
        tooSmall: "Terminal too small",
        needAtLeast: "need at least {1}×{2}",
        tasksHeader: "Tasks ({1})",
        memberLegend: "group member",
        noTasks: "No tasks.",
        ruler: "task {1}/{2} · unit {3}/{4}",
        cellContext: "{1} ({2}): {3}",
        lead: "lead", cooperating: "cooperating", noRole: "no role",
        cellLead: "牵", cellCooperating: "协",
        taskSubtitle: "Task {1} ({2} of {3})",
        leadUnits: "Lead", cooperatingUnits: "Cooperating", followUp: "Follow-up", notes: "Notes",
        milestonesHeading: "Milestones ({1}, {2} done)",
        history: "Recent changes",
        none: "(none)", notSet: "(not set)",
        noMilestones: "No milestones yet; press {1} to add one.",
        columnDue: "Due", columnState: "State", columnCompleted: "Done on", columnMilestone: "Milestone",
        done: "done", open: "open", noDate: "-",
        historyLoading: "loading…",
        actionNames: ["assign": "assign", "milestone.add": "add", "milestone.update": "update",
                      "milestone.remove": "remove", "followup": "follow-up", "notes": "notes",
                      "init": "create", "units": "units"],
        unitListTitle: "Units ({1})",
        columnUnit: "Unit", columnAbbr: "Abbr", columnLead: "Lead", columnCooperating: "Coop", columnMember: "Member",
        unitCounts: "leads {1} · cooperates on {2}",
        leadTasks: "Leads ({1})", cooperatingTasks: "Cooperates on ({1})",
        memberUnit: "leading group member",
        unitHeading: "{1} ({2})",
        saved: "Saved",
        undone: "Undone and saved: {1}", redone: "Redone and saved: {1}",
        nothingToUndo: "Nothing to undo.", nothingToRedo: "Nothing to redo.",
        notSaved: "Not saved: {1}",
        alreadyRole: "{1} is already {3} on task {2}.",
        noRoleToRemove: "{1} has no role on task {2}.",
        readOnly: "The file is read-only.",
        quitHint: "Press {1} to quit.",
        cancelled: "Cancelled.", noChanges: "No changes.",
        noMilestoneSelected: "No milestone selected.",
        confirmDelete: "Delete milestone \"{1}\"? ({2} delete / {3} keep)",
        outsideReloaded: "Loaded changes made by someone else.",
        outsideCellChanged: "Someone else changed this cell: task {1} · {2}: {3} → {4}",
        outsideMilestoneChanged: "Someone else changed the selected milestone \"{1}\".",
        outsideMilestoneRemoved: "Someone else deleted the selected milestone \"{1}\".",
        taskGone: "Task {1} no longer exists.",
        reloadFailed: "Could not reload: {1}",
        historyFailed: "Could not read the history: {1}",
        editAssign: "task {1} · {2} → {3}",
        editUnassign: "task {1} · {2} → no role",
        editAddMilestone: "task {1}: added milestone \"{2}\"",
        editUpdateMilestone: "task {1}: changed milestone \"{2}\"",
        editRemoveMilestone: "task {1}: deleted milestone \"{2}\"",
        editFollowUp: "task {1}: follow-up",
        editNotes: "task {1}: notes",
        editAddProgress: "task {1}: progress report by {2} added",
        editRemoveProgress: "task {1}: progress report removed",
        searchPrompt: "Find task or unit: ",
        searchResult: "\"{1}\": match {2} of {3}",
        searchNone: "No match for \"{1}\".",
        noSearch: "Nothing to repeat; press {1} to search.",
        formAdd: "New milestone · task {1}",
        formEdit: "Edit milestone · task {1}",
        formTitle: "Title",
        formDue: "Due",
        formDueHint: "YYYY-MM-DD or empty",
        helpTitle: "Keys (generated from the key map)",
        helpGlobal: "Everywhere",
        helpSections: [.matrix: "Task matrix", .task: "Task", .unit: "Unit", .unitList: "Unit list",
                       .help: "Help", .input: "Text input (search, forms)",
                       .confirm: "Yes/no prompt (any other key keeps)"].merging(EditStrings.sectionsEn) { a, _ in a }.merging(powerHelpSectionsEn) { a, _ in a }.merging(FlowStrings.sectionsEn) { a, _ in a },
        commandHelp: [
            .moveUp: "up one task", .moveDown: "down one task", .moveLeft: "left one unit", .moveRight: "right one unit",
            .pageUp: "page up", .pageDown: "page down",
            .firstRow: "first task", .lastRow: "last task",
            .firstColumn: "first column", .lastColumn: "last column",
            .previousItem: "select previous", .nextItem: "select next",
            .firstItem: "select first", .lastItem: "select last",
            .scrollUp: "scroll up", .scrollDown: "scroll down", .scrollTop: "top", .scrollBottom: "bottom",
            .openTask: "open the task", .openUnit: "open the unit (column under the cursor, or selected)",
            .showUnitList: "unit list", .showMatrix: "back to the matrix",
            .showHelp: "help", .back: "back", .quit: "quit (everything is saved)", .quitNow: "quit at once",
            .makeLead: "make the unit a lead", .makeCooperating: "make the unit cooperating",
            .removeRole: "remove the unit's role (not the last lead)",
            .undo: "undo this session's last edit (the undo is saved too)", .redo: "redo",
            .search: "search task titles and unit names", .nextMatch: "next match (wraps)",
            .previousMatch: "previous match (wraps)",
            .addMilestone: "add a milestone", .editMilestone: "edit the selected milestone",
            .toggleMilestone: "mark done / reopen", .deleteMilestone: "delete the selected milestone (asks first)",
            .showOverdue: "overdue list (milestones late or due soon)", .showWorkload: "workload per unit", .showRanking: "assessment ranking (with the rules)",
            .addProgress: "report progress (progress, problems, next steps)", .addQuarterly: "add this year's four quarterly milestones",
            .reopen: "reopen the tracker after it was removed or replaced",
            .accept: "confirm (in the form: next field, then save)", .cancel: "cancel",
            .caretLeft: "caret left one character", .caretRight: "caret right one character",
            .caretHome: "caret to the start", .caretEnd: "caret to the end",
            .deleteBackward: "delete before the caret", .deleteForward: "delete at the caret",
            .switchField: "other field",
            .confirmYes: "yes", .confirmNo: "no",
            .suspend: "suspend to the shell (fg brings it back)", .redraw: "clear and repaint the screen",
        ].merging(EditStrings.helpEn) { a, _ in a }.merging(powerCommandHelpEn) { a, _ in a }.merging(FlowStrings.helpEn) { a, _ in a },
        commandShort: [
            .showHelp: "help", .openTask: "open", .makeLead: "lead", .makeCooperating: "coop",
            .removeRole: "remove", .undo: "undo", .search: "find", .showUnitList: "units", .quit: "quit",
            .back: "back", .addMilestone: "add", .editMilestone: "edit", .toggleMilestone: "done/reopen",
            .deleteMilestone: "delete", .openUnit: "open", .showMatrix: "matrix",
            .showOverdue: "overdue", .showWorkload: "workload", .showRanking: "ranking", .addProgress: "report", .addQuarterly: "quarterly",
            .scrollDown: "down", .scrollUp: "up",
            .accept: "ok", .switchField: "field", .cancel: "cancel",
            .confirmYes: "yes", .confirmNo: "no",
        ].merging(EditStrings.shortEn) { a, _ in a }.merging(powerCommandShortEn) { a, _ in a }.merging(FlowStrings.shortEn) { a, _ in a },
        readOnlyBanner: "read-only: this file cannot be changed",
        undoConflict: "Cannot undo “{1}”: {2} Dropped from the undo history.",
        redoConflict: "Cannot redo “{1}”: {2} Dropped from the redo history.",
        formConflict: "Changed by someone else ({1}); Enter saves yours over it, Esc gives up.",
        fileReplacedHint: "Press R to reopen.",
        cannotReopen: "Cannot reopen the tracker here; quit and start duban again.",
        quarterlyPastDue: "{3} of task {2}'s quarterly milestones of {1} are already past due ({4}). Add them anyway? (y/n)",
        editBatch: "{1} changes to task {2}",
        editUpdateProgress: "edit progress of task {1}",
        editAddTask: "add task {1} “{2}”",
        editRenameTask: "rename task {1}",
        editRetireTask: "retire task {1}",
        editRestoreTask: "restore task {1}",
        editAddUnit: "add unit {1}",
        editRemoveUnit: "remove unit {1}",
        editEditUnit: "edit unit {1}",
        listSeparator: ", ",
        dateUnderstood: "= {1}",
        dateNotUnderstood: "not a date",
        unboundKey: "Key {1} is not bound — {2} for help",
        fieldFull: "The field is full: it takes at most {1} characters.",
        loadingTag: "loading {1}%",
        loadingRefused: "Still loading all {1} tasks ({2}%); this works once they are in.",
        loadingMore: "The other tasks are still loading ({1}%)…",
        loadFailed: "Could not load all tasks: {1} (only the first {2} are shown, and nothing can be changed; quit with q and open again)",
        formOwner: "Owner",
        formOwnerHint: "a unit of the task, or empty",
        formCompleted: "Completed",
        formNoSuchUnit: "no such unit",
        progressEditTitle: "Edit progress · task {1} · {2}",
        progressDeleteQuestion: "Delete the progress report of {2} on {1}? (y delete / n keep)",
        progressGone: "That progress report no longer exists.",
        progressNone: "This task has no progress reports.",
        progressSelected: "Selected the report of {2} on {1} (P edit, x delete).",
        quarterlyTitle: "Quarterly milestones · task {1}",
        quarterlyYear: "Year",
        quarterlyYearRequired: "Enter a year.",
        quarterlyYearHint: "one node at the end of each quarter",
        quarterlyNotYear: "“{1}” is not a year.",
        taskAddTitle: "New task",
        taskTitleField: "Title",
        taskRenameTitle: "Rename task {1}",
        taskRetireQuestion: "Retire task {1}? (y retire / n keep; history kept, u brings it back) “{2}”",
        taskAdded: "Task {1} added.",
        notesTitle: "Notes · task {1}",
        followUpTitle: "Follow-up · task {1}",
        followUpHint: "may be empty",
        unitRequired: "Required.",
        unitNameField: "Name",
        unitShortField: "Short name",
        unitAbbrField: "Abbreviation",
        unitAbbrHint: "matrix column, e.g. 住建",
        unitAliasesField: "Aliases",
        unitAddTitle: "New unit",
        unitEditTitle: "Edit unit {1}",
        noticePreviewHeading: "PREVIEW (not numbered): no number is taken. Press {1} to issue it with a number.",
        noticeAlreadyIssued: "Already issued as {1}.",
        noticeIssueQuestion: "Issue the notice for task {1}, taking the next number and recording it? (y issue / n cancel)",
        noticeTitle: "Notice {1} · task {2}",
        noticePreviewTitle: "Notice preview (not numbered) · task {1}",
        noticeIssued: "Issued as {1} and recorded in the notice register (see duban notices).",
        gotoPrompt: "Go to task number: ",
        gotoUnknown: "There is no task {1} (tasks run {2}–{3}).",
        gotoRetired: "Task {1} is retired.",
        gotoNotNumber: "Type a task number (digits).",
        gotoFilterCleared: "Task {1} was hidden by the filter; the filter is cleared.",
        countLabel: "count {1}",
        searchWrapped: " (wrapped)",
        filterLabel: "Filter: {1}",
        sortLabel: "Sort: {1}",
        filterUnitLabel: "{1} {2}",
        filterAnyRole: "any role",
        filterFollowUpLabel: "follow-up {1}",
        filterGapsLabel: "with gaps",
        filterShown: "{1} of {2} tasks shown",
        filterNone: "No task matches the filter — {1} clears it.",
        filterCleared: "Filter and sort cleared.",
        filterNothing: "No filter or sort is active.",
        sortedBy: "Sorted by {1}.",
        filterMenuTitle: "Filter tasks (press a letter)",
        filterUnitPrompt: "Unit (name or abbreviation): ",
        filterFollowUpPrompt: "Follow-up person: ",
        filterFollowUpEmpty: "Type a follow-up person.",
        lightRed: "red",
        lightYellow: "yellow",
        lightGreen: "green",
        lightNone: "no milestones",
        sortNumber: "number",
        sortLight: "light",
        sortLead: "lead unit",
        filterMenuTexts: ["red: a milestone overdue", "yellow: due soon, or late to sign or report", "green: on track or all done", "no milestones", "tasks a unit is on…", "tasks a unit leads…", "tasks a unit cooperates on…", "follow-up person…", "gaps: no lead, several leads or no milestone"],
        flowReasonLabel: "Reason",
        flowReasonNeeded: "To {1}, give a reason.",
        flowStepTitle: "{1} · task {2} · {3}",
        flowReasonNote: " ({1})",
        extensionNotAllowed: "Only an open milestone with a due date can be extended.",
        extensionReasonNeeded: "Give a reason.",
        extensionRequestTitle: "Request extension · task {1} · {2}",
        extensionUnitLabel: "Unit",
        extensionNewDueLabel: "New due",
        extensionNewDueNeeded: "Enter the new due date.",
        extensionUnitNeeded: "Enter the unit.",
        extensionNonePending: "This milestone has no pending extension request.",
        extensionRejectReasonNeeded: "To reject, give a reason.",
        extensionRejectTitle: "Reject extension · task {1} · {2}",
        flowSummaryLabel: "Workflow",
        flowSummaryPending: "extensions pending {1}",
        flowSummaryKey: "{1} to act",
        flowTitle: "Workflow · task {1} ",
        flowColumnUnit: "Unit",
        flowColumnRole: "Role",
        flowColumnState: "State",
        flowColumnSince: "Since",
        flowColumnReason: "Reason",
        flowAllowedNow: "Allowed now: ",
        flowMatrixMarks: "Matrix marks: ",
        queueKindClosure: "Closure",
        queueKindExtension: "Extension",
        queueKindLateSign: "Late sign",
        queueKindLateReport: "Late report",
        queueKindToSign: "To sign",
        queueKindToReport: "To report",
        queueKindReturned: "Returned",
        queueReasonSeparator: ": ",
        queueLateSign: "assigned {1}, {2} days late",
        queueLateReport: "no report for {1}",
        queueLastReport: " (last {1})",
        queueNotExtension: "The selected row is not an extension request.",
        queueUnitTitle: "{3}: to do ({1})",
        queueOfficeTitle: "Office queue ({1}) · {2}",
        queueEmpty: "(nothing to do)",
        queueColumnKind: "Kind",
        queueColumnTask: "Task",
        queueColumnUnit: "Unit",
        queueColumnDetail: "Detail",
        sup: SupervisionStrings(
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
        ),
        language: .en
    )
}
