import DubanCore

// Read-only banner, conflicts and a replaced file: this session undoes only its own edits,
// and the store refuses (inside its write transaction) an undo or a form whose item someone
// else changed since.

extension Strings {
    var isChinese: Bool { appName == Strings.zh.appName }

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

    public func describe(_ r: TrackerReplaced) -> String {
        guard isChinese else { return r.description }
        return r.removed ? "督办文件 \(r.path) 已被其他程序删除，未保存任何修改。"
            : "督办文件 \(r.path) 已被替换为另一个文件，未保存任何修改。"
    }

    /// What someone else changed, in this language.
    public func describe(_ c: Conflict) -> String {
        guard isChinese else { return c.description }
        let what: String
        switch c.item {
        case let .role(u): what = "\(u)的分工"
        case let .milestone(id, title): what = "时间节点 #\(id)“\(title)”"
        case .followUp: what = "跟进人员"
        case .notes: what = "备注"
        case let .progress(id): what = "进展报告 #\(id)"
        case .title: what = "名称"
        case .task: what = "状态"
        case let .unit(name): what = "单位 \(name)"
        case let .flow(u): what = "\(u)的办理状态"
        }
        let now = changes(c)
        return "任务 \(c.task) 的\(what)已被他人修改" + (now.isEmpty ? "" : "：" + now) + "。未保存。"
    }

    /// Just the changed fields, as they are now: "名称现为“X”，完成时限现为 2027-04-30".
    public func changes(_ c: Conflict) -> String {
        guard isChinese else { return c.changeList }
        return c.changes.map { ch -> String in
            switch ch {
            case let .milestone(.title(t)): return "名称现为“\(t)”"
            case let .milestone(.due(d)): return "完成时限现为 \(d?.description ?? "无")"
            case let .milestone(.done(done, day)): return done ? "已于 \(day?.description ?? "—") 完成" : "已重新打开"
            case let .milestone(.owner(o)): return "责任单位现为 \(o ?? "无")"
            case let .milestone(.originalDue(d)): return "原定时限现为 \(d?.description ?? "无")"
            case let .milestone(.extensionRequest(r)): return "延期申请现为\(r.map { $0.isPending ? "待审批" : $0.status == "approved" ? "已批准" : "已驳回" } ?? "无")"
            case let .role(r): return "分工现为\(role(r))"
            case let .followUp(p): return "跟进人员现为 \(p ?? "无")"
            case let .notes(n): return "备注现为“\(n.prefix(40))”"
            case let .progress(r): return "内容现为“\(r.progress.prefix(40))”"
            case let .title(t): return "名称现为“\(t.prefix(40))”"
            case let .retired(r): return r ? "已被撤销" : "已恢复"
            case let .unit(u): return "现为 \(u.name)（\(u.short)，\(u.abbr)）"
            case let .flow(f): return f.map { "现为“\(FlowText.state($0.state, chinese: true))”" } ?? "该单位已无分工"
            case .removed: return "已被删除"
            }
        }.joined(separator: "，")
    }
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
            if case .milestoneForm(var form)? = s.input {
                if let now = c.milestone { form.original = now }
                form.error = str.f(str.formConflict, str.changes(c))
                s.input = .milestoneForm(form)
            }
            s.status = StatusMessage(why, .error)
        }
        s.explainsReload = true
        return [.reload]
    }
}
