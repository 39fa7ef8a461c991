import DubanCanvas
import DubanCore
import Foundation

/// Draws the state into a grid of the given size. Works for any size, including 0×0;
/// below 40×10 it only says the terminal is too small. Screens draw the offsets their
/// layout recorded; asked for another size than the state was laid out for, it draws the
/// state as a resize to that size would leave it (the App always resizes first).
/// Only visible cells are visited.
public func render(_ state: AppState, width: Int, height: Int) -> Grid {
    // Text is measured as the terminal draws it: Ambiguous characters two columns wide there.
    TextWidth.$ambiguousIsWide.withValue(state.options.ambiguousWide) {
        var laidOut = state
        if width != state.width || height != state.height {
            _ = reduce(&laidOut, .resize(width: width, height: height))
        }
        var r = Renderer(state: laidOut, width: width, height: height)
        r.draw()
        return r.grid
    }
}

/// Styles. Without colour only bold, reverse and underline are used; the cursor is reverse.
struct Theme {
    let color: Bool

    var titleBar: Style { color ? Style(fg: .white, bg: .blue, bold: true) : Style(bold: true, reverse: true) }
    var header: Style { Style(bold: true) }
    var memberHeader: Style { Style(bold: true, underline: true) }
    /// The cursor's row and column headers. Black on cyan without bold: many terminals
    /// (xterm among them) draw bold black as bright black, grey on cyan at about 2:1; plain
    /// black on cyan is about 10:1. Both colours are set, so the pair reads the same on dark
    /// and light backgrounds.
    var crosshair: Style { color ? Style(fg: .black, bg: .cyan) : Style(bold: true, reverse: true) }
    var lead: Style { color ? Style(fg: .magenta, bold: true) : Style(bold: true) }
    var cooperating: Style { color ? Style(fg: .cyan) : .plain }
    var marker: Style { color ? Style(fg: .yellow, bold: true) : Style(bold: true) }
    var rule: Style { color ? Style(fg: .blue) : .plain }
    var dim: Style { color ? Style(dim: true) : .plain }
    var selected: Style { color ? Style(fg: .black, bg: .cyan) : Style(reverse: true) }
    var heading: Style { color ? Style(fg: .blue, bold: true) : Style(bold: true, underline: true) }
    var footerKey: Style { color ? Style(fg: .black, bg: .cyan) : Style(reverse: true) }
    var field: Style { Style(underline: true) }
    var focusedField: Style { Style(bold: true, underline: true) }
    var done: Style { color ? Style(fg: .green) : .plain }
    var open: Style { color ? Style(fg: .yellow) : Style(bold: true) }

    /// Reverse video of the cell's style. Not bold in colour: reversed, the foreground is the
    /// old background (black on a dark terminal, or cyan on the crosshair), and bold would
    /// brighten it to grey or pale cyan against the coloured background.
    func cursor(_ base: Style) -> Style {
        var s = base
        s.reverse = true
        s.bold = !color
        return s
    }

    func message(_ kind: StatusMessage.Kind) -> Style {
        switch kind {
        case .info: return .plain
        case .success: return color ? Style(fg: .green, bold: true) : Style(bold: true)
        case .warning: return color ? Style(fg: .yellow, bold: true) : Style(bold: true, underline: true)
        case .error: return color ? Style(fg: .red, bold: true) : Style(bold: true)
        }
    }

    func span(_ kind: Span.Kind) -> Style {
        switch kind {
        case .plain: return .plain
        case .bold: return Style(bold: true)
        case .dim: return dim
        case .heading: return heading
        case .lead: return lead
        case .cooperating: return .plain
        case .done: return done
        case .open: return open
        case .label: return color ? Style(fg: .blue, bold: true) : Style(bold: true)
        case .late: return color ? Style(fg: .red, bold: true) : Style(bold: true)
        case .good: return color ? Style(fg: .green) : .plain
        }
    }
}

struct Renderer {
    let state: AppState
    let s: Strings
    let theme: Theme
    let ascii: Bool
    /// The frame's symbols (`--ascii`, wide Ambiguous, or Unicode).
    let g: Glyphs
    let w: Int
    let h: Int
    var grid: Grid

    init(state: AppState, width: Int, height: Int) {
        self.state = state
        self.s = state.strings
        self.theme = Theme(color: state.options.color)
        self.ascii = state.options.ascii
        self.g = state.options.glyphs
        self.w = max(0, width)
        self.h = max(0, height)
        self.grid = Grid(width: w, height: h)
    }

    var ellipsis: String { g.ellipsis }
    var separator: String { g.separator }
    var memberMark: String { g.memberMark }
    var selectionMark: String { g.selectionMark }
    var dot: String { g.dot }

    func fit(_ text: String, _ columns: Int) -> String {
        TextWidth.truncate(text, to: columns, ellipsis: ellipsis)
    }

