import Foundation
import Testing

/// `duban task …`, `duban unit …`, `duban progress edit/remove` and `milestone edit
/// --completed` through the real binary.
@Suite(.serialized) struct TaskUnitCLITests {
    @Test func addRenameRetireAndRestoreATask() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let add = try cli.run(["task", "add", "--title", "新增的任务", "--notes", "备注", "--follow-up", "王芳"])
        #expect(add.status == 0 && add.out == "25\n", "\(add.err)")
        #expect(try cli.task(25)["title"] as? String == "新增的任务")
        #expect(try cli.task(25)["lead"] as? [String] == [])
        // A task without a lead is flagged by check.
        #expect(try cli.run(["check"]).out.contains("Task 25 has no lead unit."))

        #expect(try cli.run(["task", "edit", "25", "--title", "改过的名称"]).status == 0)
        #expect(try cli.task(25)["title"] as? String == "改过的名称")
        // A stale title is refused, nothing written.
        let stale = try cli.run(["task", "edit", "25", "--title", "我的", "--expect", "新增的任务"])
        #expect(stale.status != 0 && stale.err.contains("changed by someone else"), "\(stale.err)")
        #expect(try cli.task(25)["title"] as? String == "改过的名称")

        let retire = try cli.run(["task", "retire", "3"], env: ["LANG": "C.UTF-8"])
        #expect(retire.status == 0 && retire.out.contains("任务 3 已撤销"))
        let list = try cli.run(["list"])
        #expect(!list.out.split(separator: "\n").contains { $0.hasPrefix("3 ") || $0.hasPrefix("3\t") || $0.hasPrefix(" 3 ") })
        #expect(list.out.split(separator: "\n").count == 24)
        #expect(throws: HarnessError.self) { try cli.task(3) }
        // Out of the plan, not out of the record.
        #expect(try cli.run(["task", "retired"]).out.hasPrefix("3\t"))
        // The log speaks words, never the action's name.
        let log = try cli.run(["log", "--task", "3"]).out
        #expect(log.contains("task retired (history kept)") && !log.contains("task.retire"), "\(log)")
        #expect(try cli.run(["log", "--task", "3"], env: ["LANG": "C.UTF-8"]).out.contains("撤销任务（历史保留）"))
        let show = try cli.run(["show", "3"])
        #expect(show.status != 0 && show.err.contains("Task 3 is retired"), "\(show.err)")
        let edit = try cli.run(["note", "3", "x"])
        #expect(edit.status != 0 && edit.err.contains("retired"))
        // Its number is never reused.
        #expect(try cli.run(["task", "add", "--title", "再一个"]).out == "26\n")
        let taken = try cli.run(["task", "add", "--title", "撞号", "--number", "3"])
        #expect(taken.status != 0)
        #expect(try cli.run(["task", "restore", "3"]).status == 0)
        #expect(try cli.task(3)["lead"] as? [String] == ["省发改委", "省住房和城乡建设厅"])
        let unknown = try cli.run(["task", "retire", "99"])
        #expect(unknown.status != 0 && unknown.err.contains("no task 99"))
    }

    @Test func addAndEditUnits() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let add = try cli.run(["unit", "add", "省水利局", "--abbr", "水局", "--alias", "水务局"], env: ["LANG": "en_US.UTF-8"])
        #expect(add.status == 0 && add.out.contains("Unit 省水利局 added."), "\(add.err)")
        #expect(try cli.run(["assign", "1", "水务局", "--role", "cooperating"]).status == 0)
        let dup = try cli.run(["unit", "add", "省财政局", "--abbr", "财政"])
        #expect(dup.status != 0 && dup.err.contains("already belongs to 省财政厅"), "\(dup.err)")
        let dupName = try cli.run(["unit", "add", "省水利局"])
        #expect(dupName.status != 0)
        // Renaming keeps the roles.
        let rename = try cli.run(["unit", "edit", "水局", "--name", "省水务局", "--short", "水务局", "--no-aliases"])
        #expect(rename.status == 0, "\(rename.err)")
        #expect((try cli.task(1)["cooperating"] as? [String])?.contains("省水务局") == true)
        let clash = try cli.run(["unit", "edit", "水务局", "--abbr", "发改"])
        #expect(clash.status != 0 && clash.err.contains("省发改委"))
        let units = try cli.json()["units"] as? [[String: Any]] ?? []
        #expect(units.count == 32 && units.last?["name"] as? String == "省水务局")
    }

    @Test func correctAndRemoveAProgressReport() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let id = try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", "已启动", "--problems", "无"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(id) != nil)
        let edit = try cli.run(["progress", "edit", "1", id, "--problems", "资金不足", "--date", "2027-04-01"])
        #expect(edit.status == 0, "\(edit.err)")
        let listed = try cli.run(["progress", "list", "1"]).out
        #expect(listed.contains("存在问题：资金不足") && listed.contains("2027-04-01") && listed.contains("进展情况：已启动"))
        let future = try cli.run(["progress", "edit", "1", id, "--date", "2027-05-01"])
        #expect(future.status != 0 && future.err.contains("after today"))
        let missing = try cli.run(["progress", "remove", "1", "999"])
        #expect(missing.status != 0)
        #expect(try cli.run(["progress", "remove", "1", id]).status == 0)
        #expect(try cli.run(["progress", "list", "1"]).out.contains("no progress report"))
        let log = try cli.run(["log", "--task", "1"]).out
        #expect(log.contains("deleted the progress report of") && !log.contains("progress.remove"), "\(log)")
    }

    @Test func milestoneEditSetsOwnerAndCompletion() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let id = try cli.run(["milestone", "add", "1", "一季度", "--due", "2027-03-31"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try cli.run(["milestone", "edit", "1", id, "--owner", "住建", "--completed", "2027-04-02"])
        #expect(r.status == 0, "\(r.err)")
        let m = (try cli.task(1)["milestones"] as? [[String: Any]])?.first
        #expect(m?["owner"] as? String == "省住房和城乡建设厅")
        #expect(m?["completed"] as? String == "2027-04-02")
    }
}

