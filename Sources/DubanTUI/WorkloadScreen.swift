import DubanCanvas
import DubanCore

/// Workload: every unit's lead, cooperating and overdue counts with bars, most leads first.
/// A screen that lives in this file: its rows (computed when it opens and when the plan
/// changes), a `Viewport` over its lines (legend, header, one per unit: counted, never built
/// to clamp), its keys and its drawing (a `Table` per row, then the bars).
struct WorkloadScreen: ScreenComponent {
    var loads: [Supervision.UnitLoad] = []
    /// The most tasks of any unit (the bars' scale).
    var widest = 1
    var viewport = Viewport()
    var kind: ViewKind { .workload }

    /// Title row above, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 4) }

    mutating func refresh(_ app: AppState) {
        let order = Dictionary(app.plan.units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        loads = Supervision.workload(app.plan, today: app.options.today).sorted {
            ($0.lead, $0.cooperating, -(order[$0.unit.name] ?? 0)) > ($1.lead, $1.cooperating, -(order[$1.unit.name] ?? 0))
        }
        widest = max(1, loads.map { $0.lead + $0.cooperating }.max() ?? 1)
    }

    /// The legend, the column header and a line per unit.
    var lineCount: Int { 2 + loads.count }

    mutating func layout(_ app: AppState) {
        viewport.resize(visible: Self.bodyRows(height: app.height), count: lineCount)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if viewport.handleScroll(c) { return [] }
        switch c {
        case .showOverdue: app.openOverMatrix(OverdueScreen())
        case .showRanking: app.openOverMatrix(RankingScreen())
        case .back: Reducer.back(&app)
        default: break
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let sup = r.s.sup
        r.page(title: sup.f(sup.workloadTitle, r.state.options.today.description), viewport,
               bodyRows: Self.bodyRows(height: r.h)) { r, li, row in r.line(line(li, r), row: row, col: 1, selected: false) }
    }

    /// Line `i`: the legend, the header, or unit `i - 2` (only the lines shown are built).
    func line(_ i: Int, _ r: Renderer) -> Line {
        let sup = r.s.sup
        let options = r.state.options
        let (leadBar, coopBar) = (options.glyphs.leadBar, options.glyphs.coopBar)
        let threshold = options.settings.overloadThreshold
        if i == 0 { return Line([Span(sup.f(sup.workloadLegend, leadBar, coopBar, threshold), .dim)]) }
        // Abbreviation, short name, lead, cooperating, overdue; the bars after two blanks.
        let table = Table([.init(.fixed(5)), .init(.fixed(13), gap: 0), .init(.fixed(5), .right),
                           .init(.fixed(5), .right, gap: 0), .init(.fixed(5), .right, gap: 0)],
                          total: 0, ellipsis: r.ellipsis)
        if i == 1 {
            let header = [sup.columnUnit, "", sup.columnLead, sup.columnCooperating, sup.columnOverdue]
            return Line(table.spans(header.map { ($0, .dim) }, gap: .dim) + [Span("  ", .dim)])
        }
        let l = loads[i - 2]
        let barRoom = max(0, r.w - 2 - (table.totalWidth + 2) - 1)
        let cells = [l.unit.abbr.clean, l.unit.short.clean, String(l.lead) + (l.lead > threshold ? "*" : " "),
                     String(l.cooperating) + " ", l.overdue > 0 ? String(l.overdue) + " " : "- "]
        // Each part on the same scale, so equal counts always draw equal bars.
        let leadCells = min(barRoom, SupervisionContent.barCells(l.lead, room: barRoom, widest: widest))
        let coopCells = min(barRoom - leadCells, SupervisionContent.barCells(l.cooperating, room: barRoom, widest: widest))
        return Line(table.spans(cells.map { ($0, .plain) }) + [Span("  "),
                    Span(String(repeating: leadBar, count: leadCells), .lead),
                    Span(String(repeating: coopBar, count: coopCells), .cooperating)])
    }
}

extension SupervisionContent {
    /// Bar cells for `n` tasks when `widest` tasks fill `room` cells: rounded to the
    /// nearest cell, at least one for any task.
    static func barCells(_ n: Int, room: Int, widest: Int) -> Int {
        guard n > 0, room > 0 else { return 0 }
        return max(1, (2 * n * room + widest) / (2 * max(1, widest)))
    }
}
