import Foundation

/// An audit record in words, for `duban log`, the TUI's task history and the joint-meeting
/// report: "省财政厅：协同 → 牵头", "督办单 督办〔2027〕3号 发出", "删除时间节点“一季度检查”",
/// never an action name (`progress.add`) or a setting key. Reads the typed change record
/// when the store kept one, else the record's own before/after text (`AuditText`'s forms).
public enum AuditWords {
    /// What the record did, in `language`.
    public static func describe(_ r: AuditRecord) -> Localized {
        if case let .edit(edit)? = r.change { return describe(edit, before: r.before, after: r.after) }
        switch r.action {
        case "assign":
            let (unit, old) = role(in: r.before)
            let (_, new) = role(in: r.after)
            return Catalog.roleChange(unit ?? "", old, new)
        case "milestone.add":
            let m = milestone(in: r.after)
            return Catalog.milestoneAdded(m.title, due: m.due)
        case "milestone.update":
            return Catalog.milestoneChanged(milestone(in: r.before).title, [])
        case "milestone.remove":
            return Catalog.milestoneRemoved(milestone(in: r.before).title)
        case "followup":
            return Catalog.followUpChange(r.before.isEmpty ? nil : r.before, r.after.isEmpty ? nil : r.after)
        case "notes":
            return Catalog.notesChanged(short(r.after))
        case "progress.add":
            let p = progress(in: r.after)
            return Catalog.progressAdded(unit: p.unit, date: p.date)
        case "progress.remove":
            let p = progress(in: r.before)
            return Catalog.progressRemoved(unit: p.unit, date: p.date)
        case "setting":
            var key = ""
            if case let .other(what)? = r.change, what.hasPrefix("setting ") { key = String(what.dropFirst(8)) }
            let old = setting(in: r.before)
            let new = setting(in: r.after)
            if key.isEmpty { key = old.key ?? new.key ?? "" }
            return Catalog.settingChanged(Catalog.settingName(key), old.value, new.value)
        case "units":
            return Catalog.unitsChanged(from: leadingNumber(r.before), to: leadingNumber(r.after))
        case "notice":
            let number = r.after.components(separatedBy: " → ").first ?? r.after
            return Catalog.noticeIssued(number)
        case "init":
            let parts = r.after.components(separatedBy: ", ")
            return Catalog.created(tasks: parts.first.flatMap(leadingNumber),
                                   units: parts.dropFirst().first.flatMap(leadingNumber))
        case "restore":
            let prefix = "restored from "
            return Catalog.restored(r.after.hasPrefix(prefix) ? String(r.after.dropFirst(prefix.count)) : nil)
        case "migrate":
            return Catalog.migrated
        default:
            return Catalog.otherChange
        }
    }

    /// An edit in words; `before`/`after` are its audit texts (for what the edit itself
    /// does not carry: a role before, the title of a changed or deleted milestone).
    public static func describe(_ edit: Edit, before: String, after: String) -> Localized {
        switch edit {
        case let .assign(_, unit, new, _, _):
            return Catalog.roleChange(unit, role(in: before).1, new)
        case let .addMilestone(_, m):
            return Catalog.milestoneAdded(m.title, due: m.due)
        case let .updateMilestone(_, _, set, _):
            let words = set.map { f -> Localized in
                switch f {
                case let .title(t): return Catalog.renamed(t)
                case let .due(d): return Catalog.dueSet(d)
                case let .done(done, day): return done ? Catalog.markedDone(day) : Catalog.reopened
                case let .owner(o): return Catalog.ownerSet(o)
                case let .originalDue(d): return Catalog.originalDueSet(d)
                case let .extensionRequest(r): return Catalog.extensionRequestSet(r)
                }
            }
            return Catalog.milestoneChanged(milestone(in: before).title, words)
        case let .removeMilestone(_, _, expect):
            if case let .value(m) = expect { return Catalog.milestoneRemoved(m.title) }
            return Catalog.milestoneRemoved(milestone(in: before).title)
        case let .setFollowUp(_, person, _):
            return Catalog.followUpChange(before.isEmpty ? nil : before, person)
        case let .setNotes(_, notes, _):
            return Catalog.notesChanged(short(notes))
        case let .addProgress(_, r):
            return Catalog.progressAdded(unit: r.unit, date: r.date.description)
        case let .removeProgress(_, _, expect):
            if case let .value(r) = expect { return Catalog.progressRemoved(unit: r.unit, date: r.date.description) }
            let p = progress(in: before)
            return Catalog.progressRemoved(unit: p.unit, date: p.date)
        case let .updateProgress(_, id, set, _):
            return Catalog.progressCorrected(id: id, set.map { f -> Localized in
                switch f {
                case let .date(d): return Catalog.reportDateSet(d)
                case let .progress(t): return Catalog.partSet(Catalog.fieldName(.progress), short(t))
                case let .problems(t): return Catalog.partSet(Catalog.fieldName(.problems), short(t))
                case let .next(t): return Catalog.partSet(Catalog.fieldName(.next), short(t))
                }
            })
        case let .addTask(_, title, _, _):
            return Catalog.taskAdded(short(title))
        case let .editTask(_, title, _):
            return Catalog.taskRenamed(short(title))
        case .retireTask:
            return Catalog.taskRetired
        case .restoreTask:
            return Catalog.taskRestored
        case let .addUnit(unit):
            return Catalog.unitAdded(unit.name)
        case let .removeUnit(name, _):
            return Catalog.unitRemoved(name)
        case let .editUnit(name, set, _):
            return Catalog.unitEdited(name, set)
        case let .flowStep(_, unit, step, day, reason, _):
            return Catalog.flowStepTaken(unit, step, day: day, reason: reason)
        case let .setFlow(_, unit, flow, _):
            return Catalog.flowSet(unit, flow.state)
        case let .restoreRole(_, unit, role, _, flow):
            return Catalog.roleRestored(unit, role, flow.state)
        case let .requestExtension(_, id, unit, to, reason, _):
            return Catalog.extensionRequested(id: id, unit: unit, to: to, reason: short(reason))
        case let .decideExtension(_, id, approve, reason, _):
            return Catalog.extensionDecided(id: id, approve: approve, reason: reason.map(short))
        }
    }

