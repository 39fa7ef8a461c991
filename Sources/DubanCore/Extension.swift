// 延期申请: a lead unit asks, before a milestone is due, to move its due date; the office
// approves (the due date moves, the original is kept) or rejects (the date stays).

/// A request to move a milestone's due date, and the office's decision once there is one.
public struct ExtensionRequest: Hashable, Sendable, Codable {
    public enum Decision: Hashable, Sendable, Codable {
        case approved(on: Day)
        case rejected(on: Day, reason: String)
    }

    /// Full name of the lead unit that asked.
    public var unit: String
    /// The due date asked for.
    public var to: Day
    public var reason: String
    /// The day it was asked.
    public var asked: Day
    /// The due date when it was asked.
    public var from: Day
    /// nil while pending.
    public var decision: Decision?

    public init(unit: String, to: Day, reason: String, asked: Day, from: Day, decision: Decision? = nil) {
        self.unit = unit
        self.to = to
        self.reason = reason
        self.asked = asked
        self.from = from
        self.decision = decision
    }

    public var isPending: Bool { decision == nil }

    /// "pending", "approved" or "rejected".
    public var status: String {
        switch decision {
        case nil: return "pending"
        case .approved?: return "approved"
        case .rejected?: return "rejected"
        }
    }
}

/// Why an extension step is refused.
public enum ExtensionRefusal: Hashable, Sendable, Error {
    /// Only a lead unit of the task asks.
    case notLead(String)
    /// The milestone is done, or has no due date.
    case notOpen
    /// Asked after the due date.
    case tooLate(due: Day)
    /// The new date is not after the due date.
    case notLater(due: Day)
    /// A request is pending already.
    case pending
    /// Nothing is pending to decide.
    case nothingPending
    case noReason
}

extension Milestone {
    /// True when an approved extension moved the due date.
    public var isExtended: Bool { originalDue != nil }
}

public enum ExtensionText {
    public static func refusal(_ r: ExtensionRefusal, task: Int, id: Int, chinese: Bool) -> String {
        switch r {
        case let .notLead(u):
            return chinese ? "只有牵头单位才能申请延期，\(u)不是任务\(task)的牵头单位。"
                : "Only a lead unit asks for an extension; \(u) does not lead task \(task)."
        case .notOpen:
            return chinese ? "时间节点 \(id) 已完成或没有完成时限，无需延期。" : "Milestone \(id) is done or has no due date; there is nothing to extend."
        case let .tooLate(due):
            return chinese ? "延期须在到期（\(due)）前申请。" : "An extension is asked before the due date (\(due))."
        case let .notLater(due):
            return chinese ? "新的完成时限须晚于原定的 \(due)。" : "The new date must be after the due date \(due)."
        case .pending:
            return chinese ? "时间节点 \(id) 已有待审批的延期申请。" : "Milestone \(id) has an extension request waiting already."
        case .nothingPending:
            return chinese ? "时间节点 \(id) 没有待审批的延期申请。" : "Milestone \(id) has no extension request waiting."
        case .noReason:
            return chinese ? "请说明理由（--reason）。" : "Give a reason (--reason)."
        }
    }

    /// "已延期（原定 2027-03-31，2027-03-20 批准）" / "extended (was due 2027-03-31, approved 2027-03-20)".
    public static func extended(_ m: Milestone, chinese: Bool) -> String? {
        guard let original = m.originalDue else { return nil }
        var on: Day?
        if case let .approved(d)? = m.extensionRequest?.decision { on = d }
        if chinese { return "已延期（原定 \(original)" + (on.map { "，\($0) 批准" } ?? "") + "）" }
        return "extended (was due \(original)" + (on.map { ", approved \($0)" } ?? "") + ")"
    }
}
