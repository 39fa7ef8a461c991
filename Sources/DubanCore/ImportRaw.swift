// The readers (box-drawing, CSV/TSV) turn text into raw rows of cell fragments with their
// physical line numbers; `TableImporter` then reads numbers, titles and unit lists from them.

/// A piece of a cell on one physical line.
struct ImportFragment: Equatable {
    var text: String
    var line: Int
    /// The fragment starts a new piece of the cell rather than continuing the text before it:
    /// the first text of a row joined to the task above (merged cells), or of a cell part
    /// below a partial border. Unit lists and due dates split there.
    var separate = false

    init(text: String, line: Int, separate: Bool = false) {
        self.text = text
        self.line = line
        self.separate = separate
    }
}

/// The columns the importer knows, and the header names that mean them.
enum ImportColumn: CaseIterable {
    /// 序号. Required.
    case number
    /// 名称, 重点任务, 民生实事 … Required.
    case title
    /// 牵头单位 … Required unless there is a 责任单位 column.
    case lead
    /// 协同/配合/参与单位 …
    case cooperating
    /// One 责任单位 column naming lead and cooperating units in a clause
    /// (`X牵头，Y、Z按职责分工负责`); with a 牵头 column and no 协同 column it lists the cooperating units.
    case responsible
    /// 完成时限, 时间节点 …
    case milestone
    /// 具体措施, 工作目标, 备注 …: kept in the task's notes as `具体措施：…`. May appear several times.
    case detail

    /// Header names, compared after removing all white space.
    var headerNames: [String] {
        switch self {
        case .number: return ["序号", "编号", "序列", "顺序号", "项目编号", "任务编号"]
        case .title:
            return ["名称", "任务", "重点任务", "工作任务", "任务名称", "重点工作任务", "重点工作", "主要任务", "任务内容",
                    "民生实事", "民生实事项目", "实事项目", "项目名称", "事项", "工作事项", "重点事项", "任务事项", "改革任务",
                    "重点改革任务", "工作名称", "项目", "主要工作", "工作重点", "重点项目", "实事名称", "任务分工", "目标任务",
                    "政策措施", "重点任务名称", "工作内容"]
        case .lead:
            return ["牵头部门", "牵头单位", "牵头责任单位", "牵头责任部门", "牵头", "主办单位", "主办部门", "主责单位",
                    "主责部门", "牵头领导单位", "牵头处室", "责任单位（牵头）", "牵头单位（部门）"]
        case .cooperating:
            var names: [String] = []
            for a in ["协同", "协办", "配合", "参与", "协助", "协作", "会同", "支持"] {
                names += [a, a + "单位", a + "部门", a + "责任单位", a + "责任部门", a + "处室", a + "单位（部门）"]
            }
            return names + ["责任单位（配合）", "其他责任单位"]
        case .responsible:
            return ["责任单位", "责任部门", "责任主体", "责任单位（部门）", "责任处室", "承办单位", "落实单位", "实施单位",
                    "负责单位", "负责部门", "主体责任单位", "责任分工", "分工", "部门分工", "单位分工", "落实部门"]
        case .milestone:
            return ["完成时限", "完成时间", "时间节点", "时限要求", "时限", "完成期限", "时间要求", "进度安排", "时间安排",
                    "完成时间节点", "推进时限", "节点", "截止时间", "计划完成时间", "办结时限", "期限", "时间"]
        case .detail:
            return ["具体措施", "工作措施", "主要措施", "工作目标", "主要目标", "目标", "具体目标", "年度目标", "预期目标",
                    "任务目标", "目标要求", "工作要求", "具体内容", "主要内容", "具体工作", "措施", "推进措施",
                    "实施步骤", "备注", "说明", "完成标准", "成果形式", "预期成果", "考核指标", "工作标准", "绩效目标",
                    "具体任务", "工作举措", "主要举措", "重要举措", "政策举措"]
        }
    }

    /// How messages name the column: 牵头部门 (lead).
    var label: String {
        switch self {
        case .number: return "序号 (number)"
        case .title: return "名称 (title)"
        case .lead: return "牵头部门 (lead)"
        case .cooperating: return "协同部门 (cooperating)"
        case .responsible: return "责任单位 (responsible units)"
        case .milestone: return "完成时限 (milestone)"
        case .detail: return "具体措施 (details)"
        }
    }

    private static let byHeaderName: [String: ImportColumn] = {
        var d: [String: ImportColumn] = [:]
        for c in ImportColumn.allCases { for n in c.headerNames where d[n] == nil { d[n] = c } }
        return d
    }()

