import Foundation
import Testing

/// Two people editing the same item at the same moment, through the real binary: each edit
/// changes only its own fields, checked and written in one write transaction.
@Suite(.serialized) struct ConcurrentEditTests {
    /// Starts `duban ARGS --file <tracker>` without waiting for it.
    func start(_ cli: CLI, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = try DubanBinary.url()
        p.arguments = args + ["--file", cli.file]
        var env = TestLanguage.english(ProcessInfo.processInfo.environment)
        env["DUBAN_TODAY"] = cli.today
        env.removeValue(forKey: "DUBAN_FILE")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    func milestones(_ cli: CLI, task: Int) throws -> [[String: Any]] {
        try cli.task(task)["milestones"] as? [[String: Any]] ?? []
    }

    @Test func doneAndTitleEditOfOneMilestoneAtOnceBothStay() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        let pairs = 24
        var ids: [Int] = []
        for i in 0..<pairs {
            let r = try cli.run(["milestone", "add", "1", "节点\(i)", "--due", "2027-06-30"])
            ids.append(try #require(Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)), "add printed \(r.out) \(r.err)"))
        }
        for (i, id) in ids.enumerated() {
            let a = try start(cli, ["milestone", "done", "1", String(id), "--on", "2027-04-01"])
            let b = try start(cli, ["milestone", "edit", "1", String(id), "--title", "改名\(i)"])
            a.waitUntilExit()
            b.waitUntilExit()
            #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        }
        let stored = try milestones(cli, task: 1)
        var kept = 0
        for (i, id) in ids.enumerated() {
            let m = try #require(stored.first { $0["id"] as? Int == id })
            if m["status"] as? String == "done", m["title"] as? String == "改名\(i)" { kept += 1 }
        }
        print("concurrent done + title pairs: \(pairs) tried, \(kept) kept both edits")
        #expect(kept == pairs, "both edits of every pair are kept (\(kept) of \(pairs))")
    }

    @Test func datesAfterTodayAreRefusedAndDoneTwiceKeepsItsDate() throws {
        let cli = try CLI()   // today is pinned to 2027-04-10
        #expect(try cli.run(["init"]).status == 0)
        let id = try cli.run(["milestone", "add", "1", "一季度检查", "--due", "2027-03-31"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let future = try cli.run(["milestone", "done", "1", id, "--on", "2030-01-01"])
        #expect(future.status != 0)
        #expect(future.err.contains("2030-01-01 is after today (2027-04-10)"))
        #expect(try milestones(cli, task: 1).first?["status"] as? String == "open")

        #expect(try cli.run(["milestone", "done", "1", id, "--on", "2027-03-30"]).status == 0)
        let again = try cli.run(["milestone", "done", "1", id])
        #expect(again.status == 0)
        #expect(again.out.contains("already done (2027-03-30)"))
        #expect(try milestones(cli, task: 1).first?["completed"] as? String == "2027-03-30", "the date is kept")
        #expect(try cli.run(["milestone", "done", "1", id, "--on", "2027-04-02"]).status == 0)
        #expect(try milestones(cli, task: 1).first?["completed"] as? String == "2027-04-02", "--on changes it")

        let report = try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", "完成", "--date", "2027-05-01"])
        #expect(report.status != 0)
        #expect(report.err.contains("after today"))
        #expect((try cli.task(1)["progress"] as? [Any])?.isEmpty == true)
    }

    @Test func datesAsPeopleTypeThem() throws {
        let cli = try CLI()   // today is pinned to 2027-04-10
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", "一季度", "--due", "2027年3月31日"]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", "季末", "--due", "季末"]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", "一个月后", "--due", "+30"]).status == 0)
        let dues = try milestones(cli, task: 1).compactMap { $0["due"] as? String }
        #expect(dues == ["2027-03-31", "2027-05-10", "2027-06-30"])
        let bad = try cli.run(["milestone", "add", "1", "x", "--due", "下周"])
        #expect(bad.status != 0 && bad.err.contains("下周"))
    }

    @Test func reportsAndOwnersOnlyFromUnitsWithARole() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        // 省农垦总局 has no role on task 1.
        let task1 = try cli.task(1)
        let units = (task1["lead"] as? [String] ?? []) + (task1["cooperating"] as? [String] ?? [])
        #expect(!units.contains("省农垦总局"))
        let report = try cli.run(["progress", "add", "1", "--unit", "农垦", "--progress", "已完成"])
        #expect(report.status != 0)
        #expect(report.err.contains("省农垦总局 has no role on task 1"))
        let owner = try cli.run(["milestone", "add", "1", "节点", "--owner", "农垦"])
        #expect(owner.status != 0)
        #expect(owner.err.contains("has no role on task 1"))
        #expect((try cli.task(1)["milestones"] as? [Any])?.isEmpty == true)
        #expect(try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", "已完成"]).status == 0)
    }
}
