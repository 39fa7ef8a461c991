import DubanCanvas
import DubanCore

/// Forms for tasks, units, notes and the follow-up person, and the commands that open them
/// from the matrix, the task view and the unit screens.
extension EditForms {
    // MARK: Tasks

    /// A new task needs only its title; the store picks the next free number.
    static func addTask(_ app: AppState) -> FormScreen {
        let s = app.strings
        return FormScreen("task.add", title: s.taskAddTitle,
                          fields: [FormField(s.taskTitleField, .text, "", required: s.describe(DomainError.emptyTitle),
                                             usual: nil)],
                          save: { v in .save([.addTask(number: 0, title: v[0])]) })
    }

    /// Renames a task (its number stays).
    static func editTask(_ app: AppState, task t: Task) -> FormScreen {
        let s = app.strings
        let n = t.number
        return FormScreen("task.edit", title: s.f(s.taskRenameTitle, n),
                          fields: [FormField(s.taskTitleField, .text, t.title, required: s.describe(DomainError.emptyTitle))],
                          current: { plan in plan.task(number: n).map { [$0.title] } },
                          save: { v in
                              guard v.changed(0) else { return .noChanges }
                              return .save([.editTask(task: n, title: v[0], expect: .value(v.original(0)))])
                          })
    }

    /// Retires a task after asking; undo brings it back.
    static func retireTask(_ app: AppState, task t: Task) -> ConfirmScreen {
        let s = app.strings
        let n = t.number
        // The answer keys first: a long title is cut at the screen edge, never the keys.
        let q = s.f(s.taskRetireQuestion, n, t.title.clean)
        return ConfirmScreen("task.retire", question: q) { app in
            guard app.plan.task(number: n) != nil else {
                app.status = StatusMessage(app.strings.f(app.strings.taskGone, n), .error)
                return []
            }
            return [.persist([.retireTask(task: n)], .edit)]
        }
    }

    /// The notes, one line with a visible mark for each line break.
    static func editNotes(_ app: AppState, task t: Task) -> FormScreen {
        let s = app.strings
        let n = t.number
        return FormScreen("notes", title: s.f(s.notesTitle, n),
                          fields: [FormField(s.notes, .text, oneLine(t.notes),
                                             usual: nil)],
                          maxWidth: 76,
                          current: { plan in plan.task(number: n).map { [oneLine($0.notes)] } },
                          save: { v in
                              guard v.changed(0) else { return .noChanges }
                              return .save([.setNotes(task: n, notes: multiLine(v[0]), expect: .value(multiLine(v.original(0))))])
                          })
    }

    /// The follow-up person (empty: none).
    static func editFollowUp(_ app: AppState, task t: Task) -> FormScreen {
        let s = app.strings
        let n = t.number
        @Sendable func person(_ text: String) -> String? { text.isEmpty ? nil : text }
        return FormScreen("followup", title: s.f(s.followUpTitle, n),
                          fields: [FormField(s.followUp, .text, t.followUp ?? "", width: 24, usual: s.followUpHint)],
                          current: { plan in plan.task(number: n).map { [$0.followUp ?? ""] } },
                          save: { v in
                              guard v.changed(0) else { return .noChanges }
                              return .save([.setFollowUp(task: n, person: person(v[0]), expect: .value(person(v.original(0))))])
                          })
    }

    // MARK: Units

