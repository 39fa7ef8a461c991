import DubanCanvas
import DubanCore

/// The unit view: the tasks one unit leads and cooperates on, as a `Table` (light, number,
/// title) under two headings; Enter opens the task. A screen that lives in this file: its
/// state, its layout (a `Viewport` over the lines, headings included), its keys and its drawing.
public struct UnitViewState: Equatable, Sendable {
    public var unit: String
    /// Task numbers, in plan order, computed once when the view opens (and after edits).
    public var leads: [Int]
    public var cooperating: [Int]
    /// Index into leads + cooperating.
    public var selected = 0

    public var count: Int { leads.count + cooperating.count }

    public func task(at i: Int) -> Int? {
        if i < 0 { return nil }
        if i < leads.count { return leads[i] }
        let j = i - leads.count
        return j < cooperating.count ? cooperating[j] : nil
    }

    /// Line of item i: heading, leads…, heading, cooperating….
    public func line(ofItem i: Int) -> Int { i < leads.count ? i + 1 : i + 2 }
    public var lineCount: Int { count + 2 }
}

struct UnitScreen: ScreenComponent {
    var view: UnitViewState
    var viewport = Viewport()
    var kind: ViewKind { .unit }

    init(view: UnitViewState) { self.view = view }

    /// The screen row of the first line (a click's row is counted from it).
    static let firstRow = 4
    /// Title, counts and a blank row above, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 6) }

    /// Clamps the selection and keeps it in view, with its section's heading when it is the
    /// first item of a section.
    mutating func layout(_ app: AppState) {
        view.selected = max(0, min(view.selected, view.count - 1))
        viewport.resize(visible: Self.bodyRows(height: app.height), count: view.lineCount)
        let line = view.count == 0 ? 0 : view.line(ofItem: view.selected)
        let first = view.selected == 0 || view.selected == view.leads.count ? max(0, line - 1) : line
        viewport.follow(first)
        viewport.follow(line)
    }

    /// The unit's tasks again, after an edit or a reload.
    mutating func refresh(_ app: AppState) {
        guard app.plan.unit(named: view.unit) != nil else { return }
        (view.leads, view.cooperating) = Scan.unitTasks(app.plan, unit: view.unit)
    }

    func matrixColumn(_ app: AppState) -> Int? { app.plan.unitIndex(name: view.unit) }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if let i = Reducer.listMove(c, selected: view.selected, count: view.count, page: viewport.visible) {
            view.selected = i
            layout(app)
            return []
        }
        switch c {
        case .openTask:
            guard let n = view.task(at: view.selected) else { return [] }
            return Reducer.openTask(&app, n)
        case .showMatrix: Reducer.showMatrix(&app)
        case .showQueue: QueueScreen.open(&app, unit: view.unit)
        case .back: Reducer.back(&app)
        default:
            let effects = EditCommands.units(&app, c)
            if let me = app.topScreen(UnitScreen.self) { self = me }
            return effects
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let uv = view
        let (s, w, theme) = (r.s, r.w, r.theme)
        guard let u = r.state.plan.unit(named: uv.unit) else { return }
        var x = 1
        x += r.grid.put(r.fit(s.f(s.unitHeading, r.cleanHead(u.name), r.cleanHead(u.abbr)), w - 2), row: 1, col: x, style: theme.heading)
        if !u.fullForm.isEmpty {
            x += r.grid.put(r.fit("  " + r.cleanHead(u.fullForm), max(0, w - 1 - x)), row: 1, col: x)
        }
        if r.state.plan.isMember(u.name) {
            r.grid.put(r.fit("  " + r.memberMark + " " + s.memberUnit, max(0, w - 1 - x)), row: 1, col: x, style: theme.marker)
        }
        let countsW = r.grid.put(r.fit(s.f(s.unitCounts, uv.leads.count, uv.cooperating.count), w - 2), row: 2, col: 1)
        overdue(&r, col: 1 + countsW)
        let top = Self.firstRow
        r.scrollIndicator(row: 2, offset: viewport.offset, visible: viewport.visible, count: uv.lineCount)
        let nw = max(1, String(r.state.plan.tasks.last?.number ?? 0).count)
        // Light, number, title: the light keeps a column of its own before any number.
        let table = Table([.init(.fixed(1)), .init(.fixed(nw), .right), .init(.flex(min: 1), gap: 2)],
                          total: w - 2, ellipsis: r.ellipsis)
        // Drawn at the offset the layout left; a smaller grid just shows fewer rows.
        for (i, li) in viewport.lines.prefix(Self.bodyRows(height: r.h)).enumerated() {
            let y = top + i
            if li == 0 {
                r.grid.put(r.fit(s.f(s.leadTasks, uv.leads.count), w - 2), row: y, col: 1, style: theme.heading)
                continue
            }
            if li == uv.leads.count + 1 {
                r.grid.put(r.fit(s.f(s.cooperatingTasks, uv.cooperating.count), w - 2), row: y, col: 1, style: theme.heading)
                continue
            }
            let item = li <= uv.leads.count ? li - 1 : li - 2
            guard let n = uv.task(at: item) else { continue }
            let task = r.state.plan.task(number: n)
            let title = task.map { r.cleanHead($0.title) } ?? ""
            let status = task.map { Lights.status($0, r.state.options) } ?? .noMilestones
            r.line(table.line([(Lights.glyph(status, r.g), Lights.kind(status)), (String(n), .bold), (title, .plain)]),
                   row: y, col: 1, selected: item == uv.selected)
        }
    }

    /// Overdue milestones of the tasks the unit leads, after the counts.
    private func overdue(_ r: inout Renderer, col: Int) {
        var late = 0
        for n in view.leads {
            guard let t = r.state.plan.task(number: n) else { continue }
            late += t.milestones.filter { !$0.isDone && ($0.due.map { $0 < r.state.options.today } ?? false) }.count
        }
        let text = "  " + r.s.sup.f(r.s.sup.unitOverdue, late)
        r.grid.put(r.fit(text, max(0, r.w - 1 - col)), row: 2, col: col, style: late > 0 ? r.theme.span(.late) : r.theme.dim)
    }
}
