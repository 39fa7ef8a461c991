import DubanCanvas
import DubanCore

/// The help screen: the key map as tables, one per context, generated from the bindings so
/// it cannot drift from them. A screen that lives entirely in this file (state, layout,
/// keys, drawing); see `ScreenComponent` for how to add one.
struct HelpScreen: ScreenComponent {
    var viewport = Viewport()
    var kind: ViewKind { .help }

    init() {}

    /// Opens at the section of the key context it was called from.
    init(at context: KeyContext, _ app: AppState) {
        viewport.offset = HelpContent.headingLine(of: context, app) ?? 0
    }

    /// Title row above, status and footer rows below.
    static func bodyRows(height: Int) -> Int { max(1, height - 4) }

    mutating func layout(_ app: AppState) {
        viewport.resize(visible: Self.bodyRows(height: app.height), count: HelpContent.lineCount(app))
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if viewport.handleScroll(c) { return [] }
        if c == .back { app.pop() }
        return []
    }

    func render(_ r: inout Renderer) {
        let lines = HelpContent.lines(r.state)
        // Drawn at the offset the layout left; a smaller grid just shows fewer rows.
        r.page(title: r.s.helpTitle, viewport, bodyRows: Self.bodyRows(height: r.h)) { r, li, row in
            if li < lines.count { r.line(lines[li], row: row, col: 1, selected: false) }
        }
    }
}

// MARK: Help content

enum HelpContent {
    /// The help screen, generated from the key map: one table per context, then the global keys.
    static func lines(_ state: AppState) -> [Line] {
        let s = state.strings
        let ascii = state.options.glyphs.asciiKeyNames
        let sections = self.sections(state)
        let keyText: (KeyBinding) -> String = { b in
            b.keys.map { KeyMap.name(of: $0, ascii: ascii) }.joined(separator: " ")
        }
        let keyWidth = min(24, (KeyMap.bindings.map { TextWidth.width(keyText($0)) }.max() ?? 0) + 2)
        var out: [Line] = []
        for (i, (title, bs)) in sections.enumerated() {
            if i > 0 { out.append(.blank) }
            out.append(Line([Span(title, .heading)]))
            for b in bs {
                out.append(Line([Span("  " + TextWidth.pad(keyText(b), to: keyWidth), .bold),
                                 Span(s.commandHelp[b.command] ?? b.command.rawValue)]))
            }
        }
        out.append(.blank)
        out.append(SupervisionContent.legend(state))
        return out
    }

    /// The bindings per section: titled by context, then the global ones.
    static func sections(_ state: AppState) -> [(String, [KeyBinding])] {
        let s = state.strings
        var sections: [(String, [KeyBinding])] = []
        for c in KeyMap.helpContexts {
            let bs = KeyMap.bindings.filter { !$0.isGlobal && $0.contexts.contains(c) }
            if !bs.isEmpty {
                sections.append((s.helpSections[c] ?? s.sup.helpSections[c] ?? c.rawValue, bs))
            }
        }
        sections.append((s.helpGlobal, KeyMap.bindings.filter(\.isGlobal)))
        return sections
    }

    /// The line of a context's heading in `lines` (nil for a context without a section).
    static func headingLine(of context: KeyContext, _ state: AppState) -> Int? {
        var line = 0
        for c in KeyMap.helpContexts {
            let n = KeyMap.bindings.filter { !$0.isGlobal && $0.contexts.contains(c) }.count
            guard n > 0 else { continue }
            if c == context { return line }
            line += 1 + n + 1
        }
        return nil
    }

    /// How many lines `lines` has, without building them: a heading and a line per binding
    /// for each section, a blank between sections, then a blank and the light legend.
    static func lineCount(_ state: AppState) -> Int {
        let sections = self.sections(state)
        return sections.reduce(0) { $0 + 1 + $1.1.count } + max(0, sections.count - 1) + 2
    }
}

