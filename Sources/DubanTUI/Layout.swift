import DubanCanvas
import DubanCore
import Foundation

/// Sizes every screen agrees on. The reducer uses them to keep the cursor in view, and the
/// renderer uses the same ones to re-clamp offsets for whatever size it is given.
enum Layout {
    static let minWidth = 40
    static let minHeight = 10

    /// Rows of the scrolling body of a screen `height` rows high.
    static func bodyRows(_ view: ViewKind, height: Int) -> Int {
        switch view {
        case .matrix: return max(1, height - MatrixLayout.topRows - MatrixLayout.bottomRows)
        case .task: return max(1, height - 4)
        case .unit: return max(1, height - 6)
        case .unitList: return max(1, height - 5)
        case .help: return max(1, height - 4)
        case .overdue: return max(1, height - 5)
        case .workload, .ranking: return max(1, height - 4)
        case .prompt, .filterMenu: return max(1, height - 4)
        }
    }

    /// The scroll offset that shows `cursor` among `visible` rows of `count`, moving `offset`
    /// as little as possible and never leaving empty rows after the end.
    static func follow(_ cursor: Int, offset: Int, visible: Int, count: Int) -> Int {
        Viewport.following(cursor, offset: offset, visible: visible, count: count)
    }

    /// An offset clamped to the content (for pages without a cursor).
    static func clampScroll(_ offset: Int, visible: Int, count: Int) -> Int {
        Viewport.clamped(offset, visible: visible, count: count)
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

    init(plan: Plan, width: Int, height: Int) {
        self.width = width
        self.height = height
        // Task numbers grow with the row count; the last task's number is a good guess (O(1)).
        let widest = max(plan.tasks.last?.number ?? 0, plan.tasks.count)
        numberWidth = max(2, String(widest).count)
        titleWidth = max(8, min(40, (width - numberWidth - 4) * 3 / 10))
    }

    var statusColumn: Int { numberWidth + 1 }
    var titleColumn: Int { numberWidth + 3 }
    var separatorColumn: Int { titleColumn + titleWidth }
    var gridX: Int { separatorColumn + 1 }
    var bodyRows: Int { Layout.bodyRows(.matrix, height: height) }
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

    /// Offsets that show the cursor, whatever offsets the state has.
    func offsets(_ m: MatrixState, rows: Int, columns: Int) -> (row: Int, col: Int) {
        (Layout.follow(m.row, offset: m.rowOffset, visible: bodyRows, count: rows),
         Layout.follow(m.col, offset: m.colOffset, visible: fullColumns, count: columns))
    }
}

// MARK: Task view content

/// A run of text with a meaning the renderer turns into a style.
struct Span {
    enum Kind { case plain, bold, dim, heading, lead, cooperating, done, open, label
        case late, good }
    var text: String
    var kind: Kind
    init(_ text: String, _ kind: Kind = .plain) {
        self.text = text
        self.kind = kind
    }
}

/// One line of a scrolling text screen.
struct Line {
    var spans: [Span]
    /// Milestone shown on this line (selectable).
    var milestone: Int?
    init(_ spans: [Span] = [], milestone: Int? = nil) {
        self.spans = spans
        self.milestone = milestone
    }
    static let blank = Line()
}

enum TaskViewContent {
    static let historyLimit = 20

    /// The task view's lines for a given width: proportional to the task's own content,
    /// never to the size of the plan (except the unit look-ups, which are O(1)).
    static func lines(_ state: AppState, task: Task, width: Int) -> [Line] {
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
        if let history = state.taskView?.history {
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
    /// "2026-11-24 23:52" in the given time zone; anything else is shown as it is.
    static func formatTime(_ iso: String, _ tz: TimeZone) -> String {
        let chars = Array(iso)
        guard chars.count >= 16, chars[10] == "T" || chars[10] == " ", chars[13] == ":",
              let day = Day(String(chars[0..<10])),
              let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return iso }
        // The zone suffix: Z, none (UTC), or ±HH:MM / ±HHMM.
        var offset = 0
        if let signIndex = chars.lastIndex(where: { $0 == "+" || $0 == "-" }), signIndex > 16 {
            let digits = chars[(signIndex + 1)...].filter(\.isNumber)
            guard digits.count == 4, let hh = Int(String(digits.prefix(2))), let mm = Int(String(digits.suffix(2))) else {
                return iso
            }
            offset = (chars[signIndex] == "+" ? 1 : -1) * (hh * 60 + mm)
        }
        let utcMinutes = day.ordinal * 1440 + hour * 60 + minute - offset
        let local = utcMinutes + tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMinutes) * 60)) / 60
        let d = Day(ordinal: Int((Double(local) / 1440).rounded(.down)))
        let m = local - d.ordinal * 1440
        return d.description + " " + String(format: "%02d:%02d", m / 60, m % 60)
    }
}

// MARK: Whole-plan scans (once per open / query, never per keystroke)

enum Scan {
    /// Tasks a unit leads and cooperates on, in plan order.
    static func unitTasks(_ plan: Plan, unit: String) -> (leads: [Int], cooperating: [Int]) {
        var l: [Int] = [], c: [Int] = []
        for t in plan.tasks {
            switch t.role(of: unit) {
            case .lead?: l.append(t.number)
            case .cooperating?: c.append(t.number)
            case nil: break
            }
        }
        return (l, c)
    }

    /// Lead / cooperating counts of every unit, in one pass over all assignments.
    static func unitCounts(_ plan: Plan) -> [UnitListState.Counts] {
        var counts = Array(repeating: UnitListState.Counts(), count: plan.units.count)
        for t in plan.tasks {
            for a in t.assignments {
                guard let i = plan.unitIndex(name: a.unit) else { continue }
                if a.role == .lead { counts[i].lead += 1 } else { counts[i].cooperating += 1 }
            }
        }
        return counts
    }

    /// Task titles and unit names containing the query (case-insensitive), tasks first;
    /// a number also finds the task with that number.
    static func search(_ plan: Plan, _ query: String) -> [SearchMatch] {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        var out: [SearchMatch] = []
        var numbered: Int?
        if let n = Int(q), let i = plan.taskIndex(number: n) {
            numbered = i
            out.append(.task(i))
        }
        for (i, t) in plan.tasks.enumerated() where i != numbered {
            if t.title.range(of: q, options: [.caseInsensitive, .widthInsensitive]) != nil { out.append(.task(i)) }
        }
        for (i, u) in plan.units.enumerated() {
            if u.allNames.contains(where: { $0.range(of: q, options: [.caseInsensitive, .widthInsensitive]) != nil }) {
                out.append(.unit(i))
            }
        }
        return out
    }
}