    /// A header without white space, and without a trailing `*`, `:`/`：` or footnote mark.
    static func normalize(_ text: String) -> String {
        var s = String.UnicodeScalarView()
        for u in text.unicodeScalars where !u.isImportSpace { s.append(u) }
        while let last = s.last, ["*", "＊", ":", "：", "※"].contains(last) { s.removeLast() }
        while let first = s.first, ["*", "＊", "※"].contains(first) { s.removeFirst() }
        return String(s)
    }

    /// The column a header cell names, ignoring all white space; nil for other columns.
    /// Besides the listed names, a header is read by its words: 牵头… is lead; 协同/协办/配合/参与…
    /// with 单位/部门 cooperating; 责任…单位/部门 responsible; …时限/时间/节点 milestone;
    /// …措施/目标/要求/举措 details.
    static func forHeader(_ text: String) -> ImportColumn? {
        let h = normalize(text)
        if h.isEmpty { return nil }
        if let c = byHeaderName[h] { return c }
        // Without a bracketed remark: 牵头单位（部门） = 牵头单位.
        if let open = h.firstIndex(where: { $0 == "（" || $0 == "(" }), open != h.startIndex,
           let c = byHeaderName[String(h[..<open])] {
            return c
        }
        let unitWord = h.contains("单位") || h.contains("部门") || h.contains("处室") || h.contains("主体")
        if h.contains("牵头") && !h.contains("领导") && !h.contains("人") && (unitWord || h.count <= 4) { return .lead }
        if ["协同", "协办", "配合", "参与", "协助", "会同"].contains(where: { h.contains($0) }) && unitWord { return .cooperating }
        if h.contains("责任") && unitWord { return .responsible }
        if ["时限", "时间", "节点", "期限"].contains(where: { h.hasSuffix($0) }) { return .milestone }
        if ["措施", "目标", "要求", "举措", "内容", "备注"].contains(where: { h.hasSuffix($0) }) { return .detail }
        return nil
    }

    /// The header of a table: the column of each kind, the detail columns (kept in notes), and
    /// what the mapping reports (columns kept in notes that the importer does not know).
    struct HeaderMap {
        var columns: [ImportColumn: Int] = [:]
        /// Columns kept in the task's notes, with the name the notes give them.
        var details: [(index: Int, label: String)] = []
        var repairs: [ImportRepair] = []
    }

    /// Maps header cells to columns. A column the importer does not know is kept in the notes
    /// (reported); a column named twice, or required columns missing, are an error at `line`,
    /// naming every missing column and the headers that were found.
    static func map(headers: [String], line: Int) throws(ImportError) -> HeaderMap {
        var m = HeaderMap()
        var unknown: [String] = []
        for (i, raw) in headers.enumerated() {
            let h = normalize(raw)
            if h.isEmpty {
                m.details.append((i, "第\(i + 1)列"))
                continue
            }
            guard var c = forHeader(h) else {
                unknown.append(h)
                m.details.append((i, h))
                continue
            }
            // A second title column (重点工作 beside 主要任务) is kept as details.
            if c == .title && m.columns[.title] != nil { c = .detail }
            if c == .detail {
                m.details.append((i, h))
                continue
            }
            if let first = m.columns[c] {
                throw ImportError(line: line, Localized(
                    zh: "表头中\(c.label)列出现了两次（\(normalize(headers[first]))和\(h)）",
                    en: "column \(c.label) appears twice in the header (\(normalize(headers[first])) and \(h))"))
            }
            m.columns[c] = i
        }
        var missing: [String] = []
        if m.columns[.number] == nil { missing.append(ImportColumn.number.label) }
        if m.columns[.title] == nil { missing.append(ImportColumn.title.label) }
        if m.columns[.lead] == nil && m.columns[.responsible] == nil {
            missing.append("牵头部门 (lead) or 责任单位 (responsible units)")
        }
        if !missing.isEmpty {
            let found = headers.map(normalize).filter { !$0.isEmpty }
            let columns = missing.count == 1 ? "column \(missing[0])" : "columns " + missing.joined(separator: ", ")
            throw ImportError(line: line, Localized(
                zh: "表头中没有\(columns)列；找到的表头是：" + (found.isEmpty ? "（无）" : found.joined(separator: "、")),
                en: "the header has no \(columns); the headers found are: " + (found.isEmpty ? "(none)" : found.joined(separator: ", "))))
        }
        // 牵头 + 责任单位 without a 协同 column: 责任单位 lists the cooperating units (the older layout).
        if let r = m.columns[.responsible], m.columns[.lead] != nil {
            m.columns[.responsible] = nil
            if m.columns[.cooperating] == nil {
                m.columns[.cooperating] = r
            } else {
                m.details.append((r, normalize(headers[r])))
                m.details.sort { $0.index < $1.index }
                m.repairs.append(ImportRepair(kind: .unusedColumn, line: line, task: nil, spoken: Localized(
                    zh: "第 \(line) 行：表格已有牵头、协同两列，\(normalize(headers[r]))列不作为单位读取，其内容保留在各任务的备注中。",
                    en: "line \(line): column \(normalize(headers[r])) is not read as units, since the table has both a 牵头 and a 协同 column; its text is kept in each task's notes")))
            }
        }
        for h in unknown {
            m.repairs.append(ImportRepair(kind: .unusedColumn, line: line, task: nil, spoken: Localized(
                zh: "第 \(line) 行：无法识别“\(h)”列，其内容以“\(h)：…”保留在各任务的备注中。",
                en: "line \(line): column \(h) is not one the importer knows; its text is kept in each task's notes as \"\(h)：…\"")))
        }
        return m
    }

