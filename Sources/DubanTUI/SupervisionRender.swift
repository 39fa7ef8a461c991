import DubanCanvas
import DubanCore

/// Text of the supervision screens and sections, as lines for a width.
enum SupervisionContent {
    static func legend(_ state: AppState) -> Line {
        let sup = state.strings.sup
        return Line([Span(sup.f(sup.legend, state.options.settings.warningDays), .dim)])
    }

    /// The task view's progress reports (进展报送), newest first.
    static func progressLines(_ state: AppState, task: Task, width w: Int) -> [Line] {
        let sup = state.strings.sup
        let heading = Span(sup.f(sup.progressHeading, task.progress.count), .heading)
        if task.progress.isEmpty {
            // One line when there is nothing yet: the screen keeps room for notes and history.
            let key = KeyMap.keyName(.addProgress, in: .task, ascii: state.options.glyphs.asciiKeyNames)
            return [Line([heading, Span("  " + sup.f(sup.progressNone, key), .dim)])]
        }
        var out = [Line([heading])]
        let labels = [sup.progressLabel, sup.problemsLabel, sup.nextLabel]
        let labelW = (labels.map { TextWidth.width($0) }.max() ?? 0) + 2
        let reports = task.progress.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
        for r in reports {
            let unit = state.plan.unit(named: r.unit)?.short ?? r.unit
            out.append(Line([Span("  " + r.date.description + "  ", .bold), Span(unit.clean, .lead)]))
            for (label, text) in zip(labels, [r.progress, r.problems, r.next]) {
                // A part over its limit (an old file) shows only as much as the limit allows.
                let (head, cut) = TextWidth.head(text, maxScalars: Limits.reportField)
                let paragraphs = (head + (cut ? "…" : "")).replacingOccurrences(of: "\r\n", with: "\n")
                    .split(separator: "\n", omittingEmptySubsequences: true).map { String($0).clean }
                guard !paragraphs.isEmpty else { continue }
                var first = true
                for p in paragraphs {
                    for l in Text.wrap(p, width: max(1, w - 4 - labelW)) {
                        out.append(Line([Span("    " + TextWidth.pad(first ? label : "", to: labelW), .label), Span(l)]))
                        first = false
                    }
                }
            }
        }
        return out
    }
}

extension Renderer {
    // MARK: Progress form

    mutating func progressDialog(_ form: ProgressForm) {
        let sup = s.sup
        let labels = [sup.formUnit, sup.formDate, sup.progressLabel, sup.problemsLabel, sup.nextLabel]
        let fields = ProgressForm.Field.allCases.map { f in
            f == .date ? FormView.Field(labels[f.rawValue], form[f], width: 12, hint: dateHint(form[f].text, usual: sup.formDateHint))
                       : FormView.Field(labels[f.rawValue], form[f])
        }
        self.form(FormView(title: sup.f(sup.formTitle, form.task), fields: fields, focus: form.focus.rawValue,
                           error: form.error, maxWidth: 72))
    }
}
