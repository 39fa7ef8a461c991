import Foundation
import Testing

/// `duban score`: shared ranks like the TUI, a JSON form with the deductions, honest headers.
@Suite(.serialized) struct AssessmentCLITests {
    @Test func scoreTextAndJSONShareRanksAndNeverGoBelowZero() throws {
        var cli = try CLI()
        cli.today = "2027-04-10"
        try cli.run(["init"])
        // 住建 leads tasks 1, 3 and 4: 30 overdue milestones are 150 points of deductions.
        #expect(try cli.run(["milestone", "template", "quarterly", "--year", "2026", "--tasks", "1,3-4"]).status == 0)
        #expect(try cli.run(["milestone", "template", "quarterly", "--year", "2025", "--tasks", "1,3-4"]).status == 0)
        for y in 2020...2022 { try cli.run(["milestone", "template", "quarterly", "--year", String(y), "--tasks", "1"]) }
        let r = try cli.run(["score", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty)
        var previous: (score: Int, rank: Int)?
        for (i, row) in rows.enumerated() {
            let score = try #require(row["score"] as? Int), rank = try #require(row["rank"] as? Int)
            #expect(score >= 0, "\(row)")
            if let p = previous {
                #expect(rank == (score == p.score ? p.rank : i + 1), "row \(i): \(row)")
            } else {
                #expect(rank == 1)
            }
            previous = (score, rank)
            let d = try #require(row["deductions"] as? [String: Any])
            #expect(d["overdue_milestones"] is Int && d["silent_task_months"] is Int)
            #expect(row["unit"] is String && row["silent_task_months"] is Int && row["overdue_milestones"] is Int)
        }
        let zhu = try #require(rows.first { $0["unit"] as? String == "省住房和城乡建设厅" })
        #expect(zhu["score"] as? Int == 0 && zhu["overdue_milestones"] as? Int == 36)
        // Equal scores share a rank in the text too, as in the TUI.
        let text = try cli.run(["score"]).out
        let lines = text.split(separator: "\n").dropFirst(2).prefix(rows.count)
        for (line, row) in zip(lines, rows) {
            let first = line.split(separator: " ").first.map(String.init)
            #expect(first == String(row["rank"] as? Int ?? -1), "\(line) vs \(row)")
        }
        #expect(text.contains("Silent task-months"))
        #expect(try cli.run(["score"], env: ["LANG": "C.UTF-8"]).out.contains("未报送任务月数"))
        #expect(try cli.run(["score", "--format", "xml"]).status != 0)
    }
}
