import DubanCanvas
import DubanTUI
import Testing
@testable import DubanTerminal

@Suite struct ScreenDiffTests {
    func grid(_ lines: [String], width: Int) -> Grid {
        var g = Grid(width: width, height: lines.count)
        for (r, line) in lines.enumerated() { g.put(line, row: r, col: 0) }
        return g
    }

    /// (row, col, text) of each run, for readable expectations.
    func summary(_ runs: [DrawRun]) -> [String] {
        runs.map { run in "\(run.row):\(run.col):" + run.cells.map(\.text).joined() }
    }

    @Test func firstDrawIsFull() {
        let g = grid(["ab", "cd"], width: 3)
        #expect(summary(ScreenDiff.runs(from: nil, to: g)) == ["0:0:ab ", "1:0:cd "])
    }

    @Test func sizeChangeIsFull() {
        let old = grid(["ab"], width: 3)
        let new = grid(["ab", "cd"], width: 3)
        #expect(ScreenDiff.runs(from: old, to: new).count == 2)
    }

    @Test func identicalGridsSendNothing() {
        let g = grid(["督办 task", "牵 协"], width: 12)
        #expect(ScreenDiff.runs(from: g, to: g).isEmpty)
    }

    @Test func oneChangedCellIsOneRunOfOne() {
        let old = grid(["abcdef", "ghijkl"], width: 6)
        let new = grid(["abcdef", "ghiXkl"], width: 6)
        #expect(summary(ScreenDiff.runs(from: old, to: new)) == ["1:3:X"])
    }

    @Test func separateChangesAreSeparateRuns() {
        let old = grid(["abcdef"], width: 6)
        let new = grid(["XbcdYZ"], width: 6)
        #expect(summary(ScreenDiff.runs(from: old, to: new)) == ["0:0:X", "0:4:YZ"])
    }

    @Test func styleChangeCounts() {
        let old = grid(["abc"], width: 3)
        var new = old
        new.put("b", row: 0, col: 1, style: Style(reverse: true))
        #expect(summary(ScreenDiff.runs(from: old, to: new)) == ["0:1:b"])
    }

    @Test func changedWideGlyphIsRedrawnWhole() {
        let old = grid(["a牵b"], width: 4)
        let new = grid(["a协b"], width: 4)
        let runs = ScreenDiff.runs(from: old, to: new)
        #expect(summary(runs) == ["0:1:协"])
        #expect(runs[0].cells.map(\.width) == [2, 0])
    }

    @Test func styleOnlyChangeOfWideGlyphTakesBothHalves() {
        let old = grid(["牵"], width: 2)
        var new = old
        new.put("牵", row: 0, col: 0, style: Style(bold: true))
        #expect(ScreenDiff.runs(from: old, to: new).map { $0.cells.count } == [2])
    }

    @Test func narrowOverRightHalfOfWideRedrawsLeftHalf() {
        // Old: 牵 at 0–1. New: " " at 0, "z" at 1.
        let old = grid(["牵cd"], width: 4)
        var new = Grid(width: 4, height: 1)
        new.put("  cd", row: 0, col: 0)
        new.put("z", row: 0, col: 1)
        // Columns 0 (" " instead of 牵) and 1 ("z" instead of the continuation) differ.
        #expect(summary(ScreenDiff.runs(from: old, to: new)) == ["0:0: z"])
    }

    @Test func wideGlyphShiftedByOneColumnPullsInAllPartners() {
        // Old: 牵 at 1–2, 协 at 3–4. New: 牵 at 0–1, 协 at 2–3, "e" at 4.
        let old = grid(["a牵协"], width: 6)
        let new = grid(["牵协e"], width: 6)
        let runs = ScreenDiff.runs(from: old, to: new)
        #expect(summary(runs) == ["0:0:牵协e"])
        #expect(runs[0].cells.count == 5)
    }

    @Test func partnerExpansionCrossesUnchangedCells() {
        // old: a 牵(1–2) c; new: the same, but the continuation cell alone has another style.
        let old = grid(["a牵c"], width: 4)
        var new = old
        var cont = new[0, 2]
        cont.style = Style(underline: true)
        new[0, 2] = cont
        // The continuation alone changed; its glyph (column 1) must be redrawn too.
        let runs = ScreenDiff.runs(from: old, to: new)
        #expect(runs.count == 1)
        #expect(runs[0].col == 1)
        #expect(runs[0].cells.count == 2)
    }

