import Foundation
import Testing

/// Runs the built `duban` as a process, the way scripts and the office's cron jobs do.
struct CLI {
    let dir: URL
    var today = "2027-04-10"

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("duban-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    var file: String { dir.appendingPathComponent("t.sqlite").path }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `duban ARGS --file <tracker>` with "today" pinned; no terminal attached.
    @discardableResult
    func run(_ args: [String], file: String? = nil, env extra: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = try DubanBinary.url()
        p.arguments = args + ["--file", file ?? self.file]
        var env = TestLanguage.english(ProcessInfo.processInfo.environment)
        env["DUBAN_TODAY"] = today
        env.removeValue(forKey: "DUBAN_FILE")
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func json(_ args: [String] = ["export", "--format", "json"]) throws -> [String: Any] {
        let r = try run(args)
        guard r.status == 0, let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any] else {
            throw HarnessError(description: "export failed: \(r.err)")
        }
        return obj
    }

    func task(_ n: Int) throws -> [String: Any] {
        let tasks = try json()["tasks"] as? [[String: Any]] ?? []
        guard let t = tasks.first(where: { $0["number"] as? Int == n }) else { throw HarnessError(description: "no task \(n)") }
        return t
    }
}

@Suite(.serialized) struct CLITests {
    @Test func initPrintsTheRepairsAndRefusesToOverwrite() throws {
        let cli = try CLI()
        let r = try cli.run(["init"])
        #expect(r.status == 0)
        #expect(r.out.contains("24 tasks, 31 units"))
        #expect(r.out.contains("\"省建设厅\" read as 省住房和城乡建设厅"))
        #expect(r.out.contains("number \"2l\" read as 21"))
        let again = try cli.run(["init"])
        #expect(again.status != 0)
        #expect(again.err.contains("already exists") && again.err.contains("--force"))
        #expect(try cli.run(["init", "--force"]).status == 0)
    }

    /// A named file is created by `init`, folders included (only the default location is
    /// created on first use: FileSafetyTests).
    @Test func initCreatesANamedFileWithItsFoldersAndExportMatchesTheSeed() throws {
        let cli = try CLI()
        let nested = cli.dir.appendingPathComponent("a/b/tracker.sqlite").path
        #expect(try cli.run(["init"], file: nested).status == 0)
        let r = try cli.run(["list"], file: nested)
        #expect(r.status == 0)
        #expect(FileManager.default.fileExists(atPath: nested))
        #expect(r.out.split(separator: "\n").count == 24)
        try cli.run(["init"])
        let obj = try cli.json()
        let units = obj["units"] as? [[String: Any]] ?? []
        #expect(units.count == 31)
        #expect(units.first?["abbr"] as? String == "住建")
        #expect(units[1]["name"] as? String == "省发改委")
        let t1 = try cli.task(1)
        #expect(t1["lead"] as? [String] == ["省住房和城乡建设厅"])
        #expect((t1["cooperating"] as? [String])?.first == "省发改委")
        #expect(t1["status"] as? String == "no-milestones")
        #expect((obj["office"] as? [String: Any])?["name"] as? String == "城乡一体化工作领导小组办公室")
    }

