import DubanCanvas
import DubanCore

/// The task view's progress form and quarterly milestones (the supervision screens live in
/// OverdueScreen.swift, WorkloadScreen.swift and RankingScreen.swift).
enum SupervisionReducer {
    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { max(lo, min(hi, v)) }

    // MARK: Task view: progress form and quarterly milestones

    /// The quarterly milestones of `year` for a task, in one batch (one undo step); asks
    /// first when some are already past due.
    static func addQuarterly(_ s: inout AppState, task number: Int, year: Int) -> [Effect] {
        guard !s.readOnly else { return Reducer.readOnly(&s) }
        let sup = s.strings.sup
        guard let t = s.plan.task(number: number) else {
            s.status = StatusMessage(s.strings.f(s.strings.taskGone, number), .error)
            return []
        }
        do {
            let edits = try Supervision.quarterlyEdits(plan: s.plan, year: year, tasks: [t.number])
            guard !edits.isEmpty else {
                s.status = StatusMessage(sup.f(sup.quarterlyPresent, year, t.number))
                return []
            }
            // In the last months of a year some nodes are already past due: ask first.
            let late = edits.compactMap { e -> Day? in
                if case let .addMilestone(_, m) = e, let d = m.due, d < s.options.today { return d }
                return nil
            }
            if !late.isEmpty {
                let str = s.strings
                let dues = late.map { String($0.description.dropFirst(5)) }.joined(separator: str.listSeparator)
                s.push(EditForms.confirmQuarterly(s, question: str.f(str.quarterlyPastDue, year, t.number, late.count, dues), edits: edits))
                return []
            }
            s.status = StatusMessage(sup.f(sup.quarterlyAdding, edits.count, year, t.number))
            // One transaction and one undo step for the whole template.
            return [.persist(edits, .edit)]
        } catch {
            s.status = StatusMessage(s.strings.describe(error), .error)
            return []
        }
    }
}