    static func aliases(_ text: String) -> [String] {
        text.split(whereSeparator: { ",，、;；".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Add (`editing` nil) or edit a unit: name, short name, abbreviation, aliases.
    static func unit(_ app: AppState, editing u: Unit?) -> FormScreen {
        let s = app.strings
        let oldName = u?.name
        let fullForm = u?.fullForm ?? ""
        @Sendable func values(_ u: Unit) -> [String] { [u.name, u.short, u.abbr, u.aliases.joined(separator: "，")] }
        let need = s.unitRequired
        let fields = [
            FormField(s.unitNameField, .text, u?.name ?? "", required: need, usual: nil),
            FormField(s.unitShortField, .text, u?.short ?? "", required: need, width: 16),
            FormField(s.unitAbbrField, .text, u?.abbr ?? "", required: need, width: 8,
                      usual: s.unitAbbrHint),
            FormField(s.unitAliasesField, .text, u.map { $0.aliases.joined(separator: "，") } ?? "",
                      usual: nil),
        ]
        return FormScreen(u == nil ? "unit.add" : "unit.edit",
                          title: u == nil ? s.unitAddTitle : s.f(s.unitEditTitle, u!.name),
                          fields: fields, maxWidth: 72,
                          current: { plan in oldName.flatMap { plan.unit(named: $0) }.map(values) },
                          save: { v in
                              let new = Unit(name: v[0], short: v[1], abbr: v[2], fullForm: fullForm, aliases: aliases(v[3]))
                              guard let oldName else { return .save([.addUnit(unit: new)]) }
                              guard (0..<4).contains(where: { v.changed($0) }) else { return .noChanges }
                              let seen = Unit(name: v.original(0), short: v.original(1), abbr: v.original(2), fullForm: fullForm,
                                              aliases: aliases(v.original(3)))
                              return .save([.editUnit(name: oldName, set: new, expect: .value(seen))])
                          })
    }
}

/// The editing commands of issue 11, for the screens that offer them. Each screen's
/// `default:` branch hands its unknown commands here.
enum EditCommands {
    static let taskCommands: Set<Command> = [.addTask, .editTask, .retireTask, .editNotes, .editFollowUp,
                                             .editProgress, .deleteProgress, .addUnit, .editUnit]

    /// A command on the matrix (task and unit under the cursor).
    static func matrix(_ s: inout AppState, _ c: Command) -> [Effect] {
        run(&s, c, task: s.cursorTask, unit: s.cursorUnit)
    }

    /// A command in the task view.
    static func task(_ s: inout AppState, _ c: Command) -> [Effect] {
        if c == .nextReport || c == .previousReport {
            if let t = s.viewedTask { selectReport(&s, t, by: c == .nextReport ? 1 : -1) }
            return []
        }
        return run(&s, c, task: s.viewedTask, unit: nil)
    }

    /// Moves the report selection (newest first, as the task view lists them) and scrolls
    /// the report's heading into view.
    static func selectReport(_ s: inout AppState, _ t: Task, by delta: Int) {
        let reports = t.progress.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
        guard !reports.isEmpty, var tv = s.taskView else {
            s.status = StatusMessage(s.strings.progressNone)
            return
        }
        let current = reports.firstIndex { $0.id == tv.selectedProgress }
        let i = current.map { Reducer.clamp($0 + delta, 0, reports.count - 1) } ?? (delta > 0 ? 0 : reports.count - 1)
        tv.selectedProgress = reports[i].id
        s.taskView = tv
        s.updateTopScreen(TaskScreen.self) { $0.revealProgress() }
        let r = reports[i]
        s.status = StatusMessage(s.strings.f(s.strings.progressSelected, r.date, r.unit))
    }

    /// A command in the unit view or unit list.
    static func units(_ s: inout AppState, _ c: Command) -> [Effect] {
        var u: Unit?
        if let uv = s.unitView, s.top == .unit { u = s.plan.unit(named: uv.unit) }
        if s.top == .unitList, s.plan.units.indices.contains(s.unitList.selected) { u = s.plan.units[s.unitList.selected] }
        return run(&s, c, task: nil, unit: u)
    }

    static func run(_ s: inout AppState, _ c: Command, task t: Task?, unit u: Unit?) -> [Effect] {
        guard taskCommands.contains(c) || c == .previewNotice else { return [] }
        if c == .previewNotice {
            guard let t else { return [] }
            s.push(NoticeScreen(app: s, task: t.number))
            return []
        }
        guard !s.readOnly else { return Reducer.readOnly(&s) }
        switch c {
        case .addTask: s.push(EditForms.addTask(s))
        case .addUnit: s.push(EditForms.unit(s, editing: nil))
        case .editUnit:
            guard let u else { return [] }
            s.push(EditForms.unit(s, editing: u))
        case .editTask:
            guard let t else { return [] }
            s.push(EditForms.editTask(s, task: t))
        case .retireTask:
            guard let t else { return [] }
            s.push(EditForms.retireTask(s, task: t))
        case .editNotes:
            guard let t else { return [] }
            s.push(EditForms.editNotes(s, task: t))
        case .editFollowUp:
            guard let t else { return [] }
            s.push(EditForms.editFollowUp(s, task: t))
        case .editProgress, .deleteProgress:
            guard let t else { return [] }
            guard let r = selectedReport(s, t) else {
                s.status = StatusMessage(s.strings.progressNone)
                return []
            }
            s.push(c == .editProgress ? EditForms.progress(s, task: t, editing: r) as any ScreenComponent
                   : EditForms.deleteProgress(s, task: t.number, report: r))
        default: break
        }
        return []
    }

    /// The report the progress commands act on: the one selected with [ and ], else the
    /// newest (by date, then as entered).
    static func selectedReport(_ s: AppState, _ t: Task) -> ProgressReport? {
        if let id = s.taskView?.selectedProgress, let r = t.progress.first(where: { $0.id == id }) { return r }
        return t.progress.max { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// After the store saved: show what was added, leave what was retired.
    static func persisted(_ s: inout AppState, _ last: Edit, _ purpose: Purpose) {
        let str = s.strings
        switch last {
        case let .addTask(n, _, _, _), let .restoreTask(n):
            if let r = s.plan.taskIndex(number: n) {
                s.matrix.row = r
            }
            if purpose == .edit, case .addTask = last {
                s.status = StatusMessage(str.f(str.taskAdded, n), .success)
            }
        case let .retireTask(n):
            if s.taskView?.number == n { s.close([.task, .form, .confirm]) }
        case let .addUnit(u):
            if let c = s.plan.unitIndex(name: u.name) {
                s.matrix.col = c
            }
            Reducer.refreshDerived(&s)
        case .editUnit, .removeUnit:
            Reducer.refreshDerived(&s)
        default: break
        }
    }
}

/// The names and descriptions of the editing commands (merged into `Strings`).
enum EditStrings {
    static let sectionsZh: [KeyContext: String] = [.notice: "督办单（预览、印发）"]
    static let sectionsEn: [KeyContext: String] = [.notice: "Supervision notice (preview, issue)"]
    static let helpZh: [Command: String] = [
        .addTask: "新增任务（只需填名称，编号自动分配）", .editTask: "修改任务名称（编号不变）",
        .retireTask: "撤销任务（需确认，u 可恢复）", .addUnit: "新增单位（矩阵增加一列）",
        .editUnit: "修改单位的名称、简称、两字简称、别名", .editNotes: "编辑备注（⏎ 表示换行）",
        .editFollowUp: "设置跟进人", .editProgress: "修改选中的（未选时为最新的）进展报告",
        .deleteProgress: "删除选中的（未选时为最新的）进展报告（需确认）",
        .nextReport: "选择下一条进展报告", .previousReport: "选择上一条进展报告",
        .previewNotice: "预览本任务的督办单（未编号）", .issueNotice: "编号印发督办单并登记（需确认）",
    ]
    static let helpEn: [Command: String] = [
        .addTask: "add a task (only its title; the number is given)", .editTask: "rename the task (its number stays)",
        .retireTask: "retire the task (asks first; u brings it back)", .addUnit: "add a unit (a new matrix column)",
        .editUnit: "edit a unit's name, short name, abbreviation, aliases", .editNotes: "edit the notes (⏎ marks a line break)",
        .editFollowUp: "set the follow-up person", .editProgress: "edit the selected (else the newest) progress report",
        .deleteProgress: "delete the selected (else the newest) progress report (asks first)",
        .nextReport: "select the next progress report", .previousReport: "select the previous progress report",
        .previewNotice: "preview the task's supervision notice (not numbered)",
        .issueNotice: "issue the notice with a number and record it (asks first)",
    ]
    static let shortZh: [Command: String] = [.addTask: "新任务", .issueNotice: "印发", .editNotes: "备注"]
    static let shortEn: [Command: String] = [.addTask: "new task", .issueNotice: "issue", .editNotes: "notes"]
}
