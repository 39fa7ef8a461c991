import DubanCanvas
import DubanCore

/// 待办. For the office (`unit` nil): closure requests, extension requests, units late to
/// sign and lead units late to report (`OfficeQueue`). For a unit (opened from its unit
/// view): its inbox — to sign, to report, returned (`UnitInbox`). Every row can be acted on
/// from the list: Enter opens the task, the workflow keys take the step of the row's unit,
/// the extension keys decide the row's request.
struct QueueScreen: ScreenComponent {
    enum Kind: Hashable, Sendable { case closure, extensionRequest, lateSign, lateReport, toSign, toReport, returned }

    struct Row: Hashable, Sendable {
        var kind: Kind
        var task: Int
        var unit: String
        var milestone: Int?
        var detail: String
    }

    /// nil: the office's queue; else this unit's inbox.
    var unit: String?
    var rows: [Row] = []
    var selected = 0
    var viewport = Viewport()
    var kind: ViewKind { .queue }

    static func bodyRows(height: Int) -> Int { max(1, height - 5) }

    static func open(_ app: inout AppState, unit: String?) {
        if unit == nil { app.popToMatrix() } else { app.close([.queue]) }
        var screen = QueueScreen(unit: unit)
        screen.refresh(app)
        app.push(screen)
    }

    static func kindName(_ k: Kind, _ s: Strings) -> String {
        switch k {
        case .closure: return s.queueKindClosure
        case .extensionRequest: return s.queueKindExtension
        case .lateSign: return s.queueKindLateSign
        case .lateReport: return s.queueKindLateReport
        case .toSign: return s.queueKindToSign
        case .toReport: return s.queueKindToReport
        case .returned: return s.queueKindReturned
        }
    }

    mutating func refresh(_ app: AppState) {
        let (o, s) = (app.options, app.strings)
        if let unit {
            let box = UnitInbox.build(app.plan, unit: unit, today: o.today, settings: o.settings)
            rows = box.toSign.map { Row(kind: .toSign, task: $0.task, unit: unit, detail: $0.title) }
                + box.toReport.map { Row(kind: .toReport, task: $0.task, unit: unit, detail: $0.title) }
                + box.returned.map { Row(kind: .returned, task: $0.task, unit: unit, detail: $0.title + s.queueReasonSeparator + ($0.reason ?? "")) }
            return
        }
        let q = OfficeQueue.build(app.plan, today: o.today, settings: o.settings)
        rows = q.closures.map { Row(kind: .closure, task: $0.task, unit: $0.unit, detail: ($0.since?.description ?? "") + ($0.note.map { " " + $0 } ?? "")) }
            + q.extensions.map { e in
                Row(kind: .extensionRequest, task: e.task, unit: e.request.unit, milestone: e.milestone.id,
                    detail: "#\(e.milestone.id) \(e.milestone.title) \(e.request.from)→\(e.request.to) \(e.request.reason)")
            }
            + q.lateSign.map { Row(kind: .lateSign, task: $0.task, unit: $0.unit, detail: s.f(s.queueLateSign, $0.assigned, $0.daysLate)) }
            + q.lateReport.map { r in
                Row(kind: .lateReport, task: r.task, unit: r.unit,
                    detail: s.f(s.queueLateReport, r.period) + (r.lastReport.map { s.f(s.queueLastReport, $0) } ?? ""))
            }
    }

    mutating func layout(_ app: AppState) {
        selected = max(0, min(selected, rows.count - 1))
        viewport.resize(visible: Self.bodyRows(height: app.height), count: rows.count)
        viewport.follow(selected)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if let i = Reducer.listMove(c, selected: selected, count: rows.count, page: viewport.visible) {
            selected = i
            layout(app)
            return []
        }
        if c == .back { Reducer.back(&app); return [] }
        guard rows.indices.contains(selected) else { return [] }
        let row = rows[selected]
        if let step = FlowActions.step(of: c) { return FlowActions.step(&app, task: row.task, unit: row.unit, step: step) }
        switch c {
        case .openTask: return Reducer.openTask(&app, row.task)
        case .showFlow: FlowScreen.open(&app, task: row.task, unit: row.unit)
        case .approveExtension, .rejectExtension:
            guard let id = row.milestone else {
                app.status = StatusMessage(app.strings.queueNotExtension, .error)
                return []
            }
            return FlowActions.decideExtension(&app, task: row.task, milestone: id, approve: c == .approveExtension)
        default: break
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let s = r.s
        let w = r.w
        let app = r.state
        let title = unit.map { s.f(s.queueUnitTitle, rows.count, app.plan.unit(named: $0)?.short ?? $0, $0) }
            ?? s.f(s.queueOfficeTitle, rows.count, app.options.today)
        r.grid.put(r.fit(title.clean, w - 2), row: 1, col: 1, style: r.theme.heading)
        if rows.isEmpty {
            r.grid.put(r.fit(s.queueEmpty, w - 2), row: 3, col: 1, style: r.theme.dim)
            return
        }
        r.scrollIndicator(row: 1, offset: viewport.offset, visible: viewport.visible, count: rows.count)
        let names = rows.map { app.plan.unit(named: $0.unit)?.short.clean ?? $0.unit.clean }
        let kindW = rows.map { TextWidth.width(Self.kindName($0.kind, s)) }.max() ?? 8
        let nw = max(TextWidth.width(s.queueColumnTask), String(rows.map(\.task).max() ?? 0).count)
        let nameW = min(16, max(4, names.map { TextWidth.width($0) }.max() ?? 4))
        let table = Table([.init(.fixed(kindW)), .init(.fixed(nw), .right, gap: 2), .init(.fixed(nameW), gap: 2),
                           .init(.flex(min: 0), gap: 2)], total: w - 3, ellipsis: r.ellipsis)
        let header = [s.queueColumnKind, s.queueColumnTask, s.queueColumnUnit, s.queueColumnDetail]
        r.line(table.line(header.map { ($0, .dim) }, gap: .dim), row: 2, col: 2, selected: false)
        for (i, k) in viewport.lines.prefix(Self.bodyRows(height: r.h)).enumerated() where k < rows.count {
            let row = rows[k]
            let kind: Span.Kind = row.kind == .lateSign || row.kind == .lateReport ? .late : .plain
            let cells: [Table.Cell] = [(Self.kindName(row.kind, s), kind), (String(row.task), .plain), (names[k], .plain),
                                       (r.cleanHead(row.detail), .plain)]
            r.line(table.line(cells, gap: .plain), row: 3 + i, col: 2, selected: k == selected)
        }
    }
}
