import Foundation
import Testing

/// `duban list` through a pipe cuts nothing; `duban show N` is the task in full.
@Suite(.serialized) struct ListShowTests {
    @Test func listThroughAPipeKeepsEveryLeadUnit() throws {
        let cli = try CLI()
        try cli.run(["init"])
        for u in ["财政", "国土", "人社", "公安"] { #expect(try cli.run(["assign", "2", u, "--role", "lead"]).status == 0) }
        let leads = (try cli.task(2)["lead"] as? [String]) ?? []
        #expect(leads.count >= 5)
        let out = try cli.run(["list"]).out
        let line = try #require(out.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("2 ") })
        #expect(!line.contains("…"), "\(line)")
        for abbr in ["财政", "国土", "人社", "公安"] { #expect(line.contains(abbr), "\(abbr) missing from \(line)") }
    }

    @Test func showIsTheTaskInFull() throws {
        let cli = try CLI()   // today 2027-04-10
        try cli.run(["init"])
        #expect(try cli.run(["milestone", "add", "1", "一季度检查", "--due", "2027-03-31", "--owner", "住建"]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", "方案印发", "--due", "2027-02-28", "--owner", "财政"]).status == 0)
        let done = try cli.run(["milestone", "done", "1", "2", "--on", "2027-02-20"])
        #expect(done.status == 0, "\(done.err)")
        #expect(try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", "完成选点", "--problems", "用地紧张",
                             "--next", "协调国土", "--date", "2027-03-20"]).status == 0)
        #expect(try cli.run(["note", "1", "第一行\n第二行"]).status == 0)
        #expect(try cli.run(["followup", "1", "张三"]).status == 0)
        // In Chinese (C.UTF-8); the English headings are checked at the end.
        let r = try cli.run(["show", "1"], env: ["LANG": "C.UTF-8"])
        #expect(r.status == 0)
        let s = r.out
        #expect(s.contains("状态：") && s.contains("逾期"), "the task's light: \(s)")
        #expect(s.contains("一季度检查") && s.contains("截止 2027-03-31") && s.contains("逾期 10 天"), "\(s)")
        #expect(s.contains("省住房和城乡建设厅（住建）"), "milestone owner: \(s)")
        #expect(s.contains("方案印发") && s.contains("已完成 2027-02-20") && s.contains("省财政厅（财政）"), "\(s)")
        #expect(s.contains("进展情况：完成选点") && s.contains("存在问题：用地紧张") && s.contains("下一步措施：协调国土"), "\(s)")
        #expect(s.contains("2027-03-20"), "\(s)")
        #expect(s.contains("第一行") && s.contains("第二行") && s.contains("跟进人：张三"), "\(s)")
        let en = try cli.run(["show", "1"], env: ["LANG": "en_US.UTF-8"]).out
        #expect(en.contains("Status: ●red overdue") && en.contains("Follow-up: 张三") && en.contains("Milestones (1/2 done):"), "\(en)")
    }
}