    /// Two header rows (a group header above its sub-headers, or a header split over two
    /// rows): the names of the combined header when `second` continues `first`, else nil.
    /// `second` continues the header when its 序号 cell is blank and each of its non-blank
    /// cells is a known header by itself or together with the cell above it.
    static func mergeHeaderRows(_ first: [String], _ second: [String]) -> [String]? {
        let a = first.map(normalize), b = second.map(normalize)
        let numberIndex = a.firstIndex { forHeader($0) == .number } ?? 0
        guard b.contains(where: { !$0.isEmpty }), numberIndex >= b.count || b[numberIndex].isEmpty else { return nil }
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let top = i < a.count ? a[i] : "", below = i < b.count ? b[i] : ""
            if below.isEmpty {
                out.append(top)
            } else if forHeader(below) != nil {
                out.append(below)
            } else if !top.isEmpty, forHeader(top + below) != nil {
                out.append(top + below)
            } else {
                return nil
            }
        }
        return out
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
    var responsible: [ImportFragment] = []
    var milestone: [ImportFragment] = []
    /// Detail columns (具体措施 …), by the name the notes give them.
    var details: [(label: String, fragments: [ImportFragment])] = []

    init(line: Int) { self.line = line }

    /// The row's cells from a header map and the fields of a record or box row.
    init(line: Int, map: ImportColumn.HeaderMap, fields: [[ImportFragment]]) {
        self.line = line
        for (c, i) in map.columns where i < fields.count { self[c] = fields[i] }
        for d in map.details where d.index < fields.count { details.append((d.label, fields[d.index])) }
    }

    subscript(column: ImportColumn) -> [ImportFragment] {
        get {
            switch column {
            case .number: return number
            case .title: return title
            case .lead: return lead
            case .cooperating: return cooperating
            case .responsible: return responsible
            case .milestone: return milestone
            case .detail: return details.flatMap(\.fragments)
            }
        }
        set {
            switch column {
            case .number: number = newValue
            case .title: title = newValue
            case .lead: lead = newValue
            case .cooperating: cooperating = newValue
            case .responsible: responsible = newValue
            case .milestone: milestone = newValue
            case .detail: break
            }
        }
    }

    static let unitAndTextColumns: [ImportColumn] = [.title, .lead, .cooperating, .responsible, .milestone]

    var isImportBlank: Bool {
        ImportColumn.allCases.allSatisfy { c in self[c].allSatisfy { $0.text.isImportBlank } }
    }

    /// Joins a row without a 序号 to this one (merged cells): each cell's fragments are
    /// appended, the first of them marked `separate`.
    mutating func append(continuation other: ImportRow) {
        func marked(_ f: [ImportFragment]) -> [ImportFragment] {
            var f = f.filter { !$0.text.isImportBlank }
            if !f.isEmpty { f[0].separate = true }
            return f
        }
        for c in Self.unitAndTextColumns { self[c] += marked(other[c]) }
        for d in other.details {
            let f = marked(d.fragments)
            if f.isEmpty { continue }
            if let k = details.firstIndex(where: { $0.label == d.label }) {
                details[k].fragments += f
            } else {
                details.append((d.label, f))
            }
        }
    }
}

/// The rows of a table, and how its fragments join.
struct ImportRawTable {
    var rows: [ImportRow]
    /// True when fragments are wrapped pieces of one text (box-drawing: join without a separator);
    /// false when they are lines the writer broke on purpose (a quoted CSV field with newlines).
    var fragmentsAreWraps: Bool
    /// What reading the headers reported (columns kept in notes, …).
    var repairs: [ImportRepair] = []
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