    /// Text from data, sanitized and cut to `columns`, looking only at the start of it
    /// that the columns need: a title of millions of characters draws as fast as a short one.
    func fitData(_ text: String, _ columns: Int) -> String {
        TextWidth.fitClean(text, to: columns, ellipsis: ellipsis)
    }

    /// The start of a text from data that can fill a screen line, sanitized ("…" when cut):
    /// for building a longer line around it.
    func cleanHead(_ text: String) -> String {
        text.clean(upTo: TextWidth.scalarBudget(w))
    }

    mutating func draw() {
        guard w > 0, h > 0 else { return }
        guard w >= Layout.minWidth, h >= Layout.minHeight else { return tooSmall() }
        titleBar()
        // Overlays (forms, questions, the search prompt) over the screen below them.
        let base = state.screens.lastIndex { !($0 is any OverlayScreen) } ?? 0
        state.screens[base].render(&self)
        bottom()
        for o in state.screens[(base + 1)...] { o.render(&self) }
        if g.replaceChromeSymbols { asciiOnlyChrome() }
    }

    /// One-column punctuation and symbols (East Asian Ambiguous, drawn two columns wide by
    /// some CJK terminals) replaced by ASCII, cell for cell, so the layout cannot shift.
    static let asciiChrome: [String: String] = [
        "·": "-", "→": ">", "←": "<", "↑": "^", "↓": "v", "…": Glyphs.ascii.ellipsis, "×": "x", "—": "-", "–": "-",
        "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+", "◆": "*", "▸": ">", "◂": "<",
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "✓": "v",
    ]

    mutating func asciiOnlyChrome() {
        for r in 0..<h {
            for c in 0..<w {
                let cell = grid[r, c]
                if cell.width == 1, let a = Renderer.asciiChrome[cell.text] {
                    grid[r, c] = Cell(text: a, width: 1, style: cell.style)
                }
            }
        }
    }

    // MARK: Chrome

