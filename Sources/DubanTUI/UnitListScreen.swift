import DubanCanvas
import DubanCore

/// The unit list: every unit (column) with its lead and cooperating counts; Enter opens the
/// unit. A screen that lives in this file (state, layout, keys, drawing).
public struct UnitListState: Equatable, Sendable {
    /// Index into plan.units.
    public var selected = 0
    /// Lead / cooperating counts by unit index, computed in one pass when the list opens
    /// (and again after assignments change).
    public var counts: [Counts]?
    public struct Counts: Equatable, Sendable {
        public var lead = 0
        public var cooperating = 0
    }
    public init() {}
}

struct UnitListScreen: ScreenComponent {
    var list: UnitListState
    var viewport = Viewport()
    var kind: ViewKind { .unitList }

    /// The screen row of the first unit (title and column header above it).
    static let firstRow = 3
    /// Title and column header above, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 5) }

    mutating func layout(_ app: AppState) {
        let n = app.plan.units.count
        list.selected = max(0, min(list.selected, n - 1))
        viewport.resize(visible: Self.bodyRows(height: app.height), count: n)
        viewport.follow(list.selected)
    }

    /// The counts again, after an edit or a reload.
    mutating func refresh(_ app: AppState) { list.counts = Scan.unitCounts(app.plan) }

    func matrixColumn(_ app: AppState) -> Int? {
        app.plan.units.indices.contains(list.selected) ? list.selected : nil
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        let n = app.plan.units.count
        if let i = Reducer.listMove(c, selected: list.selected, count: n, page: viewport.visible) {
            list.selected = i
            viewport.follow(i)
            return []
        }
        // What follows opens or leaves screens from the app's copy of this one.
        app.updateTopScreen(UnitListScreen.self) { $0 = self }
        switch c {
        case .openUnit:
            guard app.plan.units.indices.contains(list.selected) else { return [] }
            Reducer.openUnit(&app, app.plan.units[list.selected].name)
        case .showMatrix: Reducer.showMatrix(&app)
        case .back: Reducer.back(&app)
        default: return EditCommands.units(&app, c)
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let s = r.s, w = r.w
        let units = r.state.plan.units
        r.grid.put(r.fit(s.f(s.unitListTitle, units.count), w - 2), row: 1, col: 1, style: r.theme.heading)
        let abbrW = max(6, TextWidth.width(s.columnAbbr) + 2)
        let numW = max(6, TextWidth.width(s.columnLead) + 2, TextWidth.width(s.columnCooperating) + 2)
        let memberW = max(4, TextWidth.width(s.columnMember))
        let nameW = max(8, min(36, w - 4 - abbrW - 2 * numW - memberW - 2))
        // Name, abbreviation, lead and cooperating counts, member mark.
        let table = Table([.init(.fixed(nameW), gap: 2), .init(.fixed(abbrW), gap: 2), .init(.fixed(numW), .right, gap: 0),
                           .init(.fixed(numW), .right, gap: 0), .init(.fixed(memberW), gap: 2)],
                          total: w - 2, ellipsis: r.ellipsis)
        let header = [s.columnUnit, s.columnAbbr, s.columnLead, s.columnCooperating, s.columnMember]
        r.line(table.line(header.map { ($0, .heading) }, gap: .heading), row: 2, col: 1, selected: false)
        r.scrollIndicator(row: 1, offset: viewport.offset, visible: viewport.visible, count: units.count)
        for (i, ui) in viewport.lines.prefix(Self.bodyRows(height: r.h)).enumerated() where ui < units.count {
            let u = units[ui]
            let counts = list.counts.flatMap { $0.indices.contains(ui) ? $0[ui] : nil }
            let cells = [r.cleanHead(u.name), r.cleanHead(u.abbr), counts.map { String($0.lead) } ?? "",
                         counts.map { String($0.cooperating) } ?? "", r.state.plan.isMember(u.name) ? r.memberMark : ""]
            r.line(table.line(cells.map { ($0, .plain) }), row: Self.firstRow + i, col: 1, selected: ui == list.selected)
        }
    }
}
