/// Reads a task table (the published box-drawing text, or CSV/TSV) into a `Plan`, repairing
/// what the table gets wrong and reporting every repair.
///
/// - Units are read through the unit directory. Within one list, a first name that starts
///   with 省 lends the prefix to the names after it (`省发改委、财政厅` = 省发改委, 省财政厅).
///   A name the directory does not know becomes a new unit (reported).
/// - The plan's unit columns are the units in order of first appearance, row by row, leads
///   before cooperating units within a row. Directory units that never appear are not columns.
/// - Tasks are ordered by number. Line numbers are physical lines of the input, from 1.
public enum TableImporter {
    /// format nil = detect (box-drawing if it contains ┌/│, TSV if the first line with a tab or comma has a tab, else CSV).
    public static func importTable(_ text: String, format: TableFormat? = nil, directory: [Unit],
                                   office: Office = .unnamed, options: ImportOptions = ImportOptions())
        throws(ImportError) -> ImportResult {
        let bytes = text.utf8.count
        guard bytes <= Limits.tableBytes else {
            throw ImportError(line: 1, Localized(zh: "表格有 \(megabytes(bytes)) MB；duban 最多导入 \(megabytes(Limits.tableBytes)) MB 的表格",
                                                en: "the table is \(megabytes(bytes)) MB; duban imports tables of at most \(megabytes(Limits.tableBytes)) MB"))
        }
        let format = format ?? detectFormat(text)
        let table: ImportRawTable
        switch format {
        case .boxDrawing: table = try BoxDrawingReader.read(text)
        case .csv: table = try DelimitedReader.read(text, delimiter: UInt8(ascii: ","))
        case .tsv: table = try DelimitedReader.read(text, delimiter: UInt8(ascii: "\t"))
        case .xlsx: throw ImportError(line: 1, Localized(zh: "工作簿（.xlsx）须从文件的字节读取，而不是从文本读取", en: "a workbook (.xlsx) is read from the file's bytes, not from text"))
        }
        return try assemble(table, format: format, document: text, directory: directory, office: office, options: options)
    }

    /// Imports records a reader made (a workbook sheet's rows, line = row number): the first
    /// non-blank record is the header, as in CSV/TSV. The cells' text stands for the
    /// document when it is searched for its year and for "the first unit leads".
    public static func importRecords(_ records: [ImportRecord], format: TableFormat, directory: [Unit],
                                     office: Office = .unnamed, options: ImportOptions = ImportOptions())
        throws(ImportError) -> ImportResult {
        var rows = ImportRecordRows()
        for record in records { if let e = rows.add(record) { throw e } }
        let document = records.map { $0.fields.map { $0.map(\.text).joined(separator: "\n") }.joined(separator: "\t") }
            .joined(separator: "\n")
        return try assemble(rows.finish(), format: format, document: document, directory: directory, office: office,
                            options: options)
    }

    /// Rows → plan, with what the whole document says (its year, "the first unit leads").
    static func assemble(_ table: ImportRawTable, format: TableFormat, document: String, directory: [Unit],
                         office: Office, options: ImportOptions) throws(ImportError) -> ImportResult {
        var options = options
        var firstLeadsNote: (sentence: String, line: Int)?
        if !options.firstLeads, let found = documentSaysFirstLeads(document) {
            options.firstLeads = true
            firstLeadsNote = found
        }
        let year = options.year ?? ImportDueDate.documentYear(document)
        var assembler = Assembler(table: table, directory: directory, options: options, year: year,
                                  yearIsGiven: options.year != nil, firstLeadsNote: firstLeadsNote)
        let (plan, repairs) = try assembler.run(office: office)
        return ImportResult(plan: plan, repairs: repairs, format: format)
    }

