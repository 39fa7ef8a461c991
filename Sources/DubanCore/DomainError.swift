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
    /// A text longer than its limit (`Limits`); `length` and `limit` in characters (Unicode scalars).
    case tooLong(field: Limits.Field, limit: Int, length: Int)

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
        case let .tooLong(field, limit, length):
            return "The \(field.label) is \(length) characters long; the limit is \(limit)."
        }
    }
}
