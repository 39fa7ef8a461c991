import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DubanCore

/// The joint meeting's pack, its inline SVG charts, meeting records and frozen assessments.
@Suite struct MeetingTests {
    let today = Day("2027-04-10")!
    static let hostile = "省<script>alert('x')</script>&厅\"\n]]>"

    func plan(hostile: Bool = false) throws -> Plan {
        let units = [Unit(name: hostile ? Self.hostile : "省财政厅", short: "财政厅", abbr: "财政"),
                     Unit(name: "省农委", short: "农委", abbr: "农委")]
        let a = units[0].name, b = units[1].name
        return try Plan(trustedOffice: .seed, units: units, tasks: [
            // Unit a: two milestones due, both done on time; one due soon.
            Task(number: 1, title: hostile ? "<b>任务</b>&\"一\"" : "任务一", assignments: [Assignment(unit: a, role: .lead)], milestones: [
                Milestone(id: 1, title: "一季度", due: Day("2027-03-31"), isDone: true, completed: Day("2027-03-30")),
                Milestone(id: 2, title: "二月", due: Day("2027-02-28"), isDone: true, completed: Day("2027-02-01")),
                Milestone(id: 3, title: "四月", due: Day("2027-04-20")),
            ]),
            // Unit b: four due, one on time, one late, two open (one turned red since 2027-03-01).
            Task(number: 2, title: "任务二", assignments: [Assignment(unit: b, role: .lead), Assignment(unit: a, role: .cooperating)], milestones: [
                Milestone(id: 4, title: "一月", due: Day("2027-01-31"), isDone: true, completed: Day("2027-01-20")),
                Milestone(id: 5, title: "二月", due: Day("2027-02-28"), isDone: true, completed: Day("2027-03-05")),
                Milestone(id: 6, title: "三月", due: Day("2027-03-20")),
                Milestone(id: 7, title: "去年", due: Day("2026-12-31")),
            ]),
        ])
    }

    func pack(_ p: Plan, meetings: [Meeting.Record] = []) -> Meeting.Pack {
        Meeting.pack(plan: p, today: today, since: Day("2027-03-01")!, settings: SupervisionSettings(), changes: [], meetings: meetings)
    }

    @Test func packContent() throws {
        let p = pack(try plan(), meetings: [
            Meeting.Record(date: Day("2027-01-10")!, decisions: [Meeting.Decision(text: "旧决定")]),
            Meeting.Record(date: Day("2027-03-20")!, decisions: [Meeting.Decision(text: "加快推进", task: 2, milestone: "出台意见", due: Day("2027-06-30"))]),
        ])
        // Only milestone 6 turned red since 2027-03-01 (milestone 7 was red before).
        #expect(p.newRed.map { $0[2] } == ["三月"])
        #expect(p.newRed.first?[4] == "21")
        // Task 2 was already overdue on 2027-03-01; task 1 went from on track to due soon.
        #expect(p.lightChanges == [["1", "任务一", "正常", "临期"]])
        #expect(p.lastMeeting?.date == Day("2027-03-20"))
        let md = Meeting.markdown(p)
        #expect(md.contains("## 六、上次会议（2027年3月20日）议定事项") && md.contains("加快推进") && !md.contains("旧决定"))
        #expect(md.contains("| 省财政厅 | 2 | 2 | 100% |") && md.contains("| 省农委 | 4 | 1 | 25% |"))
        // Lights at month ends: the last bar is today.
        #expect(p.lights.count == 12 && p.lights.last?.month == "2027-04")
        let march = try #require(p.lights.first { $0.month == "2027-03" })
        #expect(march.red == 1 && march.yellow == 0 && march.green == 1)
        let jan = try #require(p.lights.first { $0.month == "2027-01" })
        // 2027-01-31: task 2 has 2026-12-31 open (red); task 1 on track.
        #expect(jan.red == 1 && jan.green == 1)
    }

    @Test func closuresAndExtensionsComeFromTheChangeFeedBySinceDay() throws {
        let plan = try plan()
        func rec(_ id: Int, _ e: Edit) -> AuditRecord {
            AuditRecord(id: id, time: "2026-12-01T00:00:00Z", operatorName: "x", action: e.action, task: 2, before: "", after: "", change: .edit(e))
        }
        let changes = [
            rec(1, .flowStep(task: 2, unit: "省财政厅", step: .close, day: Day("2027-03-02")!)),
            rec(2, .flowStep(task: 2, unit: "省农委", step: .close, day: Day("2027-02-02")!)),
            rec(3, .decideExtension(task: 2, id: 6, approve: false, reason: "理由不足", day: Day("2027-03-03")!)),
            rec(4, .flowStep(task: 2, unit: "省农委", step: .sign, day: Day("2027-03-02")!)),
        ]
        let p = Meeting.pack(plan: plan, today: today, since: Day("2027-03-01")!, settings: SupervisionSettings(), changes: changes, meetings: [])
        #expect(p.closed == [["2", "任务二", "省财政厅", "2027-03-02"]])
        #expect(p.extensions == [["2", "任务二", "三月", "不予批准", "理由不足", "2027-03-03"]])
    }