    @Test func runsNeverStartOnContinuation() {
        let old = grid(["季度检查 done", "督办单"], width: 14)
        let new = grid(["季度检出 d0ne", "X办单"], width: 14)
        for run in ScreenDiff.runs(from: old, to: new) {
            #expect(!run.cells[0].isContinuation)
            if let last = run.cells.last { #expect(last.width != 2) }
        }
    }

    @Test func runCellsMatchNewGrid() {
        let old = grid(["季度检查 done", "督办单"], width: 14)
        let new = grid(["季度抽查 d0ne", "X办单 ok"], width: 14)
        var rebuilt = old
        for run in ScreenDiff.runs(from: old, to: new) {
            for (i, cell) in run.cells.enumerated() { rebuilt[run.row, run.col + i] = cell }
        }
        #expect(rebuilt.lines() == new.lines())
        #expect(rebuilt.cells == new.cells)
    }

    @Test func normalizedLeavesConsistentGridAlone() {
        let g = grid(["督办 ok", "牵协"], width: 8)
        #expect(ScreenDiff.normalized(g) == g)
    }

    @Test func normalizedTurnsHalfGlyphsIntoSpaces() {
        var g = grid(["a督b", "牵"], width: 5)
        // An orphan continuation (row 0, col 4 after "b") and a wide glyph whose
        // continuation was overwritten (row 1: 牵 at 0, then a narrow cell at 1).
        g[0, 4] = Cell(text: "", width: 0)
        g[1, 1] = Cell(text: "x", width: 1)
        // And a wide glyph in the last column.
        g[1, 4] = Cell(text: "协", width: 2)
        let n = ScreenDiff.normalized(g)
        #expect(n[0, 1] == g[0, 1])
        #expect(n[0, 2] == g[0, 2])
        #expect(n[0, 3] == g[0, 3])
        #expect(n[0, 4] == Cell(text: " ", width: 1))
        #expect(n[1, 0] == Cell(text: " ", width: 1))
        #expect(n[1, 1] == Cell(text: "x", width: 1))
        #expect(n[1, 4] == Cell(text: " ", width: 1))
        #expect(n.lines() == ["a督b ", " x   "])
    }

    @Test func emptyGrid() {
        #expect(ScreenDiff.runs(from: nil, to: Grid(width: 0, height: 0)).isEmpty)
    }
}

@Suite struct GlyphTests {
    /// A stand-in for glibc's wcwidth in a UTF-8 locale.
    static func width(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0..<0x20, 0x7F..<0xA0: return -1
        case 0x300...0x36F, 0x200D, 0xFE0F: return 0
        case 0x2764: return 1
        case 0x4E00...0x9FFF, 0x1F600...0x1F64F: return 2
        case 0xE000...0xF8FF: return -1  // pretend private use is unprintable
        default: return 1
        }
    }

    func glyph(_ cell: Cell, room: Int = 80) -> Glyph {
        Glyph.make(for: cell, room: room, systemWidth: GlyphTests.width)
    }

    @Test func plainAndWide() {
        #expect(glyph(Cell(text: "a")) == Glyph(scalars: ["a"], padContinuation: false))
        #expect(glyph(Cell(text: "督", width: 2)) == Glyph(scalars: ["督"], padContinuation: false))
    }

    @Test func controlsNeverPass() {
        #expect(glyph(Cell(text: "\u{1B}")).scalars == ["?"])
        #expect(glyph(Cell(text: "\u{07}")).scalars == ["?"])
        #expect(glyph(Cell(text: "\u{9B}")).scalars == ["?"])
        #expect(glyph(Cell(text: "\u{7F}")).scalars == ["?"])
        #expect(glyph(Cell(text: "\u{202E}")).scalars == ["?"])
        // A control after the base is dropped, not passed.
        #expect(glyph(Cell(text: "e\u{1B}[2J")).scalars == ["e"])
    }

    @Test func combiningMarksKept() {
        #expect(glyph(Cell(text: "e\u{301}")).scalars == ["e", "\u{301}"])
        let many = "e" + String(repeating: "\u{301}", count: 8)
        #expect(glyph(Cell(text: many)).scalars.count == 5)
    }

    @Test func spacingScalarAfterBaseIsDropped() {
        // A ZWJ sequence cannot go into one curses cell: keep the first glyph.
        let family = Cell(text: "\u{1F600}\u{200D}\u{1F600}", width: 2)
        #expect(glyph(family) == Glyph(scalars: ["\u{1F600}", "\u{200D}"], padContinuation: false))
    }

    @Test func wideCellWithNarrowSystemGlyphIsPadded() {
        let heart = Cell(text: "\u{2764}\u{FE0F}", width: 2)
        #expect(glyph(heart) == Glyph(scalars: ["\u{2764}", "\u{FE0F}"], padContinuation: true))
    }

    @Test func narrowCellWithWideSystemGlyphIsReplaced() {
        #expect(glyph(Cell(text: "督", width: 1)) == Glyph(scalars: ["?"], padContinuation: false))
    }

    @Test func unprintableForTheLibraryIsReplaced() {
        #expect(glyph(Cell(text: "\u{E000}")) == Glyph(scalars: ["?"], padContinuation: false))
        #expect(glyph(Cell(text: "\u{E000}", width: 2)) == Glyph(scalars: ["?"], padContinuation: true))
    }

    @Test func wideGlyphInLastColumnBecomesSpace() {
        #expect(glyph(Cell(text: "督", width: 2), room: 1) == Glyph(scalars: [" "], padContinuation: false))
    }

    @Test func emptyTextIsSpace() {
        #expect(glyph(Cell(text: "")).scalars == [" "])
    }
}
