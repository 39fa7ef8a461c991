import DubanCanvas
import DubanCore

/// The task × unit matrix: always at the bottom of the stack. A screen that lives in this
/// file: its cursor and scrolling (`MatrixState`, two `Viewport`s), its layout, its keys
/// (movement, pages, roles, opening the task or unit, the search hooks) and its drawing.
/// Other screens and the status line read the cursor through `AppState.matrix`.
public struct MatrixState: Equatable, Sendable {
    /// Visible row: an index into `AppState.matrixRows` (into plan.tasks without a filter).
    public var row = 0
    /// Index into plan.units.
    public var col = 0
    /// Task rows: `visible` is the body rows, `count` the tasks.
    var rows = Viewport()
    /// Unit columns: `visible` is the columns shown whole, `count` the units.
    var columns = Viewport()
    public var rowOffset: Int {
        get { rows.offset }
        set { rows.offset = newValue }
    }
    public var colOffset: Int {
        get { columns.offset }
        set { columns.offset = newValue }
    }
    public init() {}
}

struct MatrixScreen: ScreenComponent {
    var cursor = MatrixState()
    var kind: ViewKind { .matrix }

    /// Title bar, unit header and member marker row above; task title line, cell / message
    /// line and footer below.
    static func bodyRows(height: Int) -> Int {
        max(1, height - MatrixLayout.topRows - MatrixLayout.bottomRows)
    }

    /// Clamps the cursor to the plan and scrolls as little as possible to keep it in view.
    mutating func layout(_ app: AppState) {
        let layout = MatrixLayout(app, width: app.width, height: app.height)
        let rows = app.matrixRowCount, cols = app.plan.units.count
        cursor.row = max(0, min(cursor.row, rows - 1))
        cursor.col = max(0, min(cursor.col, cols - 1))
        cursor.rows.resize(visible: layout.bodyRows, count: rows)
        cursor.rows.follow(cursor.row)
        cursor.columns.resize(visible: layout.fullColumns, count: cols)
        cursor.columns.follow(cursor.col)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        layout(app)   // the size may be new to this screen (a state made for a test, a plan swapped)
        let page = cursor.rows.visible
        switch c {
        case .moveUp: cursor.row -= 1
        case .moveDown: cursor.row += 1
        case .moveLeft: cursor.col -= 1
        case .moveRight: cursor.col += 1
        case .pageUp:
            cursor.row -= page
            cursor.rowOffset -= page
        case .pageDown:
            cursor.row += page
            cursor.rowOffset += page
        case .firstRow: cursor.row = 0
        case .lastRow: cursor.row = app.matrixRowCount - 1
        case .firstColumn: cursor.col = 0
        case .lastColumn: cursor.col = app.plan.units.count - 1
        default:
            // What follows works on the app (opens screens, asks for edits, moves the cursor
            // through `app.matrix`): take its copy of this screen back afterwards.
            let effects = Self.command(c, &app)
            if let me = app.screens.first as? MatrixScreen { self = me }
            return effects
        }
        layout(app)
        return []
    }

    static func command(_ c: Command, _ s: inout AppState) -> [Effect] {
        switch c {
        case .openTask:
            guard let t = s.cursorTask else { return [] }
            return Reducer.openTask(&s, t.number)
        case .makeLead: return assign(&s, .lead)
        case .makeCooperating: return assign(&s, .cooperating)
        case .removeRole: return assign(&s, nil)
        case .search:
            s.push(SearchScreen())
            return []
        case .nextMatch: return jump(&s, by: 1)
        case .previousMatch: return jump(&s, by: -1)
        case .openUnit:
            guard let u = s.cursorUnit else { return [] }
            Reducer.openUnit(&s, u.name)
            return []
        case .showUnitList:
            Reducer.showUnitList(&s)
            return []
        case .showOverdue: s.openOverMatrix(OverdueScreen())
        case .showWorkload: s.openOverMatrix(WorkloadScreen())
        case .showRanking: s.openOverMatrix(RankingScreen())
        case .showFlow:
            guard let t = s.cursorTask else { return [] }
            FlowScreen.open(&s, task: t.number, unit: s.cursorUnit?.name)
        case .showQueue: QueueScreen.open(&s, unit: nil)
        case .quit:
            s.quitting = true
            return [.quit]
        case .gotoTask, .filter, .sort, .clearFilter:
            return Reducer.power(&s, c)
        default:
            return EditCommands.matrix(&s, c)
        }
        return []
    }

