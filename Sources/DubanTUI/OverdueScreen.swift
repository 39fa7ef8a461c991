import DubanCanvas
import DubanCore

/// 督办清单: open milestones past due or due soon, most late first, as a `Table`; Enter opens
/// the task. A screen that lives in this file: its rows (computed when it opens and when the
/// plan changes, never per frame), its selection and `Viewport`, its keys and its drawing.
struct OverdueScreen: ScreenComponent {
    var items: [Supervision.OverdueItem] = []
    /// Per item, as drawn: days late or left in words, and the lead units' abbreviations.
    var days: [String] = []
    var leads: [String] = []
    var selected = 0
    var viewport = Viewport()
    var kind: ViewKind { .overdue }

    /// The screen row of the first item (a click's row is counted from it).
    static let firstRow = 3
    /// Title and column header above, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 5) }

    mutating func refresh(_ app: AppState) {
        let o = app.options
        items = Supervision.overdueList(app.plan, today: o.today, warningDays: o.settings.warningDays)
        let sup = app.strings.sup
        days = items.map { Lights.days($0.daysLate, sup) }
        leads = items.map { $0.leads.map { app.plan.unit(named: $0)?.abbr ?? $0 }.joined(separator: o.ascii ? "," : "、").clean }
    }

    mutating func layout(_ app: AppState) {
        selected = max(0, min(selected, items.count - 1))
        viewport.resize(visible: Self.bodyRows(height: app.height), count: items.count)
        viewport.follow(selected)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if let i = Reducer.listMove(c, selected: selected, count: items.count, page: viewport.visible) {
            selected = i
            layout(app)
            return []
        }
        switch c {
        case .openTask:
            guard items.indices.contains(selected) else { return [] }
            return Reducer.openTask(&app, items[selected].task)
        case .showWorkload: app.openOverMatrix(WorkloadScreen())
        case .showRanking: app.openOverMatrix(RankingScreen())
        case .back: Reducer.back(&app)
        default: break
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let sup = r.s.sup
        let (w, state) = (r.w, r.state)
        let late = items.filter { $0.light == .overdue }.count
        r.grid.put(r.fit(sup.f(sup.overdueTitle, items.count, late, items.count - late, state.options.today.description), w - 2),
                   row: 1, col: 1, style: r.theme.heading)
        if items.isEmpty {
            r.grid.put(r.fit(sup.overdueNone, w - 2), row: 3, col: 1, style: r.theme.dim)
            return
        }
        r.scrollIndicator(row: 1, offset: viewport.offset, visible: viewport.visible, count: items.count)
        let nw = max(TextWidth.width(sup.columnTask), String(items.map(\.task).max() ?? 0).count)
        let daysW = max(TextWidth.width(sup.columnDays), days.map { TextWidth.width($0) }.max() ?? 0)
        let leadsW = min(14, max(TextWidth.width(sup.columnLeads), leads.map { TextWidth.width($0) }.max() ?? 0))
        // Light, task, due, days, leads, milestone; rows start one column in, under the header's light.
        let table = Table([.init(.fixed(1), gap: 0), .init(.fixed(nw), .right), .init(.fixed(10), gap: 2),
                           .init(.fixed(daysW), gap: 2), .init(.fixed(leadsW), gap: 2), .init(.flex(min: 0), gap: 2)],
                          total: w - 3, ellipsis: r.ellipsis)
        let header = table.spans([(" ", .dim), (sup.columnTask, .dim), (sup.columnDue, .dim), (sup.columnDays, .dim),
                                  (sup.columnLeads, .dim), (sup.columnMilestone, .dim)], gap: .dim)
        // The milestone heading as it is: the padding of its column would only draw blanks.
        r.grid.put(r.fit(" " + header.dropLast().map(\.text).joined() + sup.columnMilestone, w - 2), row: 2, col: 1,
                   style: r.theme.dim)
        for (i, k) in viewport.lines.prefix(Self.bodyRows(height: r.h)).enumerated() where k < items.count {
            let it = items[k]
            let light = Lights.kind(it.light)
            let kind: Span.Kind = light == .late ? .bold : .plain
            let cells: [Table.Cell] = [(Lights.glyph(it.light, state.options.glyphs), light), (String(it.task), kind),
                                       (it.milestone.due?.description ?? "", kind), (days[k], kind), (leads[k], kind),
                                       (r.cleanHead(it.milestone.title), .plain)]
            r.line(table.line(cells, gap: kind), row: Self.firstRow + i, col: 2, selected: k == selected)
        }
    }
}
