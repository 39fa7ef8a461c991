import Testing
@testable import DubanCore

/// 考核: scores never below 0, equal scores share a rank, the silent count is in task-months.
@Suite struct AssessmentTests {
    let today = Day("2027-03-15")!
    let units = ["省财政厅", "省农委", "省民政厅", "省公安厅"].map { Unit(name: $0, short: String($0.dropFirst()), abbr: String($0.dropFirst().prefix(2))) }

    func lead(_ unit: String) -> [Assignment] { [Assignment(unit: unit, role: .lead)] }

    @Test func scoresNeverGoBelowZero() throws {
        // 省财政厅 leads a task with 30 overdue milestones: 150 points of deductions.
        let late = (1...30).map { Milestone(id: $0, title: "m\($0)", due: Day("2027-01-01")) }
        let plan = try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: "a", assignments: lead("省财政厅"), milestones: late),
        ])
        var s = SupervisionSettings()
        s.periodStart = today
        let scores = Supervision.scores(plan, today: today, settings: s)
        let fin = try #require(scores.first { $0.unit.name == "省财政厅" })
        #expect(fin.score == 0)
        #expect(fin.overdueDeduction == 150 && fin.silentDeduction == 0)
        #expect(scores.allSatisfy { $0.score >= 0 })
    }

    @Test func equalScoresShareARank() throws {
        // 财政 and 农委 both lose 5, 民政 loses 10, 公安 nothing: ranks 1, 2, 2, 4.
        func oneLate(_ n: Int, _ unit: String, count: Int) -> Task {
            Task(number: n, title: "t\(n)", assignments: lead(unit),
                 milestones: (0..<count).map { Milestone(id: n * 10 + $0, title: "m", due: Day("2027-03-01")) })
        }
        let plan = try Plan(office: .seed, units: units, tasks: [
            oneLate(1, "省财政厅", count: 1), oneLate(2, "省农委", count: 1), oneLate(3, "省民政厅", count: 2),
            oneLate(4, "省公安厅", count: 0),
        ])
        var s = SupervisionSettings()
        s.periodStart = today
        let scores = Supervision.scores(plan, today: today, settings: s)
        #expect(scores.map(\.score) == [100, 95, 95, 90])
        #expect(scores.map(\.rank) == [1, 2, 2, 4])
        #expect(scores.map(\.unit.abbr) == ["公安", "财政", "农委", "民政"])
    }

    @Test func silentCountIsTaskMonths() throws {
        // Two led tasks, never reported, period started two whole months ago: 4 task-months.
        let plan = try Plan(office: .seed, units: units, tasks: [
            Task(number: 1, title: "a", assignments: lead("省财政厅")), Task(number: 2, title: "b", assignments: lead("省财政厅")),
        ])
        var s = SupervisionSettings()
        s.periodStart = Day("2027-01-15")
        let fin = try #require(Supervision.scores(plan, today: today, settings: s).first { $0.unit.name == "省财政厅" })
        #expect(fin.silentTaskMonths == 4 && fin.silentDeduction == 8 && fin.score == 92)
        #expect(Supervision.rulesText(s, chinese: true).contains("任务·月"))
        #expect(Supervision.rulesText(s, chinese: false).contains("task-month"))
    }
}
