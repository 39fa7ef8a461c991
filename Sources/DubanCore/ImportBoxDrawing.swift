/// Reads the published form of the table: prose, then one or more segments, each
///
///     ┌───┬────┬────┬────┐
///     │序号 │ 名 称 │ 牵头部门 │ 协 同 部 门 │   header (may wrap over lines)
///     ├───┼────┼────┼────┤
///     │   │推进…  │省发改委、住 │省财政厅、…   │   one logical row over several lines
///     │ 2 │…      │房和城乡建设 │…             │
///     ├───┼────┼────┼────┤
///     └───┴────┴────┴────┘
///
/// ImportLines outside segments are prose and ignored. Each segment has its own header.
enum BoxDrawingReader {
    private static let vertical: Unicode.Scalar = "│"

    private enum LineKind { case top, middle, bottom, row, blank, other }

    private static func kind(of line: String) -> LineKind {
        guard let first = line.unicodeScalars.first(where: { !$0.isImportSpace }) else { return .blank }
        switch first {
        case "┌": return .top
        case "├": return .middle
        case "└": return .bottom
        case "│": return .row
        default: return .other
        }
    }

    private static func count(_ scalar: Unicode.Scalar, in line: String) -> Int {
        var n = 0
        for u in line.unicodeScalars where u == scalar { n += 1 }
        return n
    }

    private struct Segment {
        var startLine: Int
        var columns: Int
        /// Header cell fragments while the header is read; nil once the header is done.
        var header: [[ImportFragment]]?
        var headerLine: Int?
        var map: [ImportColumn: Int] = [:]
        /// Fragments of the row being read, per column.
        var cells: [[ImportFragment]] = []
        var rowLine: Int?
    }

    static func read(_ text: String) throws(ImportError) -> ImportRawTable {
        var rows: [ImportRow] = []
        var segment: Segment?
        var firstSegmentLine: Int?
        var lineNo = 0

        func notClosed(_ s: Segment, before what: String) -> ImportError {
            ImportError(line: s.startLine,
                        message: "the table starting on this line is not closed: no └ before \(what)")
        }

        /// Checks a ├ or └ border against the segment's column count.
        func checkBorder(_ line: String, _ s: Segment, joint: Unicode.Scalar) throws(ImportError) {
            let n = count(joint, in: line) + 1
            if n != s.columns {
                throw ImportError(line: lineNo, message:
                    "this border has \(n) columns but the table starting on line \(s.startLine) has \(s.columns)")
            }
        }

        /// Ends the header (at the first ├ or at └): maps the columns.
        func finishHeader(_ s: inout Segment) throws(ImportError) {
            guard let header = s.header else { return }
            guard let hl = s.headerLine else {
                throw ImportError(line: s.startLine, message: "the table starting on this line has no header row")
            }
            s.map = try ImportColumn.map(headers: header.map { $0.map(\.text).joined() }, line: hl)
            s.header = nil
        }

        /// Ends the logical row being read and keeps it unless it is blank.
        func finishRow(_ s: inout Segment) {
            guard let rl = s.rowLine else { return }
            var row = ImportRow(line: rl)
            for (c, i) in s.map { row[c] = s.cells[i] }
            if !row.isImportBlank { rows.append(row) }
            s.rowLine = nil
            s.cells = Array(repeating: [], count: s.columns)
        }

        for line in ImportLines(text) {
            lineNo += 1
            switch kind(of: line) {
            case .blank:
                continue
            case .other:
                if let s = segment { throw notClosed(s, before: "line \(lineNo), which is not part of a table") }
            case .top:
                if let s = segment { throw notClosed(s, before: "the next ┌ on line \(lineNo)") }
                let columns = count("┬", in: line) + 1
                segment = Segment(startLine: lineNo, columns: columns,
                                  header: Array(repeating: [], count: columns),
                                  cells: Array(repeating: [], count: columns))
                if firstSegmentLine == nil { firstSegmentLine = lineNo }
            case .middle:
                guard var s = segment else {
                    throw ImportError(line: lineNo, message: "a table border ├ outside a table (no ┌ above it)")
                }
                try checkBorder(line, s, joint: "┼")
                if s.header != nil { try finishHeader(&s) } else { finishRow(&s) }
                segment = s
            case .bottom:
                guard var s = segment else {
                    throw ImportError(line: lineNo, message: "a table border └ outside a table (no ┌ above it)")
                }
                try checkBorder(line, s, joint: "┴")
                if s.header != nil { try finishHeader(&s) } else { finishRow(&s) }
                segment = nil
            case .row:
                guard var s = segment else {
                    throw ImportError(line: lineNo, message: "a table row outside a table (no ┌ above it)")
                }
                let parts = line.unicodeScalars.split(separator: vertical, omittingEmptySubsequences: false)
                let separators = parts.count - 1
                guard separators == s.columns + 1 else {
                    throw ImportError(line: lineNo, message:
                        "this row has \(separators) │ separators; the table starting on line \(s.startLine) has \(s.columns) columns, so it needs \(s.columns + 1)")
                }
                if !parts[parts.count - 1].importTrimmed.isEmpty {
                    throw ImportError(line: lineNo, message: "there is text after the table's right border")
                }
                for c in 0..<s.columns {
                    let t = parts[c + 1].importTrimmed
                    if t.isEmpty { continue }
                    let f = ImportFragment(text: t, line: lineNo)
                    if s.header != nil { s.header![c].append(f) } else { s.cells[c].append(f) }
                }
                if s.header != nil {
                    if s.headerLine == nil { s.headerLine = lineNo }
                } else if s.rowLine == nil {
                    s.rowLine = lineNo
                }
                segment = s
            }
        }
        if let s = segment { throw notClosed(s, before: "the end of the text") }
        guard let first = firstSegmentLine else {
            throw ImportError(line: 1, message: "no table found: no line starts with ┌")
        }
        guard !rows.isEmpty else {
            throw ImportError(line: first, message: "the table has no data rows")
        }
        return ImportRawTable(rows: rows, fragmentsAreWraps: true)
    }
}

/// The physical lines of a text: split at LF, CRLF or CR, without the line ends.
/// A final line end does not start another line.
struct ImportLines: Sequence, IteratorProtocol {
    private let scalars: String.UnicodeScalarView
    private var i: String.UnicodeScalarView.Index

    init(_ text: String) {
        scalars = text.unicodeScalars
        i = scalars.startIndex
        if i < scalars.endIndex && scalars[i] == "\u{FEFF}" { i = scalars.index(after: i) }
    }

    mutating func next() -> String? {
        guard i < scalars.endIndex else { return nil }
        let start = i
        while i < scalars.endIndex, scalars[i] != "\n", scalars[i] != "\r" { i = scalars.index(after: i) }
        let line = String(scalars[start..<i])
        if i < scalars.endIndex {
            let cr = scalars[i] == "\r"
            i = scalars.index(after: i)
            if cr && i < scalars.endIndex && scalars[i] == "\n" { i = scalars.index(after: i) }
        }
        return line
    }
}
