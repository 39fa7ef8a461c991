import DubanCanvas
import DubanCore

/// 办理: one task's units with their workflow state (unit, role, state, since, reason) and,
/// for the selected unit, the steps allowed now with their keys. Opened from the task view
/// (and from the matrix on the cursor's task and unit).
struct FlowScreen: ScreenComponent {
    var task: Int
    var units: [String] = []
    var selected = 0
    var viewport = Viewport()
    var kind: ViewKind { .flow }

    /// Title, header above; allowed steps, legend, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 7) }

    static func open(_ app: inout AppState, task: Int, unit: String?) {
        var screen = FlowScreen(task: task)
        screen.refresh(app)
        if let unit, let i = screen.units.firstIndex(of: unit) { screen.selected = i }
        app.push(screen)
    }

    var unit: String? { units.indices.contains(selected) ? units[selected] : nil }

    mutating func refresh(_ app: AppState) {
        units = app.plan.task(number: task)?.assignments.map(\.unit) ?? []
    }

    mutating func layout(_ app: AppState) {
        selected = max(0, min(selected, units.count - 1))
        viewport.resize(visible: Self.bodyRows(height: app.height), count: units.count)
        viewport.follow(selected)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if let i = Reducer.listMove(c, selected: selected, count: units.count, page: viewport.visible) {
            selected = i
            layout(app)
            return []
        }
        if let step = FlowActions.step(of: c), let u = unit { return FlowActions.step(&app, task: task, unit: u, step: step) }
        switch c {
        case .openTask: return Reducer.openTask(&app, task)
        case .showQueue: QueueScreen.open(&app, unit: nil)
        case .back: Reducer.back(&app)
        default: break
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let app = r.state
        let s = r.s
        let w = r.w
        guard let t = app.plan.task(number: task) else { return }
        r.grid.put(r.fit(s.f(s.flowTitle, t.number) + r.cleanHead(t.title), w - 2),
                   row: 1, col: 1, style: r.theme.heading)
        let names = t.assignments.map { app.plan.unit(named: $0.unit)?.short.clean ?? $0.unit.clean }
        let nameW = min(20, max(4, names.map { TextWidth.width($0) }.max() ?? 4))
        let table = Table([.init(.fixed(nameW)), .init(.fixed(4), gap: 2), .init(.fixed(8), gap: 2), .init(.fixed(10), gap: 2),
                           .init(.flex(min: 0), gap: 2)], total: w - 3, ellipsis: r.ellipsis)
        let header = [s.flowColumnUnit, s.flowColumnRole, s.flowColumnState, s.flowColumnSince, s.flowColumnReason]
        r.line(table.line(header.map { ($0, .dim) }, gap: .dim), row: 2, col: 2, selected: false)
        for (i, k) in viewport.lines.prefix(Self.bodyRows(height: r.h)).enumerated() where k < t.assignments.count {
            let a = t.assignments[k]
            let kind: Span.Kind = a.flow.state == .closing ? .bold : a.flow.state == .closed ? .dim : .plain
            let cells: [Table.Cell] = [(names[k], .plain), (s.role(a.role), .plain),
                                       (FlowText.state(a.flow.state, chinese: s.isChinese), kind),
                                       (a.flow.since?.description ?? "", .plain), (a.flow.reason.map { r.cleanHead($0) } ?? "", .plain)]
            r.line(table.line(cells, gap: .plain), row: 3 + i, col: 2, selected: k == selected)
        }
        let y = r.h - 4
        if let u = unit {
            let steps = FlowRules.steps(task: t, unit: u)
            let ascii = app.options.glyphs.asciiKeyNames
            let keys = steps.map { KeyMap.keyName(FlowActions.command(of: $0), in: .flow, ascii: ascii) + " " + FlowText.step($0, chinese: s.isChinese) }
            let text = keys.isEmpty ? FlowText.allowed([], chinese: s.isChinese) : s.flowAllowedNow + keys.joined(separator: "  ")
            r.grid.put(r.fit(text, w - 2), row: y, col: 1, style: Style(bold: true))
        }
        r.grid.put(r.fit(s.flowMatrixMarks + FlowActions.legend(app), w - 2), row: y + 1, col: 1, style: r.theme.dim)
    }
}
