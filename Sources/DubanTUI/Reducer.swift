import DubanCanvas
import DubanCore
import Foundation

/// Applies an action to the state and returns the effects the App must perform.
/// Pure apart from `state`: no I/O, no clock (today comes from the options).
/// Work per key is proportional to what is on screen; only opening a unit view or list,
/// running a search and applying a saved or reloaded plan scan the plan.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    // Layout measures text as the terminal draws it (Ambiguous characters wide or not).
    TextWidth.$ambiguousIsWide.withValue(state.options.ambiguousWide) { reduceAction(&state, action) }
}

private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .command(let c):
        state.status = nil
        // A count typed before the command (`5j`, `12G`) applies to it and is then gone.
        if let n = state.pendingCount {
            state.pendingCount = nil
            return Reducer.counted(&state, c, n)
        }
        return Reducer.command(&state, c)
    case .countDigit(let d):
        Reducer.countDigit(&state, d)
        return []
    case .cancelCount:
        state.pendingCount = nil
        return []
    case .insert(let ch):
        state.status = nil
        let full = state.input?.focusedField?.isFull(adding: ch) ?? false
        Reducer.insert(&state, ch)
        if full { state.status = StatusMessage(TextField.fullMessage(state.strings.language), .warning) }
        return []
    case let .resize(w, h):
        state.width = max(0, w)
        state.height = max(0, h)
        Reducer.reclamp(&state)
        return []
    case let .persisted(applied, purpose):
        return Reducer.persisted(&state, applied, purpose)
    case let .persistConflict(conflict, purpose):
        return Reducer.conflicted(&state, conflict, purpose)
    case let .trackerReplaced(message):
        let text = message + " " + state.strings.fileReplacedHint
        state.fileReplaced = text
        Reducer.refuse(&state, text)
        return []
    case let .persistFailed(message, _):
        Reducer.refuse(&state, state.strings.f(state.strings.notSaved, message))
        return []
    case let .historyLoaded(task, records):
        if state.taskView?.number == task {
            state.taskView?.history = records
            Reducer.reclamp(&state)
        }
        return []
    case .historyFailed(let message):
        if state.taskView != nil, state.taskView?.history == nil { state.taskView?.history = [] }
        state.status = StatusMessage(state.strings.f(state.strings.historyFailed, message), .error)
        return []
    case .reloaded(let plan):
        // Nothing changed (a read-only reader may see the change counter move without a
        // change): keep the status line, e.g. the read-only message, instead of claiming one.
        if plan == state.plan { return [] }
        return Reducer.reloaded(&state, plan)
    case .reloadFailed(let message):
        state.status = StatusMessage(state.strings.f(state.strings.reloadFailed, message), .error)
        return []
    case .unbound(let key):
        let name = KeyMap.name(of: key, ascii: state.options.glyphs.asciiKeyNames)
        state.status = StatusMessage(state.strings.f(state.strings.unboundKey, name,
                                                     KeyMap.keyName(.showHelp, in: state.keyContext, ascii: true)), .warning)
        return []
    case .mouse(let m):
        switch m.kind {
        case .wheelUp, .wheelDown:
            // Three rows per notch, as most terminal programs scroll: whatever the arrow
            // keys do on this screen, three times.
            guard let c = KeyMap.command(for: m.kind == .wheelUp ? .up : .down, in: state.keyContext) else { return [] }
            var effects: [Effect] = []
            for _ in 0..<Reducer.wheelRows { effects += reduceAction(&state, .command(c)) }
            return effects
        case .click:
            state.pendingCount = nil
            Reducer.click(&state, row: m.row, col: m.col)
            return []
        }
    }
}

enum Reducer {
    /// Rows one notch of the mouse wheel scrolls.
    static let wheelRows = 3

    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { max(lo, min(hi, v)) }

    /// A save that did not happen: the reason on the status line and in an open form, whose
    /// typed text stays.
    static func refuse(_ s: inout AppState, _ text: String) {
        s.status = StatusMessage(text, .error)
        if case .milestoneForm(var form)? = s.input {
            form.error = text
            s.input = .milestoneForm(form)
        }
        if case .progressForm(var form)? = s.input {
            form.error = text
            s.input = .progressForm(form)
        }
    }

