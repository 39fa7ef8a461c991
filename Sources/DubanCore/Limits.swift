/// The size limits of duban, in one place. Text longer than its limit is refused on entry
/// (CLI, TUI) and on import, with a sentence naming the field, its length and the limit;
/// a table file larger than `tableBytes` is refused before it is read.
///
/// Lengths are counted in Unicode scalars ("characters" in messages: one per Chinese
/// character or Latin letter), so a pile of combining marks counts for what it is.
public enum Limits {
    /// A task's title (名称).
    public static let taskTitle = 2_000
    /// A milestone's title (时间节点).
    public static let milestoneTitle = 2_000
    /// Each of the three parts of a progress report: 进展情况, 存在问题, 下一步措施.
    public static let reportField = 2_000
    /// A task's notes.
    public static let notes = 20_000
    /// The name of the office staff member who follows up a task.
    public static let followUp = 100
    /// A unit's name, as a table names it.
    public static let unitName = 200
    /// A table file to import (box-drawing text, CSV or TSV): 64 MiB. The office's table
    /// is a few kilobytes and 100,000 synthetic tasks take 32 MB; a larger file is refused
    /// before it is read, so that an import never needs more than a few hundred MB.
    public static let tableBytes = 64 * 1024 * 1024
    /// The longest text any field takes: the most a one-line input field accepts.
    public static let inputField = 2_000

    /// The text fields that have a limit.
    public enum Field: String, CaseIterable, Sendable {
        case taskTitle, milestoneTitle, progress, problems, next, notes, followUp, unitName
        /// The reason or note of a workflow step (退回, 中止, 申请办结, 延期).
        case reason

        public var limit: Int {
            switch self {
            case .taskTitle: return Limits.taskTitle
            case .milestoneTitle: return Limits.milestoneTitle
            case .progress, .problems, .next: return Limits.reportField
            case .notes: return Limits.notes
            case .followUp: return Limits.followUp
            case .unitName: return Limits.unitName
            case .reason: return Limits.reportField
            }
        }

        /// How an English message names the field.
        public var label: String {
            switch self {
            case .taskTitle: return "task title"
            case .milestoneTitle: return "milestone title"
            case .progress: return "progress (进展情况)"
            case .problems: return "problems (存在问题)"
            case .next: return "next steps (下一步措施)"
            case .notes: return "notes"
            case .followUp: return "follow-up name"
            case .unitName: return "unit name"
            case .reason: return "reason"
            }
        }
    }

    /// The length of `text` as limits count it (Unicode scalars). Stops counting at
    /// `limit + 1` when a limit is given, so a check costs at most the limit.
    public static func length(_ text: String, upTo limit: Int? = nil) -> Int {
        // Every scalar takes one to four UTF-8 bytes: a short text needs no count.
        let bytes = text.utf8.count
        if let limit, bytes <= limit { return bytes == 0 ? 0 : text.unicodeScalars.count }
        var n = 0
        for _ in text.unicodeScalars {
            n += 1
            if let limit, n > limit { break }
        }
        return n
    }

    /// Whether `text` fits `field`'s limit.
    public static func fits(_ text: String, _ field: Field) -> Bool {
        length(text, upTo: field.limit) <= field.limit
    }

    /// Refuses `text` when it is longer than `field`'s limit.
    public static func check(_ field: Field, _ text: String) throws(DomainError) {
        guard !fits(text, field) else { return }
        throw .tooLong(field: field, limit: field.limit, length: length(text))
    }

    /// Refuses an edit whose text is longer than a limit: milestone titles, progress
    /// report parts, notes and the follow-up name. Edits without text pass.
    public static func check(_ edit: Edit) throws(DomainError) {
        switch edit {
        case let .addMilestone(_, m):
            try check(.milestoneTitle, m.title)
        case let .updateMilestone(_, _, set, _):
            for case let .title(t) in set { try check(.milestoneTitle, t) }
        case let .setFollowUp(_, person, _):
            if let person { try check(.followUp, person) }
        case let .setNotes(_, notes, _):
            try check(.notes, notes)
        case let .addProgress(_, r):
            try check(.progress, r.progress)
            try check(.problems, r.problems)
            try check(.next, r.next)
        case let .updateProgress(_, _, set, _):
            for f in set {
                switch f {
                case let .progress(t): try check(.progress, t)
                case let .problems(t): try check(.problems, t)
                case let .next(t): try check(.next, t)
                case .date: break
                }
            }
        case let .addTask(_, title, notes, f):
            try check(.taskTitle, title)
            try check(.notes, notes)
            if let f { try check(.followUp, f) }
        case let .editTask(_, title, _):
            try check(.taskTitle, title)
        case let .addUnit(u), let .editUnit(_, u, _):
            for n in u.allNames { try check(.unitName, n) }
        case let .flowStep(_, _, _, _, reason, _):
            if let reason { try check(.reason, reason) }
        case let .setFlow(_, _, f, _), let .restoreRole(_, _, _, _, f):
            if let reason = f.reason { try check(.reason, reason) }
        case let .requestExtension(_, _, _, _, reason, _):
            try check(.reason, reason)
        case let .decideExtension(_, _, _, reason, _):
            if let reason { try check(.reason, reason) }
        case .assign, .removeMilestone, .removeProgress, .retireTask, .restoreTask, .removeUnit:
            break
        }
    }
}
