import DubanCanvas

/// A horizontal run of cells to (re)draw: `cells[i]` goes to column `col + i` of `row`.
/// A run never starts on a continuation cell and never ends between the two halves of
/// a wide glyph; continuation cells inside it are carried along and skipped when drawing.
public struct DrawRun: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public var cells: [Cell]

    public init(row: Int, col: Int, cells: [Cell]) {
        self.row = row
        self.col = col
        self.cells = cells
    }
}

/// What to send to the terminal to turn one grid into another. Pure: no terminal needed.
public enum ScreenDiff {
    /// The cells a terminal drawing Ambiguous characters wide shows two columns wide while
    /// the C library (and so curses) calls them one: a two-column cell whose glyph `wcwidth`
    /// says is narrow, with room for both columns. `CursesScreen` keeps spaces there in
    /// curses and writes these glyphs itself after each update.
    public static func wideAmbiguousCells(_ grid: Grid, terminalWidth: Int,
                                          systemWidth: (Unicode.Scalar) -> Int) -> [(row: Int, col: Int, cell: Cell)] {
        var out: [(row: Int, col: Int, cell: Cell)] = []
        for r in 0..<grid.height {
            for c in 0..<min(grid.width, terminalWidth - 1) {
                let cell = grid[r, c]
                guard cell.width == 2, let base = cell.text.unicodeScalars.first, !Glyph.isControl(base),
                      systemWidth(base) == 1 else { continue }
                out.append((r, c, cell))
            }
        }
        return out
    }

    /// The runs that differ between `old` (what is on screen) and `new`.
    /// With no `old`, or one of another size, every row is one run (a full draw).
    ///
    /// A changed cell that is, in either grid, half of a wide glyph pulls in the other
    /// half, repeatedly, so a wide glyph is always redrawn whole and a narrow cell that
    /// replaces half of an old wide glyph gets its neighbour redrawn too.
    public static func runs(from old: Grid?, to new: Grid) -> [DrawRun] {
        guard let old, old.width == new.width, old.height == new.height else {
            return fullRuns(new)
        }
        var result: [DrawRun] = []
        let width = new.width
        var dirty = [Bool](repeating: false, count: width)
        for row in 0..<new.height {
            var any = false
            var stack: [Int] = []
            // Compared in place (no copy of each cell and its text): this runs for every cell
            // of every frame.
            let base = row * width
            old.cells.withUnsafeBufferPointer { o in
                new.cells.withUnsafeBufferPointer { n in
                    for col in 0..<width where o[base + col] != n[base + col] {
                        dirty[col] = true
                        stack.append(col)
                        any = true
                    }
                }
            }
            guard any else { continue }
            // Close the dirty set over wide-glyph partners in both grids.
            while let col = stack.popLast() {
                for partner in partners(of: col, row: row, in: old) + partners(of: col, row: row, in: new)
                where partner >= 0 && partner < width && !dirty[partner] {
                    dirty[partner] = true
                    stack.append(partner)
                }
            }
            var col = 0
            while col < width {
                guard dirty[col] else { col += 1; continue }
                let start = col
                while col < width && dirty[col] { col += 1 }
                result.append(DrawRun(row: row, col: start, cells: (start..<col).map { new[row, $0] }))
            }
            for c in 0..<width { dirty[c] = false }
        }
        return result
    }

    /// `grid` with its wide glyphs made consistent, so what is drawn is what `lines()`
    /// of the result says: a continuation cell that does not follow a wide glyph becomes
    /// a space, and a wide glyph whose continuation was overwritten (or that stands in
    /// the last column) becomes a space too — the later write wins. Returns `grid`
    /// itself, without copying, when it is consistent already.
    public static func normalized(_ grid: Grid) -> Grid {
        if isConsistent(grid) { return grid }
        var fixed: Grid?
        for row in 0..<grid.height {
            for col in 0..<grid.width {
                let cell = (fixed ?? grid)[row, col]
                if cell.isContinuation {
                    if col == 0 || (fixed ?? grid)[row, col - 1].width != 2 {
                        if fixed == nil { fixed = grid }
                        fixed![row, col] = Cell(text: " ", width: 1, style: cell.style)
                    }
                } else if cell.width >= 2 {
                    if col + 1 >= grid.width || !(fixed ?? grid)[row, col + 1].isContinuation {
                        if fixed == nil { fixed = grid }
                        fixed![row, col] = Cell(text: " ", width: 1, style: cell.style)
                    }
                }
            }
        }
        return fixed ?? grid
    }

