import DubanCanvas
import DubanCore

/// Rows of columns laid out by width rules, as ratatui's Table: each column gets a width
/// from its rule, cells are sanitized, truncated with the ellipsis by display width (a wide
/// character is never split) and padded, and columns are separated by their gap, so one
/// cell can never run into the next. Selection and offset stay outside (`Viewport`).
struct Table {
    enum Rule: Equatable {
        /// Exactly this many columns.
        case fixed(Int)
        /// As wide as the widest of these texts (header included), within min…max.
        case fit(min: Int, max: Int)
        /// Shares what the other columns leave, never less than `min`.
        case flex(min: Int)
    }
    enum Align { case left, right }

    struct Column {
        var rule: Rule
        var align: Align = .left
        /// Blank columns before this one.
        var gap: Int = 1
        init(_ rule: Rule, _ align: Align = .left, gap: Int = 1) {
            self.rule = rule
            self.align = align
            self.gap = gap
        }
    }

    /// A cell: text and the meaning its style comes from.
    typealias Cell = (text: String, kind: Span.Kind)

    let columns: [Column]
    /// Resolved widths, one per column.
    let widths: [Int]
    let ellipsis: String

    /// Lays out the columns for `total` display columns; `.fit` columns measure `sample`
    /// (rows of cell texts, e.g. the header and the rows on screen).
    init(_ columns: [Column], total: Int, sample: [[String]] = [], ellipsis: String = "…") {
        self.columns = columns
        self.ellipsis = ellipsis
        var widths = columns.enumerated().map { i, c -> Int in
            switch c.rule {
            case .fixed(let n): return max(0, n)
            case let .fit(lo, hi):
                let widest = sample.compactMap { $0.indices.contains(i) ? TextWidth.width($0[i].clean) : nil }.max() ?? 0
                return max(lo, min(hi, widest))
            case .flex(let lo): return max(0, lo)
            }
        }
        let used = widths.reduce(0, +) + columns.reduce(0) { $0 + $1.gap }
        let flex = columns.indices.filter { if case .flex = columns[$0].rule { return true } else { return false } }
        if !flex.isEmpty, total > used {
            let extra = total - used
            for (k, i) in flex.enumerated() { widths[i] += extra / flex.count + (k < extra % flex.count ? 1 : 0) }
        }
        self.widths = widths
    }

    /// The display column where column `i` starts.
    func start(of i: Int) -> Int {
        (0..<i).reduce(0) { $0 + columns[$1].gap + widths[$1] } + columns[i].gap
    }

    /// One row as spans: every cell fitted to its column, gaps between (styled as `gap`, so a
    /// row drawn bold or dim throughout stays so between its cells).
    func spans(_ cells: [Cell], gap: Span.Kind = .plain) -> [Span] {
        var out: [Span] = []
        for (i, c) in columns.enumerated() {
            let cell = cells.indices.contains(i) ? cells[i] : ("", .plain)
            let w = widths[i]
            let fitted = TextWidth.fitClean(cell.text, to: w, ellipsis: ellipsis)
            let padded = c.align == .right ? TextWidth.padLeft(fitted, to: w) : TextWidth.pad(fitted, to: w)
            out.append(Span(String(repeating: " ", count: c.gap), gap))
            out.append(Span(padded, cell.kind))
        }
        return out
    }

    /// One row as a `Line` (for screens that scroll lines).
    func line(_ cells: [Cell], gap: Span.Kind = .plain) -> Line { Line(spans(cells, gap: gap)) }

    /// Display columns of a whole row (gaps included).
    var totalWidth: Int { widths.reduce(0, +) + columns.reduce(0) { $0 + $1.gap } }
}