    /// A size in whole megabytes (MiB), rounded up: 64 for `Limits.tableBytes`.
    public static func megabytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }

    /// The built-in seed table with the built-in unit directory.
    public static func builtIn() throws -> ImportResult {
        try importTable(BuiltIn.seedTableText(), format: .boxDrawing, directory: UnitDirectory.builtIn(), office: .seed)
    }

    /// The sentence where a document says the first listed unit leads (排在第一位的为牵头单位);
    /// nil if it does not.
    static func documentSaysFirstLeads(_ text: String) -> (sentence: String, line: Int)? {
        guard text.importContains("牵头"),
              ["第一位", "首位", "第一个", "排名第一", "排第一", "列第一"].contains(where: { text.importContains($0) }) else { return nil }
        let s = Array(text.unicodeScalars)
        let marks = ["第一位", "首位", "第一个", "排名第一", "排第一", "列第一"].map { Array($0.unicodeScalars) }
        let lead = Array("牵头".unicodeScalars)
        var i = 0
        while i < s.count {
            if let m = marks.first(where: { i + $0.count <= s.count && s[i..<(i + $0.count)].elementsEqual($0) }) {
                let end = min(s.count, i + m.count + 14)
                var k = i + m.count
                while k + lead.count <= end {
                    if s[k..<(k + lead.count)].elementsEqual(lead) {
                        var a = i, b = k + lead.count
                        let stops: Set<Unicode.Scalar> = ["。", "；", "\n", "，", "（", "("]
                        while a > 0 && !stops.contains(s[a - 1]) && i - a < 20 { a -= 1 }
                        while b < s.count && !stops.contains(s[b]) && b - k < 12 { b += 1 }
                        var v = String.UnicodeScalarView()
                        v.append(contentsOf: s[a..<b])
                        var line = 1
                        var k = 0
                        while k < a {
                            if s[k] == "\n" || (s[k] == "\r" && (k + 1 >= s.count || s[k + 1] != "\n")) { line += 1 }
                            k += 1
                        }
                        return (String(v).importTrimmed, line)
                    }
                    k += 1
                }
            }
            i += 1
        }
        return nil
    }

    /// Box-drawing if the text contains ┌ or │; TSV if the first line with a tab or a comma has a
    /// tab; else CSV.
    public static func detectFormat(_ text: String) -> TableFormat {
        var text = text
        return text.withUTF8 { b -> TableFormat in
            // ┌ is E2 94 8C and │ is E2 94 82 in UTF-8.
            var i = 0
            while i + 2 < b.count {
                if b[i] == 0xE2 && b[i + 1] == 0x94 && (b[i + 2] == 0x8C || b[i + 2] == 0x82) { return .boxDrawing }
                i += 1
            }
            // The first line with a tab or a comma decides (a title line above the header has neither).
            var sawComma = false
            var lines = 0
            for c in b {
                switch c {
                case UInt8(ascii: "\t"): return .tsv
                case UInt8(ascii: ","): sawComma = true
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if sawComma { return .csv }
                    lines += 1
                    if lines > 20 { return .csv }
                default: break
                }
            }
            return .csv
        }
    }
}

/// Turns raw rows into tasks: numbers, titles, unit lists, milestones, notes; collects the repairs.
private struct Assembler {
    let table: ImportRawTable
    let options: ImportOptions
    /// The year of dates written without one: --year, else the document's.
    let year: Int?
    let yearIsGiven: Bool
    let firstLeadsNote: (sentence: String, line: Int)?
    var lookup: ImportUnitLookup
    /// Units in the directory (the rest were created by the import).
    let directoryCount: Int
    var repairs: [ImportRepair] = []
    /// Units created, with where they were first written, for the report made once their
    /// abbreviations are chosen.
    var created: [(unit: Int, task: Int, line: Int, written: String)] = []
    /// The first line each unit appears on.
    var firstLine: [Int: Int] = [:]
    /// Where a date without a year was first read in the document's year.
    var yearAssumedAt: (task: Int, line: Int, text: String)?
    /// What each name (with the prefix its list lends) resolved to, until a unit is created:
    /// a table repeats its names, and a look-up through `lookup` costs far more.
    var resolved: [ImportNameKey: ImportUnitLookup.Entry] = [:]
    /// The level prefix of each name that starts a list (`ImportUnitNames.levelPrefix`).
    var levelPrefixes: [ImportNameKey: Character?] = [:]

    init(table: ImportRawTable, directory: [Unit], options: ImportOptions, year: Int?, yearIsGiven: Bool,
         firstLeadsNote: (sentence: String, line: Int)?) {
        self.table = table
        self.options = options
        self.year = year
        self.yearIsGiven = yearIsGiven
        self.firstLeadsNote = firstLeadsNote
        self.lookup = ImportUnitLookup(directory: directory)
        self.directoryCount = lookup.units.count
    }

    private mutating func report(_ kind: ImportRepair.Kind, _ task: Int, _ line: Int, _ what: Localized) {
        repairs.append(ImportRepair(kind: kind, line: line, task: task, spoken: Catalog.Repairs.at(task: task, line: line, what)))
    }