    @Test func assignByAbbreviationAliasAndRefusals() throws {
        let cli = try CLI()
        try cli.run(["init"])
        #expect(try cli.run(["assign", "3", "财政", "--role", "lead"]).status == 0)
        #expect(try cli.task(3)["lead"] as? [String] == ["省发改委", "省住房和城乡建设厅", "省财政厅"])
        #expect(try cli.run(["assign", "3", "建设厅", "--role", "none"]).status == 0)
        #expect(try cli.task(3)["lead"] as? [String] == ["省发改委", "省财政厅"])
        let last = try cli.run(["assign", "1", "住建", "--role", "none"])
        #expect(last.status != 0)
        #expect(last.err.contains("only lead unit of task 1"))
        let ambiguous = try cli.run(["assign", "1", "厅", "--role", "lead"])
        #expect(ambiguous.status != 0 && ambiguous.err.contains("could be several units") && ambiguous.err.contains("省财政厅"))
        let unknown = try cli.run(["assign", "1", "外交部", "--role", "lead"])
        #expect(unknown.status != 0 && unknown.err.contains("No unit is called"))
        let badTask = try cli.run(["assign", "99", "财政", "--role", "lead"])
        #expect(badTask.status != 0 && badTask.err.contains("no task 99"))
        let badRole = try cli.run(["assign", "1", "财政", "--role", "boss"])
        #expect(badRole.status != 0 && badRole.err.contains("unknown role"))
        // Every error is one line on stderr.
        for r in [last, ambiguous, unknown, badTask, badRole] {
            #expect(r.err.split(separator: "\n").count == 1)
            #expect(r.out.isEmpty)
        }
    }

    @Test func milestoneLifecycleAndDates() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let add = try cli.run(["milestone", "add", "1", "一季度检查", "--due", "2027-03-31", "--owner", "住建"])
        #expect(add.status == 0)
        let id = try #require(Int(add.out.trimmingCharacters(in: .whitespacesAndNewlines)))
        var m = try #require((try cli.task(1)["milestones"] as? [[String: Any]])?.first)
        #expect(m["title"] as? String == "一季度检查" && m["due"] as? String == "2027-03-31" && m["status"] as? String == "open")
        #expect(m["completed"] is NSNull)
        #expect(try cli.task(1)["status"] as? String == "overdue")
        let bad = try cli.run(["milestone", "done", "1", String(id), "--on", "2027-02-30"])
        #expect(bad.status != 0 && bad.err.contains("not a real date"))
        #expect(try cli.run(["milestone", "done", "1", String(id)]).status == 0)
        m = try #require((try cli.task(1)["milestones"] as? [[String: Any]])?.first)
        #expect(m["status"] as? String == "done" && m["completed"] as? String == "2027-04-10")
        #expect(try cli.task(1)["status"] as? String == "done")
        #expect(try cli.run(["milestone", "reopen", "1", String(id)]).status == 0)
        #expect(try cli.run(["milestone", "edit", "1", String(id), "--title", "一季度督查", "--no-due"]).status == 0)
        m = try #require((try cli.task(1)["milestones"] as? [[String: Any]])?.first)
        #expect(m["title"] as? String == "一季度督查" && m["due"] is NSNull && m["status"] as? String == "open")
        let wrongTask = try cli.run(["milestone", "done", "2", String(id)])
        #expect(wrongTask.status != 0 && wrongTask.err.contains("has no milestone"))
        #expect(try cli.run(["milestone", "remove", "1", String(id)]).status == 0)
        #expect((try cli.task(1)["milestones"] as? [[String: Any]])?.isEmpty == true)
        let log = try cli.run(["log", "--limit", "3"])
        // In words, never the action names (milestone.remove, milestone.update).
        #expect(log.out.contains("deleted milestone “一季度督查”") && log.out.contains("renamed to “一季度督查”"), "\(log.out)")
        #expect(!log.out.contains("milestone.remove") && !log.out.contains("milestone.update"))
    }