/// On the server: only the office adds, renames and retires tasks and adds or edits units; a
/// unit's login corrects only its own unit's reports, refused by the server itself.
@Suite(.serialized) struct TaskUnitPostgresTests {
    func duban(_ args: [String]) throws -> Subprocess.Result {
        var e = TestLanguage.english(ProcessInfo.processInfo.environment)
        e["DUBAN_TODAY"] = "2027-04-10"
        e.removeValue(forKey: "DUBAN_FILE")
        e.removeValue(forKey: "DUBAN_DB")
        return try Subprocess.run(try DubanBinary.url().path, args, environment: TestLanguage.english(e))
    }

    @Test func aUnitLoginCorrectsOnlyItsOwnReports() throws {
        guard let db = try PostgresFixture.database() else { return }
        #expect(try duban(["init", "--db", db]).status == 0)
        #expect(try duban(["grant", "住建", "--login", "zhujian_c_edits", "--password", "s3cret", "--db", db]).status == 0)
        var unit = URLComponents(string: db)!
        unit.user = "zhujian_c_edits"
        unit.password = "s3cret"
        let u = unit.string!
        let mine = try duban(["progress", "add", "1", "--unit", "住建", "--progress", "本单位", "--db", u]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let theirs = try duban(["progress", "add", "1", "--unit", "发改", "--progress", "发改的", "--db", db]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let own = try duban(["progress", "edit", "1", mine, "--problems", "无", "--db", u])
        #expect(own.status == 0, "\(own.stderr)")
        let other = try duban(["progress", "edit", "1", theirs, "--problems", "冒改", "--db", u])
        #expect(other.status != 0 && other.stderr.contains("may not do this"), "\(other.stderr)")
        for args in [["task", "add", "--title", "x"], ["task", "retire", "2"], ["task", "edit", "2", "--title", "x"],
                     ["unit", "add", "省水利局", "--abbr", "水局"], ["unit", "edit", "住建", "--short", "建设厅"]] {
            let r = try duban(args + ["--db", u])
            #expect(r.status != 0 && r.stderr.contains("may not do this"), "\(args): \(r.stderr)")
        }
        // The office may.
        #expect(try duban(["task", "retire", "2", "--db", db]).status == 0)
        #expect(try duban(["unit", "add", "省水利局", "--abbr", "水局", "--db", db]).status == 0)
        let list = try duban(["list", "--db", db]).stdout
        #expect(list.split(separator: "\n").count == 23)
        #expect(try duban(["progress", "list", "1", "--db", db]).stdout.contains("存在问题：无"))
    }
}