    /// Joins a cell's fragments into one text: wrapped pieces without a separator; lines a
    /// writer broke on purpose without one between CJK text, with a space between ASCII words.
    /// A separate piece (a merged row's cell) follows after `separator`.
    private func join(_ fragments: [ImportFragment], separator: String = "；") -> String {
        var out = ""
        for f in fragments {
            let t = table.fragmentsAreWraps && !f.separate ? f.text : f.text.importTrimmed
            if t.isEmpty { continue }
            if f.separate && !out.isEmpty {
                if separator != "；" || !(out.unicodeScalars.last.map { "；;。，,、：:".unicodeScalars.contains($0) } ?? false) {
                    out += separator
                }
            } else if !table.fragmentsAreWraps, let a = out.unicodeScalars.last, let b = t.unicodeScalars.first, a.isASCII, b.isASCII {
                out += " "
            }
            out += t
        }
        return out
    }

    /// A section heading in a table (一、稳增长; （二）民生保障), not a task.
    private static func isSectionHeading(_ text: String) -> Bool {
        let numerals = "一二三四五六七八九十百".unicodeScalars
        var s = text.importTrimmed.unicodeScalars[...]
        if s.first == "（" || s.first == "(" {
            s = s.dropFirst()
            let n = s.prefix(while: { numerals.contains($0) })
            return !n.isEmpty && (s.dropFirst(n.count).first == "）" || s.dropFirst(n.count).first == ")")
        }
        if s.first == "第" { let t = String(s); return t.contains("部分") || t.contains("类") || t.contains("篇") }
        let n = s.prefix(while: { numerals.contains($0) })
        return !n.isEmpty && (s.dropFirst(n.count).first == "、" || s.dropFirst(n.count).first == "是")
    }

