import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// The editing commands of issue 11: each opens a form or question over the screen, saves
/// one edit through the store, can be cancelled, refuses what cannot be saved, and keeps
/// the typed text when a colleague changed the same thing first.
@Suite struct EditFormTests {
    func clear(_ s: inout AppState) {
        press(&s, .end)
        for _ in 0..<80 { press(&s, .backspace) }
    }

    // MARK: Tasks

    @Test func addTaskNeedsOnlyATitleAndShowsTheNumber() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        #expect(press(&s, .char("A")).isEmpty)
        #expect(s.form?.name == "task.add" && s.keyContext == .input)
        #expect(press(&s, .enter).isEmpty, "an empty title is refused")
        #expect(s.form?.error == "名称不能为空。")
        typeText(&s, "推进农村人居环境整治")
        let effects = press(&s, .enter)
        #expect(effects == [.persist([.addTask(number: 0, title: "推进农村人居环境整治")], .edit)])
        perform(&s, effects, tracker)
        #expect(s.overlay == nil)
        #expect(tracker.plan.task(number: 9)?.title == "推进农村人居环境整治")
        #expect(s.status?.text == "已新增任务 9。")
        #expect(s.cursorTask?.number == 9, "the cursor is on the new task")
        #expect(render(s, width: 80, height: 24).text.contains("推进农村人居环境整治"))
    }

    @Test func escCancelsAndNothingIsSaved() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .char("A"))
        typeText(&s, "作废")
        press(&s, .escape)
        #expect(s.overlay == nil && s.status?.text == "已取消。")
        #expect(tracker.records.isEmpty)
    }

    @Test func editTaskKeepsTheNumberAndAConflictKeepsTheText() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .char("E"))
        #expect(s.form?[0] == "推进百镇建设工程，增强城镇综合承载和集聚能力")
        try tracker.applyFromOutside(.editTask(task: 1, title: "同事改的名称"))
        clear(&s)
        typeText(&s, "推进百镇建设")
        let effects = press(&s, .enter)
        #expect(effects == [.persist([.editTask(task: 1, title: "推进百镇建设",
                                                expect: .value("推进百镇建设工程，增强城镇综合承载和集聚能力"))], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.title == "同事改的名称", "never a silent overwrite")
        #expect(s.form?[0] == "推进百镇建设" && s.form?.error?.contains("他人已修改") == true)
        perform(&s, press(&s, .enter), tracker)
        #expect(tracker.plan.task(number: 1)?.title == "推进百镇建设", "Enter again saves over it knowingly")
        #expect(s.overlay == nil)
    }

    @Test func retireAsksAndUndoBringsItBack() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        #expect(press(&s, .char("X")).isEmpty)
        #expect(s.keyContext == .confirm)
        #expect(render(s, width: 80, height: 24).lines()[22].contains("撤销任务 1"))
        #expect(press(&s, .char("n")).isEmpty && tracker.plan.task(number: 1) != nil)
        press(&s, .char("X"))
        let effects = press(&s, .char("y"))
        #expect(effects == [.persist([.retireTask(task: 1)], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1) == nil && s.top == .matrix, "the task view of a retired task closes")
        perform(&s, press(&s, .char("u")), tracker)
        #expect(tracker.plan.task(number: 1)?.milestones.count == 2, "restored with its milestones")
    }

    // MARK: Units

    @Test func addUnitAddsAMatrixColumn() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        let before = s.plan.units.count
        press(&s, .char("+"))
        #expect(s.form?.name == "unit.add")
        typeText(&s, "省市场监督管理局")
        press(&s, .enter)
        typeText(&s, "市场监管局")
        press(&s, .enter)
        typeText(&s, "市监")
        press(&s, .enter)
        typeText(&s, "市场监管，工商局")
        let effects = press(&s, .enter)
        #expect(effects == [.persist([.addUnit(unit: Unit(name: "省市场监督管理局", short: "市场监管局", abbr: "市监",
                                                            aliases: ["市场监管", "工商局"]))], .edit)])
        perform(&s, effects, tracker)
        #expect(s.plan.units.count == before + 1)
        #expect(s.cursorUnit?.abbr == "市监", "the cursor is on the new column")
        #expect(render(s, width: 80, height: 24).text.contains("市监"))
    }

    @Test func editUnitSendsTheNewNamesExpectingTheOld() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        let u = s.cursorUnit!
        press(&s, .char("="))
        #expect(s.form?[0] == u.name && s.form?[2] == u.abbr)
        press(&s, .tab, .tab, .tab)
        typeText(&s, "，建设厅")
        press(&s, .tab)
        var set = u
        set.aliases = u.aliases + ["建设厅"]
        let effects = press(&s, .enter, .enter, .enter, .enter)
        #expect(effects == [.persist([.editUnit(name: u.name, set: set, expect: .value(u))], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.unit(named: u.name)?.aliases.contains("建设厅") == true)
    }

    // MARK: Notes and follow-up

    @Test func notesShowLineBreaksAsAMarkAndSaveThem() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .char("m"))
        #expect(s.form?[0] == "每月 5 日前报送进展情况、存在问题、下一步措施。⏎联席会议每季度审议一次。")
        typeText(&s, "⏎请各单位按时报送。")
        let effects = press(&s, .enter)
        let old = "每月 5 日前报送进展情况、存在问题、下一步措施。\n联席会议每季度审议一次。"
        #expect(effects == [.persist([.setNotes(task: 1, notes: old + "\n请各单位按时报送。", expect: .value(old))], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.notes.hasSuffix("\n请各单位按时报送。") == true)
    }

    @Test func followUpCanBeChangedOrCleared() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .char("r"))
        #expect(s.form?[0] == "王建国")
        #expect(press(&s, .enter).isEmpty && s.status?.text == "没有修改。")
        press(&s, .char("r"))
        clear(&s)
        let effects = press(&s, .enter)
        #expect(effects == [.persist([.setFollowUp(task: 1, person: nil, expect: .value("王建国"))], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.followUp == nil)
    }

    // MARK: Progress reports

    @Test func editAndDeleteTheNewestReport() {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.taskView(1)
        press(&s, .char("P"))
        #expect(s.form?.name == "progress.edit" && s.form?[0] == "2026-11-05")
        press(&s, .tab, .tab)
        clear(&s)
        typeText(&s, "资金已落实")
        let effects = press(&s, .enter, .enter)
        #expect(effects == [.persist([.updateProgress(task: 1, id: 2, set: [.problems("资金已落实")],
                                                      expect: [.problems("部分市县配套资金尚未落实。")])], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.progress.first { $0.id == 2 }?.problems == "资金已落实")

        #expect(press(&s, .char("x")).isEmpty && s.keyContext == .confirm)
        let del = press(&s, .char("y"))
        guard case let .persist(edits, .edit)? = del.first, case .removeProgress(task: 1, id: 2, _)? = edits.first else {
            Issue.record("delete is \(del)"); return
        }
        perform(&s, del, tracker)
        #expect(tracker.plan.task(number: 1)?.progress.map(\.id) == [1])
    }

    @Test func noReportToEditIsSaid() {
        var s = Fixture.state()
        press(&s, .enter)
        #expect(press(&s, .char("P")).isEmpty && s.overlay == nil)
        #expect(s.status?.text == "该任务还没有进展报告。")
    }

    // MARK: Milestone owner and completion date

    @Test func milestoneOwnerIsResolvedAndMustHaveARole() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .char("e"))                    // milestone 1, done: title, due, owner, completed
        #expect(s.form?.fields.count == 4 && s.form?[3] == "2027-03-28")
        press(&s, .tab, .tab)
        typeText(&s, "农委")
        #expect(render(s, width: 80, height: 24).text.contains("→ 省农委") || render(s, width: 80, height: 24).text.contains("→ 省农业委员会"))
        #expect(press(&s, .enter, .enter).isEmpty)
        #expect(s.form?.focus == 2 && s.form?.error?.contains("没有分工") == true, "\(s.form?.error ?? "")")
        for _ in 0..<2 { press(&s, .backspace) }
        typeText(&s, "发改")
        press(&s, .enter)
        clear(&s)
        typeText(&s, "2026-11-20")
        let effects = press(&s, .enter)
        #expect(effects == [.persist([.updateMilestone(task: 1, id: 1,
                                                        set: [.owner("省发改委"), .done(true, completed: Day("2026-11-20"))],
                                                        expect: [.owner(nil), .done(true, completed: Day("2027-03-28"))])], .edit)])
        perform(&s, effects, tracker)
        let m = tracker.plan.task(number: 1)?.milestone(id: 1)
        #expect(m?.owner == "省发改委" && m?.completed == Day("2026-11-20"))
    }

    // MARK: Quarterly milestones for a chosen year

    @Test func quarterlyForAChosenYearIsOneBatch() {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.taskView(7)
        press(&s, .char("T"))
        clear(&s)
        typeText(&s, "20x7")
        #expect(press(&s, .enter).isEmpty && s.form?.error?.contains("不是年份") == true)
        clear(&s)
        typeText(&s, "2027")
        let effects = press(&s, .enter)
        #expect(effects == [.persist(Supervision.quarterly(year: 2027).map { .addMilestone(task: 7, milestone: $0) }, .edit)],
                "none of 2027 is past due: no question")
        perform(&s, effects, tracker)
        #expect(s.undoStack.count == 1 && tracker.plan.task(number: 7)?.milestones.count == 4)
    }

    // MARK: 督办单

    @Test func previewThenIssueTakesNumberOne() throws {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.taskView(2)
        press(&s, .char("v"))
        #expect(s.top == .notice)
        var screen = render(s, width: 80, height: 24).text
        #expect(screen.contains("预览（未编号）") && screen.contains("督办〔2026〕__号"))
        #expect(press(&s, .char("I")).isEmpty && s.keyContext == .confirm)
        let effects = press(&s, .char("y"))
        #expect(effects == [.issueNotice(task: 2)])
        perform(&s, effects, tracker)
        screen = render(s, width: 80, height: 24).text
        #expect(screen.contains("督办〔2026〕1号") && !screen.contains("预览（未编号）"))
        #expect(s.status?.text.contains("已登记在督办单登记簿") == true)
        #expect(try tracker.noticeRegister().notices.count == 1)
    }

    // MARK: Read-only

    @Test func everyNewCommandIsRefusedOnAReadOnlyTracker() {
        let commands: [(Command, Bool)] = [(.addTask, false), (.editTask, false), (.retireTask, false), (.addUnit, false),
                                           (.editUnit, false), (.editTask, true), (.retireTask, true), (.editNotes, true),
                                           (.editFollowUp, true), (.editProgress, true), (.deleteProgress, true)]
        for (c, inTask) in commands {
            var s = Fixture.state()
            if inTask { press(&s, .enter) }
            s.readOnly = true
            let key = KeyMap.keys(for: c, in: inTask ? .task : .matrix)[0]
            #expect(press(&s, key).isEmpty)
            #expect(s.overlay == nil && s.status?.text == Strings.zh.readOnly, "\(c)")
        }
    }
}

