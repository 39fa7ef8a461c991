import Foundation

/// The message catalog shared by the TUI, the CLI and the reports: every sentence the
/// program says, each a `Localized` carrying Chinese and English. A message without
/// parameters is a `static let`; one with parameters is a `static func` returning a
/// `Localized`, so the compiler checks both the languages and the arguments.
///
/// To add a message: add a `static let`/`static func` here (or in the section of its
/// front end: `Strings` for the TUI's tables, `Catalog.CLI` in the executable), and add
/// it to `Catalog.all` (a test checks that every entry has both languages).
/// Data (task titles, unit names) never goes here.
public enum Catalog {
    // MARK: Roles and fields

    public static func role(_ r: Role?) -> Localized {
        switch r {
        case .lead?: return Localized(zh: "牵头", en: "lead")
        case .cooperating?: return Localized(zh: "协同", en: "cooperating")
        case nil: return Localized(zh: "无分工", en: "no role")
        }
    }

    /// How a message names a field that has a size limit.
    public static func fieldName(_ field: Limits.Field) -> Localized {
        switch field {
        case .taskTitle: return Localized(zh: "任务名称", en: field.label)
        case .milestoneTitle: return Localized(zh: "时间节点名称", en: field.label)
        case .progress: return Localized(zh: "进展情况", en: field.label)
        case .problems: return Localized(zh: "存在问题", en: field.label)
        case .next: return Localized(zh: "下一步措施", en: field.label)
        case .notes: return Localized(zh: "备注", en: field.label)
        case .followUp: return Localized(zh: "跟进人", en: field.label)
        case .unitName: return Localized(zh: "单位名称", en: field.label)
        case .reason: return Localized(zh: "理由", en: field.label)
        }
    }

    // MARK: System errors (see `ErrorText`)

    public static func fileProblem(_ path: String?, _ why: Localized) -> Localized {
        guard let path, !path.isEmpty else {
            return Localized(zh: "操作失败：\(why.zh)。", en: "The operation failed: \(why.en).")
        }
        return Localized(zh: "无法使用 \(path)：\(why.zh)。", en: "Cannot use \(path): \(why.en).")
    }
    public static let noSuchFile = Localized(zh: "文件或文件夹不存在", en: "no such file or folder")
    public static let permissionDenied = Localized(zh: "没有权限", en: "permission denied")
    public static let notUTF8 = Localized(zh: "不是 UTF-8 文本", en: "not UTF-8 text")
    public static let diskFull = Localized(zh: "磁盘已满", en: "the disk is full")
    public static let readOnlyDisk = Localized(zh: "磁盘只读", en: "the disk is read-only")
    public static let fileExists = Localized(zh: "文件已存在", en: "the file already exists")
    public static let fileTooLarge = Localized(zh: "文件太大", en: "the file is too large")
    public static let isFolder = Localized(zh: "这是一个文件夹，请给出文件名", en: "it is a folder; give a file name")
    public static let notAFolder = Localized(zh: "路径中有一项不是文件夹", en: "a part of the path is not a folder")
    public static let systemRefused = Localized(zh: "系统拒绝了操作", en: "the system refused the operation")
    public static func folderMissing(_ folder: String) -> Localized {
        Localized(zh: "文件夹 \(folder) 不存在", en: "the folder \(folder) does not exist")
    }
    public static func noPermissionIn(_ folder: String) -> Localized {
        Localized(zh: "没有在 \(folder) 中写入的权限", en: "permission denied in \(folder)")
    }
    public static func cannotWrite(_ path: String, _ why: Localized) -> Localized {
        Localized(zh: "无法写入 \(path)：\(why.zh)。", en: "cannot write \(path): \(why.en).")
    }
    public static func cannotRead(_ path: String, _ why: Localized) -> Localized {
        Localized(zh: "无法读取 \(path)：\(why.zh)。", en: "cannot read \(path): \(why.en).")
    }
    public static func unexpectedError(_ detail: String) -> Localized {
        Localized(zh: "发生意外错误" + (detail.isEmpty ? "。" : "：\(detail)"), en: "An unexpected error occurred" + (detail.isEmpty ? "." : ": \(detail)"))
    }

    // MARK: Audit log words (see `AuditWords`)