    mutating func run(office: Office) throws(ImportError) -> (Plan, [ImportRepair]) {
        repairs = table.repairs
        if let note = firstLeadsNote {
            repairs.append(ImportRepair(kind: .leadAssumed, line: note.line, task: nil, spoken: Localized(
                zh: "第 \(note.line) 行：文件写明排在第一的单位牵头（“\(note.sentence)”）：各责任单位名单中未标牵头的，排在第一的单位视为牵头单位。",
                en: "line \(note.line): the document says the first listed unit leads (\"\(note.sentence)\"): in each 责任单位 list without a 牵头 mark, the first unit is read as lead")))
        }

        // Pass 0: section headings are left out; a row without a 序号 continues the task above.
        var rows: [ImportRow] = []
        rows.reserveCapacity(table.rows.count)
        var continued: [(row: Int, line: Int)] = []
        for row in table.rows {
            let number = join(row.number).importTrimmed
            let others = ImportRow.unitAndTextColumns.filter { $0 != .title }.map { join(row[$0]).importTrimmed }
                + row.details.map { join($0.fragments).importTrimmed }
            let title = join(row.title).importTrimmed
            let othersBlank = others.allSatisfy { $0.isEmpty || $0 == number }
            // 一、稳增长 across the row, or 一 | 稳增长 with no units: a heading (一 with units is task 1).
            let chinese = Self.readNumber(number) != nil && !number.unicodeScalars.contains {
                ("0"..."9").contains($0) || ("０"..."９").contains($0) || "lIOo|".unicodeScalars.contains($0)
            }
            if !number.isEmpty, othersBlank,
               (Self.readNumber(number) == nil && (title.isEmpty || title == number)) || chinese {
                let heading = title.isEmpty || title == number ? number : number + " " + title
                repairs.append(ImportRepair(kind: .textDropped, line: row.line, task: nil, spoken: Catalog.Repairs.sectionHeading(line: row.line, heading)))
                continue
            }
            if number.isEmpty, othersBlank, Self.isSectionHeading(title) {
                repairs.append(ImportRepair(kind: .textDropped, line: row.line, task: nil, spoken: Catalog.Repairs.sectionHeading(line: row.line, title)))
                continue
            }
            if number.isEmpty, !rows.isEmpty {
                rows[rows.count - 1].append(continuation: row)
                continued.append((rows.count - 1, row.line))
                continue
            }
            rows.append(row)
        }
        guard !rows.isEmpty else {
            throw ImportError(line: table.rows.first?.line ?? 1, Localized(zh: "表格中没有任务：每一行都是分节标题", en: "the table has no tasks: every row is a section heading"))
        }

        // Pass 1: task numbers (repairs of OCR damage, duplicates renumbered after the highest).
        var read: [(number: Int, line: Int, written: String, repaired: Bool)] = []
        read.reserveCapacity(rows.count)
        var highest = 0
        for row in rows {
            let written = join(row.number).importTrimmed
            let line = row.number.first(where: { !$0.text.isImportBlank })?.line ?? row.line
            guard !written.isEmpty else {
                throw ImportError(line: row.line, Localized(zh: "任务序号是空的", en: "the task number (序号) is empty"))
            }
            guard let (n, repaired) = Self.readNumber(written) else {
                throw ImportError(line: line, Localized(zh: "任务序号“\(written)”无法读作数字", en: "the task number \"\(written)\" cannot be read as a number"))
            }
            read.append((n, line, written, repaired))
            highest = max(highest, n)
        }
        var numbers: [Int] = []
        numbers.reserveCapacity(rows.count)
        var firstLineOfNumber: [Int: Int] = [:]
        firstLineOfNumber.reserveCapacity(rows.count)
        var next = highest
        for r in read {
            var n = r.number
            if let first = firstLineOfNumber[n] {
                next += 1
                n = next
                report(.duplicateNumber, n, r.line,
                       Localized(zh: "编号 \(r.number) 已被第 \(first) 行的任务使用，改为 \(n)", en: "number \(r.number) is already used by the task on line \(first); renumbered \(n)"))
            } else {
                firstLineOfNumber[n] = r.line
            }
            if r.repaired { report(.numberRepaired, n, r.line, Localized(zh: "编号“\(r.written)”读作 \(r.number)", en: "number \"\(r.written)\" read as \(r.number)")) }
            numbers.append(n)
        }
        for c in continued {
            report(.rowContinued, numbers[c.row], c.line,
                   Localized(zh: "第 \(c.line) 行没有序号：视为上方任务 \(numbers[c.row]) 的一部分（合并单元格），内容并入该任务",
                             en: "the row on line \(c.line) has no 序号: read as part of task \(numbers[c.row]) above (merged cells), its cells joined to it"))
        }

        // Pass 2: titles, units, milestones, notes.
        var tasks: [Task] = []
        tasks.reserveCapacity(rows.count)
        var columns: [Int] = []
        var inColumns = Set<Int>()
        var milestoneID = 0
        var reportedUnnamed = Set<String>()
        for (k, row) in rows.enumerated() {
            let n = numbers[k]
            let line = read[k].line
            let title = join(row.title).importTrimmed
            guard !title.isEmpty else {
                throw ImportError(line: line, Localized(zh: "任务 \(n) 没有名称", en: "task \(n) has no title (名称)"))
            }
            try Self.checkLimit(.taskTitle, title, task: n, line: line)
            var dues: [ImportListItem] = []
            let (leads, cooperating) = try units(of: row, task: n, line: line, dues: &dues)
            var assignments: [Assignment] = []
            assignments.reserveCapacity(leads.count + cooperating.count)
            for (u, role) in leads.map({ ($0.unit, Role.lead) }) + cooperating.map({ ($0.unit, Role.cooperating) }) {
                if inColumns.insert(u).inserted { columns.append(u) }
                assignments.append(Assignment(unit: lookup.units[u].name, role: role))
            }
            let milestones = self.milestones(row, moved: dues, task: n, nextID: &milestoneID)
            for m in milestones {
                try Self.checkLimit(.milestoneTitle, m.title, task: n, line: row.milestone.first?.line ?? line)
            }
            var notes: [String] = []
            for d in row.details {
                let text = join(d.fragments, separator: "\n").importTrimmed
                if text.isEmpty { continue }
                notes.append("\(d.label)：\(text)")
                if d.label.hasPrefix("第") && d.label.hasSuffix("列") && reportedUnnamed.insert(d.label).inserted {
                    let l = d.fragments.first(where: { !$0.text.isImportBlank })?.line ?? line
                    report(.unusedColumn, n, l, Localized(zh: "\(d.label)没有表头；其内容以“\(d.label)：…”保留在任务备注中",
                                                    en: "column \(d.label.dropFirst().dropLast()) has no header; its text is kept in the task's notes as \"\(d.label)：…\""))
                }
            }
            tasks.append(Task(number: n, title: title, assignments: assignments, milestones: milestones,
                              notes: notes.joined(separator: "\n")))
        }

        // New units' abbreviations: from the distinctive part of the name, unique in the tracker.
        var used = Set(lookup.units[0..<directoryCount].map(\.abbr))
        for c in created {
            let abbr = ImportUnitNames.abbreviation(for: lookup.units[c.unit].name, avoiding: used)
            used.insert(abbr)
            lookup.setAbbreviation(abbr, of: c.unit)
            let u = lookup.units[c.unit]
            report(.unitCreated, c.task, c.line,
                   Localized(zh: "“\(c.written)”不在单位名录中；已作为新单位\(u.name)加入（简称\(u.short)，缩写\(u.abbr)）",
                             en: "\"\(c.written)\" is not in the unit directory; added it as new unit \(u.name) (short name \(u.short), abbreviation \(u.abbr))"))
        }
        // Names nearly the same as another unit's.
        let createdSet = Set(created.map(\.unit))
        let chars = columns.map { Array(lookup.units[$0].name.unicodeScalars) }
        let sortedChars = chars.map { $0.sorted { $0.value < $1.value } }
        for a in columns.indices {
            let i = columns[a]
            for b in (a + 1)..<columns.count where createdSet.contains(i) || createdSet.contains(columns[b]) {
                let j = columns[b]
                guard ImportUnitNames.areSimilar(chars[a], chars[b], sortedChars[a], sortedChars[b]) else { continue }
                let x = lookup.units[i].name, y = lookup.units[j].name
                let line = firstLine[j] ?? 1
                repairs.append(ImportRepair(kind: .similarUnits, line: line, task: nil, spoken: Localized(
                    zh: "第 \(line) 行：\(y)与\(x)（第 \(firstLine[i] ?? 1) 行）名称几乎相同；如是同一单位，请更正表格。",
                    en: "line \(line): \(y) and \(x) (line \(firstLine[i] ?? 1)) are nearly the same name; if they are one unit, correct the table")))
            }
        }
        if let y = yearAssumedAt, let year {
            report(.yearAssumed, y.task, y.line,
                   Localized(zh: "“\(y.text)”等未写年份的日期按 \(year) 年读取（文件中出现最多的年份）；可用 --year 另选",
                             en: "\"\(y.text)\" and other dates without a year were read in \(year), the year the document names most often; pass --year to choose another"))
        }

        // Gaps in the numbering.
        var lineOf: [Int: Int] = [:]
        lineOf.reserveCapacity(rows.count)
        for (k, n) in numbers.enumerated() { lineOf[n] = read[k].line }
        tasks.sort { $0.number < $1.number }
        var previous = 0
        for t in tasks {
            let missing = (previous + 1)..<t.number
            if missing.count == 1 {
                report(.numberGap, t.number, lineOf[t.number]!, Localized(zh: "此前缺少任务 \(missing.lowerBound)", en: "there is no task \(missing.lowerBound) before this one"))
            } else if missing.count > 1 {
                report(.numberGap, t.number, lineOf[t.number]!,
                       Localized(zh: "此前缺少任务 \(missing.lowerBound) 至 \(missing.upperBound - 1)",
                                 en: "there are no tasks \(missing.lowerBound) to \(missing.upperBound - 1) before this one"))
            }
            previous = t.number
        }

        let plan: Plan
        do {
            plan = try Plan(office: office, units: columns.map { lookup.units[$0] }, tasks: tasks)
        } catch {
            throw ImportError(line: rows[0].line, Localized(zh: "表格违反了督办计划的规则：\(ErrorText.sentence(error, .zh))",
                                                           en: "the table breaks a rule of the plan: \(error)"))
        }
        let ordered = repairs.enumerated().sorted { a, b in
            (a.element.line ?? .max, a.offset) < (b.element.line ?? .max, b.offset)
        }.map(\.element)
        return (plan, ordered)
    }