    final class Collect: NSObject, XMLParserDelegate {
        var rects: [[String: String]] = []
        var texts: [String] = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if e == "rect" { rects.append(attributes) }
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            if e == "text" { texts.append(current) }
        }
    }

    func parse(_ svg: String) throws -> Collect {
        let c = Collect()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = c
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") in \(svg)")
        return c
    }

    @Test func chartsAreWellFormedProportionalAndEscaped() throws {
        let p = pack(try plan(hostile: true))
        let bars = try parse(Meeting.onTimeChart(p.onTime))
        // Units keep their (hostile) names as text, not markup.
        #expect(bars.texts.contains { $0.contains("<script>") })
        let widths = bars.rects.filter { $0["class"] == "rate" }.compactMap { Double($0["width"] ?? "") }
        #expect(widths.count == 2)
        // 100% and 25%: the second bar is a quarter of the first.
        #expect(abs(widths[1] * 4 - widths[0]) < 0.5, "\(widths)")
        let lights = try parse(Meeting.lightsChart(p.lights))
        var heightPerCount: Set<String> = []
        for r in lights.rects where ["red", "yellow", "green"].contains(r["class"] ?? "") {
            let h = try #require(Double(r["height"] ?? "")), n = try #require(Double(r["data-count"] ?? ""))
            heightPerCount.insert(String(format: "%.1f", h / n))
        }
        #expect(heightPerCount.count == 1, "segment heights not proportional: \(heightPerCount)")
        #expect(Meeting.chartWidth <= 680)
        let html = Meeting.html(p)
        #expect(!html.contains("<script") && !html.contains("<b>任务"))
        #expect(html.contains("@page { size: A4; margin: 15mm }"))
        // No script, no external resource.
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        // Every SVG in the page parses on its own.
        for part in html.components(separatedBy: "<svg").dropFirst() {
            let svg = "<svg" + part.components(separatedBy: "</svg>")[0] + "</svg>"
            _ = try parse(svg)
        }
        let md = Meeting.markdown(p)
        #expect(!md.contains("<script>"))
    }

    @Test func meetingRecordsRoundTripAndRefuseNewer() throws {
        let r = Meeting.adding(Meeting.Decision(text: "b"), on: Day("2027-03-20")!,
                               to: Meeting.adding(Meeting.Decision(text: "a", task: 3), on: Day("2027-03-20")!, to: []))
        #expect(r.count == 1 && r[0].decisions.map(\.text) == ["a", "b"])
        #expect(try Meeting.decode(Meeting.encode(r)) == r)
        #expect(throws: DomainError.self) { try Meeting.decode("{\"v\":2,\"meetings\":[]}") }
        #expect(try Meeting.decode(nil).isEmpty)
    }

    @Test func periodsAndFreeze() throws {
        #expect(try Assessment.Period("2027Q1").last == Day("2027-03-31"))
        #expect(try Assessment.Period("2027q2").first == Day("2027-04-01"))
        #expect(try Assessment.Period("2027-02").last == Day("2027-02-28"))
        #expect(try Assessment.Period("2027").last == Day("2027-12-31"))
        for bad in ["2027Q5", "27-03", "2027-13", "Q1", ""] {
            #expect(throws: DomainError.self) { try Assessment.Period(bad) }
        }
        let plan = try plan()
        let period = try Assessment.Period("2027Q1")
        let scores = Supervision.scores(plan, today: period.last, settings: SupervisionSettings())
        let adj = [Assessment.Adjustment(period: "2027Q1", unit: "省农委", points: 3, reason: "主动整改", date: today),
                   Assessment.Adjustment(period: "2027Q2", unit: "省农委", points: 50, reason: "别的期间", date: today)]
        let f = Assessment.freeze(period: period, scores: scores, adjustments: adj, settings: SupervisionSettings(), today: today)
        let nong = try #require(f.lines.first { $0.unit == "省农委" })
        let raw = try #require(scores.first { $0.unit.name == "省农委" })
        #expect(nong.score == raw.score + 3 && nong.adjustments.count == 1)
        #expect(nong.deductions["overdue_milestones"] == raw.overdueDeduction)
        let text = Assessment.text(f)
        #expect(text.contains("人工加3分（主动整改）") && text.contains("评分规则"))
        #expect(try Assessment.decodeFrozen(Assessment.encode(f)) == f)
        // Scored as of the period's end: a milestone done after it was still overdue then.
        let asOf = Assessment.plan(plan, asOf: Day("2027-03-01")!)
        #expect(asOf.tasks[1].milestones.first { $0.id == 5 }?.isDone == false)
        #expect(asOf.tasks[0].milestones.first { $0.id == 2 }?.isDone == true)
    }
}