    // MARK: Commands

    static func command(_ s: inout AppState, _ c: Command) -> [Effect] {
        if c == .suspend { return [.suspend] }
        if c == .redraw { return [.redraw] }
        switch s.input {
        case .search(var field)?:
            return searchInput(&s, &field, c)
        case .milestoneForm(let form)?:
            return formInput(&s, form, c)
        case .progressForm(let form)?:
            return SupervisionReducer.formInput(&s, form, c)
        case let .confirmDelete(task, id)?:
            s.input = nil
            guard c == .confirmYes else {
                s.status = StatusMessage(s.strings.cancelled)
                return []
            }
            if s.readOnly { return readOnly(&s) }
            guard let m = s.plan.task(number: task)?.milestone(id: id) else {
                s.status = StatusMessage(s.strings.describe(DomainError.unknownMilestone(task: task, id: id)), .error)
                return []
            }
            return [.persist([.removeMilestone(task: task, id: id, expect: .value(m))], .edit)]
        case let .confirmQuarterly(_, _, edits)?:
            s.input = nil
            guard c == .confirmYes else {
                s.status = StatusMessage(s.strings.cancelled)
                return []
            }
            if s.readOnly { return readOnly(&s) }
            return [.persist(edits, .edit)]
        case nil:
            break
        }
        switch c {
        case .quitNow:
            s.quitting = true
            return [.quit]
        case .showHelp:
            // Opens at the section of the screen it was called from.
            if s.top != .help { s.push(HelpScreen(at: s.keyContext, s)) }
            return []
        case .undo:
            guard !s.readOnly else { return readOnly(&s) }
            return undoOrRedo(&s, redo: false)
        case .redo:
            guard !s.readOnly else { return readOnly(&s) }
            return undoOrRedo(&s, redo: true)
        case .reopen:
            guard s.fileReplaced != nil else { return [] }
            return [.reopen]
        default:
            break
        }
        return s.handleOnTop(c)
    }

    static func readOnly(_ s: inout AppState) -> [Effect] {
        s.status = StatusMessage(s.strings.readOnly, .error)
        return []
    }

    // MARK: Matrix

    static func matrix(_ s: inout AppState, _ c: Command) -> [Effect] {
        let layout = MatrixLayout(plan: s.plan, width: s.width, height: s.height)
        var m = s.matrix
        switch c {
        case .moveUp: m.row -= 1
        case .moveDown: m.row += 1
        case .moveLeft: m.col -= 1
        case .moveRight: m.col += 1
        case .pageUp:
            m.row -= layout.bodyRows
            m.rowOffset -= layout.bodyRows
        case .pageDown:
            m.row += layout.bodyRows
            m.rowOffset += layout.bodyRows
        case .firstRow: m.row = 0
        case .lastRow: m.row = s.matrixRowCount - 1
        case .firstColumn: m.col = 0
        case .lastColumn: m.col = s.plan.units.count - 1
        case .openTask:
            guard let t = s.cursorTask else { return [] }
            return openTask(&s, t.number)
        case .makeLead: return assign(&s, .lead)
        case .makeCooperating: return assign(&s, .cooperating)
        case .removeRole: return assign(&s, nil)
        case .search:
            s.input = .search(TextField())
            return []
        case .nextMatch: return jump(&s, by: 1)
        case .previousMatch: return jump(&s, by: -1)
        case .openUnit:
            guard let u = s.cursorUnit else { return [] }
            openUnit(&s, u.name)
            return []
        case .showUnitList:
            showUnitList(&s)
            return []
        case .showOverdue, .showWorkload, .showRanking:
            return SupervisionReducer.command(&s, c)
        case .quit:
            s.quitting = true
            return [.quit]
        case .gotoTask, .filter, .sort, .clearFilter:
            return power(&s, c)
        default:
            return []
        }
        s.matrix = m
        clampMatrix(&s)
        return []
    }

