import Foundation
import Testing

/// The 督办 workflow from the command line: sign, request-close, close, return, suspend,
/// resume; refusals say what is allowed now; the export carries each part's state.
@Suite(.serialized) struct FlowCLITests {
    func flow(_ cli: CLI, task: Int, unit: String) throws -> [String: Any]? {
        let parts = try cli.task(task)["flow"] as? [[String: Any]] ?? []
        return parts.first { $0["unit"] as? String == unit }
    }

    @Test func everyStepAndItsRefusals() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        // Task 3: led by 省发改委 and 省住房和城乡建设厅; 省财政厅 cooperates.
        let signed = try cli.run(["sign", "3", "--unit", "发改"])
        #expect(signed.status == 0 && signed.out.contains("已签收") && signed.out.contains("signed"), "\(signed.err)")
        let twice = try cli.run(["sign", "3", "--unit", "发改"])
        #expect(twice.status != 0 && twice.err.contains("不能签收") && twice.err.contains("现在可以：申请办结、中止")
                && twice.err.contains("allowed now: request closure, suspend"), "\(twice.err)")
        let coop = try cli.run(["request-close", "3", "--unit", "财政"])
        #expect(coop.status != 0 && coop.err.contains("只有牵头单位才能申请办结") && coop.err.contains("Only a lead unit"))
        #expect(try cli.run(["request-close", "3", "--unit", "发改", "--note", "已完成"]).status == 0)
        #expect(try flow(cli, task: 3, unit: "省发改委")?["state"] as? String == "closing")
        #expect(try flow(cli, task: 3, unit: "省发改委")?["reason"] as? String == "已完成")
        #expect(try cli.run(["return", "3", "--unit", "发改"]).status != 0, "a return needs --reason")
        #expect(try cli.run(["return", "3", "--unit", "发改", "--reason", "缺少验收材料"]).status == 0)
        let back = try #require(try flow(cli, task: 3, unit: "省发改委"))
        #expect(back["state"] as? String == "signed" && back["reason"] as? String == "缺少验收材料")
        #expect(try cli.run(["request-close", "3", "--unit", "发改"]).status == 0)
        #expect(try cli.run(["close", "3", "--unit", "发改"]).status == 0)
        // A cooperating unit's part closes once a lead's did, after it signed.
        let early = try cli.run(["close", "3", "--unit", "财政"])
        #expect(early.status != 0 && early.err.contains("已交办"), "\(early.err)")
        #expect(try cli.run(["sign", "3", "--unit", "财政"]).status == 0)
        #expect(try cli.run(["close", "3", "--unit", "财政"]).status == 0)
        let closed = try #require(try flow(cli, task: 3, unit: "省发改委"))
        #expect(closed["state"] as? String == "closed" && closed["since"] as? String == "2027-04-10" && closed["reason"] is NSNull)
        #expect(closed["role"] as? String == "lead")
        // Suspend and resume: back where it was.
        #expect(try cli.run(["resume", "3", "--unit", "国土"]).status != 0)
        #expect(try cli.run(["suspend", "3", "--unit", "国土", "--reason", "规划调整"]).status == 0)
        let suspended = try #require(try flow(cli, task: 3, unit: "省国土资源厅"))
        #expect(suspended["state"] as? String == "suspended" && suspended["reason"] as? String == "规划调整")
        #expect(try cli.run(["sign", "3", "--unit", "国土"]).status != 0)
        #expect(try cli.run(["resume", "3", "--unit", "国土"]).status == 0)
        #expect(try flow(cli, task: 3, unit: "省国土资源厅")?["state"] as? String == "assigned")
        // Untouched parts: assigned since no day; the existing keys stay.
        let untouched = try #require(try flow(cli, task: 3, unit: "省住房和城乡建设厅"))
        #expect(untouched["state"] as? String == "assigned" && untouched["since"] is NSNull)
        #expect(try cli.task(3)["lead"] as? [String] == ["省发改委", "省住房和城乡建设厅"])
        // Audited with who and why; a unit without a role, or an unknown task, is refused.
        let log = try cli.run(["log", "--task", "3"], env: ["LANG": "C.UTF-8"]).out
        #expect(log.contains("退回") && log.contains("缺少验收材料") && log.contains("销号"), "\(log)")
        let norole = try cli.run(["sign", "3", "--unit", "公安"])
        #expect(norole.status != 0 && norole.err.contains("has no role"), "\(norole.err)")
        #expect(try cli.run(["sign", "99", "--unit", "发改"]).status != 0)
    }
}

