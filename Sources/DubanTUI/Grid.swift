import DubanCanvas
import DubanCore

/// Writing measured, sanitized text into a Grid (display widths and the sanitizer are
/// DubanCore's; the grid itself is DubanCanvas's).
extension Grid {
    /// Writes sanitized `text` at (row, col), clipped to `maxWidth` columns and the grid's edge.
    /// A wide character that does not fit is replaced by a space; never half-drawn.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height, col < width else { return 0 }
        let limit = min(width, col + (maxWidth ?? width))
        var c = col
        // Only the start of the text that can reach the edge is looked at.
        let (shown, _) = TextWidth.head(text, maxScalars: TextWidth.scalarBudget(limit - col))
        // One glyph of `w` columns at `c`; false when it does not fit: what is left of the field
        // is filled with spaces rather than splitting a wide glyph.
        func place(_ glyph: String, _ w: Int) -> Bool {
            if c + w > limit {
                while c < limit { if c >= 0 { setCell(row, c, Cell(text: " ", width: 1, style: style)) }; c += 1 }
                return false
            }
            if c >= 0 {
                setCell(row, c, Cell(text: glyph, width: UInt8(w), style: style))
                if w == 2 { setCell(row, c + 1, Cell(text: "", width: 0, style: style)) }
            }
            c += w
            return true
        }
        if TextWidth.simpleWidth(shown) != nil {
            // Each scalar a character of one or two columns that needs no sanitizing: no
            // grapheme breaking, no width tables (what follows gives the same cells).
            for u in shown.unicodeScalars where !place(String(u), u.value < 0x7F ? 1 : 2) { break }
            return max(0, c - col)
        }
        let wide = TextWidth.ambiguousIsWide   // a task-local: read once, not for every character
        for var ch in Sanitizer.clean(shown) {
            // (A scalar takes at least one UTF-8 byte: most characters are ruled out by their size.)
            if ch.utf8.count > Grid.maxCellScalars, ch.unicodeScalars.count > Grid.maxCellScalars,
               let first = String(String.UnicodeScalarView(ch.unicodeScalars.prefix(Grid.maxCellScalars))).first {
                ch = first
            }
            let w = TextWidth.width(of: ch, ambiguousIsWide: wide)
            if w == 0 {
                // Combining mark: attach to the previous cell's grapheme (up to a few scalars).
                if c > 0, c - 1 < width, c - 1 >= max(col, 0) {
                    let at = self[row, c - 1].isContinuation && c - 2 >= 0 ? c - 2 : c - 1
                    var prev = self[row, at]
                    if prev.text.unicodeScalars.count + ch.unicodeScalars.count <= Grid.maxCellScalars {
                        prev.text.append(ch)
                        self[row, at] = prev
                    }
                }
                continue
            }
            if !place(String(ch), w) { break }
        }
        return max(0, c - col)
    }

}