@Suite struct EditFormSnapshotTests {
    func golden(_ s: AppState, _ name: String) {
        Golden.check(render(s, width: 80, height: 24), name)
    }

    @Test func newFormsAt80x24() {
        var s = Fixture.state()
        press(&s, .char("A"))
        typeText(&s, "推进农村人居环境整治")
        golden(s, "task-add-zh-80x24")

        s = Fixture.state()
        press(&s, .char("+"))
        typeText(&s, "省市场监督管理局")
        golden(s, "unit-add-zh-80x24")

        s = Fixture.state()
        press(&s, .enter)
        press(&s, .char("m"))
        golden(s, "notes-zh-80x24")

        s = Fixture.state()
        press(&s, .enter)
        press(&s, .char("e"))
        press(&s, .tab, .tab)
        typeText(&s, "住建")
        golden(s, "milestone-owner-zh-80x24")

        s = Fixture.state()
        press(&s, .enter)
        press(&s, .char("X"))
        golden(s, "task-retire-zh-80x24")

        var p = SupervisionFixture.taskView(1)
        press(&p, .char("P"))
        golden(p, "progress-edit-zh-80x24")

        var n = SupervisionFixture.taskView(2)
        press(&n, .char("v"))
        golden(n, "notice-preview-zh-80x24")

        var q = SupervisionFixture.taskView(7)
        press(&q, .char("T"))
        golden(q, "quarterly-year-zh-80x24")
    }
}

