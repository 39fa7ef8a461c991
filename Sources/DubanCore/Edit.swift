/// One change to the plan: what the TUI and the CLI ask for and what the store records.
/// Every edit touches exactly one task.
public enum Edit: Hashable, Sendable {
    /// Gives `unit` the role on task `task`, or removes its role (nil). `position` restores
    /// the unit's place in the task's ordered list (used by undo).
    case assign(task: Int, unit: String, role: Role?, position: Int? = nil)
    /// Adds a milestone; id 0 lets the plan or store pick the next id.
    case addMilestone(task: Int, milestone: Milestone)
    /// Replaces the milestone with the same id (title, due, done, completed, owner).
    case updateMilestone(task: Int, milestone: Milestone)
    case removeMilestone(task: Int, id: Int)
    case setFollowUp(task: Int, person: String?)
    case setNotes(task: Int, notes: String)

    public var taskNumber: Int {
        switch self {
        case let .assign(t, _, _, _), let .addMilestone(t, _), let .updateMilestone(t, _),
             let .removeMilestone(t, _), let .setFollowUp(t, _), let .setNotes(t, _):
            return t
        }
    }

    /// Short machine-readable name of the kind of edit, for the audit log.
    public var action: String {
        switch self {
        case .assign: return "assign"
        case .addMilestone: return "milestone.add"
        case .updateMilestone: return "milestone.update"
        case .removeMilestone: return "milestone.remove"
        case .setFollowUp: return "followup"
        case .setNotes: return "notes"
        }
    }
}
