import DubanCanvas
import DubanCore

// Read-only banner, conflicts and a replaced file: this session undoes only its own edits,
// and the store refuses (inside its write transaction) an undo or a form whose item someone
// else changed since.

extension Strings {
    var isChinese: Bool { language == .zh }

    /// Shown on the status line of every screen while the file is read-only.
    public var readOnlyBanner: String {
        isChinese ? "只读：无法修改此文件" : "read-only: this file cannot be changed"
    }

    /// {1} = what the edit was, {2} = what someone else changed.
    public var undoConflict: String {
        isChinese ? "无法撤销“{1}”：{2}已从撤销记录中移除。"
            : "Cannot undo “{1}”: {2} Dropped from the undo history."
    }

    /// {1} = what the edit was, {2} = what someone else changed.
    public var redoConflict: String {
        isChinese ? "无法重做“{1}”：{2}已从重做记录中移除。"
            : "Cannot redo “{1}”: {2} Dropped from the redo history."
    }

    /// A form's conflict line: {1} = what someone else changed. The typed text stays.
    public var formConflict: String {
        isChinese ? "他人已修改（{1}）；再按 Enter 保存您的内容，Esc 放弃。"
            : "Changed by someone else ({1}); Enter saves yours over it, Esc gives up."
    }

    /// Status line when the tracker file was removed or replaced under the program.
    public var fileReplacedHint: String {
        isChinese ? "按 R 重新打开。" : "Press R to reopen."
    }

    public var cannotReopen: String {
        isChinese ? "无法在此重新打开督办文件，请退出后重新启动 duban。"
            : "Cannot reopen the tracker here; quit and start duban again."
    }

    /// {1} year, {2} task, {3} how many are past due, {4} their due dates.
    public var quarterlyPastDue: String {
        isChinese ? "任务 {2} 的 {1} 年季度节点中有 {3} 个已经过期（{4}）。仍然添加？(y/n)"
            : "{3} of task {2}'s quarterly milestones of {1} are already past due ({4}). Add them anyway? (y/n)"
    }

    /// {1} how many edits, {2} task.
    public var editBatch: String {
        isChinese ? "任务 {2} 的 {1} 项修改" : "{1} changes to task {2}"
    }

    public func describe(_ r: TrackerReplaced) -> String { r.spoken(language) }

    /// What someone else changed, in this language.
    public func describe(_ c: Conflict) -> String { c.spoken(language) }

    /// Just the changed fields, as they are now: "名称现为“X”，完成时限现为 2027-04-30".
    public func changes(_ c: Conflict) -> String { c.changeWords(language) }
}

extension Reducer {
    /// Emits the undo (or redo) of the top entry as one batch; the store checks inside its
    /// write transaction that every item is still as this session left it.
    static func undoOrRedo(_ s: inout AppState, redo: Bool) -> [Effect] {
        guard let e = redo ? s.redoStack.last : s.undoStack.last else {
            s.status = StatusMessage(redo ? s.strings.nothingToRedo : s.strings.nothingToUndo)
            return []
        }
        return [.persist(e.inverses, redo ? .redo : .undo)]
    }

    /// The store refused because someone else changed the item: a form keeps the typed
    /// text and rebases on what is stored now (Enter again saves deliberately over it);
    /// an undo or redo drops its entry. The plan is reloaded to show their change.
    static func conflicted(_ s: inout AppState, _ c: Conflict, _ purpose: Purpose) -> [Effect] {
        let str = s.strings
        let why = str.describe(c)
        switch purpose {
        case .undo, .redo:
            let stack = purpose == .redo ? s.redoStack : s.undoStack
            let what = stack.last.map { describe($0.applied.last?.edit ?? $0.inverses[0], s) } ?? ""
            if purpose == .redo { if !s.redoStack.isEmpty { s.redoStack.removeLast() } } else if !s.undoStack.isEmpty {
                s.undoStack.removeLast()
            }
            s.status = StatusMessage(str.f(purpose == .redo ? str.redoConflict : str.undoConflict, what, why), .warning)
        case .edit:
            if var form = s.form {
                // Rebased on the stored values once the plan is reloaded (`rebaseForm`).
                form.rebasePending = true
                form.error = str.f(str.formConflict, str.changes(c))
                s.screens[s.screens.count - 1] = form
            }
            s.status = StatusMessage(why, .error)
        }
        s.explainsReload = true
        return [.reload]
    }
}
