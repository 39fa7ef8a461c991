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
    /// format nil = detect (box-drawing if it contains ┌/│, TSV if the header line has tabs, else CSV).
    public static func importTable(_ text: String, format: TableFormat? = nil, directory: [Unit],
                                   office: Office = .seed) throws(ImportError) -> ImportResult {
        let format = format ?? detectFormat(text)
        let table: ImportRawTable
        switch format {
        case .boxDrawing: table = try BoxDrawingReader.read(text)
        case .csv: table = try DelimitedReader.read(text, delimiter: UInt8(ascii: ","))
        case .tsv: table = try DelimitedReader.read(text, delimiter: UInt8(ascii: "\t"))
        case .xlsx: throw ImportError(line: 1, message: "a workbook (.xlsx) is read from the file's bytes, not from text")
        }
        return try assemble(table, format: format, directory: directory, office: office)
    }

    /// Imports records a reader made (a workbook sheet's rows, line = row number): the first
    /// non-blank record is the header, as in CSV/TSV.
    public static func importRecords(_ records: some Sequence<ImportRecord>, format: TableFormat, directory: [Unit],
                                     office: Office = .seed) throws(ImportError) -> ImportResult {
        var rows = ImportRecordRows()
        for record in records { if let e = rows.add(record) { throw e } }
        return try assemble(rows.finish(), format: format, directory: directory, office: office)
    }

    private static func assemble(_ table: ImportRawTable, format: TableFormat, directory: [Unit],
                                 office: Office) throws(ImportError) -> ImportResult {
        var assembler = Assembler(table: table, directory: directory)
        let (plan, repairs) = try assembler.run(office: office)
        return ImportResult(plan: plan, repairs: repairs, format: format)
    }

    /// The built-in seed table with the built-in unit directory.
    public static func builtIn() throws -> ImportResult {
        try importTable(BuiltIn.seedTableText(), format: .boxDrawing, directory: UnitDirectory.builtIn(), office: .seed)
    }

    /// Box-drawing if the text contains ┌ or │; TSV if its first non-blank line has a tab; else CSV.
    public static func detectFormat(_ text: String) -> TableFormat {
        var text = text
        return text.withUTF8 { b -> TableFormat in
            // ┌ is E2 94 8C and │ is E2 94 82 in UTF-8.
            var i = 0
            while i + 2 < b.count {
                if b[i] == 0xE2 && b[i + 1] == 0x94 && (b[i + 2] == 0x8C || b[i + 2] == 0x82) { return .boxDrawing }
                i += 1
            }
            var sawText = false
            for c in b {
                switch c {
                case UInt8(ascii: "\t"): return .tsv
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"): if sawText { return .csv }
                case UInt8(ascii: " "), 0xEF, 0xBB, 0xBF: break  // spaces and a byte order mark
                default: sawText = true
                }
            }
            return .csv
        }
    }
}

/// Turns raw rows into tasks: numbers, titles, unit lists, milestones; collects the repairs.
private struct Assembler {
    let table: ImportRawTable
    var lookup: ImportUnitLookup
    var repairs: [ImportRepair] = []

    init(table: ImportRawTable, directory: [Unit]) {
        self.table = table
        self.lookup = ImportUnitLookup(directory: directory)
    }

    private func at(_ task: Int, _ line: Int) -> String { "task \(task) (line \(line))" }

    private mutating func report(_ kind: ImportRepair.Kind, _ task: Int, _ line: Int, _ what: String) {
        repairs.append(ImportRepair(kind: kind, line: line, task: task, message: "\(at(task, line)): \(what)"))
    }

    /// Joins a cell's fragments into one text: wrapped pieces without a separator; lines a
    /// writer broke on purpose without one between CJK text, with a space between ASCII words.
    private func join(_ fragments: [ImportFragment]) -> String {
        if table.fragmentsAreWraps { return fragments.map(\.text).joined() }
        var out = ""
        for f in fragments {
            let t = f.text.importTrimmed
            if t.isEmpty { continue }
            if let a = out.unicodeScalars.last, let b = t.unicodeScalars.first, a.isASCII, b.isASCII { out += " " }
            out += t
        }
        return out
    }

