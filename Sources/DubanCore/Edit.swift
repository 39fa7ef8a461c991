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
    /// Adds a progress report; id 0 lets the plan or store pick the next id.
    case addProgress(task: Int, report: ProgressReport)
    case removeProgress(task: Int, id: Int)

    public var taskNumber: Int {
        switch self {
        case let .assign(t, _, _, _), let .addMilestone(t, _), let .updateMilestone(t, _),
             let .removeMilestone(t, _), let .setFollowUp(t, _), let .setNotes(t, _),
             let .addProgress(t, _), let .removeProgress(t, _):
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
        case .addProgress: return "progress.add"
        case .removeProgress: return "progress.remove"
        }
    }

    /// The edit as applied: an add with id 0 gets the id the plan or store chose,
    /// read from the inverse edit that `Plan.apply` returned.
    public func withAssignedID(from inverse: Edit) -> Edit {
        switch (self, inverse) {
        case let (.addMilestone(t, m), .removeMilestone(_, id)) where m.id <= 0:
            var m = m
            m.id = id
            return .addMilestone(task: t, milestone: m)
        case let (.addProgress(t, r), .removeProgress(_, id)) where r.id <= 0:
            var r = r
            r.id = id
            return .addProgress(task: t, report: r)
        default:
            return self
        }
    }
}
