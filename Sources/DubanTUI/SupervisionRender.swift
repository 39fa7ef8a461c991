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
            var head = Line([Span("  " + r.date.description + "  ", .bold), Span(unit.clean, .lead)])
            head.progress = r.id
            out.append(head)
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

    /// The workload or ranking screen's lines (below the heading row).
    static func lines(_ state: AppState, width: Int) -> [Line] {
        state.top == .ranking ? rankingLines(state, width: width) : workloadLines(state, width: width)
    }

    static func workloadLines(_ state: AppState, width: Int) -> [Line] {
        let sup = state.strings.sup
        let ascii = state.options.ascii
        let loads = state.supervision.loads
        let (leadBar, coopBar) = (state.options.glyphs.leadBar, state.options.glyphs.coopBar)
        let threshold = state.options.settings.overloadThreshold
        var out = [Line([Span(sup.f(sup.workloadLegend, leadBar, coopBar, threshold), .dim)])]
        let nameW = 14
        func row(_ abbr: String, _ name: String, _ l: String, _ c: String, _ o: String) -> String {
            " " + TextWidth.pad(abbr, to: 5) + TextWidth.pad(TextWidth.truncate(name, to: nameW - 1, ellipsis: state.options.glyphs.ellipsis), to: nameW)
                + TextWidth.padLeft(l, to: 5) + TextWidth.padLeft(c, to: 5) + TextWidth.padLeft(o, to: 5) + "  "
        }
        let head = row(sup.columnUnit, "", sup.columnLead, sup.columnCooperating, sup.columnOverdue)
        out.append(Line([Span(head, .dim)]))
        let widest = max(1, loads.map { $0.lead + $0.cooperating }.max() ?? 1)
        let barRoom = max(0, width - 2 - TextWidth.width(head) - 1)
        for l in loads {
            let text = row(l.unit.abbr.clean, l.unit.short.clean, String(l.lead) + (l.lead > threshold ? "*" : " "),
                           String(l.cooperating) + " ", l.overdue > 0 ? String(l.overdue) + " " : "- ")
            // Each part on the same scale, so equal counts always draw equal bars.
            let leadCells = min(barRoom, barCells(l.lead, room: barRoom, widest: widest))
            let coopCells = min(barRoom - leadCells, barCells(l.cooperating, room: barRoom, widest: widest))
            out.append(Line([Span(text),
                             Span(String(repeating: leadBar, count: leadCells), .lead),
                             Span(String(repeating: coopBar, count: coopCells), .cooperating)]))
        }
        return out
    }

    /// Bar cells for `n` tasks when `widest` tasks fill `room` cells: rounded to the
    /// nearest cell, at least one for any task.
    static func barCells(_ n: Int, room: Int, widest: Int) -> Int {
        guard n > 0, room > 0 else { return 0 }
        return max(1, (2 * n * room + widest) / (2 * max(1, widest)))
    }

    static func rankingLines(_ state: AppState, width: Int) -> [Line] {
        let sup = state.strings.sup
        var out: [Line] = []
        let rules = Supervision.rulesText(state.options.settings, chinese: sup.chinese)
        for l in Text.wrap(rules.clean, width: max(1, width - 3)) { out.append(Line([Span(l, .dim)])) }
        out.append(.blank)
        let scores = state.supervision.scores
        if scores.isEmpty {
            out.append(Line([Span(sup.rankingNone, .dim)]))
            return out
        }
        let cols = [sup.columnRank, sup.columnUnit, sup.columnScore, sup.columnOverdue, sup.columnSilent, sup.columnLed]
        let widths = cols.enumerated().map { i, c in max(TextWidth.width(c), [4, 16, 5, 5, 6, 6][i]) }
        func row(_ v: [String]) -> String {
            zip(v, widths).enumerated().map { i, p in
                i == 1 ? TextWidth.pad(TextWidth.truncate(p.0, to: p.1, ellipsis: state.options.glyphs.ellipsis), to: p.1)
                       : TextWidth.padLeft(p.0, to: p.1)
            }.joined(separator: "  ")
        }
        out.append(Line([Span(row(cols), .dim)]))
        for sc in scores {
            let kind: Span.Kind = sc.score < 100 - state.options.settings.overduePenalty * 2 ? .late : sc.score < 100 ? .open : .plain
            let text = row([String(sc.rank), sc.unit.short.clean, String(sc.score), String(sc.overdueMilestones),
                            String(sc.silentTaskMonths), String(sc.ledTasks)])
            out.append(Line([Span(text, kind)]))
        }
        return out
    }
}