    public static let tracker = Localized(zh: "整个督办文件", en: "tracker")
    public static func task(_ n: Int) -> Localized { Localized(zh: "任务 \(n)", en: "task \(n)") }
    public static let nothingRecorded = Localized(zh: "还没有修改记录。", en: "No changes recorded.")
    public static let nobody = Localized(zh: "（无）", en: "(nobody)")
    public static let noDue = Localized(zh: "无完成时限", en: "no due date")
    public static func roleChange(_ unit: String, _ old: Role?, _ new: Role?) -> Localized {
        Localized(zh: "\(unit)：\(role(old).zh) → \(role(new).zh)", en: "\(unit): \(role(old).en) → \(role(new).en)")
    }
    public static func milestoneAdded(_ title: String, due: Day?) -> Localized {
        Localized(zh: "新增时间节点“\(title)”（\(due.map { "完成时限 \($0)" } ?? noDue.zh)）",
                  en: "added milestone “\(title)” (\(due.map { "due \($0)" } ?? noDue.en))")
    }
    public static func milestoneChanged(_ title: String, _ what: [Localized]) -> Localized {
        Localized(zh: "时间节点“\(title)”：" + what.map(\.zh).joined(separator: "，"),
                  en: "milestone “\(title)”: " + what.map(\.en).joined(separator: ", "))
    }
    public static func renamed(_ t: String) -> Localized { Localized(zh: "改名为“\(t)”", en: "renamed to “\(t)”") }
    public static func dueSet(_ d: Day?) -> Localized {
        d.map { Localized(zh: "完成时限改为 \($0)", en: "due date set to \($0)") }
            ?? Localized(zh: "取消完成时限", en: "due date removed")
    }
    public static func markedDone(_ d: Day?) -> Localized {
        Localized(zh: "标记完成" + (d.map { "（\($0)）" } ?? ""), en: "marked done" + (d.map { " (\($0))" } ?? ""))
    }
    public static let reopened = Localized(zh: "重新打开", en: "reopened")
    public static func ownerSet(_ o: String?) -> Localized {
        o.map { Localized(zh: "责任单位改为\($0)", en: "owner set to \($0)") }
            ?? Localized(zh: "取消责任单位", en: "owner removed")
    }
    public static func milestoneRemoved(_ title: String) -> Localized {
        Localized(zh: "删除时间节点“\(title)”", en: "deleted milestone “\(title)”")
    }
    public static func followUpChange(_ old: String?, _ new: String?) -> Localized {
        Localized(zh: "跟进人员：\(old ?? "（无）") → \(new ?? "（无）")",
                  en: "follow-up: \(old ?? "(nobody)") → \(new ?? "(nobody)")")
    }
    public static func notesChanged(_ text: String) -> Localized {
        text.isEmpty ? Localized(zh: "清空备注", en: "notes cleared")
            : Localized(zh: "备注改为“\(text)”", en: "notes now read “\(text)”")
    }
    public static func progressCorrected(id: Int, _ words: [Localized]) -> Localized {
        Localized(zh: "更正进展报送 #\(id)：" + words.map(\.zh).joined(separator: "，"),
                  en: "corrected progress report #\(id): " + words.map(\.en).joined(separator: ", "))
    }
    public static func reportDateSet(_ d: Day) -> Localized {
        Localized(zh: "报送日期改为 \(d)", en: "date now \(d)")
    }
    public static func partSet(_ part: Localized, _ text: String) -> Localized {
        text.isEmpty ? Localized(zh: "清空\(part.zh)", en: "\(part.en) cleared")
            : Localized(zh: "\(part.zh)改为“\(text)”", en: "\(part.en) now reads “\(text)”")
    }
    public static func taskAdded(_ title: String) -> Localized {
        Localized(zh: "新增任务“\(title)”", en: "added the task “\(title)”")
    }
    public static func taskRenamed(_ title: String) -> Localized {
        Localized(zh: "任务名称改为“\(title)”", en: "task renamed “\(title)”")
    }
    public static let taskRetired = Localized(zh: "撤销任务（历史保留）", en: "task retired (history kept)")
    public static let taskRestored = Localized(zh: "恢复任务", en: "task restored")
    public static func unitAdded(_ name: String) -> Localized {
        Localized(zh: "新增单位 \(name)", en: "added the unit \(name)")
    }
    public static func unitRemoved(_ name: String) -> Localized {
        Localized(zh: "删除单位 \(name)", en: "removed the unit \(name)")
    }
    public static func unitEdited(_ name: String, _ u: Unit) -> Localized {
        Localized(zh: "单位 \(name) 改为 \(u.name)（简称 \(u.short)，缩写 \(u.abbr)）",
                  en: "unit \(name) now \(u.name) (short \(u.short), abbreviation \(u.abbr))")
    }
    // What an undo or redo of a workflow step names (the TUI's status line).
    public static func undoFlowStep(_ t: Int, _ u: String, _ step: FlowStep) -> Localized {
        Localized(zh: "任务 \(t)：\(u)\(FlowText.step(step, chinese: true))", en: "task \(t): \(FlowText.step(step, chinese: false)) \(u)")
    }
    public static func undoSetFlow(_ t: Int, _ u: String, _ state: FlowState) -> Localized {
        Localized(zh: "任务 \(t)：\(u)回到“\(FlowText.state(state, chinese: true))”",
                  en: "task \(t): \(u) back to \(FlowText.state(state, chinese: false))")
    }
    public static func undoExtensionRequest(_ t: Int, _ title: String) -> Localized {
        Localized(zh: "任务 \(t)：申请延期 \(title)", en: "task \(t): ask to extend \(title)")
    }
    public static func undoExtensionDecision(_ t: Int, _ title: String, approve: Bool) -> Localized {
        Localized(zh: "任务 \(t)：\(approve ? "批准" : "驳回")延期 \(title)",
                  en: "task \(t): \(approve ? "approve" : "reject") extension of \(title)")
    }
    public static func originalDueSet(_ d: Day?) -> Localized {
        d.map { Localized(zh: "原定时限记为 \($0)", en: "original due date kept as \($0)") }
            ?? Localized(zh: "清除原定时限", en: "original due date cleared")
    }
    public static func extensionRequestSet(_ r: ExtensionRequest?) -> Localized {
        guard let r else { return Localized(zh: "清除延期申请", en: "extension request cleared") }
        return Localized(zh: "延期申请：\(r.unit) 申请延至 \(r.to)", en: "extension request: \(r.unit) asks for \(r.to)")
    }
    public static func flowStepTaken(_ unit: String, _ step: FlowStep, day: Day, reason: String?) -> Localized {
        let why = reason.flatMap { $0.isEmpty ? nil : $0 }
        return Localized(zh: "\(unit)：\(FlowText.step(step, chinese: true))（\(day)）" + (why.map { "，理由：\($0)" } ?? ""),
                         en: "\(unit): \(FlowText.step(step, chinese: false)) (\(day))" + (why.map { ", reason: \($0)" } ?? ""))
    }
    public static func flowSet(_ unit: String, _ state: FlowState) -> Localized {
        Localized(zh: "\(unit)：办理状态恢复为“\(FlowText.state(state, chinese: true))”",
                  en: "\(unit): handling state set back to “\(FlowText.state(state, chinese: false))”")
    }
    public static func roleRestored(_ unit: String, _ role: Role, _ state: FlowState) -> Localized {
        Localized(zh: "恢复\(unit)的分工：\(Catalog.role(role).zh)（\(FlowText.state(state, chinese: true))）",
                  en: "restored \(unit) as \(Catalog.role(role).en) (\(FlowText.state(state, chinese: false)))")
    }
    public static func extensionRequested(id: Int, unit: String, to: Day, reason: String) -> Localized {
        Localized(zh: "\(unit) 申请时间节点 #\(id) 延期至 \(to)：\(reason)",
                  en: "\(unit) asks to extend milestone #\(id) to \(to): \(reason)")
    }
    public static func extensionDecided(id: Int, approve: Bool, reason: String?) -> Localized {
        approve ? Localized(zh: "批准时间节点 #\(id) 延期", en: "extension of milestone #\(id) approved")
            : Localized(zh: "驳回时间节点 #\(id) 延期申请" + (reason.map { "：\($0)" } ?? ""),
                        en: "extension of milestone #\(id) rejected" + (reason.map { ": \($0)" } ?? ""))
    }
    public static func progressAdded(unit: String, date: String) -> Localized {
        Localized(zh: "新增\(unit) \(date) 的进展报送", en: "added the progress report of \(unit) dated \(date)")
    }
    public static func progressRemoved(unit: String, date: String) -> Localized {
        Localized(zh: "删除\(unit) \(date) 的进展报送", en: "deleted the progress report of \(unit) dated \(date)")
    }
    public static func settingChanged(_ name: Localized, _ old: String?, _ new: String?) -> Localized {
        Localized(zh: "设置“\(name.zh)”：\(old ?? "未设置") → \(new ?? "未设置")",
                  en: "setting “\(name.en)”: \(old ?? "unset") → \(new ?? "unset")")
    }
    public static func settingName(_ key: String) -> Localized {
        switch key {
        case "warning_days": return Localized(zh: "临期提醒天数", en: "days before due counted as due soon")
        case "response_days": return Localized(zh: "反馈期限天数", en: "days to respond")
        case "overload_threshold": return Localized(zh: "工作量过重阈值", en: "overload threshold")
        case "overdue_penalty": return Localized(zh: "逾期扣分", en: "overdue penalty")
        case "silent_month_penalty": return Localized(zh: "未报送月份扣分", en: "penalty per month without a report")
        case "period_start": return Localized(zh: "考核期开始日期", en: "start of the assessment period")
        default:
            if key.hasPrefix("notice_serial_") {
                let year = key.dropFirst("notice_serial_".count)
                return Localized(zh: "\(year) 年督办单编号", en: "notice numbers of \(year)")
            }
            return Localized(zh: "其他设置", en: "another setting")
        }
    }
    public static func unitsChanged(from old: Int?, to new: Int?) -> Localized {
        guard let old, let new else { return Localized(zh: "更新单位名录", en: "updated the unit directory") }
        return Localized(zh: "更新单位名录：\(old) → \(new) 个单位", en: "updated the unit directory: \(old) → \(new) units")
    }
    public static func noticeIssued(_ number: String) -> Localized {
        Localized(zh: "督办单 \(number) 发出", en: "supervision notice \(number) issued")
    }
    public static func created(tasks: Int?, units: Int?) -> Localized {
        guard let tasks, let units else { return Localized(zh: "建立督办文件", en: "created the tracker") }
        return Localized(zh: "建立督办文件：\(tasks) 项任务，\(units) 个单位", en: "created the tracker: \(tasks) tasks, \(units) units")
    }
    public static func restored(_ from: String?) -> Localized {
        Localized(zh: "从备份恢复" + (from.map { "（\($0)）" } ?? ""), en: "restored from a backup" + (from.map { " (\($0))" } ?? ""))
    }
    public static let migrated = Localized(zh: "从督办文件迁入数据库", en: "copied into the database from a tracker file")
    public static let otherChange = Localized(zh: "其他修改", en: "another change")