    /// L, C, x: checked here against the plan so a refusal is explained at once; the store
    /// checks again when it applies the edit.
    static func assign(_ s: inout AppState, _ role: Role?) -> [Effect] {
        guard let t = s.cursorTask, let u = s.cursorUnit else { return [] }
        guard !s.readOnly else { return Reducer.readOnly(&s) }
        let str = s.strings
        let old = t.role(of: u.name)
        if old == role {
            s.status = StatusMessage(role == nil ? str.f(str.noRoleToRemove, u.name, t.number)
                                     : str.f(str.alreadyRole, u.name, t.number, str.role(role)))
            return []
        }
        if old == .lead, t.leads.count == 1 {
            s.status = StatusMessage(str.describe(DomainError.lastLead(task: t.number, unit: u.name)), .error)
            return []
        }
        return [.persist([.assign(task: t.number, unit: u.name, role: role, expect: .value(old))], .edit)]
    }

    /// n / N: the next or previous match of the last search.
    static func jump(_ s: inout AppState, by delta: Int) -> [Effect] {
        let str = s.strings
        guard var search = s.search else {
            s.status = StatusMessage(str.f(str.noSearch, KeyMap.keyName(.search, in: .matrix, ascii: s.options.glyphs.asciiKeyNames)))
            return []
        }
        guard !search.matches.isEmpty else {
            s.status = StatusMessage(str.f(str.searchNone, search.query), .error)
            return []
        }
        let n = search.matches.count
        let next = search.index + delta
        search.index = (next % n + n) % n
        s.search = search
        goToMatch(&s, wrapped: next < 0 || next >= n)
        return []
    }

    /// Puts the cursor on the current match (a task's row or a unit's column).
    /// Says when the search went past the last match back to the first (or the other way).
    static func goToMatch(_ s: inout AppState, wrapped: Bool = false) {
        guard let search = s.search, search.matches.indices.contains(search.index) else { return }
        switch search.matches[search.index] {
        case .task(let i): if let r = s.matrixRow(ofTaskIndex: i) { s.matrix.row = r }
        case .unit(let i): s.matrix.col = i
        }
        let str = s.strings
        s.status = StatusMessage(str.f(str.searchResult, search.query, search.index + 1, search.matches.count)
                                 + (wrapped ? str.searchWrapped : ""))
    }

    /// Where a new search starts: the first task match below the cursor row, else the first
    /// unit match right of the cursor column, else (wrapping) the first match.
    static func firstMatch(after s: AppState, _ matches: [SearchMatch]) -> (index: Int, wrapped: Bool) {
        for (k, m) in matches.enumerated() {
            switch m {
            case .task(let i): if let r = s.matrixRow(ofTaskIndex: i), r > s.matrix.row { return (k, false) }
            case .unit(let i): if i > s.matrix.col { return (k, false) }
            }
        }
        return (0, true)
    }

    // MARK: Drawing

