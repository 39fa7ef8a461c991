import DubanCanvas
import DubanCore
import Foundation

/// The task view: title, units, milestones (selectable), progress reports, notes and the
/// audit history of one task. A screen that lives in this file: its state, its layout (the
/// content's lines and where each milestone's line is, computed once per state change, with
/// a `Viewport` for scrolling), its keys and its drawing.
public struct TaskViewState: Equatable, Sendable {
    public var number: Int
    /// The selected milestone, by id (ids survive re-sorting and reloads).
    public var selectedMilestone: Int?
    /// The selected progress report, by id (nil: the progress commands act on the newest).
    public var selectedProgress: Int?
    /// Newest first; nil until loaded.
    public var history: [AuditRecord]?

    public init(number: Int, selectedMilestone: Int? = nil) {
        self.number = number
        self.selectedMilestone = selectedMilestone
    }
}

/// The task view's content laid out for a width: its lines and the line of each milestone.
struct TaskContent: Sendable {
    var lines: [Line] = []
    /// Line index of each milestone, by id.
    var milestoneLines: [Int: Int] = [:]
    /// Line index of each progress report's heading, by id.
    var progressLines: [Int: Int] = [:]

    init() {}
    init(_ lines: [Line]) {
        self.lines = lines
        for (i, l) in lines.enumerated() {
            if let id = l.milestone, milestoneLines[id] == nil { milestoneLines[id] = i }
            if let id = l.progress, progressLines[id] == nil { progressLines[id] = i }
        }
    }
}

struct TaskScreen: ScreenComponent {
    var view: TaskViewState
    var viewport = Viewport()
    /// As laid out for the last width, plan and history (never rebuilt per key or per frame).
    var content = TaskContent()
    var kind: ViewKind { .task }

    init(view: TaskViewState) { self.view = view }

    /// Title bar and subtitle above, status and footer below.
    static func bodyRows(height: Int) -> Int { max(1, height - 4) }

    /// Builds the content for the width and clamps the scroll to it, without forcing the
    /// selection into view (so PgUp / PgDn can scroll past it).
    mutating func layout(_ app: AppState) {
        if let t = app.plan.task(number: view.number) {
            content = TaskContent(TaskViewContent.lines(app, task: t, history: view.history, width: app.width))
        } else {
            content = TaskContent()
        }
        viewport.resize(visible: Self.bodyRows(height: app.height), count: content.lines.count)
    }

    /// Scrolls as little as possible so the selected milestone's line is visible.
    mutating func revealSelection() {
        if let id = view.selectedMilestone, let i = content.milestoneLines[id] { viewport.follow(i) }
    }

    /// Scrolls so the selected progress report's heading is in view.
    mutating func revealProgress() {
        if let id = view.selectedProgress, let i = content.progressLines[id] { viewport.follow(i) }
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        guard let t = app.plan.task(number: view.number) else {
            Reducer.back(&app)
            return []
        }
        let ms = t.milestones
        let current = ms.firstIndex { $0.id == view.selectedMilestone }
        let selected = view.selectedMilestone.flatMap { t.milestone(id: $0) }
        func select(_ i: Int) {
            guard !ms.isEmpty else { return }
            view.selectedMilestone = ms[max(0, min(i, ms.count - 1))].id
            revealSelection()
        }
        switch c {
        case .previousItem:
            if ms.isEmpty { viewport.scroll(by: -1) } else { select((current ?? 0) - 1) }
        case .nextItem:
            if ms.isEmpty { viewport.scroll(by: 1) } else { select(current.map { $0 + 1 } ?? 0) }
        case .firstItem:
            if ms.isEmpty { viewport.scrollToTop() } else { select(0) }
        case .lastItem:
            if ms.isEmpty { viewport.scrollToBottom() } else { select(ms.count - 1) }
        case .pageUp: viewport.scroll(by: -viewport.visible)
        case .pageDown: viewport.scroll(by: viewport.visible)
        case .addMilestone:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            app.push(EditForms.milestone(app, task: t, editing: nil))
        case .editMilestone:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            guard let m = selected else { return Self.noSelection(&app) }
            app.push(EditForms.milestone(app, task: t, editing: m))
        case .toggleMilestone:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            guard let m = selected else { return Self.noSelection(&app) }
            let seen = MilestoneField.of(.done, in: m)
            let toggled = MilestoneField.done(!m.isDone, completed: m.isDone ? nil : app.options.today)
            return [.persist([.updateMilestone(task: t.number, id: m.id, set: [toggled], expect: [seen])], .edit)]
        case .deleteMilestone:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            guard let m = selected else { return Self.noSelection(&app) }
            app.push(EditForms.deleteMilestone(app, task: t.number, milestone: m))
        case .addProgress:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            app.push(EditForms.progress(app, task: t, editing: nil))
        case .addQuarterly:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            app.push(EditForms.quarterly(app, task: t.number))
        case .back:
            Reducer.back(&app)
        default:
            if let effects = FlowActions.task(&app, c, task: t, selected: selected) { return effects }
            // The edit commands (EditForms) work on the app and may change this screen
            // (the selected report): take its copy back afterwards.
            let effects = EditCommands.task(&app, c)
            if let me = app.topScreen(TaskScreen.self) { self = me }
            return effects
        }
        return []
    }