extension PostgresEndToEndTests {
    @Test func aUnitLoginTakesOnlyItsOwnUnitsSteps() throws {
        guard let db = try PostgresFixture.database() else { return }
        try ok(["init", "--db", db])
        try ok(["grant", "发改", "--login", "fagai_flow_e2e", "--password", "s3cret", "--db", db])
        var unit = URLComponents(string: db)!
        unit.user = "fagai_flow_e2e"
        unit.password = "s3cret"
        let u = unit.string!
        // Its own part of task 3 (it leads): sign, then request closure.
        #expect(try duban(["sign", "3", "--unit", "发改", "--db", u]).status == 0)
        #expect(try duban(["request-close", "3", "--unit", "发改", "--note", "本单位申请", "--db", u]).status == 0)
        // Another unit's step, and the office's steps: refused by the server.
        let other = try duban(["sign", "3", "--unit", "住建", "--db", u])
        #expect(other.status != 0 && other.stderr.contains("may not do this"), "\(other.stderr)")
        let close = try duban(["close", "3", "--unit", "发改", "--db", u])
        #expect(close.status != 0 && close.stderr.contains("may not do this"), "\(close.stderr)")
        // psql as that login can do no more.
        let forged = try PostgresFixture.psql(u, "UPDATE assignments SET state = 'closed' WHERE task = 3 AND unit = '省发改委'")
        #expect(forged.status != 0 && forged.stderr.contains("permission denied"), "\(forged.stderr)")
        let role = try PostgresFixture.psql(u, "UPDATE assignments SET role = 'lead' WHERE task = 3 AND unit = '省财政厅'")
        #expect(role.status != 0 && role.stderr.contains("permission denied"))
        let hidden = try PostgresFixture.psql(u, "UPDATE assignments SET state = 'signed' WHERE task = 3 AND unit = '省住房和城乡建设厅' RETURNING unit")
        #expect(hidden.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "row-level security hides other units' parts")
        // The office closes.
        try ok(["close", "3", "--unit", "发改", "--db", db])
        let export = try ok(["export", "--format", "json", "--db", db])
        #expect(export.contains(#"{"unit": "省发改委", "role": "lead", "state": "closed", "since": "2027-04-10", "reason": null}"#))
        #expect(export.contains(#"{"unit": "省住房和城乡建设厅", "role": "lead", "state": "assigned", "since": null, "reason": null}"#))
    }
}