    static func clampMatrix(_ s: inout AppState) {
        let layout = MatrixLayout(plan: s.plan, width: s.width, height: s.height)
        let rows = s.matrixRowCount, cols = s.plan.units.count
        var m = s.matrix
        m.row = clamp(m.row, 0, rows - 1)
        m.col = clamp(m.col, 0, cols - 1)
        m.rowOffset = Layout.follow(m.row, offset: m.rowOffset, visible: layout.bodyRows, count: rows)
        m.colOffset = Layout.follow(m.col, offset: m.colOffset, visible: layout.fullColumns, count: cols)
        s.matrix = m
    }

    /// L, C, x: checked here against the plan so a refusal is explained at once; the store
    /// checks again when it applies the edit.
    static func assign(_ s: inout AppState, _ role: Role?) -> [Effect] {
        guard let t = s.cursorTask, let u = s.cursorUnit else { return [] }
        guard !s.readOnly else { return readOnly(&s) }
        let str = s.strings
        let old = t.role(of: u.name)
        if old == role {
            s.status = StatusMessage(role == nil ? str.f(str.noRoleToRemove, u.name, t.number)
                                     : str.f(str.alreadyRole, u.name, t.number, str.role(role)))
            return []
        }
        if old == .lead, t.leads.count == 1 {
            s.status = StatusMessage(str.describe(DomainError.lastLead(task: t.number, unit: u.name)), .error)
            return []
        }
        return [.persist([.assign(task: t.number, unit: u.name, role: role, expect: .value(old))], .edit)]
    }

    static func jump(_ s: inout AppState, by delta: Int) -> [Effect] {
        let str = s.strings
        guard var search = s.search else {
            s.status = StatusMessage(str.f(str.noSearch, KeyMap.keyName(.search, in: .matrix, ascii: s.options.glyphs.asciiKeyNames)))
            return []
        }
        guard !search.matches.isEmpty else {
            s.status = StatusMessage(str.f(str.searchNone, search.query), .error)
            return []
        }
        let n = search.matches.count
        let next = search.index + delta
        search.index = (next % n + n) % n
        s.search = search
        goToMatch(&s, wrapped: next < 0 || next >= n)
        return []
    }

    static func goToMatch(_ s: inout AppState, wrapped: Bool = false) {
        guard let search = s.search, search.matches.indices.contains(search.index) else { return }
        switch search.matches[search.index] {
        case .task(let i): if let r = s.matrixRow(ofTaskIndex: i) { s.matrix.row = r }
        case .unit(let i): s.matrix.col = i
        }
        clampMatrix(&s)
        let str = s.strings
        s.status = StatusMessage(str.f(str.searchResult, search.query, search.index + 1, search.matches.count)
                                 + (wrapped ? str.searchWrapped : ""))
    }

    /// The first match after the cursor: a task below the cursor row, else a unit right of
    /// the cursor column, else (wrapping) the first match.
    static func firstMatch(after s: AppState, _ matches: [SearchMatch]) -> (index: Int, wrapped: Bool) {
        for (k, m) in matches.enumerated() {
            switch m {
            case .task(let i): if let r = s.matrixRow(ofTaskIndex: i), r > s.matrix.row { return (k, false) }
            case .unit(let i): if i > s.matrix.col { return (k, false) }
            }
        }
        return (0, true)
    }

    // MARK: Opening screens

    static func openTask(_ s: inout AppState, _ number: Int) -> [Effect] {
        guard let t = s.plan.task(number: number) else { return [] }
        s.close([.task, .help])
        s.push(TaskScreen(view: TaskViewState(number: number, selectedMilestone: t.milestones.first?.id)))
        return [.loadHistory(task: number)]
    }

    static func openUnit(_ s: inout AppState, _ name: String) {
        let (l, c) = Scan.unitTasks(s.plan, unit: name)
        s.close([.unit, .task, .help])
        s.push(UnitScreen(view: UnitViewState(unit: name, leads: l, cooperating: c)))
    }

    static func showUnitList(_ s: inout AppState) {
        var list = UnitListState()
        list.counts = Scan.unitCounts(s.plan)
        list.selected = clamp(s.matrix.col, 0, s.plan.units.count - 1)
        s.popToMatrix()
        s.push(UnitListScreen(list: list))
        reclamp(&s)
    }