    static func noSelection(_ s: inout AppState) -> [Effect] {
        s.status = StatusMessage(s.strings.noMilestoneSelected)
        return []
    }

    func render(_ r: inout Renderer) {
        guard let t = r.state.plan.task(number: view.number) else { return }
        let s = r.s
        let lines = content.lines
        let position = (r.state.plan.taskIndex(number: t.number) ?? 0) + 1
        r.grid.put(r.fit(s.f(s.taskSubtitle, t.number, position, r.state.countedTasks), r.w - 2), row: 1, col: 1,
                   style: r.theme.heading)
        r.scrollIndicator(row: 1, offset: viewport.offset, visible: viewport.visible, count: lines.count)
        // Drawn at the offset the layout left; a smaller grid just shows fewer rows.
        for (i, li) in viewport.lines.prefix(Self.bodyRows(height: r.h)).enumerated() where li < lines.count {
            let l = lines[li]
            r.line(l, row: 2 + i, col: 1, selected: (l.milestone != nil && l.milestone == view.selectedMilestone)
                   || (l.progress != nil && l.progress == view.selectedProgress))
        }
    }
}

// MARK: Content

enum TaskViewContent {
    static let historyLimit = 20

    /// The task view's lines for a given width: proportional to the task's own content,
    /// never to the size of the plan (except the unit look-ups, which are O(1)).
    static func lines(_ state: AppState, task: Task, width: Int) -> [Line] {
        lines(state, task: task, history: state.taskView?.history, width: width)
    }

