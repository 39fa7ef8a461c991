import DubanCanvas
import DubanCore

/// Keys of the supervision screens and of the progress form; called from `Reducer`.
enum SupervisionReducer {
    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { max(lo, min(hi, v)) }

    // MARK: Opening the screens (one scan of the plan each)

    static func open(_ s: inout AppState, _ view: ViewKind) {
        s.popToMatrix()
        s.push(SupervisionScreen(kind: view))
        refresh(&s)
    }

    /// Recomputes the rows of whichever supervision screen is open (after opening, an edit or a reload).
    static func refresh(_ s: inout AppState) {
        let o = s.options
        if s.stack.contains(.overdue) {
            s.supervision.overdue = Supervision.overdueList(s.plan, today: o.today, warningDays: o.settings.warningDays)
        }
        if s.stack.contains(.workload) {
            let order = Dictionary(s.plan.units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            s.supervision.loads = Supervision.workload(s.plan, today: o.today).sorted {
                ($0.lead, $0.cooperating, -(order[$0.unit.name] ?? 0)) > ($1.lead, $1.cooperating, -(order[$1.unit.name] ?? 0))
            }
        }
        if s.stack.contains(.ranking) {
            s.supervision.scores = Supervision.scores(s.plan, today: o.today, settings: o.settings)
        }
        reclamp(&s)
    }

    static func reclamp(_ s: inout AppState) {
        var sv = s.supervision
        switch s.top {
        case .overdue:
            let n = sv.overdue.count
            sv.selected = clamp(sv.selected, 0, n - 1)
            sv.offset = Layout.follow(sv.selected, offset: sv.offset, visible: Layout.bodyRows(.overdue, height: s.height), count: n)
        case .workload, .ranking:
            let count = SupervisionContent.lines(s, width: s.width).count
            sv.offset = Layout.clampScroll(sv.offset, visible: Layout.bodyRows(s.top, height: s.height), count: count)
        default:
            return
        }
        s.supervision = sv
    }

    // MARK: Screen keys

    static func command(_ s: inout AppState, _ c: Command) -> [Effect] {
        switch c {
        case .showOverdue: open(&s, .overdue)
        case .showWorkload: open(&s, .workload)
        case .showRanking: open(&s, .ranking)
        case .back: Reducer.back(&s)
        case .openTask:
            guard s.top == .overdue, s.supervision.overdue.indices.contains(s.supervision.selected) else { return [] }
            return Reducer.openTask(&s, s.supervision.overdue[s.supervision.selected].task)
        default:
            let page = Layout.bodyRows(s.top, height: s.height)
            if s.top == .overdue {
                if let i = Reducer.listMove(c, selected: s.supervision.selected, count: s.supervision.overdue.count, page: page) {
                    s.supervision.selected = i
                }
            } else {
                switch c {
                case .scrollUp: s.supervision.offset -= 1
                case .scrollDown: s.supervision.offset += 1
                case .pageUp: s.supervision.offset -= page
                case .pageDown: s.supervision.offset += page
                case .scrollTop: s.supervision.offset = 0
                case .scrollBottom: s.supervision.offset = Int.max / 2
                default: break
                }
            }
            reclamp(&s)
        }
        return []
    }

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
                let dues = late.map { String($0.description.dropFirst(5)) }.joined(separator: str.isChinese ? "、" : ", ")
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