    static func showMatrix(_ s: inout AppState) {
        // Land on the unit that was selected there.
        if s.top == .unit, let u = s.unitView?.unit, let i = s.plan.unitIndex(name: u) {
            s.matrix.col = i
        } else if s.top == .unitList, s.plan.units.indices.contains(s.unitList.selected) {
            s.matrix.col = s.unitList.selected
        }
        s.popToMatrix()
        clampMatrix(&s)
    }

    static func back(_ s: inout AppState) {
        guard s.screens.count > 1 else { return }
        s.pop()
        reclamp(&s)
    }

    // MARK: Task view

    static func taskView(_ s: inout AppState, _ c: Command) -> [Effect] {
        guard let t = s.viewedTask, var tv = s.taskView else {
            back(&s)
            return []
        }
        let ms = t.milestones
        let current = ms.firstIndex { $0.id == tv.selectedMilestone }
        let page = Layout.bodyRows(.task, height: s.height)
        func select(_ i: Int) {
            guard !ms.isEmpty else { return }
            tv.selectedMilestone = ms[clamp(i, 0, ms.count - 1)].id
            s.taskView = tv
            revealMilestone(&s)
        }
        func scroll(_ d: Int) {
            tv.scroll += d
            s.taskView = tv
            reclamp(&s)
        }
        switch c {
        case .previousItem:
            if ms.isEmpty { scroll(-1) } else { select((current ?? 0) - 1) }
        case .nextItem:
            if ms.isEmpty { scroll(1) } else { select(current.map { $0 + 1 } ?? 0) }
        case .firstItem:
            if ms.isEmpty { scroll(-Int.max / 2) } else { select(0) }
        case .lastItem:
            if ms.isEmpty { scroll(Int.max / 2) } else { select(ms.count - 1) }
        case .pageUp: scroll(-page)
        case .pageDown: scroll(page)
        case .addMilestone:
            guard !s.readOnly else { return readOnly(&s) }
            s.input = .milestoneForm(MilestoneForm(task: t.number))
        case .editMilestone:
            guard !s.readOnly else { return readOnly(&s) }
            guard let m = s.selectedMilestone else { return noSelection(&s) }
            s.input = .milestoneForm(MilestoneForm(task: t.number, editing: m))
        case .toggleMilestone:
            guard !s.readOnly else { return readOnly(&s) }
            guard let m = s.selectedMilestone else { return noSelection(&s) }
            let seen = MilestoneField.of(.done, in: m)
            let toggled = MilestoneField.done(!m.isDone, completed: m.isDone ? nil : s.options.today)
            return [.persist([.updateMilestone(task: t.number, id: m.id, set: [toggled], expect: [seen])], .edit)]
        case .deleteMilestone:
            guard !s.readOnly else { return readOnly(&s) }
            guard let m = s.selectedMilestone else { return noSelection(&s) }
            s.input = .confirmDelete(task: t.number, milestone: m.id)
        case .addProgress:
            return SupervisionReducer.openProgressForm(&s, t)
        case .addQuarterly:
            return SupervisionReducer.addQuarterly(&s, t)
        case .back:
            back(&s)
        default:
            break
        }
        return []
    }

    static func noSelection(_ s: inout AppState) -> [Effect] {
        s.status = StatusMessage(s.strings.noMilestoneSelected)
        return []
    }

    /// Scrolls the task view so the selected milestone's line is visible.
    static func revealMilestone(_ s: inout AppState) {
        guard let t = s.viewedTask, var tv = s.taskView else { return }
        let lines = TaskViewContent.lines(s, task: t, width: s.width)
        let visible = Layout.bodyRows(.task, height: s.height)
        if let id = tv.selectedMilestone, let i = lines.firstIndex(where: { $0.milestone == id }) {
            tv.scroll = Layout.follow(i, offset: tv.scroll, visible: visible, count: lines.count)
        } else {
            tv.scroll = Layout.clampScroll(tv.scroll, visible: visible, count: lines.count)
        }
        s.taskView = tv
    }