    /// The record's time ("2026-11-24T15:52:04Z"; a zone suffix Z, ±HH:MM or none = UTC) in
    /// `zone` (the machine's: `TimeZone.current`) as "2026-11-24 23:52"; a time that cannot
    /// be read is shown as stored.
    public static func time(_ iso: String, zone: TimeZone) -> String {
        let chars = Array(iso)
        guard chars.count >= 16, chars[10] == "T" || chars[10] == " ", chars[13] == ":",
              let day = Day(String(chars[0..<10])),
              let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return iso }
        var offset = 0
        if let signIndex = chars.lastIndex(where: { $0 == "+" || $0 == "-" }), signIndex > 16 {
            let digits = chars[(signIndex + 1)...].filter(\.isNumber)
            guard digits.count == 4 || digits.count == 2, let hh = Int(String(digits.prefix(2))) else { return iso }
            let mm = digits.count == 4 ? Int(String(digits.suffix(2))) ?? 0 : 0
            offset = (chars[signIndex] == "+" ? 1 : -1) * (hh * 60 + mm)
        }
        let utcMinutes = day.ordinal * 1440 + hour * 60 + minute - offset
        let local = utcMinutes + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMinutes) * 60)) / 60
        let d = Day(ordinal: Int((Double(local) / 1440).rounded(.down)))
        let m = local - d.ordinal * 1440
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return d.description + " " + two(m / 60) + ":" + two(m % 60)
    }

    /// A task number or the whole tracker, as the log names what a record is about.
    public static func subject(_ r: AuditRecord) -> Localized {
        r.task.map(Catalog.task) ?? Catalog.tracker
    }

    // MARK: Reading the audit texts (`AuditText`'s forms)

    /// "省财政厅: lead" → (省财政厅, .lead); "none" → nil role.
    static func role(in text: String) -> (String?, Role?) {
        guard let r = text.range(of: ": ", options: .backwards) else { return (nil, nil) }
        return (String(text[..<r.lowerBound]), Role(rawValue: String(text[r.upperBound...])))
    }

    /// "#12 title | 2026-03-31 | open | -" → the title and due day.
    static func milestone(in text: String) -> (title: String, due: Day?) {
        var parts = text.components(separatedBy: " | ")
        var head = parts.removeFirst()
        if head.hasPrefix("#"), let space = head.firstIndex(of: " ") { head = String(head[head.index(after: space)...]) }
        // A title may itself hold " | ": it ends where the due field (a day or "-") starts.
        var titleParts = [head]
        var due: Day?
        for p in parts {
            if p == "-" || Day(p) != nil { due = Day(p); break }
            titleParts.append(p)
        }
        return (titleParts.joined(separator: " | "), due)
    }

    /// "#3 2027-03-01 省财政厅 | 进展情况: …" → unit and date.
    static func progress(in text: String) -> (unit: String, date: String) {
        let head = text.components(separatedBy: " | ").first ?? ""
        let words = head.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count == 3 else { return ("", "") }
        return (words[2], words[1])
    }

    /// "warning_days = 7" → (warning_days, 7); "warning_days unset" → (warning_days, nil).
    static func setting(in text: String) -> (key: String?, value: String?) {
        if let r = text.range(of: " = ") { return (String(text[..<r.lowerBound]), String(text[r.upperBound...])) }
        if text.hasSuffix(" unset") { return (String(text.dropLast(6)), nil) }
        return (nil, text.isEmpty ? nil : text)
    }

    static func leadingNumber(_ text: String) -> Int? {
        Int(text.prefix { $0.isNumber })
    }

    /// Notes in one line, at most 40 characters.
    static func short(_ text: String) -> String {
        let line = Reports.oneLine(text)
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}