    mutating func run(office: Office) throws(ImportError) -> (Plan, [ImportRepair]) {
        let rows = table.rows

        // Pass 1: task numbers (repairs of OCR damage, duplicates renumbered after the highest).
        var read: [(number: Int, line: Int, written: String, repaired: Bool)] = []
        read.reserveCapacity(rows.count)
        var highest = 0
        for row in rows {
            let written = join(row.number).importTrimmed
            let line = row.number.first(where: { !$0.text.isImportBlank })?.line ?? row.line
            guard !written.isEmpty else {
                throw ImportError(line: row.line, message: "the task number (序号) is empty")
            }
            guard let (n, repaired) = Self.readNumber(written) else {
                throw ImportError(line: line, message: "the task number \"\(written)\" cannot be read as a number")
            }
            read.append((n, line, written, repaired))
            highest = max(highest, n)
        }
        var numbers: [Int] = []
        numbers.reserveCapacity(rows.count)
        var firstLine: [Int: Int] = [:]
        firstLine.reserveCapacity(rows.count)
        var next = highest
        for r in read {
            var n = r.number
            if let first = firstLine[n] {
                next += 1
                n = next
                report(.duplicateNumber, n, r.line,
                       "number \(r.number) is already used by the task on line \(first); renumbered \(n)")
            } else {
                firstLine[n] = r.line
            }
            if r.repaired { report(.numberRepaired, n, r.line, "number \"\(r.written)\" read as \(r.number)") }
            numbers.append(n)
        }

        // Pass 2: titles, units, milestones.
        var tasks: [Task] = []
        tasks.reserveCapacity(rows.count)
        var columns: [Int] = []
        var inColumns = Set<Int>()
        var milestoneID = 0
        for (k, row) in rows.enumerated() {
            let n = numbers[k]
            let line = read[k].line
            let title = join(row.title).importTrimmed
            guard !title.isEmpty else {
                throw ImportError(line: line, message: "task \(n) has no title (名称)")
            }
            let leads = try units(row.lead, task: n, role: "lead")
            var cooperating = try units(row.cooperating, task: n, role: "cooperating")
            let leadSet = Set(leads.map(\.unit))
            cooperating.removeAll { c in
                guard leadSet.contains(c.unit) else { return false }
                report(.leadAndCooperating, n, c.line,
                       "\(lookup.units[c.unit].name) is listed both as lead and as cooperating unit; kept as lead")
                return true
            }
            if leads.isEmpty { report(.noLead, n, line, "the task has no lead unit (牵头部门)") }
            var assignments: [Assignment] = []
            assignments.reserveCapacity(leads.count + cooperating.count)
            for (u, role) in leads.map({ ($0.unit, Role.lead) }) + cooperating.map({ ($0.unit, Role.cooperating) }) {
                if inColumns.insert(u).inserted { columns.append(u) }
                assignments.append(Assignment(unit: lookup.units[u].name, role: role))
            }
            var milestones: [Milestone] = []
            let due = join(row.milestone).importTrimmed
            if !due.isEmpty {
                milestoneID += 1
                milestones.append(Milestone(id: milestoneID, title: due, due: ImportDueDate.find(in: due)))
            }
            tasks.append(Task(number: n, title: title, assignments: assignments, milestones: milestones))
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
                report(.numberGap, t.number, lineOf[t.number]!, "there is no task \(missing.lowerBound) before this one")
            } else if missing.count > 1 {
                report(.numberGap, t.number, lineOf[t.number]!,
                       "there are no tasks \(missing.lowerBound) to \(missing.upperBound - 1) before this one")
            }
            previous = t.number
        }

        let plan: Plan
        do {
            plan = try Plan(office: office, units: columns.map { lookup.units[$0] }, tasks: tasks)
        } catch {
            throw ImportError(line: rows[0].line, message: "the table breaks a rule of the plan: \(error)")
        }
        let ordered = repairs.enumerated().sorted { a, b in
            (a.element.line ?? .max, a.offset) < (b.element.line ?? .max, b.offset)
        }.map(\.element)
        return (plan, ordered)
    }

    /// Reads a task number, repairing OCR damage (l I | → 1, O o → 0). Full-width digits are
    /// digits. Returns nil for anything else, and for numbers outside 1...999,999 (so that
    /// renumbering after the highest number cannot overflow).
    static func readNumber(_ text: String) -> (Int, repaired: Bool)? {
        var digits = ""
        var repaired = false
        for u in text.unicodeScalars {
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

    /// Reads one unit list into unit indexes (each unit once), reporting aliases, prefixes,
    /// new units and repeated names.
    private mutating func units(_ fragments: [ImportFragment], task: Int, role: String) throws(ImportError) -> [(unit: Int, line: Int)] {
        let items = ImportUnitList.split(fragments, fragmentsAreWraps: table.fragmentsAreWraps)
        guard let first = items.first else { return [] }
        let listPrefix = first.text.hasProvincePrefix
        var out: [(unit: Int, line: Int)] = []
        out.reserveCapacity(items.count)
        var seen = Set<Int>()
        for item in items {
            let u = try resolve(item, listPrefix: listPrefix, task: task)
            if seen.insert(u).inserted {
                out.append((u, item.line))
            } else {
                report(.duplicateUnit, task, item.line,
                       "\(lookup.units[u].name) is listed twice among the \(role) units; kept once")
            }
        }
        return out
    }

    private mutating func resolve(_ item: ImportListItem, listPrefix: Bool, task: Int) throws(ImportError) -> Int {
        let t = item.text
        let hasPrefix = t.hasProvincePrefix
        let entry = lookup.find(t, listPrefix: listPrefix)
        if let e = entry {
            guard e.others.isEmpty else {
                let names = ([e.unit] + e.others).map { lookup.units[$0].name }
                throw ImportError(line: item.line, message:
                    "task \(task): \"\(t)\" could be several units: \(names.joined(separator: ", "))")
            }
            let u = lookup.units[e.unit]
            switch e.match {
            case .alias:
                report(.aliasApplied, task, item.line, "\"\(t)\" read as \(u.name) (alias)")
            case .own where !hasPrefix && !listPrefix && u.name.hasProvincePrefix:
                report(.provinceInherited, task, item.line,
                       "\"\(t)\" has no 省 prefix, and neither has its list; read as \(u.name)")
            default:
                break
            }
            return e.unit
        }
        let name = hasPrefix || !listPrefix ? t : "省" + t
        let short = name.hasPrefix("省") && name.count > 1 ? String(name.dropFirst()) : name
        let unit = Unit(name: name, short: short, abbr: String(short.prefix(2)))
        let index = lookup.add(unit, abbreviationIsName: false)
        report(.unitCreated, task, item.line,
               "\"\(t)\" is not in the unit directory; added it as new unit \(name) (short name \(short), abbreviation \(unit.abbr))")
        return index
    }
}