    /// The same, with the audit history as the task screen holds it (nil while loading).
    static func lines(_ state: AppState, task: Task, history: [AuditRecord]?, width: Int) -> [Line] {
        let s = state.strings
        let ascii = state.options.ascii
        let w = max(1, width - 2)      // one column margin each side
        var out: [Line] = []

        for l in Text.wrap(task.title.clean(upTo: Limits.taskTitle), width: w) { out.append(Line([Span(l, .bold)])) }
        out.append(.blank)

        let labels = [s.leadUnits, s.cooperatingUnits, s.followUp]
        let labelWidth = (labels.map { TextWidth.width($0) }.max() ?? 0) + 2
        let sep = ascii ? ", " : "、"
        func labelled(_ label: String, _ values: [String], _ kind: Span.Kind) {
            let wrapped = Text.wrapItems(values.map { $0.clean(upTo: Limits.unitName) }, separator: sep, width: max(1, w - labelWidth))
            for (i, l) in wrapped.enumerated() {
                out.append(Line([Span(i == 0 ? TextWidth.pad(label, to: labelWidth) : String(repeating: " ", count: labelWidth), .label),
                                 Span(l, kind)]))
            }
        }
        labelled(s.leadUnits, task.leads.isEmpty ? [s.none] : task.leads, .lead)
        labelled(s.cooperatingUnits, task.cooperating.isEmpty ? [s.none] : task.cooperating, .cooperating)
        labelled(s.followUp, [task.followUp ?? s.notSet], .plain)
        if let f = FlowActions.summary(state, task: task) { labelled(f.label, f.items, .plain) }
        out.append(.blank)

        // Milestones as a table: marker, due, state, completed, title.
        let doneCount = task.milestones.filter(\.isDone).count
        out.append(Line([Span(s.f(s.milestonesHeading, task.milestones.count, doneCount), .heading)]))
        if task.milestones.isEmpty {
            let key = KeyMap.keyName(.addMilestone, in: .task, ascii: state.options.glyphs.asciiKeyNames)
            out.append(Line([Span("  " + s.f(s.noMilestones, key), .dim)]))
        } else {
            let dateW = max(10, TextWidth.width(s.columnDue), TextWidth.width(s.columnCompleted))
            let lightWords = task.milestones.map { Lights.glyph(Lights.light($0, state.options), state.options.glyphs) + " "
                + Lights.words($0, state.options, s.sup) }
            let stateW = max(TextWidth.width(s.columnState), lightWords.map { TextWidth.width($0) }.max() ?? 0)
            func row(_ due: String, _ st: String, _ completed: String, _ title: String) -> [String] {
                [TextWidth.pad(due, to: dateW), TextWidth.pad(st, to: stateW), TextWidth.pad(completed, to: dateW), title]
            }
            let h = row(s.columnDue, s.columnState, s.columnCompleted, s.columnMilestone)
            out.append(Line([Span("  " + h.joined(separator: "  "), .dim)]))
            for (m, words) in zip(task.milestones, lightWords) {
                let cols = row(m.due?.description ?? s.noDate, words,
                               m.completed?.description ?? "", m.title.clean(upTo: Limits.milestoneTitle))
                out.append(Line([Span("  " + cols[0] + "  "),
                                 Span(cols[1], Lights.kind(Lights.light(m, state.options))),
                                 Span("  " + cols[2] + "  " + cols[3])], milestone: m.id))
            }
            // What the lights mean, under the lights (with the warning threshold).
            out.append(Line([Span("  ")] + SupervisionContent.legend(state).spans))
        }
        out.append(.blank)

        out.append(contentsOf: SupervisionContent.progressLines(state, task: task, width: w))
        out.append(.blank)

        out.append(Line([Span(s.notes, .heading)]))
        let (notesHead, notesCut) = TextWidth.head(task.notes, maxScalars: Limits.notes)
        let notes = (notesHead + (notesCut ? "…" : "")).replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0) }
        if notes.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            out.append(Line([Span("  " + s.none, .dim)]))
        } else {
            for n in notes {
                // Split first, then clean each line: a newline never reaches the grid.
                for l in Text.wrap(n.clean, width: max(1, w - 2)) { out.append(Line([Span("  " + l)])) }
            }
        }
        out.append(.blank)

        out.append(Line([Span(s.history, .heading)]))
        if let history {
            if history.isEmpty { out.append(Line([Span("  " + s.none, .dim)])) }
            // What each record did, in words (AuditWords), never the stored action name.
            let actions = history.map { AuditWords.describe($0)(s.language).clean(upTo: TextWidth.scalarBudget(width)) }
            let operatorWidth = min(16, history.map { TextWidth.width($0.operatorName.clean) }.max() ?? 0)
            for (r, action) in zip(history, actions) {
                out.append(Line([Span("  " + formatTime(r.time, state.timeZone) + "  ", .dim),
                                 Span(TextWidth.pad(r.operatorName.clean, to: operatorWidth) + "  ", .plain),
                                 Span(action, .bold)]))
            }
        } else {
            out.append(Line([Span("  " + s.historyLoading, .dim)]))
        }
        return out
    }

    /// "2026-11-24T15:52:04Z" (or with fractional seconds, or a ±HH:MM offset) as
    /// "2026-11-24 23:52" in the given time zone (`AuditWords.time`, as the CLI's log shows it).
    static func formatTime(_ iso: String, _ tz: TimeZone) -> String { AuditWords.time(iso, zone: tz) }
}