    /// The cell under the cursor before the message, the ruler at the right; a long warning
    /// may take the task title's line.
    func statusContext(_ r: Renderer) -> StatusContext? {
        let (s, plan) = (r.s, r.state.plan)
        var context = ""
        if let t = r.state.cursorTask, let u = r.state.cursorUnit {
            context = s.f(s.cellContext, r.cleanHead(u.name), r.cleanHead(u.abbr), s.role(t.role(of: u.name)))
            if let f = t.flow(of: u.name), f.state != .assigned || f.since != nil { context += r.g.dot + FlowActions.describe(f, s) }
        }
        // While a large plan loads, the counts are the whole plan's (`countedRows`).
        var ruler = s.f(s.ruler, cursor.row + 1, r.state.countedRows, cursor.col + 1, plan.units.count)
        // The light legend before the ruler when the line has room for all three.
        let legend = SupervisionContent.legend(r.state).spans.map(\.text).joined()
        if TextWidth.width(context) + TextWidth.width(legend) + TextWidth.width(ruler) + 4 <= r.w - 2 {
            ruler = legend + "  " + ruler
        }
        return StatusContext(context: context, ruler: ruler, messageMayWrapAbove: true)
    }

    func render(_ r: inout Renderer) {
        // The task under the cursor, in full, on the line above the status line.
        if let t = r.state.cursorTask {
            r.grid.put(r.fit("\(t.number). " + r.cleanHead(t.title), r.w - 2), row: r.h - 3, col: 1, style: Style(bold: true))
        }
        let plan = r.state.plan
        let (w, h, theme, g, s) = (r.w, r.h, r.theme, r.g, r.s)
        let layout = MatrixLayout(r.state, width: w, height: h)
        let m = cursor
        // Drawn at the offsets the layout left (`render` lays the state out for its size).
        let (ro, co) = (m.rowOffset, m.colOffset)
        let slot = MatrixLayout.slotWidth
        let cellW = MatrixLayout.cellWidth
        // The units of the drawn columns, found by name once per frame and once per row
        // assignment rather than once per cell (`Task.role(of:)` compares names).
        let shown = VisibleUnits(plan.units[min(co, plan.units.count)..<min(co + layout.drawnColumns, plan.units.count)].map(\.name))
        var isMember = [Bool](repeating: false, count: shown.count)
        for name in plan.office.members { if let i = shown.column(of: name) { isMember[i] = true } }

        // Header: column titles, then the member markers with a legend.
        r.grid.put(TextWidth.padLeft("#", to: layout.numberWidth), row: 1, col: 0, style: theme.header)
        let rowCount = r.state.matrixRowCount
        r.grid.put(r.fit(s.f(s.tasksHeader, r.state.countedRows), layout.titleWidth - 1), row: 1, col: layout.titleColumn,
                   style: theme.header)
        let legend = r.fit(r.memberMark + " " + s.memberLegend, layout.separatorColumn - 1)
        r.grid.put(legend, row: 2, col: max(0, layout.separatorColumn - 1 - TextWidth.width(legend)), style: theme.dim)
        r.grid.put(r.separator, row: 1, col: layout.separatorColumn, style: theme.rule)
        r.grid.put(r.separator, row: 2, col: layout.separatorColumn, style: theme.rule)
        for i in 0..<layout.drawnColumns {
            let ci = co + i
            guard ci < plan.units.count else { break }
            let x = layout.gridX + i * slot
            let u = plan.units[ci]
            let member = isMember[i]
            let style = ci == m.col ? theme.crosshair : member ? theme.memberHeader : theme.header
            // Clipped (not truncated) at the screen edge; a wide glyph that does not fit becomes a space.
            r.grid.put(TextWidth.fitClean(u.abbr, to: cellW, pad: true, ellipsis: r.ellipsis), row: 1, col: x,
                       style: style, maxWidth: min(cellW, w - x))
            if member { r.grid.put(r.memberMark, row: 2, col: x + 1, style: theme.marker) }
        }
        // Hidden columns: a mark on the separator for the left, in the last screen column for
        // the right — whenever a column is not shown whole (a clipped partial column counts as
        // hidden), whatever the width; it may cover the clipped end of that column's header.
        if co > 0 { r.grid.put(g.moreLeft, row: 1, col: layout.separatorColumn, style: theme.marker) }
        if co + layout.fullColumns < plan.units.count {
            r.grid.put(g.moreRight, row: 1, col: w - 1, style: theme.marker)
        }

        // Body: only the visible rows and columns are looked at.
        if rowCount == 0 {
            // A filter that leaves nothing says how to clear it.
            let text = r.state.matrixQuery.filters.isEmpty ? s.noTasks
                : s.f(s.filterNone, KeyMap.keyName(.clearFilter, in: .matrix, ascii: g.asciiKeyNames))
            r.grid.put(r.fit(text, w - 2), row: MatrixLayout.topRows, col: 1, style: theme.dim)
        }
        // Rows are visible rows (`AppState.matrixRows`: the filter and sort), mapped to tasks.
        let options = r.state.options
        // Per drawn column, the row's assignment of its unit (an index into `assignments`).
        var cellAssignment = [Int?](repeating: nil, count: shown.count)
        for row in 0..<layout.bodyRows {
            let vr = ro + row
            guard vr < rowCount, let ti = r.state.taskIndex(atMatrixRow: vr) else { break }
            let y = MatrixLayout.topRows + row
            let t = plan.tasks[ti]
            let current = vr == m.row
            let rowStyle = current ? theme.crosshair : Style.plain
            if current { r.grid.fill(row: y, col: 0, count: layout.separatorColumn, style: rowStyle) }
            r.grid.put(TextWidth.padLeft(String(t.number), to: layout.numberWidth), row: y, col: 0,
                       style: current ? rowStyle : theme.header)
            let light = Lights.status(t, options)
            r.grid.put(Lights.glyph(light, g), row: y, col: layout.statusColumn,
                       style: current ? rowStyle : theme.span(Lights.kind(light)))
            r.grid.put(r.fitData(t.title, layout.titleWidth - 1), row: y, col: layout.titleColumn, style: rowStyle)
            r.grid.put(r.separator, row: y, col: layout.separatorColumn, style: theme.rule)
            // The first assignment of each drawn column's unit, as `role(of:)` and `flow(of:)` find it.
            for i in cellAssignment.indices { cellAssignment[i] = nil }
            for (j, a) in t.assignments.enumerated() {
                if let i = shown.column(of: a.unit), cellAssignment[i] == nil { cellAssignment[i] = j }
            }
            for i in 0..<layout.drawnColumns {
                let ci = co + i
                guard ci < plan.units.count else { break }
                let x = layout.gridX + i * slot
                let assignment = cellAssignment[i].map { t.assignments[$0] }
                let role = assignment?.role
                var style = role == .lead ? theme.lead : role == .cooperating ? theme.cooperating : Style.plain
                if current && ci == m.col {
                    style = theme.cursor(style)
                    r.grid.fill(row: y, col: x, count: min(cellW, w - x), style: style)
                }
                let glyph: String
                switch role {
                case .lead?: glyph = r.ascii ? "L" : s.cellLead
                case .cooperating?: glyph = r.ascii ? "C" : s.cellCooperating
                case nil: glyph = ""
                }
                if !glyph.isEmpty { r.grid.put(glyph, row: y, col: x + 1, style: style, maxWidth: min(cellW - 1, w - x - 1)) }
                // The unit's workflow state, one column after the role (FlowActions.swift).
                if let f = assignment?.flow, case let mark = g.flow.mark(f.state), !mark.isEmpty,
                   case let mx = x + 1 + TextWidth.width(glyph), mx < min(x + cellW, w) {
                    r.grid.put(mark, row: y, col: mx, style: style)
                }
            }
        }
    }
}