extension FlowCLITests {
    @Test func extensionsAndTheOfficeQueue() throws {
        var cli = try CLI()
        cli.today = "2027-03-10"
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", "一季度检查", "--due", "2027-03-31"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try cli.run(["approve", "1", "1"]).status != 0, "nothing to approve yet")
        let coop = try cli.run(["extend", "1", "1", "--to", "2027-04-30", "--reason", "x", "--unit", "发改"])
        #expect(coop.status != 0 && coop.err.contains("只有牵头单位才能申请延期"), "\(coop.err)")
        #expect(try cli.run(["extend", "1", "1", "--to", "2027-04-30", "--reason", "资金未到位"]).status == 0)
        let queue = try cli.run(["queue"]).out
        #expect(queue.contains("延期申请待审批（1）") && queue.contains("申请由 2027-03-31 延至 2027-04-30（资金未到位）"), "\(queue)")
        let q = try JSONSerialization.jsonObject(with: Data(try cli.run(["queue", "--format", "json"]).out.utf8)) as? [String: Any]
        #expect((q?["extensions"] as? [[String: Any]])?.first?["milestone"] as? Int == 1)
        #expect(try cli.run(["approve", "1", "1"]).status == 0)
        let m = try #require((try cli.task(1)["milestones"] as? [[String: Any]])?.first)
        #expect(m["due"] as? String == "2027-04-30" && m["original_due"] as? String == "2027-03-31")
        #expect((m["extension"] as? [String: Any])?["status"] as? String == "approved")
        #expect(try cli.run(["show", "1"], env: ["LANG": "C.UTF-8"]).out.contains("已延期，原定 2027-03-31，2027-03-10 批准"))
        // A rejection keeps the date.
        #expect(try cli.run(["extend", "1", "1", "--to", "2027-05-31", "--reason", "再延"]).status == 0)
        #expect(try cli.run(["reject", "1", "1"]).status != 0, "a rejection needs --reason")
        #expect(try cli.run(["reject", "1", "1", "--reason", "不同意"]).status == 0)
        let after = try #require((try cli.task(1)["milestones"] as? [[String: Any]])?.first)
        #expect(after["due"] as? String == "2027-04-30" && (after["extension"] as? [String: Any])?["decision_reason"] as? String == "不同意")
        // Too late: after the due date.
        cli.today = "2027-05-02"
        let late = try cli.run(["extend", "1", "1", "--to", "2027-06-30", "--reason", "x"])
        #expect(late.status != 0 && late.err.contains("延期须在到期"), "\(late.err)")
        // Late to sign and to report, in the queue (sign_days 5; tracker started 2027-03-10).
        let waiting = try cli.run(["queue", "--format", "json"]).out
        let obj = try JSONSerialization.jsonObject(with: Data(waiting.utf8)) as? [String: Any]
        let lateSign = obj?["late_sign"] as? [[String: Any]] ?? []
        #expect(lateSign.contains { $0["task"] as? Int == 1 && $0["unit"] as? String == "省发改委" && $0["days_late"] as? Int == 48 })
        let lateReport = obj?["late_report"] as? [[String: Any]] ?? []
        #expect(lateReport.contains { $0["task"] as? Int == 1 && $0["unit"] as? String == "省住房和城乡建设厅" && $0["period"] as? String == "2027-04" })
        #expect(try cli.run(["queue"]).out.contains("任务1 省住房和城乡建设厅：2027-04 未报送进展（从未报送）"))
        #expect(try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", "四月进展", "--date", "2027-04-28"]).status == 0)
        #expect(!(try cli.run(["queue"]).out.contains("任务1 省住房和城乡建设厅：2027-04")))
        #expect(try cli.run(["sign", "1", "--unit", "发改"]).status == 0)
        let signed = try JSONSerialization.jsonObject(with: Data(try cli.run(["queue", "--format", "json"]).out.utf8)) as? [String: Any]
        #expect(!(signed?["late_sign"] as? [[String: Any]] ?? []).contains { $0["task"] as? Int == 1 && $0["unit"] as? String == "省发改委" })
        // The same lateness turns the light yellow: task 2, green by its milestone, has parts late to sign.
        #expect(try cli.run(["milestone", "add", "2", "年度检查", "--due", "2027-12-31"]).status == 0)
        let shown = try cli.run(["show", "2"], env: ["LANG": "C.UTF-8"]).out
        #expect(shown.contains("状态：●黄 需关注（签收逾期或反馈逾期）"), "\(shown)")
    }
}

