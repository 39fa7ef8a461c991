import DubanCanvas
import DubanCore

/// The task view's progress form and quarterly milestones (the supervision screens live in
/// OverdueScreen.swift, WorkloadScreen.swift and RankingScreen.swift).
enum SupervisionReducer {
    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { max(lo, min(hi, v)) }

    // MARK: Task view: progress form and quarterly milestones

    static func openProgressForm(_ s: inout AppState, _ t: Task) -> [Effect] {
        guard !s.readOnly else { return Reducer.readOnly(&s) }
        let lead = t.leads.first.flatMap { s.plan.unit(named: $0) }
        s.input = .progressForm(ProgressForm(task: t.number, unit: lead?.abbr ?? t.leads.first ?? "", date: s.options.today))
        return []
    }

    static func addQuarterly(_ s: inout AppState, _ t: Task) -> [Effect] {
        guard !s.readOnly else { return Reducer.readOnly(&s) }
        let year = s.options.today.year
        let sup = s.strings.sup
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
                s.input = .confirmQuarterly(task: t.number, year: year, edits: edits)
                s.status = StatusMessage(str.f(str.quarterlyPastDue, year, t.number, late.count, dues), .warning)
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

    static func insert(_ s: inout AppState, _ form: ProgressForm, _ ch: Character) {
        var form = form
        form[form.focus].insert(ch)
        form.error = nil
        s.input = .progressForm(form)
    }

    static func formInput(_ s: inout AppState, _ form: ProgressForm, _ c: Command) -> [Effect] {
        var form = form
        let fields = ProgressForm.Field.allCases
        switch c {
        case .accept:
            if form.focus == .next { return save(&s, form) }
            form.focus = fields[form.focus.rawValue + 1]
            form.error = nil
        case .switchField:
            form.focus = fields[(form.focus.rawValue + 1) % fields.count]
        case .cancel:
            s.input = nil
            s.status = StatusMessage(s.strings.cancelled)
            return []
        default:
            _ = Reducer.editField(&form[form.focus], c)
        }
        s.input = .progressForm(form)
        return []
    }

    /// Validates the form; it stays open (with the reason) until the store has saved the report.
    static func save(_ s: inout AppState, _ form: ProgressForm) -> [Effect] {
        var form = form
        let str = s.strings
        func refuse(_ why: String, _ field: ProgressForm.Field) -> [Effect] {
            form.error = why
            form.focus = field
            s.input = .progressForm(form)
            return []
        }
        let unit: Unit
        do {
            unit = try s.plan.resolveUnit(form[.unit].text)
        } catch {
            return refuse(str.describe(error), .unit)
        }
        let dateText = form[.date].text.trimmingCharacters(in: .whitespaces)
        guard let date = Day.parseInput(dateText, today: s.options.today) else { return refuse(str.describe(DomainError.invalidDate(dateText)), .date) }
        func text(_ f: ProgressForm.Field) -> String { form[f].text.trimmingCharacters(in: .whitespaces) }
        guard !text(.progress).isEmpty else { return refuse(str.sup.progressEmpty, .progress) }
        guard !s.readOnly else {
            s.input = nil
            return Reducer.readOnly(&s)
        }
        guard s.plan.task(number: form.task) != nil else {
            s.input = nil
            s.status = StatusMessage(str.f(str.taskGone, form.task), .error)
            return []
        }
        form.error = nil
        s.input = .progressForm(form)
        let report = ProgressReport(date: date, unit: unit.name, progress: text(.progress),
                                    problems: text(.problems), next: text(.next))
        do {
            try Edit.addProgress(task: form.task, report: report).checkDates(today: s.options.today)
        } catch {
            return refuse(str.describe(error), .date)
        }
        return [.persist([.addProgress(task: form.task, report: report)], .edit)]
    }
}
