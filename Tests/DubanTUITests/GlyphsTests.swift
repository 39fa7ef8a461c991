import DubanCanvas
import DubanCore
import Foundation
import Testing
@testable import DubanTUI

/// The frame's symbols: one set per terminal kind, and a frame that stays straight in a
/// terminal drawing East Asian Ambiguous characters two columns wide.
@Suite struct GlyphsTests {
    /// A glyph is Ambiguous when it measures differently with Ambiguous = 2 than with 1.
    static func isAmbiguous(_ s: String) -> Bool {
        TextWidth.width(s, ambiguousIsWide: true) != TextWidth.width(s, ambiguousIsWide: false)
    }

    @Test func wideSafeSetHasNoAmbiguousGlyph() {
        for g in Glyphs.wideSafe.all {
            #expect(!Self.isAmbiguous(g), "ambiguous-width glyph in the wide-safe set: \(g)")
            #expect(TextWidth.width(g, ambiguousIsWide: true) == TextWidth.width(g), "\(g)")
        }
        // The Unicode set does use them: the check above can fail.
        #expect(Glyphs.unicode.all.contains { Self.isAmbiguous($0) })
    }

    @Test func asciiSetIsASCII() {
        for g in Glyphs.ascii.all {
            let ok = g.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ok, "\(g)")
        }
    }

    @Test func truncationAndDueSoonDifferInEverySet() {
        let dueSoon = Lights.glyph(TaskStatus.dueSoon, Glyphs.ascii)
        for g in [Glyphs.unicode, .ascii, .wideSafe] {
            #expect(g.ellipsis != Lights.glyph(TaskStatus.dueSoon, g))
            #expect(g.ellipsis != dueSoon)
            #expect(Lights.glyph(TaskStatus.dueSoon, g) != Lights.glyph(TaskStatus.onTrack, g))
        }
    }

    @Test func optionsChooseTheSet() {
        var o = Fixture.options()
        #expect(o.glyphs == .unicode)
        o.ambiguousWide = true
        #expect(o.glyphs == .wideSafe)
        o.ascii = true
        #expect(o.glyphs == .ascii)
    }

    static func wideState(_ top: (inout AppState) -> Void = { _ in }) -> AppState {
        var s = Fixture.state(.zh)
        s.options.ambiguousWide = true
        top(&s)
        return s
    }

    /// Each row, measured as a wide-Ambiguous terminal draws it, is exactly the terminal's
    /// width: no separator or mark shifts the rest of the line.
    static func checkRowsFit(_ g: Grid, _ width: Int, _ label: String) {
        for (i, line) in g.lines().enumerated() {
            #expect(TextWidth.width(line, ambiguousIsWide: true) == width, "\(label) row \(i): \(line)")
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (61, 17)])
    func wideFrameRowsFitTheTerminal(width: Int, height: Int) {
        var s = Self.wideState()
        _ = reduce(&s, .resize(width: width, height: height))
        let g = render(s, width: width, height: height)
        Self.checkRowsFit(g, width, "matrix")
        // Task 2's title has “ ” (Ambiguous): drawn, and measured two columns each.
        #expect(g.text.contains("“"))
        // The separator is the wide-safe one.
        #expect(!g.text.contains("│") && g.lines()[4].contains("|"))

        // The task view (milestone lights, history) and help, at the same size.
        var t = s
        _ = reduce(&t, .command(.moveDown))
        _ = reduce(&t, .command(.openTask))
        Self.checkRowsFit(render(t, width: width, height: height), width, "task")
        var h = s
        _ = reduce(&h, .command(.showHelp))
        Self.checkRowsFit(render(h, width: width, height: height), width, "help")
    }

    /// The same screen measured the usual way would not fit: the test can fail.
    @Test func narrowFrameDoesNotFitAWideTerminal() {
        let s = Fixture.state(.zh)
        let g = render(s, width: 80, height: 24)
        let rows = g.lines().filter { TextWidth.width($0, ambiguousIsWide: true) != 80 }
        #expect(!rows.isEmpty)
    }

    @Test func asciiTruncationMarkIsNotTheDueSoonLight() {
        let s = AppState(plan: Fixture.plan(), options: Fixture.options(.en, ascii: true))
        let g = render(s, width: 80, height: 24)
        // Long titles are cut with ">" and the light column keeps "~" for due soon only.
        #expect(g.lines()[4].contains(">"), "\(g.lines()[4])")
        #expect(!g.lines().dropFirst(3).prefix(6).contains { $0.hasSuffix("~") })
    }
}

/// The cursor row and current column header read on dark and light backgrounds.
@Suite struct ContrastTests {
    @Test func crosshairAndCursorAreNotBoldOnColour() {
        let t = Theme(color: true)
        // Both colours set (independent of the terminal's background), and no bold: bold
        // black is drawn grey by xterm and others, about 2:1 on cyan.
        #expect(t.crosshair.fg == .black && t.crosshair.bg == .cyan && !t.crosshair.bold)
        #expect(!t.cursor(t.crosshair).bold && t.cursor(t.crosshair).reverse)
        #expect(!t.cursor(t.lead).bold)
        // Without colour the cursor stays bold reverse video.
        let mono = Theme(color: false)
        #expect(mono.cursor(.plain).bold && mono.cursor(.plain).reverse)
    }
}
