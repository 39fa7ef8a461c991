import DubanCanvas
import DubanCore

// Read-only banner, conflicts and a replaced file: this session undoes only its own edits,
// and the store refuses (inside its write transaction) an undo or a form whose item someone
// else changed since.

extension Strings {
    /// Not for text: every text is in the tables in Strings.swift, one per language.
    var isChinese: Bool { language == .zh }


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
