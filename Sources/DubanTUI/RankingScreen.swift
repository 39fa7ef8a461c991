import DubanCanvas
import DubanCore

/// 考核排名: the assessment rules in words, then the units by score, as a `Table`. A screen
/// that lives in this file: its rows (computed when it opens and when the plan changes), the
/// rules wrapped for the width (at layout), a `Viewport` over its lines (counted, never built
/// to clamp), its keys and its drawing.
struct RankingScreen: ScreenComponent {
    var scores: [Supervision.Score] = []
    /// The rules text wrapped for the width of the last layout.
    var rules: [String] = []
    var viewport = Viewport()
    var kind: ViewKind { .ranking }

    /// Title row above, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 4) }

    mutating func refresh(_ app: AppState) {
        scores = Supervision.scores(app.plan, today: app.options.today, settings: app.options.settings)
    }

    /// The rules, a blank, then the header and a line per unit (or one saying there is none).
    var lineCount: Int { rules.count + 1 + (scores.isEmpty ? 1 : 1 + scores.count) }

    mutating func layout(_ app: AppState) {
        let text = Supervision.rulesText(app.options.settings, chinese: app.strings.sup.chinese)
        rules = Text.wrap(text.clean, width: max(1, app.width - 3))
        viewport.resize(visible: Self.bodyRows(height: app.height), count: lineCount)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if viewport.handleScroll(c) { return [] }
        switch c {
        case .showOverdue: app.openOverMatrix(OverdueScreen())
        case .showWorkload: app.openOverMatrix(WorkloadScreen())
        case .back: Reducer.back(&app)
        default: break
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let sup = r.s.sup
        r.page(title: sup.f(sup.rankingTitle, r.state.options.today.description), viewport,
               bodyRows: Self.bodyRows(height: r.h)) { r, li, row in r.line(line(li, r), row: row, col: 1, selected: false) }
    }

    /// Line `i` (only the lines shown are built).
    func line(_ i: Int, _ r: Renderer) -> Line {
        let sup = r.s.sup
        if i < rules.count { return Line([Span(rules[i], .dim)]) }
        let j = i - rules.count
        if j == 0 { return .blank }
        if scores.isEmpty { return Line([Span(sup.rankingNone, .dim)]) }
        let cols = [sup.columnRank, sup.columnUnit, sup.columnScore, sup.columnOverdue, sup.columnSilent, sup.columnLed]
        let widths = cols.enumerated().map { k, c in max(TextWidth.width(c), [4, 16, 5, 5, 6, 6][k]) }
        let table = Table(widths.enumerated().map { k, w in .init(.fixed(w), k == 1 ? .left : .right, gap: k == 0 ? 0 : 2) },
                          total: r.w - 2, ellipsis: r.ellipsis)
        if j == 1 { return table.line(cols.map { ($0, .dim) }, gap: .dim) }
        let sc = scores[j - 2]
        let penalty = r.state.options.settings.overduePenalty
        let kind: Span.Kind = sc.score < 100 - penalty * 2 ? .late : sc.score < 100 ? .open : .plain
        let cells = [String(sc.rank), sc.unit.short.clean, String(sc.score), String(sc.overdueMilestones),
                     String(sc.silentTaskMonths), String(sc.ledTasks)]
        return table.line(cells.map { ($0, kind) }, gap: kind)
    }
}