    @Test func exportFormatsAndOutputFile() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let csvPath = cli.dir.appendingPathComponent("out.csv").path
        #expect(try cli.run(["export", "--format", "csv", "-o", csvPath]).status == 0)
        let csv = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 25)
        let md = try cli.run(["export", "--format", "md"])
        #expect(md.out.contains("| 序号 | 名称 | 牵头部门 | 协同部门 | 时间节点 |"))
        #expect(md.out.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 25)
        let bad = try cli.run(["export", "--format", "xml"])
        #expect(bad.status != 0 && bad.err.contains("unknown export format"))
    }

    @Test func matrixUnitsShowAndCheck() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let matrix = try cli.run(["matrix"]).out.split(separator: "\n").map(String.init)
        #expect(matrix[0].contains("住建 发改 财政"))
        // CJK alignment: every task row has the separator at the same display column.
        func column(_ line: String) -> Int? {
            guard let i = line.firstIndex(of: "|") else { return nil }
            return line[..<i].reduce(0) { w, c in
                let v = c.unicodeScalars.first!.value
                return w + ((0x2E80...0x9FFF).contains(v) || (0xFF00...0xFF60).contains(v) ? 2 : 1)
            }
        }
        let cols = Set(matrix.prefix(27).compactMap(column))
        #expect(cols.count == 1)
        let units = try cli.run(["units"]).out
        #expect(units.contains("省住房和城乡建设厅"))
        let show = try cli.run(["show", "5"], env: ["LANG": "C.UTF-8"]).out
        #expect(show.contains("推进统筹城乡规划工作,提高规划管理水平"))
        #expect(show.contains("协同部门：省住房和城乡建设厅、省国土资源厅"))
        let check = try cli.run(["check"]).out
        #expect(check.contains("Import repairs (4)"))
        #expect(check.contains("24 task(s) have no milestone"))
    }

    @Test func importFromCSVAndMalformedTablesWriteNothing() throws {
        let cli = try CLI()
        let good = try cli.write("t.csv", "序号,名称,牵头部门,配合单位\n1,测试任务,省财政厅,\"发改委、建设厅\"\n")
        let r = try cli.run(["init", "--from", good, "--seed-directory"])
        #expect(r.status == 0)
        #expect(try cli.task(1)["cooperating"] as? [String] == ["省发改委", "省住房和城乡建设厅"])
        // Without a directory the names stay as written: another province's 发改委 is not the seed's.
        #expect(try cli.run(["init", "--force", "--from", good]).status == 0)
        #expect(try cli.task(1)["cooperating"] as? [String] == ["发改委", "建设厅"])
        let other = cli.dir.appendingPathComponent("other.sqlite").path
        let broken = try cli.write("bad.txt", """
            ┌──┬──┬──┬──┐
            │序号│名称│牵头部门│协同部门│
            ├──┼──┼──┼──┤
            │ 1 │ 任务 │ 省财政厅 │ 省农委 │ x │
            └──┴──┴──┴──┘

            """)
        let refused = try cli.run(["init", "--from", broken], file: other)
        #expect(refused.status != 0)
        #expect(refused.err.contains("line 4"))
        #expect(refused.err.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: other))
        let missing = try cli.run(["init", "--from", cli.dir.appendingPathComponent("nope.csv").path], file: other)
        #expect(missing.status != 0 && missing.err.contains("no such file"))
    }

    @Test func importedTablesGetTheirOwnOfficeAndNames() throws {
        let cli = try CLI()
        let table = try cli.write("sc.tsv", """
            序号\t重点任务\t责任单位\t时间节点
            1\t推进一\t省发展改革委牵头，省财政厅按职责分工负责\t6月底前
            2\t推进二\t省财政厅、省税务局\t每季度

            """)
        let r = try cli.run(["init", "--from", table, "--office", "乡村振兴领导小组办公室", "--host", "发展改革委",
                             "--members", "省发展改革委,省财政厅", "--first-leads", "--year", "2025"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Office: 乡村振兴领导小组办公室 in 省发展改革委; 2 member units."))
        let office = try cli.json()["office"] as? [String: Any]
        #expect(office?["name"] as? String == "乡村振兴领导小组办公室")
        #expect(office?["host"] as? String == "省发展改革委")
        #expect(office?["members"] as? [String] == ["省发展改革委", "省财政厅"])
        // 省发展改革委 is not renamed 省发改委 (the seed's alias), and --first-leads makes 省财政厅 lead task 2.
        #expect(try cli.task(1)["lead"] as? [String] == ["省发展改革委"])
        #expect(try cli.task(2)["lead"] as? [String] == ["省财政厅"])
        #expect(try cli.task(2)["cooperating"] as? [String] == ["省税务局"])
        let ms = try cli.task(2)["milestones"] as? [[String: Any]] ?? []
        #expect(ms.compactMap { $0["due"] as? String } == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"])
        // A member that is not a unit of the table is refused, nothing written.
        let other = cli.dir.appendingPathComponent("o.sqlite").path
        let bad = try cli.run(["init", "--from", table, "--members", "省教育厅"], file: other)
        #expect(bad.status != 0 && bad.err.contains("省教育厅 is not a unit of the table"))
        #expect(!FileManager.default.fileExists(atPath: other))
        // A directory of the user's own: its aliases apply.
        let units = try cli.write("units.tsv", "name\tshort\tabbr\tfull_form\taliases\n省发展改革委\t发展改革委\t发改\t\t发改委\n")
        let small = try cli.write("x.csv", "序号,名称,牵头单位\n1,推进,发改委\n")
        let dFile = cli.dir.appendingPathComponent("d.sqlite").path
        let d = try cli.run(["init", "--from", small, "--directory", units], file: dFile)
        #expect(d.status == 0 && d.out.contains("\"发改委\" read as 省发展改革委 (alias)"), "\(d.err)")
        // Without --office the report says so; without --from the options are refused and the seed is as always.
        let plain = try cli.run(["init", "--from", table], file: other)
        #expect(plain.out.contains("Office: not named"))
        let seedFile = cli.dir.appendingPathComponent("seed.sqlite").path
        #expect(try cli.run(["init", "--office", "x"], file: seedFile).err.contains("apply only to a table imported with --from"))
        #expect(try cli.run(["init"], file: seedFile).status == 0)
        let export = try cli.run(["export", "--format", "json"], file: seedFile)
        let seedJSON = try JSONSerialization.jsonObject(with: Data(export.out.utf8)) as? [String: Any]
        let seedOffice = seedJSON?["office"] as? [String: Any]
        #expect(seedOffice?["name"] as? String == "城乡一体化工作领导小组办公室")
        #expect((seedOffice?["members"] as? [String])?.count == 10)
    }

    @Test func foreignFilesAreRefusedAndUntouched() throws {
        let cli = try CLI()
        let text = try cli.write("notes.txt", "这不是督办文件\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: text))
        let r = try cli.run(["list"], file: text)
        #expect(r.status != 0)
        #expect(r.err.contains(text))
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == before)
    }

    @Test func controlCharactersAreStoredButNotPrintedRawToATerminal() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let evil = "标题\u{1B}]0;pwned\u{07}\u{1B}[2J"
        #expect(try cli.run(["note", "1", evil]).status == 0)
        // Stored as given: the JSON export escapes it.
        #expect(try cli.task(1)["notes"] as? String == evil)
        let show = try cli.run(["show", "1"]).out   // a pipe is sanitized like a terminal (`duban show 1 | less -R`)
        #expect(show.contains("Notes: 标题␛]0;pwned␇␛[2J"))
    }

    @Test func supervisionCommands() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let t = try cli.run(["milestone", "template", "quarterly", "--year", "2027", "--tasks", "1,3-4"])
        #expect(t.status == 0 && t.out.contains("Added 12 milestones to 3 task(s): 1, 3-4."))
        #expect(try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", "完成选点", "--problems", "用地紧张",
                             "--next", "协调国土", "--date", "2027-03-20"]).status == 0)
        let p = try cli.task(1)["progress"] as? [[String: Any]]
        #expect(p?.first?["unit"] as? String == "省住房和城乡建设厅" && p?.first?["problems"] as? String == "用地紧张")
        let overdue = try cli.run(["overdue"], env: ["LANG": "C.UTF-8"]).out
        #expect(overdue.split(separator: "\n").filter { $0.contains("逾期 10 天") }.count == 3)
        #expect(overdue.hasPrefix("督办清单（截至 "), "\(overdue)")
        let overdueEn = try cli.run(["overdue"]).out
        #expect(overdueEn.split(separator: "\n").filter { $0.contains("10 days late") }.count == 3)
        #expect(overdueEn.hasPrefix("Overdue list (as of ") && !overdueEn.contains("逾期"), "\(overdueEn)")
        let notice = try cli.run(["notice", "1", "--issue"]).out
        #expect(notice.contains("督办〔2027〕1号") && notice.contains("已逾期10天") && notice.contains("用地紧张"))
        #expect(try cli.run(["notice", "1", "--issue"]).out.contains("督办〔2027〕2号"))
        let report = try cli.run(["report", "--format", "csv"]).out
        #expect(report.hasPrefix("\u{FEFF}"))
        let units = try JSONSerialization.jsonObject(with: Data(try cli.run(["units", "--format", "json"]).out.utf8)) as? [[String: Any]]
        #expect(units?.count == 31)
        #expect(units?.first?["overdue"] as? Int == 3)   // 住建 leads tasks 1, 3 and 4
        let score = try cli.run(["score"], env: ["LANG": "C.UTF-8"]).out
        #expect(score.contains("考核排名") && score.contains("评分规则") && !score.contains("Rules: 100 points"))
        let scoreEn = try cli.run(["score"]).out
        #expect(scoreEn.contains("Assessment ranking") && scoreEn.contains("Rules: 100 points") && !scoreEn.contains("评分规则"))
        #expect(try cli.run(["config", "warning_days", "30"]).status == 0)
        #expect(try cli.run(["config", "warning_days", "x"]).status != 0)
    }

    @Test func theInteractiveTrackerWithoutATerminalSaysSo() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let r = try cli.run([])
        #expect(r.status != 0)
        #expect(r.err.contains("needs a terminal"))
        let lang = try cli.run(["open", "--lang", "fr"])
        #expect(lang.status != 0 && lang.err.contains("invalid for '--lang <zh|en>'"))
    }

    @Test func unitDirectoryRoundTripAndErrors() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let tsv = try cli.run(["directory"]).out
        #expect(tsv.hasPrefix("name\tshort\tabbr\tfull_form\taliases\n"))
        #expect(tsv.contains("省住房和城乡建设厅\t住房和城乡建设厅\t住建\t\t住建厅|建设厅"))
        let edited = try cli.write("units.tsv", tsv.replacingOccurrences(of: "省财政厅\t财政厅\t财政\t\t", with: "省财政厅\t财政厅\t财政\t\t财厅"))
        #expect(try cli.run(["directory", "--import", edited]).status == 0)
        #expect(try cli.run(["directory"]).out.contains("省财政厅\t财政厅\t财政\t\t财厅"))
        let bad = try cli.write("bad.tsv", "name\tshort\tabbr\n省甲\n")
        let r = try cli.run(["directory", "--import", bad])
        #expect(r.status != 0 && r.err.contains("line 2"))
    }

    @Test func backupAndRestore() throws {
        let cli = try CLI()
        try cli.run(["init"])
        try cli.run(["assign", "2", "财政", "--role", "lead"])
        let backup = cli.dir.appendingPathComponent("b.sqlite").path
        #expect(try cli.run(["backup", backup]).status == 0)
        try cli.run(["assign", "2", "财政", "--role", "none"])
        #expect(try cli.run(["restore", backup]).status != 0)   // needs --force
        #expect(try cli.run(["restore", backup, "--force"]).status == 0)
        #expect((try cli.task(2)["lead"] as? [String])?.contains("省财政厅") == true)
        let junk = try cli.write("junk.sqlite", "garbage")
        #expect(try cli.run(["restore", junk, "--force"]).status != 0)
    }
}
