import Testing
@testable import DubanCore

/// A strict RFC 4180 reader that works on Unicode scalars, as Excel and WPS do: a field
/// is quoted only when its first scalar is `"`; a quote inside a quoted field is doubled.
/// Returns nil for text a spreadsheet would read differently (a stray quote).
func parseCSVScalars(_ text: String) -> [[String]]? {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var i = 0
    var atFieldStart = true
    while i < scalars.count {
        let c = scalars[i]
        if atFieldStart && c == "\"" {
            i += 1
            while true {
                guard i < scalars.count else { return nil }  // unclosed quote
                if scalars[i] == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    i += 1
                    break
                }
                field.append(scalars[i]); i += 1
            }
            atFieldStart = false
            guard i == scalars.count || scalars[i] == "," || scalars[i] == "\r" || scalars[i] == "\n" else { return nil }
            continue
        }
        atFieldStart = false
        switch c {
        case ",":
            record.append(String(field)); field = .init(); atFieldStart = true
        case "\r", "\n":
            if c == "\r" { guard i + 1 < scalars.count, scalars[i + 1] == "\n" else { return nil }; i += 1 }
            record.append(String(field)); field = .init()
            records.append(record); record = []; atFieldStart = true
        case "\"":
            return nil  // a quote inside an unquoted field
        default:
            field.append(c)
        }
        i += 1
    }
    if !record.isEmpty || !field.isEmpty { record.append(String(field)); records.append(record) }
    return records
}

@Suite struct CSVSafetyTests {
    /// Cells an attacker might store: formulas, quotes and commas hidden behind combining
    /// marks (one Character, two scalars), bare CR, TAB.
    static let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tcmd", "\r=1+1",
        "\"\u{301},=2+5,\"", "a,\u{301}=1+2", "x\"\u{301}", "line1\nline2", "cr\ronly", "\u{FF1D}1+1", "普通文字",
    ]

    @Test func everyRecordKeepsTheHeaderWidthAndEveryCellSurvives() throws {
        let header = ["a", "b", "c"]
        let rows = Self.hostile.map { [$0, "中间", $0] }
        let text = CSV.document([header] + rows)
        guard let parsed = parseCSVScalars(text) else {
            Issue.record("not valid CSV: \(text.debugDescription)")
            return
        }
        #expect(parsed.count == rows.count + 1)
        for (i, r) in parsed.enumerated() { #expect(r.count == header.count, "record \(i): \(r)") }
        for (row, cells) in zip(rows, parsed.dropFirst()) {
            for (original, read) in zip(row, cells) {
                #expect(read == CSV.neutralised(original), "\(original.debugDescription) read back as \(read.debugDescription)")
                #expect(!read.unicodeScalars.first.map { "=+-@\t\r\u{FF1D}".unicodeScalars.contains($0) }!,
                        "a spreadsheet would run \(read.debugDescription)")
            }
        }
    }

    @Test func neutralisingAndQuotingRules() {
        #expect(CSV.field("=1+1") == "'=1+1")
        #expect(CSV.field("-") == "'-")
        #expect(CSV.field("\tx") == "'\tx")
        #expect(CSV.field("\rx") == "\"'\rx\"")
        #expect(CSV.field("a\rb") == "\"a\rb\"")
        #expect(CSV.field("a\nb") == "\"a\nb\"")
        #expect(CSV.field("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSV.field("x\"\u{301}") == "\"x\"\"\u{301}\"")
        #expect(CSV.field("普通") == "普通")
        #expect(CSV.field("") == "")
    }

    @Test func exportAndReportParseBackWithFixedWidth() throws {
        let units = [Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        var tasks: [Task] = []
        for (i, h) in Self.hostile.enumerated() {
            tasks.append(Task(number: i + 1, title: h, assignments: [Assignment(unit: "省财政厅", role: .lead)],
                              milestones: [Milestone(id: i + 1, title: h, due: Day("2027-01-01"))],
                              followUp: h, notes: h,
                              progress: [ProgressReport(id: i + 1, date: Day("2027-01-02")!, unit: "省财政厅",
                                                        progress: h, problems: h, next: h)]))
        }
        let plan = try Plan(office: .seed, units: units, tasks: tasks)
        let today = Day("2027-03-15")!
        let changes = Self.hostile.enumerated().map { i, h in
            AuditRecord(id: i + 1, time: "2027-03-01T08:00:00Z", operatorName: h, action: h, task: i + 1, before: h, after: h)
        }
        for (name, text) in [("export", Exporter.csv(plan, today: today)),
                             ("report", Reports.meeting(plan: plan, today: today, settings: .init(), format: .csv,
                                                        since: nil, changes: changes))] {
            guard let parsed = parseCSVScalars(text) else {
                Issue.record("\(name) is not valid CSV")
                continue
            }
            let width = parsed.first?.count ?? 0
            #expect(width > 1)
            for (i, r) in parsed.enumerated() { #expect(r.count == width, "\(name) record \(i) has \(r.count) cells, not \(width)") }
            for r in parsed {
                for cell in r {
                    #expect(!(cell.unicodeScalars.first.map { "=+-@\t\r\u{FF1D}".unicodeScalars.contains($0) } ?? false),
                            "\(name): a spreadsheet would run \(cell.debugDescription)")
                }
            }
            for h in Self.hostile { #expect(parsed.joined().contains(CSV.neutralised(h)), "\(name) lost \(h.debugDescription)") }
        }
    }
}