@Suite struct ReportSelectionTests {
    @Test func bracketsSelectAnOlderReportForPAndX() {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.taskView(1)
        press(&s, .char("]"))
        #expect(s.taskView?.selectedProgress == 2, "newest first")
        press(&s, .char("]"))
        #expect(s.taskView?.selectedProgress == 1)
        let g = render(s, width: 80, height: 24)
        #expect(g.lines().contains { $0.contains("2026-10-05") && $0.hasPrefix("▸") }, "the selected report is marked")
        press(&s, .char("P"))
        #expect(s.form?[0] == "2026-10-05")
        press(&s, .escape)
        press(&s, .char("x"))
        perform(&s, press(&s, .char("y")), tracker)
        #expect(tracker.plan.task(number: 1)?.progress.map(\.id) == [2])
    }
}

@Suite struct EditFormConflictTests {
    @Test func notesChangedByAColleagueAreNotOverwrittenSilently() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .enter)
        press(&s, .char("m"))
        try tracker.applyFromOutside(.setNotes(task: 1, notes: "同事写的备注"))
        typeText(&s, "（我的补充）")
        perform(&s, press(&s, .enter), tracker)
        #expect(tracker.plan.task(number: 1)?.notes == "同事写的备注")
        #expect(s.form?[0].hasSuffix("（我的补充）") == true && s.form?.error?.contains("他人已修改") == true)
        #expect(s.form?.fields[0].original == "同事写的备注", "rebased on what is stored now")
        perform(&s, press(&s, .enter), tracker)
        #expect(tracker.plan.task(number: 1)?.notes.hasSuffix("（我的补充）") == true)
        #expect(s.overlay == nil)
    }

    @Test func aTaskRetiredMeanwhileIsExplainedInTheForm() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .char("E"))
        try tracker.applyFromOutside(.retireTask(task: 1))
        typeText(&s, "（改）")
        perform(&s, press(&s, .enter), tracker)
        #expect(tracker.plan.retiredTask(number: 1)?.title == "推进百镇建设工程，增强城镇综合承载和集聚能力")
        #expect(s.form?.error?.contains("已撤销") == true, "the form says why: \(s.form?.error ?? "closed")")
        #expect(s.form?[0].hasSuffix("（改）") == true, "the typed text stays")
        // The next poll catches up with the file.
        perform(&s, reduce(&s, .reloaded(try tracker.loadPlan())), tracker)
        #expect(s.plan.task(number: 1) == nil)
        press(&s, .escape)
        #expect(s.overlay == nil && s.cursorTask?.number == 2)
    }
}