    // MARK: Unit view, unit list, help

    static func listMove(_ c: Command, selected: Int, count: Int, page: Int) -> Int? {
        switch c {
        case .previousItem: return clamp(selected - 1, 0, count - 1)
        case .nextItem: return clamp(selected + 1, 0, count - 1)
        case .firstItem: return 0
        case .lastItem: return max(0, count - 1)
        case .pageUp: return clamp(selected - page, 0, count - 1)
        case .pageDown: return clamp(selected + page, 0, count - 1)
        default: return nil
        }
    }

    static func unitView(_ s: inout AppState, _ c: Command) -> [Effect] {
        guard var uv = s.unitView else {
            back(&s)
            return []
        }
        let page = Layout.bodyRows(.unit, height: s.height)
        if let i = listMove(c, selected: uv.selected, count: uv.count, page: page) {
            uv.selected = i
            s.unitView = uv
            reclamp(&s)
            return []
        }
        switch c {
        case .openTask:
            guard let n = uv.task(at: uv.selected) else { return [] }
            return openTask(&s, n)
        case .showMatrix: showMatrix(&s)
        case .back: back(&s)
        default: break
        }
        return []
    }

    // MARK: Text input

    /// Caret movement and deletion, shared by every field.
    static func editField(_ f: inout TextField, _ c: Command) -> Bool {
        switch c {
        case .caretLeft: f.moveLeft()
        case .caretRight: f.moveRight()
        case .caretHome: f.moveHome()
        case .caretEnd: f.moveEnd()
        case .deleteBackward: f.deleteBackward()
        case .deleteForward: f.deleteForward()
        default: return false
        }
        return true
    }

    static func insert(_ s: inout AppState, _ ch: Character) {
        switch s.input {
        case .search(var f)?:
            f.insert(ch)
            s.input = .search(f)
        case .milestoneForm(var form)?:
            if form.focus == .title { form.title.insert(ch) } else { form.due.insert(ch) }
            form.error = nil
            s.input = .milestoneForm(form)
        case .progressForm(let form)?:
            SupervisionReducer.insert(&s, form, ch)
        default:
            s.insertOnTop(ch)
        }
    }

    static func searchInput(_ s: inout AppState, _ field: inout TextField, _ c: Command) -> [Effect] {
        if editField(&field, c) {
            s.input = .search(field)
            return []
        }
        switch c {
        case .accept:
            s.input = nil
            let q = field.text.trimmingCharacters(in: .whitespaces)
            guard !q.isEmpty else { return [] }
            // Only the tasks the matrix shows (a filter hides the others), in visible order.
            var matches = Scan.search(s.plan, q)
            if s.matrixRows != nil {
                let tasks = matches.compactMap { m -> (Int, SearchMatch)? in
                    if case .task(let i) = m, let r = s.matrixRow(ofTaskIndex: i) { return (r, m) }
                    return nil
                }.sorted { $0.0 < $1.0 }.map(\.1)
                matches = tasks + matches.filter { if case .unit = $0 { return true } else { return false } }
            }
            let (start, wrapped) = firstMatch(after: s, matches)
            s.search = SearchState(query: q, matches: matches, index: start)
            if matches.isEmpty {
                s.status = StatusMessage(s.strings.f(s.strings.searchNone, q), .error)
            } else {
                goToMatch(&s, wrapped: wrapped)
            }
        case .cancel:
            s.input = nil
        default:
            break
        }
        return []
    }

