import DubanCore

// Read-only banner and the undo guard: this session undoes only its own edits, and only
// while nobody else has changed the same item since.

extension Strings {
    var isChinese: Bool { appName == Strings.zh.appName }

    /// Shown on the status line of every screen while the file is read-only.
    public var readOnlyBanner: String {
        isChinese ? "只读：无法修改此文件" : "read-only: this file cannot be changed"
    }

    /// {1} = what the edit was.
    public var undoConflict: String {
        isChinese ? "无法撤销“{1}”：此项已被他人修改，已从撤销记录中移除。"
            : "Cannot undo “{1}”: someone else has changed it since; dropped from the undo history."
    }

    /// {1} = what the edit was.
    public var redoConflict: String {
        isChinese ? "无法重做“{1}”：此项已被他人修改，已从重做记录中移除。"
            : "Cannot redo “{1}”: someone else has changed it since; dropped from the redo history."
    }
}

extension Reducer {
    /// True when the plan still shows what `edit` (as applied by this session) left: the
    /// cell's role, the milestone, the follow-up person, the notes or the progress report.
    static func stillAsLeft(by edit: Edit, in plan: Plan) -> Bool {
        guard let t = plan.task(number: edit.taskNumber) else { return false }
        switch edit {
        case let .assign(_, unit, role, _):
            return t.role(of: unit) == role
        case let .addMilestone(_, m), let .updateMilestone(_, m):
            return t.milestone(id: m.id) == m
        case let .removeMilestone(_, id):
            return plan.tasks.allSatisfy { $0.milestone(id: id) == nil }
        case let .setFollowUp(_, person):
            return t.followUp == person
        case let .setNotes(_, notes):
            return t.notes == notes
        case let .addProgress(_, r):
            return t.progress.first { $0.id == r.id } == r
        case let .removeProgress(_, id):
            return plan.tasks.allSatisfy { !$0.progress.contains { $0.id == id } }
        }
    }

    /// Emits the undo (or redo) of the top entry, or refuses and drops it when someone
    /// else changed the item since this session's edit.
    static func undoOrRedo(_ s: inout AppState, redo: Bool) -> [Effect] {
        guard let e = redo ? s.redoStack.last : s.undoStack.last else {
            s.status = StatusMessage(redo ? s.strings.nothingToRedo : s.strings.nothingToUndo)
            return []
        }
        guard stillAsLeft(by: e.edit, in: s.plan) else {
            if redo { s.redoStack.removeLast() } else { s.undoStack.removeLast() }
            let str = s.strings
            s.status = StatusMessage(str.f(redo ? str.redoConflict : str.undoConflict, describe(redo ? e.inverse : e.edit, s)), .warning)
            return []
        }
        return [.persist(e.inverse, redo ? .redo : .undo)]
    }
}