extension Renderer {
    // MARK: Unit view: overdue count

    mutating func unitOverdue(_ uv: UnitViewState, col: Int) {
        var late = 0
        for n in uv.leads {
            guard let t = state.plan.task(number: n) else { continue }
            late += t.milestones.filter { !$0.isDone && ($0.due.map { $0 < state.options.today } ?? false) }.count
        }
        let text = "  " + s.sup.f(s.sup.unitOverdue, late)
        grid.put(fit(text, max(0, w - 1 - col)), row: 2, col: col, style: late > 0 ? theme.span(.late) : theme.dim)
    }

    // MARK: 督办清单

    mutating func overdueScreen() {
        let sup = s.sup
        let sv = state.supervision
        let items = sv.overdue
        let late = items.filter { $0.light == .overdue }.count
        grid.put(fit(sup.f(sup.overdueTitle, items.count, late, items.count - late, state.options.today.description), w - 2),
                 row: 1, col: 1, style: theme.heading)
        let visible = Layout.bodyRows(.overdue, height: h)
        let off = Layout.follow(sv.selected, offset: sv.offset, visible: visible, count: items.count)
        if items.isEmpty {
            grid.put(fit(sup.overdueNone, w - 2), row: 3, col: 1, style: theme.dim)
            return
        }
        scrollIndicator(row: 1, offset: off, visible: visible, count: items.count)
        let nw = max(TextWidth.width(sup.columnTask), String(items.map(\.task).max() ?? 0).count)
        let dayTexts = items.map { Lights.days($0.daysLate, sup) }
        let daysW = max(TextWidth.width(sup.columnDays), dayTexts.map { TextWidth.width($0) }.max() ?? 0)
        let abbrs = items.map { $0.leads.map { state.plan.unit(named: $0)?.abbr ?? $0 }.joined(separator: ascii ? "," : "、").clean }
        let leadsW = min(14, max(TextWidth.width(sup.columnLeads), abbrs.map { TextWidth.width($0) }.max() ?? 0))
        func cols(_ light: String, _ n: String, _ due: String, _ days: String, _ leads: String) -> String {
            light + " " + TextWidth.padLeft(n, to: nw) + "  " + TextWidth.pad(due, to: 10) + "  "
                + TextWidth.pad(days, to: daysW) + "  " + TextWidth.pad(fit(leads, leadsW), to: leadsW) + "  "
        }
        grid.put(fit(" " + cols(" ", sup.columnTask, sup.columnDue, sup.columnDays, sup.columnLeads) + sup.columnMilestone, w - 2),
                 row: 2, col: 1, style: theme.dim)
        for i in 0..<visible {
            let k = off + i
            guard k < items.count, 3 + i < h - 2 else { break }
            let it = items[k]
            let kind = Lights.kind(it.light)
            let head = cols(Lights.glyph(it.light, state.options.glyphs), String(it.task), it.milestone.due?.description ?? "",
                            dayTexts[k], abbrs[k])
            line(Line([Span(String(head.prefix(1)), kind), Span(String(head.dropFirst()), kind == .late ? .bold : .plain),
                       Span(cleanHead(it.milestone.title))]), row: 3 + i, col: 2, selected: k == sv.selected)
        }
    }

    // MARK: Workload and ranking

    mutating func supervisionTextScreen() {
        let sup = s.sup
        let title = state.top == .ranking ? sup.rankingTitle : sup.workloadTitle
        grid.put(fit(sup.f(title, state.options.today.description), w - 2), row: 1, col: 1, style: theme.heading)
        let lines = SupervisionContent.lines(state, width: w)
        let visible = Layout.bodyRows(state.top, height: h)
        let off = Layout.clampScroll(state.supervision.offset, visible: visible, count: lines.count)
        scrollIndicator(row: 1, offset: off, visible: visible, count: lines.count)
        for i in 0..<visible {
            guard off + i < lines.count, 2 + i < h - 2 else { break }
            line(lines[off + i], row: 2 + i, col: 1, selected: false)
        }
    }

}