    /// True when every continuation cell follows a wide glyph and every wide glyph has its
    /// continuation (what `normalized` would leave alone); reads only the widths, in place.
    static func isConsistent(_ grid: Grid) -> Bool {
        let w = grid.width
        return grid.cells.withUnsafeBufferPointer { cells in
            for row in 0..<grid.height {
                let base = row * w
                for col in 0..<w {
                    let width = cells[base + col].width
                    if width == 0 {
                        if col == 0 || cells[base + col - 1].width != 2 { return false }
                    } else if width >= 2 {
                        if col + 1 >= w || cells[base + col + 1].width != 0 { return false }
                    }
                }
            }
            return true
        }
    }

    /// Every row of `grid` as one run.
    public static func fullRuns(_ grid: Grid) -> [DrawRun] {
        guard grid.width > 0 else { return [] }
        return (0..<grid.height).map { row in
            DrawRun(row: row, col: 0, cells: (0..<grid.width).map { grid[row, $0] })
        }
    }

    /// The other half of the wide glyph that column `col` belongs to, if any.
    private static func partners(of col: Int, row: Int, in grid: Grid) -> [Int] {
        let cell = grid[row, col]
        if cell.isContinuation { return [col - 1] }
        if cell.width >= 2 { return [col + 1] }
        return []
    }
}

/// The characters handed to curses for one cell, after a last check.
public struct Glyph: Hashable, Sendable {
    /// One spacing scalar followed by zero-width ones (at most `maxScalars` in all).
    public var scalars: [Unicode.Scalar]
    /// True when the glyph came out one column narrower than the cell (the terminal's
    /// width table disagrees, or a wide glyph has no room): the continuation column is
    /// then drawn as a space so nothing stale stays there.
    public var padContinuation: Bool

    public init(scalars: [Unicode.Scalar], padContinuation: Bool) {
        self.scalars = scalars
        self.padContinuation = padContinuation
    }

    /// Defence in depth: the text of a cell was sanitized by `Grid.put`, but a control
    /// character must never reach the terminal whatever put it in a cell.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Decides what to draw for `cell`. `systemWidth` is the width the C library (and so
    /// curses) gives a scalar: `wcwidth`, -1 for unprintable. `room` is how many columns
    /// are left from the cell to the right edge of the screen.
    ///
    /// - controls → "?"
    /// - the cell's width and the library's width agree → the text (trailing combining
    ///   marks kept while they fit into `maxScalars`)
    /// - a wide cell whose glyph the library calls narrow → the glyph and a space pad
    /// - anything else the library would place differently (unprintable, or wider than
    ///   the cell, or a wide glyph in the last column) → "?" (plus a space pad for a wide cell)
    public static func make(for cell: Cell, room: Int = .max, maxScalars: Int = 5,
                            systemWidth: (Unicode.Scalar) -> Int) -> Glyph {
        let question: Unicode.Scalar = "?"
        let cellWidth = max(1, Int(cell.width))
        let pad = cellWidth == 2
        guard let base = cell.text.unicodeScalars.first else {
            return Glyph(scalars: [" "], padContinuation: pad)
        }
        if isControl(base) { return Glyph(scalars: [question], padContinuation: pad) }
        if cellWidth == 2 && room < 2 { return Glyph(scalars: [" "], padContinuation: false) }
        let baseWidth = systemWidth(base)
        guard baseWidth >= 1, baseWidth <= cellWidth else {
            return Glyph(scalars: [question], padContinuation: pad)
        }
        var scalars = [base]
        for s in cell.text.unicodeScalars.dropFirst() {
            guard scalars.count < maxScalars else { break }
            // Only zero-width, printable scalars may follow the base in one curses cell.
            if isControl(s) || systemWidth(s) != 0 { break }
            scalars.append(s)
        }
        return Glyph(scalars: scalars, padContinuation: baseWidth < cellWidth)
    }
}