    /// Refuses a text over its limit (`Limits`), naming the task and the line.
    static func checkLimit(_ field: Limits.Field, _ text: String, task: Int, line: Int) throws(ImportError) {
        do {
            try Limits.check(field, text)
        } catch {
            let sentence = error.description
            throw ImportError(line: line, Localized(zh: "任务 \(task)：" + error.spoken.zh.dropLast(),
                                                    en: "task \(task): " + sentence.prefix(1).lowercased() + sentence.dropFirst().dropLast()))
        }
    }

    /// Reads a task number, repairing OCR damage (l I | → 1, O o → 0). Full-width digits are
    /// digits. Returns nil for anything else, and for numbers outside 1...999,999 (so that
    /// renumbering after the highest number cannot overflow).
    static func readNumber(_ text: String) -> (Int, repaired: Bool)? {
        var digits = ""
        var repaired = false
        var scalars = text.unicodeScalars[...]
        // 1. and 1、 and （1） are numbers too.
        if let last = scalars.last, [".", "、", "．"].contains(last), scalars.count > 1 { scalars = scalars.dropLast() }
        if scalars.count > 2, let f = scalars.first, let l = scalars.last, (f == "（" && l == "）") || (f == "(" && l == ")") {
            scalars = scalars.dropFirst().dropLast()
        }
        // 一 … 九十九.
        if let n = chineseNumeral(scalars) { return (n, false) }
        for u in scalars {
            switch u {
            case "0"..."9": digits.unicodeScalars.append(u)
            case "０"..."９": digits.unicodeScalars.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case "l", "I", "|":
                digits += "1"
                repaired = true
            case "O", "o":
                digits += "0"
                repaired = true
            default: return nil
            }
        }
        guard digits.utf8.count <= 6, let n = Int(digits), n >= 1 else { return nil }
        return (n, repaired)
    }

