import DubanCanvas
import DubanCore

/// Checks on Grid for the fuzzer and tests: `put` never writes past the grid or the field,
/// and never leaves half a wide glyph.
public enum GridChecks {
    public static func put(_ text: String) -> [String] {
        var problems: [String] = []
        for (w, h) in [(0, 0), (1, 1), (2, 1), (5, 2), (13, 3)] {
            for col in -2...(w + 1) {
                for maxWidth in [nil, 0, 1, 3] as [Int?] {
                    var g = Grid(width: w, height: h)
                    let n = g.put(text, row: h - 1, col: col, maxWidth: maxWidth)
                    if g.width != w || g.height != h { problems.append("grid resized to \(g.width)×\(g.height)") }
                    if col + n > w && n > 0 { problems.append("wrote \(n) columns from \(col) in a grid \(w) wide") }
                    if let m = maxWidth, n > max(0, m) { problems.append("wrote \(n) columns with maxWidth \(m)") }
                    for r in 0..<h {
                        for c in 0..<w {
                            let cell = g[r, c]
                            if cell.width == 2 && (c + 1 >= w || !g[r, c + 1].isContinuation) {
                                problems.append("half a wide glyph at \(r),\(c) (\(w)×\(h), col \(col))")
                            }
                            if let m = maxWidth, r == h - 1, c >= col + m, c >= 0, !(cell == Cell()) {
                                problems.append("wrote past maxWidth at column \(c)")
                            }
                        }
                    }
                }
            }
        }
        return Array(problems.prefix(5))
    }
}
