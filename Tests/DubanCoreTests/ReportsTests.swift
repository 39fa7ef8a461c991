import Testing
@testable import DubanCore

@Suite struct ReportsTests {
    let today = Day("2027-03-15")!

    func plan() throws -> Plan {
        let units = [Unit(name: "省住房和城乡建设厅", short: "住房和城乡建设厅", abbr: "住建"),
                     Unit(name: "省发改委", short: "发改委", abbr: "发改"),
                     Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        return try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: "推进百镇建设工程,增强城镇综合承载和集聚能力",
                 assignments: [Assignment(unit: "省住房和城乡建设厅", role: .lead), Assignment(unit: "省发改委", role: .cooperating),
                               Assignment(unit: "省财政厅", role: .cooperating)],
                 milestones: [Milestone(id: 1, title: "一季度节点", due: Day("2027-03-01")),
                              Milestone(id: 2, title: "二季度节点", due: Day("2027-03-20")),
                              Milestone(id: 3, title: "方案印发", due: Day("2027-01-10"), isDone: true, completed: Day("2027-01-09"))],
                 progress: [ProgressReport(id: 1, date: Day("2027-02-01")!, unit: "省住房和城乡建设厅", progress: "已启动",
                                           problems: "资金缺口", next: "争取专项资金"),
                            ProgressReport(id: 2, date: Day("2027-03-01")!, unit: "省住房和城乡建设厅", progress: "完成选点",
                                           problems: "用地指标紧张", next: "协调国土部门")]),
            Task(number: 2, title: "推进统筹城乡规划工作", assignments: [Assignment(unit: "省发改委", role: .lead)]),
        ])
    }

    @Test func noticeContents() throws {
        var s = SupervisionSettings()
        s.responseDays = 7
        let text = try Reports.notice(plan: plan(), task: 1, serial: "督办〔2027〕1号", today: today, settings: s)
        #expect(text.contains("城乡一体化工作领导小组办公室督办单"))
        #expect(text.contains("编号：督办〔2027〕1号"))
        #expect(text.contains("第1项 推进百镇建设工程"))
        #expect(text.contains("牵头部门：省住房和城乡建设厅"))
        #expect(text.contains("协同部门：省发改委、省财政厅"))
        #expect(text.contains("一季度节点，应于2027年3月1日完成，已逾期14天"))
        #expect(text.contains("二季度节点，应于2027年3月20日完成，还有5天"))
        #expect(!text.contains("方案印发"))
        // The latest report, not the first.
        #expect(text.contains("用地指标紧张") && !text.contains("资金缺口"))
        #expect(text.contains("于2027年3月22日前"))
        let md = try Reports.notice(plan: plan(), task: 1, serial: "x", today: today, settings: s, markdown: true)
        #expect(md.hasPrefix("## "))
        #expect(throws: DomainError.unknownTask(9)) { try Reports.notice(plan: plan(), task: 9, serial: "x", today: today, settings: s) }
    }

    @Test func meetingReportFormats() throws {
        let p = try plan()
        let rec = [AuditRecord(id: 1, time: "2027-03-01T08:00:00Z", operatorName: "zhang", action: "assign", task: 1, before: "a", after: "b"),
                   AuditRecord(id: 2, time: "2027-01-01T08:00:00Z", operatorName: "li", action: "assign", task: 2, before: "c", after: "d")]
        let csv = Reports.meeting(plan: p, today: today, settings: .init(), format: .csv, since: Day("2027-02-01"), changes: rec)
        #expect(csv.hasPrefix("\u{FEFF}"))
        #expect(csv.contains("\r\n"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        // title, then 4 sections of (blank, name, header, rows): 5 statuses + 2 tasks + 3 units + 1 change since 02-01.
        #expect(lines.count == 1 + 4 * 3 + 5 + 2 + 3 + 1 + 1)
        #expect(lines.contains { $0.hasPrefix("1,\"推进百镇建设工程,增强") && $0.contains(",逾期,1/3,2027-03-01,用地指标紧张,协调国土部门") })
        #expect(csv.contains("zhang") && !csv.contains("li,assign"))
        let md = Reports.meeting(plan: p, today: today, settings: .init(), format: .md, since: nil, changes: rec)
        #expect(md.contains("| 逾期 | 1 |"))
        #expect(md.contains("| 未设节点 | 1 |"))
        #expect(md.contains("| 省住房和城乡建设厅 | 住建 | 1 | 0 | 1 |"))
        let html = Reports.meeting(plan: p, today: today, settings: .init(), format: .html, since: nil, changes: rec)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("@media print") && !html.contains("<script"))
        #expect(Reports.html("<b>\u{1B}") == "&lt;b&gt;␛")
    }
}
