/// Everything the domain refuses, with a one-sentence English message.
/// Front ends may translate by case; `description` is the CLI wording.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTask(Int)
    case duplicateTaskNumber(Int)
    case unknownUnit(String, candidates: [String])
    case ambiguousUnit(String, candidates: [String])
    case duplicateUnit(String)
    case lastLead(task: Int, unit: String)
    case unknownMilestone(task: Int, id: Int)
    case emptyTitle
    case invalidDate(String)
    case unchanged(String)
    /// Someone else changed the item since the person read it; nothing was written.
    case conflict(Conflict)
    /// Progress reports and milestone owners must be units with a role on the task.
    case noRole(task: Int, unit: String)
    /// A completion or report date after today.
    case futureDate(Day, today: Day)
    /// A text longer than its limit (`Limits`); `length` and `limit` in characters (Unicode scalars).
    case tooLong(field: Limits.Field, limit: Int, length: Int)
    /// A new or renamed unit would answer to a name another unit already has.
    case unitNameTaken(String, by: String)
    /// A unit that a task, milestone or report still names cannot be removed.
    case unitInUse(String)
    /// The task is retired: restore it before editing it.
    case retiredTask(Int)
    /// A workflow step the state, the role or the actor does not allow (`FlowRules`).
    case flowRefused(FlowRefusal)
    /// An extension request or decision the rules do not allow.
    case extensionRefused(ExtensionRefusal, task: Int, id: Int)

    public var description: String {
        switch self {
        case .unknownTask(let n):
            return "There is no task \(n)."
        case .duplicateTaskNumber(let n):
            return "Task number \(n) is used twice."
        case .unknownUnit(let q, let c):
            return c.isEmpty ? "No unit is called \"\(q)\"."
                : "No unit is called \"\(q)\"; did you mean: \(c.joined(separator: ", "))?"
        case .ambiguousUnit(let q, let c):
            return "\"\(q)\" could be several units: \(c.joined(separator: ", "))."
        case .duplicateUnit(let u):
            return "Unit \(u) is listed twice."
        case .lastLead(let t, let u):
            return "\(u) is the only lead unit of task \(t); make another unit lead first."
        case .unknownMilestone(let t, let id):
            return "Task \(t) has no milestone \(id)."
        case .emptyTitle:
            return "The title must not be empty."
        case .invalidDate(let s):
            return "\"\(s)\" is not a real date in the form YYYY-MM-DD."
        case .unchanged(let why):
            return why
        case .conflict(let c):
            return c.description
        case let .noRole(t, u):
            return "\(u) has no role on task \(t); only its lead and cooperating units can report or own a milestone there."
        case let .futureDate(d, today):
            return "\(d) is after today (\(today)); a completion or report date cannot be in the future."
        case let .tooLong(field, limit, length):
            return "The \(field.label) is \(length) characters long; the limit is \(limit)."
        case let .unitNameTaken(n, by):
            return "The name \"\(n)\" already belongs to \(by); choose another."
        case let .unitInUse(u):
            return "\(u) still has roles, milestones or reports; it cannot be removed."
        case let .retiredTask(n):
            return "Task \(n) is retired; restore it first."
        case let .flowRefused(r):
            return FlowText.refusal(r, chinese: true) + " " + FlowText.refusal(r, chinese: false)
        case let .extensionRefused(r, t, id):
            return ExtensionText.refusal(r, task: t, id: id, chinese: true) + " " + ExtensionText.refusal(r, task: t, id: id, chinese: false)
        }
    }
}

extension Conflict: CustomStringConvertible {
    /// "Task 3, milestone “一季度检查” was changed by someone else since you read it: title is
    /// now “X”, due is now 2027-04-30. Nothing was saved."
    public var description: String {
        let what: String
        switch item {
        case let .role(u): what = "the role of \(u)"
        case let .milestone(id, title): what = "milestone #\(id) “\(title)”"
        case .followUp: what = "the follow-up person"
        case .notes: what = "the notes"
        case let .progress(id): what = "progress report #\(id)"
        case .title: what = "the title"
        case .task: what = "the task"
        case let .unit(name): what = "unit \(name)"
        case let .flow(u): what = "the workflow state of \(u)"
        }
        let tail = changeList.isEmpty ? "" : ": " + changeList
        return "Task \(task), \(what) was changed by someone else since you read it\(tail). Nothing was saved."
    }

    /// The changed fields as they are now: "title is now “X”, due is now 2027-04-30".
    public var changeList: String {
        changes.map { c -> String in
            switch c {
            case let .milestone(.title(t)): return "title is now “\(t)”"
            case let .milestone(.due(d)): return "due is now \(d?.description ?? "none")"
            case let .milestone(.done(done, day)):
                return done ? "it is now done (\(day?.description ?? "no date"))" : "it is now open"
            case let .milestone(.owner(o)): return "owner is now \(o ?? "none")"
            case let .milestone(.originalDue(d)): return "the original due date is now \(d?.description ?? "none")"
            case let .milestone(.extensionRequest(r)): return "the extension request is now \(r?.status ?? "none")"
            case let .role(r): return "role is now \(r?.rawValue ?? "none")"
            case let .followUp(p): return "follow-up is now \(p ?? "nobody")"
            case let .notes(n): return "notes are now “\(n.prefix(40))”"
            case let .progress(r): return "it now reads “\(r.progress.prefix(40))”"
            case let .title(t): return "title is now “\(t.prefix(40))”"
            case let .retired(r): return r ? "it is now retired" : "it is back in the plan"
            case let .unit(u): return "it is now \(u.name) (\(u.short), \(u.abbr))"
            case let .flow(f): return f.map { "it is now \($0.state.rawValue)" } ?? "the unit has no role now"
            case .removed: return "it was removed"
            }
        }.joined(separator: ", ")
    }
}