/// Unit names of the drawn columns, and which column a name belongs to. Names made only of
/// characters that no normalization changes or combines (ASCII and Latin-1, CJK ideographs and
/// punctuation, fullwidth forms: every unit name of the table) are equal exactly when their
/// scalars are, so they are compared by a hash of their scalars and then their bytes; any other
/// name as `String` compares it (canonical equivalence).
struct VisibleUnits {
    let names: [String]
    private let keys: [Key]

    init(_ names: [String]) {
        self.names = names
        keys = names.map(VisibleUnits.key)
    }

    var count: Int { names.count }

    /// The index of the column whose unit is named `name`, or nil.
    func column(of name: String) -> Int? {
        let k = VisibleUnits.key(name)
        for (i, n) in names.enumerated() {
            if k.plain && keys[i].plain {
                if k.hash == keys[i].hash, VisibleUnits.sameBytes(n, name) { return i }
            } else if n == name {
                return i
            }
        }
        return nil
    }

    struct Key {
        var hash: UInt64
        var plain: Bool
    }

    /// FNV-1a over the scalars, and whether every scalar is one normalization leaves alone.
    static func key(_ s: String) -> Key {
        var k = Key(hash: 0xCBF2_9CE4_8422_2325, plain: true)
        for u in s.unicodeScalars {
            let v = u.value
            if !(v < 0x300 || TextWidth.isSimpleWide(v)) { k.plain = false }
            k.hash = (k.hash ^ UInt64(v)) &* 0x100_0000_01B3
        }
        return k
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }
}

