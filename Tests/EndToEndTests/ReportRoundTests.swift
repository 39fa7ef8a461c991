import Foundation
import Testing

/// The monthly round trip with a real spreadsheet library: duban writes a unit's fill-in
/// workbook, openpyxl (Python) checks its frozen header, protection and widths and fills it in
/// as a user would, duban collects it (once), refuses a workbook for another unit, collects a
/// GB18030 CSV, and `missing` lists 缺报 and 迟报 before and after.
@Suite(.serialized) struct ReportRoundTests {
    /// Runs a Python script with openpyxl; its stdout.
    func python(_ script: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw HarnessError(description: "python3 failed (is openpyxl installed? .ci/run installs it): " + String(decoding: e, as: UTF8.self))
        }
        return String(decoding: o, as: UTF8.self)
    }

    static let inspect = """
    import sys, json, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    ws = wb['进展填报']
    hidden = wb['duban']
    print(json.dumps({
      'sheets': wb.sheetnames, 'idState': hidden.sheet_state,
      'identity': {r[0].value: r[1].value for r in hidden.iter_rows()},
      'freeze': ws.freeze_panes, 'protected': ws.protection.sheet, 'idProtected': hidden.protection.sheet,
      'header': [c.value for c in ws[1]],
      'rows': [[c.value for c in r] for r in ws.iter_rows(min_row=2)],
      'locked': [ws.cell(row=2, column=i).protection.locked for i in range(1, 10)],
      'widths': [ws.column_dimensions[l].width for l in 'ABCDEFGHI'],
      'names': sorted(wb.defined_names.keys()) if hasattr(wb.defined_names, 'keys') else [],
    }, ensure_ascii=False))
    """

    /// Fills rows by task number: argv[3] is JSON {task: [progress, problems, next, close]}.
    static let fill = """
    import sys, json, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    ws = wb['进展填报']
    want = json.loads(sys.argv[3])
    for r in ws.iter_rows(min_row=2):
        t = str(r[0].value)
        if t in want:
            for i, v in enumerate(want[t]):
                r[5 + i].value = v
    wb.save(sys.argv[2])
    """

    @Test func roundTripThroughOpenpyxl() throws {
        var cli = try CLI()
        cli.today = "2027-04-03"
        #expect(try cli.run(["init"]).status == 0)
        let before = try cli.json(["missing", "--format", "json"])
        #expect(before["period"] as? String == "2027-03" && before["deadline"] as? String == "2027-04-05")
        let unreported = before["unreported"] as? [[String: Any]] ?? []
        #expect(unreported.contains { $0["unit"] as? String == "省发改委" && $0["tasks"] as? [Int] == [2, 3, 5, 6] }, "\(unreported)")

        let blank = cli.dir.appendingPathComponent("发改.xlsx").path
        let t = try cli.run(["template", "--unit", "发改", "-o", blank])
        #expect(t.status == 0, "\(t.err)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(try python(Self.inspect, [blank]).utf8)) as? [String: Any])
        #expect(info["sheets"] as? [String] == ["进展填报", "duban"] && info["idState"] as? String == "hidden")
        #expect(info["freeze"] as? String == "A2")
        #expect(info["protected"] as? Bool == true && info["idProtected"] as? Bool == true)
        #expect((info["header"] as? [String])?.prefix(6) == ["任务编号", "任务名称", "本单位职责", "未完成节点及时限", "上次报送", "进展情况"])
        #expect(info["locked"] as? [Bool] == [true, true, true, true, true, false, false, false, false])
        let widths = info["widths"] as? [Double] ?? []
        #expect(widths.count == 9 && widths[1] >= 30 && widths[0] < widths[1])
        let identity = info["identity"] as? [String: String] ?? [:]
        #expect(identity["unit"] == "省发改委" && identity["period"] == "2027-03" && (identity["tracker"] ?? "").count >= 16)
        let rows = info["rows"] as? [[Any]] ?? []
        #expect(rows.count == 24 && rows.contains { ($0.first as? String) == "2" && ($0[2] as? String) == "牵头" })

        // Filled in as a user would: task 2 asks to close; task 3 reports; task 5 and 6 report.
        let filled = cli.dir.appendingPathComponent("发改-filled.xlsx").path
        _ = try python(Self.fill, [blank, filled, """
            {"2": ["已完成全部工作", "无", "无", "是"], "3": ["推进中", "资金缺口", "争取省级资金", "否"],
             "5": ["方案已报批", "", "", null], "6": ["已开工", "", "", ""]}
            """])
        let dry = try cli.run(["collect", filled, "--dry-run"])
        #expect(dry.status == 0 && dry.out.contains("request closure") && dry.out.contains("dry run"), "\(dry.out)\(dry.err)")
        #expect((try cli.task(2)["progress"] as? [Any] ?? []).isEmpty, "--dry-run writes nothing")

        let c = try cli.run(["collect", filled])
        #expect(c.status == 0 && c.out.contains("added: 4 report(s), 1 closure request(s)"), "\(c.out)\(c.err)")
        let t2 = try cli.task(2)
        let reports = t2["progress"] as? [[String: Any]] ?? []
        #expect(reports.count == 1 && reports[0]["progress"] as? String == "已完成全部工作" && reports[0]["date"] as? String == "2027-03-31", "\(reports)")
        let flow = (t2["flow"] as? [[String: Any]] ?? []).first { $0["unit"] as? String == "省发改委" }
        #expect(flow?["state"] as? String == "closing", "\(String(describing: flow))")
        let t3 = try cli.task(3)["progress"] as? [[String: Any]] ?? []
        #expect(t3.first?["problems"] as? String == "资金缺口" && t3.first?["next"] as? String == "争取省级资金")

        // Twice: nothing added.
        let again = try cli.run(["collect", filled])
        #expect(again.status == 0 && again.out.contains("nothing new"), "\(again.out)")
        #expect((try cli.task(3)["progress"] as? [Any] ?? []).count == 1)

        // 省发改委 reported on time; no longer 缺报.
        let after = try cli.json(["missing", "--format", "json"])
        #expect(!(after["unreported"] as? [[String: Any]] ?? []).contains { $0["unit"] as? String == "省发改委" })
        #expect((after["late"] as? [Any] ?? []).isEmpty)

        // Another unit's workbook, named as 发改's, is refused whole.
        let other = cli.dir.appendingPathComponent("财政.xlsx").path
        #expect(try cli.run(["template", "--unit", "财政", "-o", other]).status == 0)
        let wrong = try cli.run(["collect", other, "--unit", "发改"])
        #expect(wrong.status != 0 && wrong.err.contains("belongs to 省财政厅"), "\(wrong.err)")

        // Another month than the workbook's is refused.
        let month = try cli.run(["collect", filled, "--period", "2027-02"])
        #expect(month.status != 0 && month.err.contains("is for 2027-03, not 2027-02"), "\(month.err)")

        // A workbook for another tracker is refused.
        let cli2 = try CLI()
        #expect(try cli2.run(["init"]).status == 0)
        let foreign = try cli2.run(["collect", filled])
        #expect(foreign.status != 0 && foreign.err.contains("another tracker"), "\(foreign.err)")

        // A row without 进展情况 names the file, row and column; nothing of the file is added.
        let bad = cli.dir.appendingPathComponent("住建-bad.xlsx").path
        let zj = cli.dir.appendingPathComponent("住建.xlsx").path
        #expect(try cli.run(["template", "--unit", "住建", "-o", zj]).status == 0)
        _ = try python(Self.fill, [zj, bad, #"{"1": ["进展一", "", "", ""], "2": ["", "有问题", "", ""]}"#])
        let refused = try cli.run(["collect", bad])
        #expect(refused.status != 0 && refused.err.contains("住建-bad.xlsx") && refused.err.contains("sheet 进展填报 row 3")
                && refused.err.contains("column 进展情况"), "\(refused.err)")
        #expect((try cli.task(1)["progress"] as? [Any] ?? []).isEmpty)

        // 住建 reports after the deadline: 迟报.
        cli.today = "2027-04-09"
        let late = cli.dir.appendingPathComponent("住建-late.xlsx").path
        _ = try python(Self.fill, [zj, late, #"{"1": ["进展一", "", "", ""]}"#])
        #expect(try cli.run(["collect", late]).status == 0)
        let m = try cli.run(["missing"], env: ["LANG": "C.UTF-8"])
        #expect(m.out.contains("迟报 省住房和城乡建设厅") && m.out.contains("2027-04-09"), "\(m.out)")
        #expect(m.out.contains("缺报 省住房和城乡建设厅（住建）：任务 2、3、4、24"), "\(m.out)")
    }

    @Test func csvInGB18030AndRefusals() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        let csv = "任务编号,任务名称,进展情况,存在问题,下一步措施,申请办结\n2,x,\"已完成，待验收\",无,验收,否\n"
        let gb = try #require(csv.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let path = cli.dir.appendingPathComponent("发改.csv").path
        try gb.write(to: URL(fileURLWithPath: path))
        let noId = try cli.run(["collect", path])
        #expect(noId.status != 0 && noId.err.contains("--unit and --period"), "\(noId.err)")
        let r = try cli.run(["collect", path, "--unit", "发改", "--period", "2027-03"])
        #expect(r.status == 0, "\(r.err)")
        let reports = try cli.task(2)["progress"] as? [[String: Any]] ?? []
        #expect(reports.first?["progress"] as? String == "已完成，待验收" && reports.first?["unit"] as? String == "省发改委")
        // A task where the unit has no part (省农委 in task 1); an unknown task.
        let bad = try cli.write("bad.csv", "任务编号,进展情况,存在问题,下一步措施,申请办结\n1,x,,,\n99,y,,,\n")
        let refused = try cli.run(["collect", bad, "--unit", "农委", "--period", "2027-03"])
        #expect(refused.status != 0 && refused.err.contains("line 2") && refused.err.contains("has no part in task 1")
                && refused.err.contains("no task 99"), "\(refused.err)")
        // Only a lead unit asks for closure; the template is not written over the tracker.
        let coop = try cli.write("coop.csv", "任务编号,进展情况,存在问题,下一步措施,申请办结\n1,x,,,是\n")
        #expect(try cli.run(["collect", coop, "--unit", "财政", "--period", "2027-03"]).err.contains("only a lead unit"))
        #expect(try cli.run(["template", "--unit", "发改", "-o", cli.file]).status != 0)
        // The deadline is a setting: day 10 of the next month.
        #expect(try cli.run(["config", "report_deadline_day", "32"]).status != 0)
        #expect(try cli.run(["config", "report_deadline_day", "10"]).out.contains("report_deadline_day = 10"))
        #expect(try cli.json(["missing", "--period", "2027-03", "--format", "json"])["deadline"] as? String == "2027-04-10")
    }

    /// On PostgreSQL: template, collect (once) and missing work the same.
    @Test func onPostgreSQL() throws {
        guard let db = try PostgresFixture.database() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duban-round-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func duban(_ args: [String]) throws -> Subprocess.Result {
            var e = TestLanguage.english(ProcessInfo.processInfo.environment)
            e["DUBAN_TODAY"] = "2027-04-03"
            e.removeValue(forKey: "DUBAN_FILE")
            e.removeValue(forKey: "DUBAN_DB")
            return try Subprocess.run(try DubanBinary.url().path, args + ["--db", db], environment: e)
        }
        #expect(try duban(["init"]).status == 0)
        let blank = dir + "/发改.xlsx", filled = dir + "/发改-filled.xlsx"
        #expect(try duban(["template", "--unit", "发改", "-o", blank]).status == 0)
        _ = try python(Self.fill, [blank, filled, #"{"2": ["已完成", "", "", "是"], "3": ["推进中", "", "", ""]}"#])
        let c = try duban(["collect", filled])
        #expect(c.status == 0 && c.stdout.contains("added: 2 report(s), 1 closure request(s)"), "\(c.stdout)\(c.stderr)")
        #expect(try duban(["collect", filled]).stdout.contains("nothing new"))
        let queue = try duban(["queue"]).stdout
        #expect(queue.contains("省发改委"), "the closure request is in the office's queue: \(queue)")
        let m = try duban(["missing", "--format", "json"]).stdout
        #expect(m.contains("\"unit\": \"省发改委\", \"tasks\": [5, 6]"), "\(m)")
    }
}
