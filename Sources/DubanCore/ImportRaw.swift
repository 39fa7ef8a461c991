// The readers (box-drawing, CSV/TSV) turn text into raw rows of cell fragments with their
// physical line numbers; `TableImporter` then reads numbers, titles and unit lists from them.

/// A piece of a cell on one physical line.
struct ImportFragment: Equatable {
    var text: String
    var line: Int
}

/// The columns the importer knows, and the header names that mean them.
enum ImportColumn: CaseIterable {
    case number, title, lead, cooperating, milestone

    /// Header names, compared after removing all white space.
    var headerNames: [String] {
        switch self {
        case .number: return ["序号", "编号"]
        case .title: return ["名称", "任务", "重点任务", "工作任务", "任务名称", "重点工作任务"]
        case .lead: return ["牵头部门", "牵头单位"]
        case .cooperating: return ["协同部门", "协同单位", "配合部门", "配合单位", "责任单位", "参与单位"]
        case .milestone: return ["完成时限", "时间节点"]
        }
    }

    var isRequired: Bool { self != .milestone && self != .cooperating }

    /// How messages name the column: 牵头部门 (lead).
    var label: String {
        switch self {
        case .number: return "序号 (number)"
        case .title: return "名称 (title)"
        case .lead: return "牵头部门 (lead)"
        case .cooperating: return "协同部门 (cooperating)"
        case .milestone: return "完成时限 (milestone)"
        }
    }

    private static let byHeaderName: [String: ImportColumn] = {
        var d: [String: ImportColumn] = [:]
        for c in ImportColumn.allCases { for n in c.headerNames { d[n] = c } }
        return d
    }()

    /// The column a header cell names, ignoring all white space; nil for other columns.
    static func forHeader(_ text: String) -> ImportColumn? {
        var s = String.UnicodeScalarView()
        for u in text.unicodeScalars where !u.isImportSpace { s.append(u) }
        return byHeaderName[String(s)]
    }

    /// Maps header cells to columns. Unknown headers are ignored; a column named twice or a
    /// required column missing is an error at `line`.
    static func map(headers: [String], line: Int) throws(ImportError) -> [ImportColumn: Int] {
        var found: [ImportColumn: Int] = [:]
        for (i, h) in headers.enumerated() {
            guard let c = forHeader(h) else { continue }
            if found[c] != nil {
                throw ImportError(line: line, message: "column \(c.label) appears twice in the header")
            }
            found[c] = i
        }
        for c in ImportColumn.allCases where c.isRequired && found[c] == nil {
            throw ImportError(line: line, message: "the header has no column \(c.label)")
        }
        return found
    }
}

/// One logical row of a table: the fragments of each known column.
struct ImportRow {
    /// First physical line of the row.
    var line: Int
    var number: [ImportFragment] = []
    var title: [ImportFragment] = []
    var lead: [ImportFragment] = []
    var cooperating: [ImportFragment] = []
    var milestone: [ImportFragment] = []

    init(line: Int) { self.line = line }

    subscript(column: ImportColumn) -> [ImportFragment] {
        get {
            switch column {
            case .number: return number
            case .title: return title
            case .lead: return lead
            case .cooperating: return cooperating
            case .milestone: return milestone
            }
        }
        set {
            switch column {
            case .number: number = newValue
            case .title: title = newValue
            case .lead: lead = newValue
            case .cooperating: cooperating = newValue
            case .milestone: milestone = newValue
            }
        }
    }

    var isImportBlank: Bool {
        ImportColumn.allCases.allSatisfy { c in self[c].allSatisfy { $0.text.isImportBlank } }
    }
}

/// The rows of a table, and how its fragments join.
struct ImportRawTable {
    var rows: [ImportRow]
    /// True when fragments are wrapped pieces of one text (box-drawing: join without a separator);
    /// false when they are lines the writer broke on purpose (a quoted CSV field with newlines).
    var fragmentsAreWraps: Bool
}

extension String {
    /// Empty or white space only.
    var isImportBlank: Bool { unicodeScalars.allSatisfy { $0.isImportSpace } }

    /// Without leading and trailing white space (including U+3000 IDEOGRAPHIC SPACE).
    var importTrimmed: String {
        let s = unicodeScalars
        guard let a = s.firstIndex(where: { !$0.isImportSpace }) else { return "" }
        let b = s.lastIndex(where: { !$0.isImportSpace })!
        if a == s.startIndex && s.index(after: b) == s.endIndex { return self }
        return String(s[a...b])
    }
}

extension Substring.UnicodeScalarView {
    var importTrimmed: String {
        guard let a = firstIndex(where: { !$0.isImportSpace }) else { return "" }
        let b = lastIndex(where: { !$0.isImportSpace })!
        return String(self[a...b])
    }
}

extension Unicode.Scalar {
    /// White space (Unicode White_Space: ASCII spaces and line ends, NBSP, U+3000 IDEOGRAPHIC
    /// SPACE, …), checked without the slower Unicode property look-up.
    var isImportSpace: Bool {
        switch value {
        case 0x20, 0x09...0x0D: return true
        case 0...0x7F: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