/// The matrix: a frozen task column (number, status slot, title), then one 5-column slot
/// per unit (4 for the two-character abbreviation, 1 gap).
struct MatrixLayout {
    static let topRows = 3      // title bar, unit header, member marker row
    static let bottomRows = 3   // task title line, cell / message line, footer
    static let slotWidth = 5
    static let cellWidth = 4

    let width: Int
    let height: Int
    let numberWidth: Int
    let titleWidth: Int

    /// While a large plan loads, the whole plan's count keeps the number column from
    /// widening when the rest comes in.
    init(_ state: AppState, width: Int, height: Int) {
        self.init(plan: state.plan, width: width, height: height, totalTasks: state.countedTasks)
    }

    init(plan: Plan, width: Int, height: Int, totalTasks: Int = 0) {
        self.width = width
        self.height = height
        // Task numbers grow with the row count; the last task's number is a good guess (O(1)).
        let widest = max(plan.tasks.last?.number ?? 0, plan.tasks.count, totalTasks)
        numberWidth = max(2, String(widest).count)
        titleWidth = max(8, min(40, (width - numberWidth - 4) * 3 / 10))
    }

    var statusColumn: Int { numberWidth + 1 }
    var titleColumn: Int { numberWidth + 3 }
    var separatorColumn: Int { titleColumn + titleWidth }
    var gridX: Int { separatorColumn + 1 }
    var bodyRows: Int { MatrixScreen.bodyRows(height: height) }
    /// Unit columns shown whole (the cursor only ever stands on these).
    var fullColumns: Int { max(1, (width - gridX) / MatrixLayout.slotWidth) }
    /// Unit columns drawn: the whole ones, plus a partial one at the right edge when its
    /// role glyph (columns 1–2 of the slot) still fits, so a clipped header never stands
    /// over cells that look empty only because they were cut off.
    var drawnColumns: Int {
        let room = width - gridX
        guard room > 0 else { return 0 }
        return room / MatrixLayout.slotWidth + (room % MatrixLayout.slotWidth >= 3 ? 1 : 0)
    }
}

extension AppState {
    /// The matrix cursor (read by other screens and the status line). Setting it lays the
    /// matrix out at once, so the offsets always show the cursor.
    public var matrix: MatrixState {
        get { (screens.first as? MatrixScreen)?.cursor ?? MatrixState() }
        set {
            guard var m = screens.first as? MatrixScreen else { return }
            m.cursor = newValue
            m.layout(self)
            screens[0] = m
        }
    }

    /// Lays the matrix out for the current size and plan.
    mutating func layoutMatrix() {
        guard var m = screens.first as? MatrixScreen else { return }
        m.layout(self)
        screens[0] = m
    }
}
