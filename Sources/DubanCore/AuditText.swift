/// The before/after text of an edit's audit record, the same for every store.
public enum AuditText {
    /// "#12 title | 2026-03-31 | open | -" (+ " | owner").
    public static func describe(_ m: Milestone) -> String {
        var s = "#\(m.id) \(m.title) | \(m.due?.description ?? "-") | \(m.statusWord) | \(m.completed?.description ?? "-")"
        if let o = m.owner { s += " | \(o)" }
        return s
    }

    public static func describe(_ r: ProgressReport) -> String {
        "#\(r.id) \(r.date) \(r.unit) | 进展情况: \(r.progress) | 存在问题: \(r.problems) | 下一步措施: \(r.next)"
    }

    /// "省水利厅 | 水利厅 | 水利 | full form | alias, alias".
    public static func describe(_ u: DubanCore.Unit) -> String {
        var s = "\(u.name) | \(u.short) | \(u.abbr)"
        if !u.fullForm.isEmpty || !u.aliases.isEmpty { s += " | \(u.fullForm)" }
        if !u.aliases.isEmpty { s += " | " + u.aliases.joined(separator: ", ") }
        return s
    }

    /// "#12 title | due 2027-04-30 | was due 2027-03-31 | extension to 2027-04-30 approved (reason)".
    static func describeExtension(_ m: Milestone) -> String {
        var s = "#\(m.id) \(m.title) | due \(m.due?.description ?? "-")"
        if let o = m.originalDue { s += " | was due \(o)" }
        if let r = m.extensionRequest {
            s += " | extension to \(r.to) asked by \(r.unit) on \(r.asked): \(r.status) (\(r.reason))"
            if case let .rejected(_, why)? = r.decision { s += " — \(why)" }
        }
        return s
    }

    /// "signed since 2027-01-05 (reason)".
    static func describe(_ f: Flow?) -> String {
        guard let f else { return "none" }
        var s = f.state.rawValue
        if let d = f.since { s += " since \(d)" }
        if let r = f.reason { s += " (\(r))" }
        return s
    }

    /// Before and after of `edit`, which turned `old` into `new`.
    public static func beforeAfter(_ edit: Edit, old: Task, new: Task) -> (String, String) {
        switch edit {
        case let .assign(_, unit, _, _, _):
            return ("\(unit): \(old.role(of: unit)?.rawValue ?? "none")", "\(unit): \(new.role(of: unit)?.rawValue ?? "none")")
        case let .addMilestone(_, m):
            return ("", new.milestone(id: m.id).map(describe) ?? describe(m))
        case let .updateMilestone(_, id, _, _):
            return (old.milestone(id: id).map(describe) ?? "", new.milestone(id: id).map(describe) ?? "")
        case let .removeMilestone(_, id, _):
            return (old.milestone(id: id).map(describe) ?? "", "")
        case .setFollowUp:
            return (old.followUp ?? "", new.followUp ?? "")
        case let .addProgress(_, r):
            return ("", new.progress.first { $0.id == r.id }.map(describe) ?? describe(r))
        case let .removeProgress(_, id, _):
            return (old.progress.first { $0.id == id }.map(describe) ?? "", "")
        case .setNotes:
            return (old.notes, new.notes)
        case let .updateProgress(_, id, _, _):
            return (old.progress.first { $0.id == id }.map(describe) ?? "", new.progress.first { $0.id == id }.map(describe) ?? "")
        case .addTask:
            return ("", "#\(new.number) \(new.title)")
        case .editTask:
            return (old.title, new.title)
        case .retireTask:
            return ("#\(old.number) \(old.title)", "retired")
        case .restoreTask:
            return ("retired", "#\(new.number) \(new.title)")
        case let .flowStep(_, unit, _, _, _, _), let .setFlow(_, unit, _, _):
            return ("\(unit): " + describe(old.flow(of: unit)), "\(unit): " + describe(new.flow(of: unit)))
        case let .restoreRole(_, unit, _, _, _):
            return ("\(unit): none", "\(unit): \(new.role(of: unit)?.rawValue ?? "none") " + describe(new.flow(of: unit)))
        case let .requestExtension(_, id, _, _, _, _), let .decideExtension(_, id, _, _, _):
            return (old.milestone(id: id).map(describeExtension) ?? "", new.milestone(id: id).map(describeExtension) ?? "")
        case .addUnit, .removeUnit, .editUnit:
            return ("", "")
        }
    }
}