    mutating func tooSmall() {
        var need = s.f(s.needAtLeast, Layout.minWidth, Layout.minHeight)
        if ascii { need = need.replacingOccurrences(of: "×", with: "x") }
        let lines = [s.tooSmall, need]
        let top = max(0, (h - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            let t = fit(l, w)
            grid.put(t, row: top + i, col: max(0, (w - TextWidth.width(t)) / 2), style: i == 0 ? Style(bold: true) : .plain)
        }
    }

    mutating func titleBar() {
        grid.fill(row: 0, col: 0, count: w, style: theme.titleBar)
        let left = " " + s.appName + dot + state.plan.office.name.clean
        // On the matrix an active filter or sort takes the place of the path.
        let query = state.baseTop == .matrix ? state.matrixQuery.label(state.plan, s) : ""
        let path = query.isEmpty ? state.options.trackerPath.clean : query
        // The read-only tag is never cut: only the path gives way (from the left).
        var tag = state.readOnly ? s.readOnlyTag : ""
        if let loading = state.loading, loading.failed == nil {
            tag += (tag.isEmpty ? "" : " ") + s.f(s.loadingTag, loading.percent)
        }
        let tagW = tag.isEmpty ? 0 : TextWidth.width(tag) + (path.isEmpty ? 0 : 1)
        let leftW = TextWidth.width(left)
        let room = w - leftW - 3 - tagW
        var right = tag
        if room >= 8, !path.isEmpty {
            right += (tag.isEmpty ? "" : " ") + Text.truncateLeft(path, to: room, ellipsis: ellipsis)
        }
        var rightW = 0
        if !right.isEmpty, w - leftW - 3 >= TextWidth.width(right) || !tag.isEmpty {
            rightW = TextWidth.width(right)
            grid.put(right, row: 0, col: max(0, w - rightW - 1), style: theme.titleBar)
        }
        grid.put(fit(left, w - (rightW > 0 ? rightW + 2 : 0)), row: 0, col: 0, style: theme.titleBar)
    }

    /// Status line(s) and the footer of every screen.
    mutating func bottom() {
        let footerRow = h - 1
        let messageRow = h - 2
        if let prompt = state.screens.last as? PromptScreen {
            prompt.drawPrompt(&self, row: messageRow)
            return footer(row: footerRow)
        }
        statusMessage(row: messageRow)
        if let n = state.pendingCount {
            // The count typed so far, at the right of the message row (as vim shows it).
            let text = " " + s.f(s.countLabel, n) + " "
            let tw = TextWidth.width(text)
            if w - 1 - tw > 0 { grid.put(text, row: messageRow, col: w - 1 - tw, style: Style(bold: true, reverse: true)) }
        }
        footer(row: footerRow)
    }

    mutating func statusMessage(row: Int) {
        var x = 1
        let avail = w - 2
        // Under an overlay (a prompt, the filter menu) the screen below still speaks.
        let screen = state.screens.last(where: { !$0.kind.isOverlay })?.statusContext(self)
        // On the matrix a long warning or error may take the task title's line as well.
        if screen?.messageMayWrapAbove == true, let m = state.status, m.kind == .error || m.kind == .warning,
           TextWidth.width(cleanHead(m.text)) > avail {
            let lines = Text.wrap(cleanHead(m.text), width: avail)
            grid.fill(row: row - 1, col: 0, count: w)
            grid.put(fit(lines[0], avail), row: row - 1, col: 1, style: theme.message(m.kind))
            grid.put(fit(lines.dropFirst().joined(separator: " "), avail), row: row, col: 1, style: theme.message(m.kind))
            return
        }
        let context = screen?.context ?? ""
        if let m = state.status {
            let message = cleanHead(m.text)
            let both = context.isEmpty ? message : context + "  " + message
            if !context.isEmpty, TextWidth.width(both) <= avail || m.kind == .info || m.kind == .success {
                x += grid.put(fit(context, avail), row: row, col: x, style: Style(bold: true))
                x += 2
            }
            grid.put(fit(message, max(0, w - 1 - x)), row: row, col: x, style: theme.message(m.kind))
            return
        }
        if state.readOnly {
            x += grid.put(fit(s.readOnlyBanner, avail), row: row, col: x, style: theme.message(.warning)) + 2
        }
        guard !context.isEmpty, x < w - 1 else { return }
        x += grid.put(fit(context, w - 1 - x), row: row, col: x, style: Style(bold: true))
        // A ruler at the right, when there is room.
        guard let ruler = screen?.ruler, !ruler.isEmpty else { return }
        let rw = TextWidth.width(ruler)
        if w - 1 - rw >= x + 2 { grid.put(ruler, row: row, col: w - 1 - rw, style: theme.dim) }
    }

    mutating func footer(row: Int) {
        let context = state.keyContext
        var kind = FooterKind.context(context)
        if state.top == .search || state.top == .prompt { kind = .search }
        var x = 0
        for command in KeyMap.footer[kind] ?? [] {
            let key = KeyMap.keyName(command, in: context, ascii: g.asciiKeyNames)
            let label = s.commandShort[command] ?? command.rawValue
            let need = TextWidth.width(key) + 1 + TextWidth.width(label)
            if x + need > w { break }
            x += grid.put(key, row: row, col: x, style: theme.footerKey)
            x += grid.put(" " + label, row: row, col: x)
            x += 2
        }
    }

    /// A text field with its caret; sets the terminal cursor when focused.
    mutating func textField(_ field: TextField, row: Int, col: Int, width: Int, focused: Bool) {
        guard width > 0, row >= 0, row < h, col < w else { return }
        grid.fill(row: row, col: col, count: width, style: focused ? theme.focusedField : theme.field)
        let (text, caret) = field.visible(width: width)
        grid.put(text, row: row, col: col, style: focused ? theme.focusedField : theme.field, maxWidth: width)
        if focused, col + caret < w { grid.cursor = (row, col + caret) }
    }

    /// Draws a line of spans from `col`, truncating the span that would overflow with "…".
    mutating func line(_ l: Line, row: Int, col: Int, selected: Bool) {
        if selected {
            grid.fill(row: row, col: 0, count: w, style: theme.selected)
            grid.put(selectionMark, row: row, col: 0, style: theme.selected)
        }
        var x = col
        for span in l.spans {
            let room = w - 1 - x
            guard room > 0 else { break }
            let text = fit(span.text, room)
            var style = theme.span(span.kind)
            if selected { style = theme.selected }
            x += grid.put(text, row: row, col: x, style: style, maxWidth: room)
        }
    }

    // MARK: Scrolling

    /// A scrolling page without a cursor (help, workload, ranking, a notice): `title` on row 1
    /// with the scroll indicator, then from row 2 the lines the viewport shows, each drawn by
    /// `draw(&renderer, line, row)` (only the lines shown are built).
    mutating func page(title: String, _ viewport: Viewport, bodyRows: Int, draw: (inout Renderer, Int, Int) -> Void) {
        grid.put(fit(title, w - 2), row: 1, col: 1, style: theme.heading)
        scrollIndicator(row: 1, offset: viewport.offset, visible: viewport.visible, count: viewport.count)
        for (i, li) in viewport.lines.prefix(bodyRows).enumerated() { draw(&self, li, 2 + i) }
    }

    /// "12–30/45" at the right of a subtitle row when the content scrolls.
    mutating func scrollIndicator(row: Int, offset: Int, visible: Int, count: Int) {
        guard count > visible else { return }
        let text = "\(offset + 1)-\(min(count, offset + visible))/\(count)"
        let tw = TextWidth.width(text)
        guard w - 1 - tw > 0 else { return }
        grid.put(text, row: row, col: w - 1 - tw, style: theme.dim)
    }

}