    /// A Chinese numeral from 一 to 九十九; nil for anything else.
    static func chineseNumeral(_ s: Substring.UnicodeScalarView) -> Int? {
        let digits: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let a = Array(s)
        switch a.count {
        case 1: return a[0] == "十" ? 10 : digits[a[0]]
        case 2:
            if a[0] == "十" { return digits[a[1]].map { 10 + $0 } }
            if a[1] == "十" { return digits[a[0]].map { $0 * 10 } }
            return nil
        case 3:
            guard a[1] == "十", let t = digits[a[0]], let u = digits[a[2]] else { return nil }
            return t * 10 + u
        default: return nil
        }
    }

    /// The lead and cooperating units of a row, from its 牵头, 协同 and 责任单位 cells; time
    /// limits written in them are added to `dues`.
    private mutating func units(of row: ImportRow, task n: Int, line: Int,
                                dues: inout [ImportListItem]) throws(ImportError) -> (leads: [(unit: Int, line: Int)], cooperating: [(unit: Int, line: Int)]) {
        // Each name with the level prefix (省/市/县/区) of its cell's first name, which it may borrow.
        var leadItems: [(ImportListItem, Character?)] = [], coopItems: [(ImportListItem, Character?)] = []
        var clauses: [(ImportClause, ImportColumn)] = []
        for c in [ImportColumn.lead, .cooperating, .responsible] where !row[c].isEmpty {
            let fragments = row[c]
            if fragments.count == 1, let plain = ImportClause.plainList(fragments[0].text, line: fragments[0].line) {
                clauses.append((plain, c))
                continue
            }
            let cell = ImportCellText(fragments, fragmentsAreWraps: table.fragmentsAreWraps)
            if cell.isEmpty { continue }
            clauses.append((ImportClause.parse(cell), c))
        }
        for (clause, column) in clauses {
            let p = prefix(of: clause)
            for d in clause.dropped {
                let what = d.text.hasPrefix("等") ? Localized(zh: "略去“\(d.text)”", en: "\(d.text) (and others) dropped")
                    : Localized(zh: "略去附注\(d.text)", en: "the remark \(d.text) dropped")
                report(.textDropped, n, d.item.line, Localized(zh: "“\(d.item.text)”：\(what.zh)，它不是单位名称",
                                                               en: "\"\(d.item.text)\": \(what.en); it names no unit"))
            }
            for d in clause.dues {
                report(.dueMoved, n, d.line, Localized(zh: "单位栏中的“\(d.text)”是完成时限：移入时间节点", en: "\"\(d.text)\" in the unit column is a time limit: moved to the milestones"))
                dues.append(d)
            }
            switch column {
            case .lead:
                for u in clause.units { if u.role == .cooperating { coopItems.append((u.item, p)) } else { leadItems.append((u.item, p)) } }
            case .cooperating:
                for u in clause.units { if u.role == .lead { leadItems.append((u.item, p)) } else { coopItems.append((u.item, p)) } }
            default:
                let marked = clause.units.contains { $0.role == .lead }
                let cooperatingMarked = clause.units.contains { $0.role == .cooperating }
                let unmarked = clause.units.filter { $0.role == .unmarked }
                var unmarkedLead: (ImportClause.Unit) -> Bool = { _ in false }
                if marked {
                    unmarkedLead = { _ in false }
                } else if cooperatingMarked && !unmarked.isEmpty {
                    unmarkedLead = { _ in true }  // X负责，Y配合
                } else if options.firstLeads, let first = unmarked.first {
                    unmarkedLead = { $0.item == first.item }
                } else if unmarked.count == 1 {
                    let u = unmarked[0].item
                    unmarkedLead = { $0.item == u }
                    report(.leadAssumed, n, u.line,
                           Localized(zh: "\(u.text)是责任单位栏中唯一的单位，视为牵头单位（未标牵头）",
                                     en: "\(u.text) is the only unit in the 责任单位 cell and is read as lead (no 牵头 mark)"))
                }
                for u in clause.units {
                    let lead = u.role == .lead || (u.role == .unmarked && unmarkedLead(u))
                    if lead { leadItems.append((u.item, p)) } else { coopItems.append((u.item, p)) }
                }
            }
        }
        let leads = try resolveList(leadItems, task: n, role: "lead")
        var cooperating = try resolveList(coopItems, task: n, role: "cooperating")
        let leadSet = Set(leads.map(\.unit))
        cooperating.removeAll { c in
            guard leadSet.contains(c.unit) else { return false }
            report(.leadAndCooperating, n, c.line,
                   Localized(zh: "\(lookup.units[c.unit].name)同时列为牵头和协同单位；按牵头单位保留",
                             en: "\(lookup.units[c.unit].name) is listed both as lead and as cooperating unit; kept as lead"))
            return true
        }
        if leads.isEmpty {
            if row.responsible.isEmpty || cooperating.isEmpty {
                report(.noLead, n, line, Localized(zh: "该任务没有牵头部门", en: "the task has no lead unit (牵头部门)"))
            } else {
                report(.noLead, n, line,
                       Localized(zh: "责任单位栏中没有标明牵头的单位；\(cooperating.count) 个单位均视为协同（如排在第一的单位牵头，请加 --first-leads）",
                                 en: "no unit in the 责任单位 cell is marked as lead (牵头); all \(cooperating.count) are read as cooperating (pass --first-leads if the first listed unit leads)"))
            }
        }
        return (leads, cooperating)
    }

