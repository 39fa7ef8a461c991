import DubanTUI
import DubanCanvas
import DubanTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The benchmark's terminal output: what `CursesScreen.draw` does for one frame without
/// ncurses — normalize the grid, diff it against the previous one (`ScreenDiff.runs`),
/// choose each cell's glyph (`Glyph.make`, with the C library's `wcwidth`), and encode the
/// runs as the bytes an xterm-like terminal gets: a cursor position (CUP) where the next cell
/// is not where the cursor already stands, SGR when the style changes, UTF-8 text, and the
/// cursor's final place or hiding. ncurses optimises cursor motion a little further, so this
/// is an upper bound of the same order (about 270 bytes per move were measured with
/// `tmux pipe-pane` against ncurses).
final class TerminalBytes {
    private(set) var previous: Grid?
    private var out: [UInt8] = []
    private var style = Style()
    private var cursor: (row: Int, col: Int)?

    init() {
        out.reserveCapacity(1 << 16)
        // wcwidth gives CJK its two columns only in a UTF-8 locale, as duban sets at start.
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    /// Encodes one frame; returns the number of bytes it would send.
    @discardableResult
    func frame(_ g: Grid) -> Int {
        out.removeAll(keepingCapacity: true)
        let grid = ScreenDiff.normalized(g)
        let runs: [DrawRun]
        if let previous, previous.width == grid.width, previous.height == grid.height {
            runs = ScreenDiff.runs(from: previous, to: grid)
        } else {
            append("\u{1B}[H\u{1B}[2J")
            cursor = (0, 0)
            runs = ScreenDiff.fullRuns(grid)
        }
        previous = grid
        for run in runs {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                let col = run.col + i
                guard col < grid.width else { break }
                let glyph = Glyph.make(for: cell, room: grid.width - col, maxScalars: 5,
                                       systemWidth: { Int(systemWcwidth(Int32(bitPattern: $0.value))) })
                move(run.row, col)
                setStyle(cell.style)
                for s in glyph.scalars { append(s) }
                var advance = glyph.scalars.first.map { max(1, Int(systemWcwidth(Int32(bitPattern: $0.value)))) } ?? 1
                if glyph.padContinuation && col + 1 < grid.width { append(" "); advance += 1 }
                cursor = (run.row, col + advance)
            }
        }
        if let c = grid.cursor {
            move(c.row, c.col)
            append("\u{1B}[?25h")
        }
        return out.count
    }

    private func move(_ row: Int, _ col: Int) {
        if let c = cursor, c.row == row, c.col == col { return }
        if let c = cursor, c.row == row, col > c.col, col - c.col <= 4 {
            append("\u{1B}[\(col - c.col)C")
        } else {
            append("\u{1B}[\(row + 1);\(col + 1)H")
        }
        cursor = (row, col)
    }

    private func setStyle(_ s: Style) {
        guard s != style else { return }
        var codes = ["0"]
        if s.bold { codes.append("1") }
        if s.dim { codes.append("2") }
        if s.underline { codes.append("4") }
        if s.reverse { codes.append("7") }
        if s.fg != .default { codes.append(String(29 + Int(s.fg.rawValue))) }
        if s.bg != .default { codes.append(String(39 + Int(s.bg.rawValue))) }
        append("\u{1B}[" + codes.joined(separator: ";") + "m")
        style = s
    }

    private func append(_ s: String) { out.append(contentsOf: s.utf8) }
    private func append(_ u: Unicode.Scalar) { out.append(contentsOf: String(Character(u)).utf8) }
}

/// The C library's wcwidth (what curses uses), declared here: Glibc's module does not export it.
@_silgen_name("wcwidth") func systemWcwidth(_ c: Int32) -> Int32
