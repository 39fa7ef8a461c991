import Testing
@testable import DubanCore

/// Markdown and HTML output: data cannot inject markup, break a table or forge lines.
@Suite struct MarkupSafetyTests {
    static let evil = "<img src=x onerror=alert(1)>|假列|\n# 伪造标题\r\n| 伪造行 |\r<\u{301}b>\"\u{301}[链接](javascript:x)"

    func plan() throws -> Plan {
        let units = [Unit(name: "省财政厅", short: "财政厅", abbr: "财政"), Unit(name: Self.evil, short: "x", abbr: "x")]
        return try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: Self.evil,
                 assignments: [Assignment(unit: "省财政厅", role: .lead), Assignment(unit: Self.evil, role: .cooperating)],
                 milestones: [Milestone(id: 1, title: Self.evil, due: Day("2027-03-01"))],
                 followUp: Self.evil, notes: Self.evil,
                 progress: [ProgressReport(id: 1, date: Day("2027-03-01")!, unit: "省财政厅", progress: Self.evil,
                                           problems: Self.evil, next: Self.evil)]),
        ])
    }

    /// Cells of a Markdown table row, split on unescaped pipes.
    func cells(_ line: Substring) -> Int {
        var n = 0
        var escaped = false
        for u in line.unicodeScalars {
            if escaped { escaped = false; continue }
            if u == "\\" { escaped = true } else if u == "|" { n += 1 }
        }
        return n - 1
    }

    func checkMarkdown(_ md: String, tables: [Int], _ what: String) {
        #expect(!md.contains("<img") && !md.contains("<\u{301}") && !md.contains("<b>"), "\(what): raw HTML in \(md)")
        #expect(!md.contains("[链接]") && md.contains("\\[链接\\](javascript"), "\(what): a live link")
        #expect(!md.contains("\r"), "\(what): a CR")
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("# 伪造") || $0.hasPrefix("| 伪造") }, "\(what): data forged a line")
        // Every table row has as many cells as its header.
        var expected: Int?
        for l in lines {
            guard l.hasPrefix("|") else { expected = nil; continue }
            let n = cells(l)
            if let e = expected { #expect(n == e, "\(what): \(n) cells, not \(e): \(l)") } else { expected = n; #expect(tables.contains(n)) }
        }
    }

    @Test func exportMarkdownEscapesData() throws {
        let md = Exporter.markdown(try plan(), today: Day("2027-03-15")!)
        checkMarkdown(md, tables: [5], "export")
        #expect(md.contains("&lt;img src=x onerror=alert(1)&gt;\\|假列\\|"))
    }

    @Test func reportMarkdownEscapesData() throws {
        let rec = [AuditRecord(id: 1, time: "2027-03-01T08:00:00Z", operatorName: Self.evil, action: Self.evil, task: 1,
                               before: Self.evil, after: Self.evil)]
        let md = Reports.meeting(plan: try plan(), today: Day("2027-03-15")!, settings: .init(), format: .md, since: nil, changes: rec)
        checkMarkdown(md, tables: [2, 8, 5, 4], "report")
    }

    @Test func noticeMarkdownAndTextEscapeData() throws {
        let md = try Reports.notice(plan: try plan(), task: 1, serial: "督办〔2027〕1号", today: Day("2027-03-15")!,
                                    settings: .init(), markdown: true)
        checkMarkdown(md, tables: [], "notice md")
        let text = try Reports.notice(plan: try plan(), task: 1, serial: "督办〔2027〕1号", today: Day("2027-03-15")!,
                                      settings: .init(), markdown: false)
        // Plain text: a title cannot forge a line of the notice.
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("# 伪造") || $0.hasPrefix("| 伪造") })
        #expect(!text.contains("\r"))
    }

    @Test func htmlEscapesOnScalars() throws {
        #expect(Reports.html("<\u{301}b>") == "&lt;\u{301}b&gt;")
        #expect(Reports.html("a\"\u{301}") == "a&quot;\u{301}")
        #expect(Reports.html("&\u{301}") == "&amp;\u{301}")
        #expect(Reports.html("a\r\nb\rc") == "a<br>b<br>c")
        let html = Reports.meeting(plan: try plan(), today: Day("2027-03-15")!, settings: .init(), format: .html, since: nil, changes: [])
        #expect(!html.contains("<img") && !html.contains("<\u{301}"))
    }
}