    private mutating func prefix(of clause: ImportClause) -> Character? {
        guard let first = clause.units.first else { return nil }
        let key = ImportNameKey(first.item.text, prefix: nil)
        if let p = levelPrefixes[key] { return p }
        let p = ImportUnitNames.levelPrefix(first.item.text)
        levelPrefixes[key] = p
        return p
    }

    /// Resolves one list of names into unit indexes (each unit once), reporting repeated names.
    private mutating func resolveList(_ items: [(ImportListItem, Character?)], task: Int,
                                      role: String) throws(ImportError) -> [(unit: Int, line: Int)] {
        var out: [(unit: Int, line: Int)] = []
        out.reserveCapacity(items.count)
        var seen = Set<Int>()
        for (item, prefix) in items {
            let u = try resolve(item, prefix: prefix, task: task)
            if firstLine[u] == nil { firstLine[u] = item.line }
            if seen.insert(u).inserted {
                out.append((u, item.line))
            } else {
                report(.duplicateUnit, task, item.line,
                       Localized(zh: "\(lookup.units[u].name)在\(role == "lead" ? "牵头" : "协同")单位中列出两次；只保留一次",
                             en: "\(lookup.units[u].name) is listed twice among the \(role) units; kept once"))
            }
        }
        return out
    }

    private mutating func resolve(_ item: ImportListItem, prefix: Character?, task: Int) throws(ImportError) -> Int {
        let t = item.text
        // Whether the list's prefix is lent to this name: only to a department of that level.
        func lends() -> Bool {
            prefix != nil && ImportUnitNames.levelPrefix(t) == nil && ImportUnitNames.isDepartment(t)
                && !ImportUnitNames.isCollective(t)
        }
        let key = ImportNameKey(t, prefix: prefix)
        let entry: ImportUnitLookup.Entry?
        if let known = resolved[key] {
            entry = known
        } else {
            try Self.checkLimit(.unitName, t, task: task, line: item.line)
            if prefix == "省" {
                entry = lookup.find(t, listPrefix: true)
            } else if let p = prefix, lends() {
                entry = lookup.find(String(p) + t) ?? lookup.find(t)
            } else {
                entry = lookup.find(t)
            }
            if let e = entry, e.others.isEmpty { resolved[key] = e }
        }
        if let e = entry {
            guard e.others.isEmpty else {
                let names = ([e.unit] + e.others).map { lookup.units[$0].name }
                throw ImportError(line: item.line, Localized(
                    zh: "任务 \(task)：“\(t)”可能指多个单位：\(names.joined(separator: "、"))",
                    en: "task \(task): \"\(t)\" could be several units: \(names.joined(separator: ", "))"))
            }
            let u = lookup.units[e.unit]
            switch e.match {
            case .alias:
                report(.aliasApplied, task, item.line, Localized(zh: "“\(t)”读作\(u.name)（别名）", en: "\"\(t)\" read as \(u.name) (alias)"))
            case .own where !t.hasProvincePrefix && prefix != "省" && u.name.hasProvincePrefix:
                report(.provinceInherited, task, item.line,
                       Localized(zh: "“\(t)”及其所在名单都没有“省”字，读作\(u.name)", en: "\"\(t)\" has no 省 prefix, and neither has its list; read as \(u.name)"))
            default:
                break
            }
            return e.unit
        }
        let name = lends() ? String(prefix!) + t : t
        let short = name.hasPrefix("省") && name.count > 1 ? String(name.dropFirst()) : name
        let unit = Unit(name: name, short: short, abbr: "")
        let index = lookup.add(unit, abbreviationIsName: false)
        created.append((index, task, item.line, t))
        // A new unit's names may change what other names resolve to.
        resolved.removeAll(keepingCapacity: true)
        return index
    }