    /// Every message of the catalog with sample arguments, for the coverage test.
    public static var all: [Localized] {
        let d = Day(year: 2027, month: 3, day: 31)
        return Role.allCases.map { role($0) } + [role(nil)] + Limits.Field.allCases.map(fieldName)
            + [fileProblem("/x", noSuchFile), fileProblem(nil, diskFull), noSuchFile, permissionDenied, notUTF8, diskFull,
               readOnlyDisk, fileExists, fileTooLarge, isFolder, notAFolder, systemRefused, folderMissing("/x"),
               noPermissionIn("/x"), cannotWrite("/x", isFolder), cannotRead("/x", noSuchFile), unexpectedError(""),
               tracker, task(1), nothingRecorded, nobody, noDue, roleChange("省财政厅", .cooperating, .lead),
               milestoneAdded("一季度", due: d), milestoneChanged("一季度", [renamed("二季度")]), renamed("x"), dueSet(d),
               dueSet(nil), markedDone(d), reopened, ownerSet("省财政厅"), ownerSet(nil), milestoneRemoved("x"),
               followUpChange(nil, "张三"), notesChanged(""), notesChanged("x"), progressAdded(unit: "省财政厅", date: "2027-03-01"),
               progressRemoved(unit: "省财政厅", date: "2027-03-01"), settingChanged(settingName("warning_days"), "7", "10"),
               settingName("notice_serial_2026"), settingName("x"), unitsChanged(from: 1, to: 2), unitsChanged(from: nil, to: nil),
               noticeIssued("督办〔2027〕3号"), created(tasks: 24, units: 31), created(tasks: nil, units: nil), restored("/x"),
               migrated, otherChange, progressCorrected(id: 1, [reportDateSet(d!), partSet(fieldName(.progress), "x")]),
               partSet(fieldName(.next), ""), taskAdded("x"), taskRenamed("x"), taskRetired, taskRestored, unitAdded("x"),
               unitRemoved("x"), unitEdited("x", Unit(name: "省x厅", short: "x厅", abbr: "xx")),
               originalDueSet(d), originalDueSet(nil), extensionRequestSet(nil), flowSet("省x厅", .signed),
               roleRestored("省x厅", .lead, .signed), extensionRequested(id: 1, unit: "省x厅", to: d!, reason: "x"),
               extensionDecided(id: 1, approve: true, reason: nil), extensionDecided(id: 1, approve: false, reason: "x")]
            + FlowStep.allCases.map { flowStepTaken("省x厅", $0, day: d!, reason: "x") }
            + FlowStep.allCases.map { undoFlowStep(1, "省x厅", $0) }
            + [undoSetFlow(1, "省x厅", .signed), undoExtensionRequest(1, "x"), undoExtensionDecision(1, "x", approve: true),
               undoExtensionDecision(1, "x", approve: false)]
            + SupervisionSettings.keys.map(settingName) + Edits.all + Findings.samples.map(\.1) + Repairs.all + Lists.all
    }
}