extension PostgresEndToEndTests {
    @Test func aUnitLoginAsksForItsOwnExtensionOnly() throws {
        guard let db = try PostgresFixture.database() else { return }
        try ok(["init", "--db", db])
        try ok(["grant", "住建", "--login", "zhujian_ext_e2e", "--password", "s3cret", "--db", db])
        var unit = URLComponents(string: db)!
        unit.user = "zhujian_ext_e2e"
        unit.password = "s3cret"
        let u = unit.string!
        try ok(["milestone", "add", "1", "一季度检查", "--due", "2027-04-30", "--db", db])
        // Task 1 is led by 省住房和城乡建设厅 alone.
        #expect(try duban(["extend", "1", "1", "--to", "2027-05-31", "--reason", "资金未到位", "--db", u]).status == 0)
        let approve = try duban(["approve", "1", "1", "--db", u])
        #expect(approve.status != 0 && approve.stderr.contains("may not do this"), "\(approve.stderr)")
        let forged = try PostgresFixture.psql(u, """
            UPDATE milestones SET extension = '{"unit":"省住房和城乡建设厅","to":"2027-05-31","reason":"x","asked":"2027-04-10","from":"2027-04-30","decision":{"approved":{"on":"2027-04-10"}}}' WHERE id = 1
            """)
        #expect(forged.status != 0 && forged.stderr.contains("permission denied"), "\(forged.stderr)")
        try ok(["approve", "1", "1", "--db", db])
        let export = try ok(["export", "--format", "json", "--db", db])
        #expect(export.contains(#""due": "2027-05-31""#) && export.contains(#""original_due": "2027-04-30""#))
    }
}

extension FlowCLITests {
    @Test func escalationLevelsNoticesAndTheAssessment() throws {
        var cli = try CLI()
        cli.today = "2027-01-05"
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", "一月检查", "--due", "2027-01-10"]).status == 0)
        cli.today = "2027-01-20"
        #expect(try cli.run(["escalation"]).out.contains("黄牌  任务1"))
        #expect(try cli.run(["notice", "1", "--issue"]).status == 0)
        let register = try JSONSerialization.jsonObject(with: Data(try cli.run(["notices", "--format", "json"]).out.utf8)) as? [[String: Any]]
        #expect(register?.first?["level"] as? String == "yellow")
        cli.today = "2027-02-01"
        let levels = try JSONSerialization.jsonObject(with: Data(try cli.run(["escalation", "--format", "json"]).out.utf8)) as? [[String: Any]]
        #expect(levels?.first?["level"] as? String == "red" && levels?.first?["notices"] as? Int == 1, "a notice unanswered for 7 days")
        #expect(try cli.run(["config", "notice_penalty", "3"]).status == 0)
        #expect(try cli.run(["config", "red_card_penalty", "10"]).status == 0)
        let score = try cli.run(["score"]).out
        #expect(score.contains("minus 3 per supervision notice") && score.contains("minus 10 per led task at red card"), "\(score)")
        #expect(try cli.run(["score"], env: ["LANG": "C.UTF-8"]).out.contains("牵头任务每收到一份督办单扣3分"))
        let rows = try JSONSerialization.jsonObject(with: Data(try cli.run(["score", "--format", "json"]).out.utf8)) as? [[String: Any]] ?? []
        let zhujian = try #require(rows.first { $0["unit"] as? String == "省住房和城乡建设厅" })
        let d = zhujian["deductions"] as? [String: Any]
        #expect(zhujian["notices"] as? Int == 1 && d?["notices"] as? Int == 3 && d?["red_cards"] as? Int == 10 && zhujian["score"] as? Int == 82)
    }
}

extension FlowCLITests {
    @Test func aRequiredPlanIsADatedStepTheOverdueListSees() throws {
        var cli = try CLI()
        cli.today = "2027-01-05"
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["submit-plan", "3"]).status != 0, "no plan required yet")
        #expect(try cli.run(["require-plan", "3", "--due", "2027-01-31"]).status == 0)
        #expect(try cli.run(["require-plan", "3", "--due", "2027-02-28"]).status != 0, "one plan per task")
        let m = try #require((try cli.task(3)["milestones"] as? [[String: Any]])?.first { $0["kind"] as? String == "plan" })
        #expect(m["title"] as? String == "具体方案" && m["owner"] as? String == "省发改委" && m["due"] as? String == "2027-01-31")
        cli.today = "2027-02-10"
        #expect(try cli.run(["overdue"]).out.contains("具体方案"))
        let score = try JSONSerialization.jsonObject(with: Data(try cli.run(["score", "--format", "json"]).out.utf8)) as? [[String: Any]] ?? []
        #expect(score.first { $0["unit"] as? String == "省发改委" }?["overdue_milestones"] as? Int == 1)
        #expect(try cli.run(["submit-plan", "3", "--on", "2027-02-08"]).status == 0)
        let done = try #require((try cli.task(3)["milestones"] as? [[String: Any]])?.first { $0["kind"] as? String == "plan" })
        #expect(done["status"] as? String == "done" && done["completed"] as? String == "2027-02-08")
        #expect(!(try cli.run(["overdue"]).out.contains("具体方案")))
    }
}