    /// The milestones of a row: one per time limit of its 完成时限 cell (four for 每季度), and
    /// one per time limit moved from a unit cell.
    private mutating func milestones(_ row: ImportRow, moved: [ImportListItem], task n: Int, nextID: inout Int) -> [Milestone] {
        let cell = ImportCellText(row.milestone, fragmentsAreWraps: table.fragmentsAreWraps)
        var out: [Milestone] = []
        var running: Int?
        for entry in ImportDueDate.entries(cell) + moved {
            let title = entry.text.importTrimmed
            if title.isEmpty { continue }
            let r = ImportDueDate.read(title, year: running ?? year)
            if r.usedGivenYear && running == nil && !yearIsGiven && yearAssumedAt == nil {
                yearAssumedAt = (n, entry.line, title)
            }
            if let w = r.writtenYear { running = w }
            switch r.dues.count {
            case 0:
                nextID += 1
                out.append(Milestone(id: nextID, title: title, due: nil))
                if r.ongoing { break }
                if r.needsYear {
                    report(.undatedMilestone, n, entry.line,
                           Localized(zh: "“\(title)”没有年份，文件中也未写明年份：保留为无完成时限的时间节点（可用 --year 指定年份）",
                                     en: "\"\(title)\" has no year and the document names none: kept as a milestone without a due date (pass --year to date it)"))
                } else {
                    report(.undatedMilestone, n, entry.line,
                           Localized(zh: "无法从“\(title)”读出日期：保留为无完成时限的时间节点",
                                     en: "no date could be read from \"\(title)\": kept as a milestone without a due date"))
                }
            case 1:
                nextID += 1
                out.append(Milestone(id: nextID, title: title, due: r.dues[0]))
            default:
                let names = r.dues.count == 4 ? ["第一季度", "第二季度", "第三季度", "第四季度"] : ["上半年", "下半年"]
                for (d, name) in zip(r.dues, names) {
                    nextID += 1
                    out.append(Milestone(id: nextID, title: "\(title)（\(name)）", due: d))
                }
            }
        }
        return out
    }
}

/// A name as a dictionary key compared by its UTF-8 bytes, with the level prefix its list
/// lends it. Hashing a `String` of Chinese text normalizes it first; byte-identical names are
/// equal strings, so what is computed for one holds for the other.
struct ImportNameKey: Hashable {
    let text: String
    /// The prefix's scalar (0 for none).
    let prefix: UInt32

    init(_ text: String, prefix: Character?) {
        self.text = text
        self.prefix = prefix?.unicodeScalars.first?.value ?? 0
    }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(prefix)
    }

    static func == (a: ImportNameKey, b: ImportNameKey) -> Bool {
        guard a.prefix == b.prefix else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
    }
}
