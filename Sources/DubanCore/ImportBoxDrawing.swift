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
        /// The header's names until the first row shows whether it is a second header row.
        var pendingNames: [String]?
        var map = ImportColumn.HeaderMap()
        /// Fragments of the row being read, per column.
        var cells: [[ImportFragment]] = []
        var rowLine: Int?
        /// Columns split by a partial border inside the row: their next fragment starts a new piece.
        var splitColumns = Set<Int>()
    }

    static func read(_ text: String) throws(ImportError) -> ImportRawTable {
        var rows: [ImportRow] = []
        var repairs: [ImportRepair] = []
        var segment: Segment?
        var firstSegmentLine: Int?
        var lineNo = 0

        func notClosed(_ s: Segment, before what: Localized) -> ImportError {
            ImportError(line: s.startLine, Localized(zh: "从这一行开始的表格没有结束：\(what.zh)之前没有 └",
                                                     en: "the table starting on this line is not closed: no └ before \(what.en)"))
        }

        /// Checks a ├ or └ border against the segment's column count.
        func checkBorder(_ line: String, _ s: Segment, joint: Unicode.Scalar) throws(ImportError) {
            let n = count(joint, in: line) + 1
            if n != s.columns {
                throw ImportError(line: lineNo, Localized(
                    zh: "这条边框有 \(n) 列，而从第 \(s.startLine) 行开始的表格有 \(s.columns) 列",
                    en: "this border has \(n) columns but the table starting on line \(s.startLine) has \(s.columns)"))
            }
        }

        func setMap(_ s: inout Segment, _ names: [String]) throws(ImportError) {
            s.map = try ImportColumn.map(headers: names, line: s.headerLine ?? s.startLine)
            repairs += s.map.repairs
        }

        /// Ends the header (at the first ├ or at └); it is mapped at the first row, which may be
        /// its second row.
        func finishHeader(_ s: inout Segment) throws(ImportError) {
            guard let header = s.header else { return }
            guard s.headerLine != nil else {
                throw ImportError(line: s.startLine, Localized(zh: "从这一行开始的表格没有表头行", en: "the table starting on this line has no header row"))
            }
            s.pendingNames = header.map { $0.map(\.text).joined() }
            s.header = nil
        }

        /// Maps a header still waiting for its first row (at └).
        func mapPending(_ s: inout Segment) throws(ImportError) {
            if let names = s.pendingNames {
                s.pendingNames = nil
                try setMap(&s, names)
            }
        }

        /// Ends the logical row being read and keeps it unless it is blank.
        func finishRow(_ s: inout Segment) throws(ImportError) {
            guard let rl = s.rowLine else { return }
            defer {
                s.rowLine = nil
                s.cells = Array(repeating: [], count: s.columns)
                s.splitColumns = []
            }
            if let names = s.pendingNames {
                s.pendingNames = nil
                let second = s.cells.map { $0.map(\.text).joined() }
                if let joined = ImportColumn.mergeHeaderRows(names, second) {
                    repairs.append(ImportRepair(kind: .headerJoined, line: rl, task: nil, spoken:
                        Catalog.Repairs.headerJoined(line: rl, header: s.headerLine ?? s.startLine, joined)))
                    try setMap(&s, joined)
                    return
                }
                try setMap(&s, names)
            }
            let row = ImportRow(line: rl, map: s.map, fields: s.cells)
            if !row.isImportBlank { rows.append(row) }
        }

        /// A row line whose cells are blank or drawn with ─ (a partial border, where some cells
        /// are merged across it), its ├ ┼ ┤ read as │: the columns it splits; nil for other lines.
        func partialBorder(_ line: String, columns: Int) -> Set<Int>? {
            guard line.unicodeScalars.contains("─") else { return nil }
            var normalized = String.UnicodeScalarView()
            for u in line.unicodeScalars {
                switch u {
                case "├", "┼", "┤", "┬", "┴": normalized.append(vertical)
                default: normalized.append(u)
                }
            }
            let parts = normalized.split(separator: vertical, omittingEmptySubsequences: false)
            guard parts.count == columns + 2 else { return nil }
            var split = Set<Int>()
            for c in 0..<columns {
                let cell = parts[c + 1]
                if cell.allSatisfy({ $0.isImportSpace }) { continue }
                guard cell.allSatisfy({ $0 == "─" || $0.isImportSpace }) else { return nil }
                split.insert(c)
            }
            return split.isEmpty ? nil : split
        }

        for line in ImportLines(text) {
            lineNo += 1
            switch kind(of: line) {
            case .blank:
                continue
            case .other:
                if let s = segment { throw notClosed(s, before: Localized(zh: "不属于表格的第 \(lineNo) 行", en: "line \(lineNo), which is not part of a table")) }
            case .top:
                if let s = segment { throw notClosed(s, before: Localized(zh: "第 \(lineNo) 行的下一个 ┌", en: "the next ┌ on line \(lineNo)")) }
                let columns = count("┬", in: line) + 1
                segment = Segment(startLine: lineNo, columns: columns,
                                  header: Array(repeating: [], count: columns),
                                  cells: Array(repeating: [], count: columns))
                if firstSegmentLine == nil { firstSegmentLine = lineNo }
            case .middle:
                guard var s = segment else {
                    throw ImportError(line: lineNo, Localized(zh: "表格边框 ├ 在表格之外（上方没有 ┌）", en: "a table border ├ outside a table (no ┌ above it)"))
                }
                if s.header == nil, let split = partialBorder(line, columns: s.columns), split.count < s.columns {
                    // ├──┼────┤     │   : some cells run on below the border.
                    s.splitColumns.formUnion(split)
                    segment = s
                    continue
                }
                try checkBorder(line, s, joint: "┼")
                if s.header != nil { try finishHeader(&s) } else { try finishRow(&s) }
                segment = s
            case .bottom:
                guard var s = segment else {
                    throw ImportError(line: lineNo, Localized(zh: "表格边框 └ 在表格之外（上方没有 ┌）", en: "a table border └ outside a table (no ┌ above it)"))
                }
                try checkBorder(line, s, joint: "┴")
                if s.header != nil { try finishHeader(&s) } else { try finishRow(&s) }
                try mapPending(&s)
                segment = nil
            case .row:
                guard var s = segment else {
                    throw ImportError(line: lineNo, Localized(zh: "表格行在表格之外（上方没有 ┌）", en: "a table row outside a table (no ┌ above it)"))
                }
                if s.header == nil, let split = partialBorder(line, columns: s.columns) {
                    // │  ├────┼────┤: the number cell runs on, the others are split.
                    s.splitColumns.formUnion(split)
                    segment = s
                    continue
                }
                let parts = line.unicodeScalars.split(separator: vertical, omittingEmptySubsequences: false)
                let separators = parts.count - 1
                guard separators == s.columns + 1 else {
                    throw ImportError(line: lineNo, Localized(
                        zh: "这一行有 \(separators) 个 │ 分隔符；从第 \(s.startLine) 行开始的表格有 \(s.columns) 列，应有 \(s.columns + 1) 个",
                        en: "this row has \(separators) │ separators; the table starting on line \(s.startLine) has \(s.columns) columns, so it needs \(s.columns + 1)"))
                }
                if !parts[parts.count - 1].importTrimmed.isEmpty {
                    throw ImportError(line: lineNo, Localized(zh: "表格右边框之后还有文字", en: "there is text after the table's right border"))
                }
                for c in 0..<s.columns {
                    let t = parts[c + 1].importTrimmed
                    if t.isEmpty { continue }
                    if s.header != nil {
                        s.header![c].append(ImportFragment(text: t, line: lineNo))
                    } else {
                        s.cells[c].append(ImportFragment(text: t, line: lineNo,
                                                         separate: s.splitColumns.remove(c) != nil && !s.cells[c].isEmpty))
                    }
                }
                if s.header != nil {
                    if s.headerLine == nil { s.headerLine = lineNo }
                } else if s.rowLine == nil {
                    s.rowLine = lineNo
                }
                segment = s
            }
        }
        if let s = segment { throw notClosed(s, before: Localized(zh: "文本末尾", en: "the end of the text")) }
        guard let first = firstSegmentLine else {
            throw ImportError(line: 1, Localized(zh: "没有找到表格：没有以 ┌ 开头的行", en: "no table found: no line starts with ┌"))
        }
        guard !rows.isEmpty else {
            throw ImportError(line: first, Catalog.Repairs.noDataRows)
        }
        return ImportRawTable(rows: rows, fragmentsAreWraps: true, repairs: repairs)
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