extension PostgresEndToEndTests {
    @Test func aFormat2TrackerIsUpgradedByItsOwnerAndItsUnitLoginsGetTheirSteps() throws {
        guard let db = try PostgresFixture.database() else { return }
        try ok(["init", "--db", db])
        try ok(["grant", "发改", "--login", "fagai_upgrade_e2e", "--password", "s3cret", "--db", db])
        // Back to format 2, as the duban before the workflow left it.
        let downgrade = try PostgresFixture.psql(db, """
            DROP TRIGGER duban_check_flow ON assignments; DROP TRIGGER duban_check_extension ON milestones;
            DROP FUNCTION duban_check_flow(); DROP FUNCTION duban_check_extension();
            DROP POLICY read_all ON assignments; DROP POLICY office_all ON assignments; DROP POLICY unit_steps ON assignments;
            ALTER TABLE assignments DISABLE ROW LEVEL SECURITY;
            ALTER TABLE assignments DROP COLUMN state, DROP COLUMN state_since, DROP COLUMN state_reason, DROP COLUMN state_prior;
            ALTER TABLE milestones DROP COLUMN original_due, DROP COLUMN extension, DROP COLUMN kind;
            ALTER TABLE notices DROP COLUMN level;
            UPDATE duban_meta SET value = '2' WHERE key = 'schema_version'
            """)
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        var unit = URLComponents(string: db)!
        unit.user = "fagai_upgrade_e2e"
        unit.password = "s3cret"
        let u = unit.string!
        // The unit's login reads the older tracker as it is (every part assigned) but cannot upgrade it.
        #expect(try ok(["export", "--format", "json", "--db", u]).contains(#""state": "assigned""#))
        #expect(try PostgresFixture.psql(db, "SELECT value FROM duban_meta WHERE key = 'schema_version'").stdout.hasPrefix("2"))
        // The owner's next open upgrades it; the unit's login can then sign its own part, and only that.
        try ok(["list", "--db", db])
        #expect(try PostgresFixture.psql(db, "SELECT value FROM duban_meta WHERE key = 'schema_version'").stdout.hasPrefix("3"))
        let signed = try duban(["sign", "3", "--unit", "发改", "--db", u])
        #expect(signed.status == 0, "\(signed.stderr)")
        let other = try duban(["sign", "3", "--unit", "住建", "--db", u])
        #expect(other.status != 0 && other.stderr.contains("may not do this"), "\(other.stderr)")
        #expect(try ok(["export", "--format", "json", "--db", db]).contains(#"{"unit": "省发改委", "role": "lead", "state": "signed", "since": "2027-04-10", "reason": null}"#))
    }
}

extension FlowCLITests {
    @Test func aUnitsInbox() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["sign", "3", "--unit", "发改"]).status == 0)
        #expect(try cli.run(["request-close", "3", "--unit", "发改"]).status == 0)
        #expect(try cli.run(["return", "3", "--unit", "发改", "--reason", "缺少验收材料"]).status == 0)
        let box = try cli.run(["inbox", "--unit", "发改"])
        #expect(box.status == 0 && box.out.contains("被退回（1）") && box.out.contains("缺少验收材料"), "\(box.err)")
        #expect(!box.out.contains("任务3 推进以") || box.out.components(separatedBy: "任务3 ").count == 2, "task 3 is no longer to sign")
        #expect(try cli.run(["inbox", "--unit", "发改", "--english"]).out.contains("Returned (1)"))
    }
}
