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

    /// Puts the matrix cursor on the current search match (the search input's hook).
    static func goToMatch(_ s: inout AppState, wrapped: Bool = false) { MatrixScreen.goToMatch(&s, wrapped: wrapped) }

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
        if let i = s.screens.last?.matrixColumn(s) { s.matrix.col = i }
        s.popToMatrix()
        s.layoutMatrix()
    }

    static func back(_ s: inout AppState) {
        guard s.screens.count > 1 else { return }
        s.pop()
        reclamp(&s)
    }

    /// Scrolls the task view so the selected milestone's line is visible.
    static func revealMilestone(_ s: inout AppState) {
        s.updateTopScreen(TaskScreen.self) { $0.revealSelection() }
    }

    // MARK: Lists

    /// The selection after a list command (unit view, unit list, overdue list), or nil.
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
            let (start, wrapped) = MatrixScreen.firstMatch(after: s, matches)
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
        s.refreshScreens()
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
        s.refreshScreens()
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
    /// plan, by the screens that are open).
    static func refreshDerived(_ s: inout AppState) {
        // The unit view of a unit that is gone closes; the open screens recount (`refresh`).
        if let uv = s.unitView, s.plan.unit(named: uv.unit) == nil { s.close([.unit]) }
        s.refreshScreens()
        if s.search != nil, s.plan.tasks.count + s.plan.units.count == 0 { s.search = nil }
        reclamp(&s)
    }

    /// Re-clamps every cursor and offset to the plan and the current size (after a resize,
    /// a reload or an edit).
    static func reclamp(_ s: inout AppState) { s.layoutScreens() }
}
