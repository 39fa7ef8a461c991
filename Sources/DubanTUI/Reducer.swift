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
        // A large plan still loading: only what works on its first tasks.
        if Reducer.refusedWhileLoading(&state, c) {
            state.pendingCount = nil
            return []
        }
        defer { Reducer.noteLoadingEdge(&state, c) }
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
        // The prompt and the filter menu take typed characters themselves.
        if state.screens.last is any TextInputScreen {
            state.insertOnTop(ch)
            return []
        }
        let full = state.overlay?.focusedField?.isFull(adding: ch) ?? false
        state.updateOverlay { $0.insert(ch) }
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
    case .loadProgress(let f):
        state.loading?.fraction = max(0, min(1, f))
        return []
    case .planLoaded(let plan):
        Reducer.planLoaded(&state, plan)
        return []
    case .loadFailed(let message):
        state.loading?.failed = message
        state.status = StatusMessage(state.strings.f(state.strings.loadFailed, message, state.plan.tasks.count), .error)
        return []
    case .caughtUp(let edits):
        return Reducer.caughtUp(&state, edits)
    case .reloadFailed(let message):
        state.status = StatusMessage(state.strings.f(state.strings.reloadFailed, message), .error)
        return []
    case .unbound(let key):
        let name = KeyMap.name(of: key, ascii: state.options.glyphs.asciiKeyNames)
        state.status = StatusMessage(state.strings.f(state.strings.unboundKey, name,
                                                     KeyMap.keyName(.showHelp, in: state.keyContext, ascii: true)), .warning)
        return []
    case let .noticeIssued(task, number, text):
        Reducer.noticeIssued(&state, task: task, number: number, text: text)
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
        s.updateOverlay { $0.refuse(text) }
    }

    // MARK: Commands

    static func command(_ s: inout AppState, _ c: Command) -> [Effect] {
        if c == .suspend { return [.suspend] }
        if c == .redraw { return [.redraw] }
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

    /// Runs a search typed at the prompt and goes to the first match.
    static func runSearch(_ s: inout AppState, _ text: String) {
        let q = text.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return }
        // Only the tasks the matrix shows (a filter hides the others), in visible order.
        var matches = Scan.search(s.plan, q)
        if s.matrixRows != nil {
            let tasks = matches.compactMap { m -> (Int, SearchMatch)? in
                if case .task(let i) = m, let r = s.matrixRow(ofTaskIndex: i) { return (r, m) }
                return nil
            }.sorted { $0.0 < $1.0 }.map(\.1)
            matches = tasks + matches.filter { if case .unit = $0 { return true } else { return false } }
        }
        // From the cursor on, wrapping (as vim's / does).
        let (start, wrapped) = MatrixScreen.firstMatch(after: s, matches)
        s.search = SearchState(query: q, matches: matches, index: start)
        if matches.isEmpty {
            s.status = StatusMessage(s.strings.f(s.strings.searchNone, q), .error)
        } else {
            goToMatch(&s, wrapped: wrapped)
        }
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
        case let .updateProgress(t, _, _, _): return str.f(str.editUpdateProgress, t)
        case let .addTask(t, title, _, _): return str.f(str.editAddTask, t, title)
        case let .editTask(t, _, _): return str.f(str.editRenameTask, t)
        case let .retireTask(t): return str.f(str.editRetireTask, t)
        case let .restoreTask(t): return str.f(str.editRestoreTask, t)
        case let .addUnit(u): return str.f(str.editAddUnit, u.name)
        case let .removeUnit(n, _): return str.f(str.editRemoveUnit, n)
        case let .editUnit(n, _, _): return str.f(str.editEditUnit, n)
        case let .flowStep(t, u, step, _, _, _):
            return Catalog.undoFlowStep(t, u, step)(str.language)
        case let .setFlow(t, u, f, _):
            return Catalog.undoSetFlow(t, u, f.state)(str.language)
        case let .restoreRole(t, u, r, _, _): return str.f(str.editAssign, t, u, str.role(r))
        case let .requestExtension(t, id, _, _, _, _): return Catalog.undoExtensionRequest(t, title(t, id))(str.language)
        case let .decideExtension(t, id, approve, _, _):
            return Catalog.undoExtensionDecision(t, title(t, id), approve: approve)(str.language)
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
        // The form that asked for these edits has done its work.
        if purpose == .edit, s.form != nil { s.pop() }
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
        EditCommands.persisted(&s, last, purpose)
        if let n = s.taskView?.number, applied.contains(where: { $0.edit.taskNumber == n }) {
            effects.append(.loadHistory(task: n))
        }
        return effects
    }

    static func reloaded(_ s: inout AppState, _ plan: Plan) -> [Effect] {
        changedOutside(&s) { current in
            current = plan
            return true
        }
    }

    /// Others' edits from the change feed, applied to the plan where it is (a large plan is
    /// neither copied nor compared whole). One that does not fit asks for a whole reload.
    static func caughtUp(_ s: inout AppState, _ edits: [Edit]) -> [Effect] {
        changedOutside(&s) { plan in
            do {
                for e in edits { try plan.apply(e.withoutExpectations) }
                return true
            } catch {
                return false
            }
        }
    }

    /// Someone else changed the plan (`change` makes the change, false: it could not, and the
    /// whole plan is read again): the cursor stays on its task and unit, and the status line
    /// says what changed under it.
    private static func changedOutside(_ s: inout AppState, _ change: (inout Plan) -> Bool) -> [Effect] {
        let str = s.strings
        let oldTask = s.cursorTask
        let oldUnit = s.cursorUnit?.name
        let oldRole = oldUnit.flatMap { u in oldTask?.role(of: u) }
        let oldMilestone = s.selectedMilestone
        guard change(&s.plan) else { return [.reload] }
        let plan = s.plan
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
        s.rebaseForm()
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