    static func formInput(_ s: inout AppState, _ form: MilestoneForm, _ c: Command) -> [Effect] {
        var form = form
        let str = s.strings
        switch c {
        case .accept:
            switch form.focus {
            case .title:
                if form.title.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    form.error = str.describe(DomainError.emptyTitle)
                } else {
                    form.error = nil
                    form.focus = .due
                }
                s.input = .milestoneForm(form)
                return []
            case .due:
                return saveForm(&s, form)
            }
        case .switchField:
            form.focus = form.focus == .title ? .due : .title
        case .cancel:
            s.input = nil
            s.status = StatusMessage(str.cancelled)
            return []
        default:
            if form.focus == .title { _ = editField(&form.title, c) } else { _ = editField(&form.due, c) }
        }
        s.input = .milestoneForm(form)
        return []
    }

    /// Validates the form; the form stays open until the store has saved the milestone.
    static func saveForm(_ s: inout AppState, _ form: MilestoneForm) -> [Effect] {
        var form = form
        let str = s.strings
        let title = form.title.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            form.error = str.describe(DomainError.emptyTitle)
            form.focus = .title
            s.input = .milestoneForm(form)
            return []
        }
        let dueText = form.due.text.trimmingCharacters(in: .whitespaces)
        var due: Day?
        if !dueText.isEmpty {
            guard let d = Day.parseInput(dueText, today: s.options.today) else {
                form.error = str.describe(DomainError.invalidDate(dueText))
                s.input = .milestoneForm(form)
                return []
            }
            due = d
        }
        guard !s.readOnly else {
            s.input = nil
            return readOnly(&s)
        }
        guard let t = s.plan.task(number: form.task) else {
            s.input = nil
            s.status = StatusMessage(str.f(str.taskGone, form.task), .error)
            return []
        }
        form.error = nil
        s.input = .milestoneForm(form)
        if let original = form.original {
            guard t.milestone(id: original.id) != nil else {
                s.input = nil
                s.status = StatusMessage(str.describe(DomainError.unknownMilestone(task: t.number, id: original.id)), .error)
                return []
            }
            // Only the fields the person changed from what the form showed, expecting
            // what it showed: a colleague's change to other fields is kept, and one to the
            // same fields is reported instead of overwritten.
            var m = original
            m.title = title
            m.due = due
            let set = MilestoneField.changes(from: original, to: m)
            if set.isEmpty {
                s.input = nil
                s.status = StatusMessage(str.noChanges)
                return []
            }
            let expect = set.map { MilestoneField.of($0.key, in: original) }
            return [.persist([.updateMilestone(task: t.number, id: original.id, set: set, expect: expect)], .edit)]
        }
        return [.persist([.addMilestone(task: t.number, milestone: Milestone(title: title, due: due))], .edit)]
    }

    // MARK: Results of effects

    static func describe(_ e: Edit, _ s: AppState) -> String {
        let str = s.strings
        func title(_ t: Int, _ id: Int) -> String { s.plan.task(number: t)?.milestone(id: id)?.title ?? "#\(id)" }
        switch e {
        case let .assign(t, u, r, _, _):
            return r == nil ? str.f(str.editUnassign, t, u) : str.f(str.editAssign, t, u, str.role(r))
        case let .addMilestone(t, m): return str.f(str.editAddMilestone, t, m.title)
        case let .updateMilestone(t, id, set, _):
            for case let .title(new) in set { return str.f(str.editUpdateMilestone, t, new) }
            return str.f(str.editUpdateMilestone, t, title(t, id))
        case let .removeMilestone(t, id, _): return str.f(str.editRemoveMilestone, t, title(t, id))
        case let .setFollowUp(t, _, _): return str.f(str.editFollowUp, t)
        case let .setNotes(t, _, _): return str.f(str.editNotes, t)
        case let .addProgress(t, r): return str.f(str.editAddProgress, t, r.unit)
        case let .removeProgress(t, _, _): return str.f(str.editRemoveProgress, t)
        case let .updateProgress(t, _, _, _): return str.isChinese ? "修改任务 \(t) 的进展" : "edit progress of task \(t)"
        case let .addTask(t, title, _, _): return str.isChinese ? "新增任务 \(t)“\(title)”" : "add task \(t) “\(title)”"
        case let .editTask(t, _, _): return str.isChinese ? "修改任务 \(t) 的名称" : "rename task \(t)"
        case let .retireTask(t): return str.isChinese ? "撤销任务 \(t)" : "retire task \(t)"
        case let .restoreTask(t): return str.isChinese ? "恢复任务 \(t)" : "restore task \(t)"
        case let .addUnit(u): return str.isChinese ? "新增单位 \(u.name)" : "add unit \(u.name)"
        case let .removeUnit(n, _): return str.isChinese ? "删除单位 \(n)" : "remove unit \(n)"
        case let .editUnit(n, _, _): return str.isChinese ? "修改单位 \(n)" : "edit unit \(n)"
        }
    }

    /// The store saved the edits of one command: mirror them in the plan and keep them as
    /// one undo step (with the inverses the store computed inside its transaction).
    static func persisted(_ s: inout AppState, _ applied: [AppliedEdit], _ purpose: Purpose) -> [Effect] {
        let str = s.strings
        guard let last = applied.last?.edit else { return [] }
        let what = applied.count == 1 ? describe(last, s) : str.f(str.editBatch, applied.count, last.taskNumber)
        var removedIndex: Int?
        if case let .removeMilestone(t, id, _) = last {
            removedIndex = s.plan.task(number: t)?.milestones.firstIndex { $0.id == id }
        }
        if case .milestoneForm? = s.input { s.input = nil }
        if case .progressForm? = s.input, case .addProgress = last { s.input = nil }
        var effects: [Effect] = []
        do {
            // Without the expectations: the store has judged them already, and our copy
            // may lag behind others' changes to fields these edits do not touch.
            for a in applied { try s.plan.apply(a.edit.withoutExpectations) }
        } catch {
            // The file has it, but our copy of the plan disagrees: catch up with the file.
            effects.append(.reload)
        }
        let entry = UndoEntry(applied: applied)
        switch purpose {
        case .edit:
            s.undoStack.append(entry)
            s.redoStack.removeAll()
        case .undo:
            if !s.undoStack.isEmpty { s.undoStack.removeLast() }
            s.redoStack.append(entry)
        case .redo:
            if !s.redoStack.isEmpty { s.redoStack.removeLast() }
            s.undoStack.append(entry)
        }
        switch last {
        case let .addMilestone(t, m):
            if s.taskView?.number == t { s.taskView?.selectedMilestone = m.id }
        case let .updateMilestone(t, id, _, _):
            if s.taskView?.number == t { s.taskView?.selectedMilestone = id }
        case let .removeMilestone(t, id, _):
            if s.taskView?.number == t, s.taskView?.selectedMilestone == id {
                let ms = s.plan.task(number: t)?.milestones ?? []
                s.taskView?.selectedMilestone = ms.isEmpty ? nil : ms[clamp(removedIndex ?? 0, 0, ms.count - 1)].id
            }
        case let .assign(t, u, _, _, _):
            // Undo and redo may touch a cell out of view: show it.
            if purpose != .edit, s.top == .matrix, let i = s.plan.taskIndex(number: t), let c = s.plan.unitIndex(name: u),
               let r = s.matrixRow(ofTaskIndex: i) {
                s.matrix.row = r
                s.matrix.col = c
            }
        default:
            break
        }
        if applied.contains(where: { if case .assign = $0.edit { return true } else { return false } }) {
            refreshDerived(&s)
        } else {
            reclamp(&s)
        }
        SupervisionReducer.refresh(&s)
        revealMilestone(&s)
        switch purpose {
        case .edit: s.status = StatusMessage(str.saved, .success)
        case .undo: s.status = StatusMessage(str.f(str.undone, what), .success)
        case .redo: s.status = StatusMessage(str.f(str.redone, what), .success)
        }
        if let n = s.taskView?.number, applied.contains(where: { $0.edit.taskNumber == n }) {
            effects.append(.loadHistory(task: n))
        }
        return effects
    }

    static func reloaded(_ s: inout AppState, _ plan: Plan) -> [Effect] {
        let str = s.strings
        let oldTask = s.cursorTask
        let oldUnit = s.cursorUnit?.name
        let oldRole = oldUnit.flatMap { u in oldTask?.role(of: u) }
        let oldMilestone = s.selectedMilestone
        s.plan = plan
        // Keep the cursor on the same task and unit, wherever they are now.
        if let n = oldTask?.number, let i = plan.taskIndex(number: n), let r = s.matrixRow(ofTaskIndex: i) { s.matrix.row = r }
        if let u = oldUnit, let c = plan.unitIndex(name: u) { s.matrix.col = c }
        var message = StatusMessage(str.outsideReloaded)
        if s.top == .matrix, let n = oldTask?.number, let u = oldUnit,
           let t = plan.task(number: n), plan.unit(named: u) != nil {
            let newRole = t.role(of: u)
            if newRole != oldRole {
                message = StatusMessage(str.f(str.outsideCellChanged, n, u, str.role(oldRole), str.role(newRole)), .warning)
            }
        }
        var effects: [Effect] = []
        if let n = s.taskView?.number {
            if let t = plan.task(number: n) {
                if let old = oldMilestone {
                    if let new = t.milestone(id: old.id) {
                        if new != old {
                            message = StatusMessage(str.f(str.outsideMilestoneChanged, new.title), .warning)
                        }
                    } else {
                        s.taskView?.selectedMilestone = t.milestones.first?.id
                        message = StatusMessage(str.f(str.outsideMilestoneRemoved, old.title), .warning)
                    }
                } else if s.taskView?.selectedMilestone == nil {
                    s.taskView?.selectedMilestone = t.milestones.first?.id
                }
                effects.append(.loadHistory(task: n))
            } else {
                s.close([.task])
                message = StatusMessage(str.f(str.taskGone, n), .warning)
            }
        }
        if case let .confirmDelete(t, id)? = s.input, plan.task(number: t)?.milestone(id: id) == nil {
            s.input = nil
        }
        if case let .confirmQuarterly(t, _, _)? = s.input, plan.task(number: t) == nil {
            s.input = nil
        }
        refreshDerived(&s)
        SupervisionReducer.refresh(&s)
        // A refusal on screen stays until the next key: after a conflict it says more than
        // "reloaded", and an error is not to be overwritten by routine news.
        if s.explainsReload {
            s.explainsReload = false
        } else if message.kind != .info || ![.error, .warning].contains(s.status?.kind) {
            s.status = message
        }
        return effects
    }

    /// Recomputes what is derived from the plan after assignments changed (a scan of the
    /// plan, but only for the unit view and unit list when they are open).
    static func refreshDerived(_ s: inout AppState) {
        if let uv = s.unitView {
            if s.plan.unit(named: uv.unit) != nil {
                let (l, c) = Scan.unitTasks(s.plan, unit: uv.unit)
                s.unitView?.leads = l
                s.unitView?.cooperating = c
            } else {
                s.close([.unit])
            }
        }
        if s.stack.contains(.unitList) { s.unitList.counts = Scan.unitCounts(s.plan) }
        if s.search != nil, s.plan.tasks.count + s.plan.units.count == 0 { s.search = nil }
        reclamp(&s)
    }

    /// Re-clamps every cursor and offset to the plan and the current size (after a resize,
    /// a reload or an edit).
    static func reclamp(_ s: inout AppState) {
        clampMatrix(&s)
        if s.taskView != nil { revealMilestoneOrClamp(&s) }
        if var uv = s.unitView {
            uv.selected = clamp(uv.selected, 0, uv.count - 1)
            let visible = Layout.bodyRows(.unit, height: s.height)
            let line = uv.count == 0 ? 0 : uv.line(ofItem: uv.selected)
            let first = uv.selected == 0 || uv.selected == uv.leads.count ? max(0, line - 1) : line
            uv.offset = Layout.follow(first, offset: uv.offset, visible: visible, count: uv.lineCount)
            uv.offset = Layout.follow(line, offset: uv.offset, visible: visible, count: uv.lineCount)
            s.unitView = uv
        }
        s.layoutScreens()
        SupervisionReducer.reclamp(&s)
    }

    /// Clamps the task view's scroll to its content (without forcing the selection into view,
    /// so PgUp / PgDn can scroll past it).
    static func revealMilestoneOrClamp(_ s: inout AppState) {
        guard let t = s.viewedTask, var tv = s.taskView else { return }
        let lines = TaskViewContent.lines(s, task: t, width: s.width)
        tv.scroll = Layout.clampScroll(tv.scroll, visible: Layout.bodyRows(.task, height: s.height), count: lines.count)
        s.taskView = tv
    }
}
