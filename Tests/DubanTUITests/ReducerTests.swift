import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

@Suite struct NavigationTests {
    @Test func startsOnTheFirstTaskAndFirstColumn() {
        let s = Fixture.state()
        #expect(s.matrix == MatrixState())
        #expect(s.cursorTask?.number == 1)
        #expect(s.cursorUnit?.abbr == "住建")
        #expect(s.keyContext == .matrix)
    }

    @Test func arrowsAndVimKeysMoveAndCannotLeaveTheGrid() {
        var s = Fixture.state()
        press(&s, .up, .left, .char("k"), .char("h"))
        #expect(s.matrix.row == 0 && s.matrix.col == 0)
        press(&s, .down, .char("j"), .right, .char("l"))
        #expect(s.matrix.row == 2 && s.matrix.col == 2)
        for _ in 0..<50 { press(&s, .down, .right) }
        #expect(s.matrix.row == 5, "last of six tasks")
        #expect(s.matrix.col == 15, "last of sixteen units")
        #expect(s.cursorTask?.number == 8)
        #expect(s.cursorUnit?.abbr == "森工")
    }

    @Test func horizontalScrollKeepsTheCursorOnAWholeColumn() {
        var s = Fixture.state()   // 80 wide: 10 whole unit columns
        press(&s, .end)
        #expect(s.matrix.col == 15)
        #expect(s.matrix.colOffset == 6)
        press(&s, .home)
        #expect(s.matrix.col == 0 && s.matrix.colOffset == 0)
        for _ in 0..<10 { press(&s, .right) }
        #expect(s.matrix.col == 10 && s.matrix.colOffset == 1, "scrolls by one when the cursor passes the edge")
    }

    @Test func gAndGGoToFirstAndLastTask() {
        var s = Fixture.state()
        press(&s, .right, .char("G"))
        #expect(s.matrix.row == 5 && s.matrix.col == 1, "G keeps the column")
        press(&s, .char("g"))
        #expect(s.matrix.row == 0 && s.matrix.col == 1)
    }

    @Test func pageUpAndPageDownMoveByAScreenfulWithinBounds() {
        var s = Fixture.state(height: 10)   // 4 task rows visible
        press(&s, .pageDown)
        #expect(s.matrix.row == 4)
        #expect(s.matrix.rowOffset == 2, "never scrolls past the last page")
        press(&s, .pageDown)
        #expect(s.matrix.row == 5 && s.matrix.rowOffset == 2)
        press(&s, .pageUp)
        #expect(s.matrix.row == 1 && s.matrix.rowOffset == 0)
        press(&s, .pageUp)
        #expect(s.matrix.row == 0 && s.matrix.rowOffset == 0)
    }

    @Test func resizeReclampsOffsetsAndGrowingBackRestores() {
        var s = Fixture.state(width: 120, height: 40)
        press(&s, .end, .char("G"))
        #expect(s.matrix.colOffset == 0, "all sixteen columns fit at 120")
        _ = reduce(&s, .resize(width: 60, height: 12))
        let small = MatrixLayout(plan: s.plan, width: 60, height: 12)
        #expect(s.matrix.colOffset == 15 - small.fullColumns + 1)
        #expect(s.matrix.rowOffset == 5 - small.bodyRows + 1)
        _ = reduce(&s, .resize(width: 0, height: 0))
        _ = reduce(&s, .resize(width: 120, height: 40))
        #expect(s.matrix.colOffset == 0 && s.matrix.rowOffset == 0, "no empty space after growing")
        #expect(s.matrix.row == 5 && s.matrix.col == 15, "the cursor itself never moves on resize")
    }

    @Test func qQuitsFromTheMatrixAndQQuitsFromAnywhere() {
        var s = Fixture.state()
        #expect(press(&s, .char("q")) == [.quit])
        var t = Fixture.state()
        press(&t, .enter, .char("?"))
        #expect(t.top == .help)
        #expect(press(&t, .char("Q")) == [.quit])
        #expect(t.quitting)
    }

    @Test func escAndQGoBack() {
        var s = Fixture.state()
        #expect(press(&s, .enter) == [.loadHistory(task: 1)])
        #expect(s.stack == [.matrix, .task])
        press(&s, .function(1))
        #expect(s.stack == [.matrix, .task, .help])
        press(&s, .escape)
        #expect(s.top == .task)
        press(&s, .char("q"))
        #expect(s.stack == [.matrix])
        #expect(s.taskView == nil)
        #expect(!s.quitting)
    }

    @Test func tabCyclesMatrixUnitListMatrixAndUnitViewListsTasks() {
        var s = Fixture.state()
        press(&s, .right)                       // 发改
        press(&s, .tab)
        #expect(s.stack == [.matrix, .unitList])
        #expect(s.unitList.selected == 1)
        #expect(s.unitList.counts?[1] == UnitListState.Counts(lead: 3, cooperating: 3))
        press(&s, .down, .down)                 // 国土
        press(&s, .enter)
        #expect(s.top == .unit)
        #expect(s.unitView?.unit == "省国土资源厅")
        #expect(s.unitView?.leads == [])
        #expect(s.unitView?.cooperating == [1, 3, 5, 8])
        press(&s, .escape)
        #expect(s.top == .unitList)
        press(&s, .tab)
        #expect(s.stack == [.matrix])
        #expect(s.matrix.col == 3, "the matrix lands on the unit chosen in the list")
    }

    @Test func aUnitWithoutTasksHasAnEmptyView() throws {
        let idle = Unit(name: "省司法厅", short: "司法厅", abbr: "司法")
        let plan = try Plan(office: .seed, units: Fixture.units + [idle], tasks: Fixture.plan().tasks)
        var s = Fixture.state(plan: plan)
        press(&s, .end, .char("U"))
        #expect(s.unitView?.unit == "省司法厅" && s.unitView?.count == 0)
        #expect(press(&s, .down, .enter).isEmpty, "nothing to open")
        let lines = render(s, width: 80, height: 24).lines()
        #expect(lines[4].contains("牵头任务（0）") && lines[5].contains("协同任务（0）"))
    }

    @Test func unitViewOpensTasks() {
        var s = Fixture.state()
        press(&s, .right, .char("U"))
        #expect(s.unitView?.leads == [2, 3, 5])
        #expect(s.unitView?.cooperating == [1, 7, 8])
        press(&s, .down, .down, .down)          // first cooperating task
        #expect(press(&s, .enter) == [.loadHistory(task: 1)])
        #expect(s.stack == [.matrix, .unit, .task])
        press(&s, .escape)
        #expect(s.top == .unit && s.unitView?.selected == 3)
    }
}

@Suite struct AssignmentTests {
    @Test func lEmitsPersistOfALeadAssignment() {
        var s = Fixture.state()
        press(&s, .right)                       // task 1 × 发改: cooperating
        let effects = press(&s, .char("L"))
        #expect(effects == [.persist([.assign(task: 1, unit: "省发改委", role: .lead, expect: .value(.cooperating))], .edit)])
        #expect(s.plan.task(number: 1)?.role(of: "省发改委") == .cooperating, "nothing changes before the store says so")
    }

    @Test func cAndXEmitTheRightEdits() {
        var s = Fixture.state()
        press(&s, .down)                        // task 2 × 住建: lead, with 发改 also lead
        #expect(press(&s, .char("C")) == [.persist([.assign(task: 2, unit: "省住房和城乡建设厅", role: .cooperating, expect: .value(.lead))], .edit)])
        #expect(press(&s, .char("x")) == [.persist([.assign(task: 2, unit: "省住房和城乡建设厅", role: nil, expect: .value(.lead))], .edit)])
        press(&s, .end)                         // task 2 × 森工: cooperating
        #expect(press(&s, .char("x")) == [.persist([.assign(task: 2, unit: "省森工总局", role: nil, expect: .value(.cooperating))], .edit)])
    }

    @Test func lastLeadIsRefusedWithAnExplanationAndNoEffect() {
        var s = Fixture.state()                 // task 1 × 住建: the only lead
        #expect(press(&s, .char("x")).isEmpty)
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.contains("唯一的牵头单位") == true)
        #expect(press(&s, .char("C")).isEmpty)
        #expect(s.status?.text == Strings.zh.describe(DomainError.lastLead(task: 1, unit: "省住房和城乡建设厅")))
        let screen = render(s, width: 80, height: 24).text
        #expect(screen.contains("省住房和城乡建设厅是任务 1 唯一的牵头单位；请先把另一个单位设为牵头。"))
    }

    @Test func lastLeadInEnglish() {
        var s = Fixture.state(.en)
        #expect(press(&s, .char("x")).isEmpty)
        #expect(s.status?.text == "省住房和城乡建设厅 is the only lead unit of task 1; make another unit lead first.")
    }

    @Test func aLongRefusalTakesTwoLinesOnTheMatrix() {
        var s = Fixture.state(.en, width: 60)
        #expect(press(&s, .char("x")).isEmpty)
        let lines = render(s, width: 60, height: 24).lines()
        #expect(lines[21].contains("省住房和城乡建设厅 is the only lead unit of task 1;"))
        #expect(lines[22].contains("lead first."))
    }

    @Test func unchangedAndEmptyCellsAreExplained() {
        var s = Fixture.state()
        #expect(press(&s, .char("L")).isEmpty)
        #expect(s.status?.text == "省住房和城乡建设厅已是任务 1 的牵头单位。")
        press(&s, .down, .down, .down, .down, .down)   // task 8 × 住建: no role
        #expect(press(&s, .char("x")).isEmpty)
        #expect(s.status?.text == "省住房和城乡建设厅在任务 8 中没有分工。")
    }

    @Test func readOnlyRefusesEdits() {
        var s = AppState(plan: Fixture.plan(), options: Fixture.options(), readOnly: true)
        press(&s, .right)
        #expect(press(&s, .char("L")).isEmpty)
        #expect(s.status?.text == Strings.zh.readOnly)
        #expect(render(s, width: 80, height: 24).lines()[0].contains("[只读]"))
    }

    @Test func savedIsShownOnlyAfterThePersistedResult() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        let effects = press(&s, .char("L"))
        #expect(!render(s, width: 80, height: 24).text.contains("已保存"))
        perform(&s, effects, tracker)
        #expect(s.status == StatusMessage("已保存", .success))
        #expect(s.plan.task(number: 1)?.role(of: "省发改委") == .lead)
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == .lead)
        let line = render(s, width: 80, height: 24).lines()[22]
        #expect(line.contains("省发改委（发改）：牵头") && line.contains("已保存"))
    }

    @Test func aFailedSaveSaysSoAndChangesNothing() {
        var s = Fixture.state()
        press(&s, .right)
        let effects = press(&s, .char("L"))
        guard case let .persist(edit, purpose)? = effects.first else { Issue.record("no persist"); return }
        _ = reduce(&s, .persistFailed("disk full", purpose))
        #expect(s.status == StatusMessage("未保存：disk full", .error))
        #expect(s.plan.task(number: 1)?.role(of: "省发改委") == .cooperating)
        #expect(s.undoStack.isEmpty)
        _ = edit
    }
}

@Suite struct UndoRedoTests {
    @Test func undoPersistsTheInverseAndRedoReappliesIt() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)
        #expect(s.undoStack.count == 1 && s.redoStack.isEmpty)

        press(&s, .down)                         // move away: undo brings the cursor back
        let undo = press(&s, .char("u"))
        #expect(undo.count == 1)
        guard case let .persist(edits, .undo)? = undo.first, edits.count == 1,
              case .assign(1, "省发改委", .cooperating?, _, .value(.lead?)) = edits[0] else {
            Issue.record("undo should persist the inverse assignment, got \(undo)")
            return
        }
        perform(&s, undo, tracker)
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == .cooperating)
        #expect(tracker.plan.task(number: 1) == Fixture.plan().task(number: 1), "order restored too")
        #expect(s.undoStack.isEmpty && s.redoStack.count == 1)
        #expect(s.status?.text.hasPrefix("已撤销并保存") == true)
        #expect(s.matrix.row == 0 && s.matrix.col == 1)

        perform(&s, press(&s, .ctrl("r")), tracker)
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == .lead)
        #expect(s.undoStack.count == 1 && s.redoStack.isEmpty)
        #expect(tracker.records.map(\.action) == ["assign", "assign", "assign"], "each undo and redo is saved and logged")
    }

    @Test func aNewEditClearsRedo() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.redoStack.count == 1)
        press(&s, .right)
        perform(&s, press(&s, .char("x")), tracker)   // 财政 on task 1
        #expect(s.redoStack.isEmpty)
        #expect(s.undoStack.count == 1)
        #expect(press(&s, .ctrl("R")).isEmpty)
        #expect(s.status?.text == Strings.zh.nothingToRedo)
    }

    @Test func unitViewListsFollowAnUndoneAssignment() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)      // 发改 leads task 1 now
        press(&s, .char("U"))
        #expect(s.unitView?.leads == [1, 2, 3, 5])
        perform(&s, press(&s, .char("u")), tracker)      // undo from the unit view
        #expect(s.unitView?.leads == [2, 3, 5])
        #expect(s.unitView?.cooperating == [1, 7, 8])
        #expect(s.top == .unit, "undo does not leave the screen")
    }

    @Test func nothingToUndo() {
        var s = Fixture.state()
        #expect(press(&s, .char("u")).isEmpty)
        #expect(s.status?.text == Strings.zh.nothingToUndo)
    }

    @Test func aFailedUndoLeavesTheStacksAsTheyWere() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)
        let before = (s.undoStack, s.redoStack)
        tracker.isReadOnly = true
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.undoStack == before.0 && s.redoStack == before.1)
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.hasPrefix("未保存") == true)
        tracker.isReadOnly = false
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.undoStack.isEmpty && s.redoStack.count == 1, "the undo can be retried")
    }

    @Test func undoOfAnAddedMilestoneRemovesItAndRedoRestoresTheSameOne() {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        perform(&s, press(&s, .enter), tracker)
        press(&s, .char("a"))
        typeText(&s, "召开联席会议")
        press(&s, .enter)
        perform(&s, press(&s, .enter, .enter), tracker)
        let added = tracker.plan.task(number: 1)!.milestones.first { $0.title == "召开联席会议" }
        #expect(added != nil)
        perform(&s, press(&s, .char("u")), tracker)
        #expect(tracker.plan.task(number: 1)!.milestones.count == 2)
        perform(&s, press(&s, .ctrl("r")), tracker)
        #expect(tracker.plan.task(number: 1)!.milestones.contains { $0 == added })
    }
}

@Suite struct MilestoneFormTests {
    /// Opens task 1's view with its history loaded.
    func openTask1() -> (AppState, InMemoryTracker) {
        var s = Fixture.state()
        let t = Fixture.tracker()
        perform(&s, press(&s, .enter), t)
        return (s, t)
    }

    @Test func titleThenDueThenSaveSelectsTheNewMilestone() {
        var (s, tracker) = openTask1()
        #expect(press(&s, .char("a")).isEmpty)
        #expect(s.keyContext == .input)
        typeText(&s, "完成首批试点镇验收")
        #expect(press(&s, .enter).isEmpty)
        guard let form = s.form else { Issue.record("form closed"); return }
        #expect(form.focus == 1)
        #expect(form[0] == "完成首批试点镇验收")
        typeText(&s, "2027-09-30")
        let effects = press(&s, .enter, .enter)
        #expect(effects == [.persist([.addMilestone(task: 1, milestone: Milestone(title: "完成首批试点镇验收",
                                                                                   due: Day("2027-09-30")))], .edit)])
        perform(&s, effects, tracker)
        #expect(s.overlay == nil)
        let m = s.selectedMilestone
        #expect(m?.title == "完成首批试点镇验收")
        #expect(m?.id == 4, "the store picked the id")
        #expect(s.status?.text == "已保存")
        #expect(s.taskView?.history?.first?.action == "milestone.add", "history reloaded after the edit")
        #expect(render(s, width: 80, height: 24).text.contains("完成首批试点镇验收"))
    }

    @Test func anInvalidDateKeepsTheFormOpenWithAMessage() {
        var (s, _) = openTask1()
        press(&s, .char("a"))
        typeText(&s, "年中检查")
        press(&s, .enter)
        typeText(&s, "2027-02-30")
        #expect(press(&s, .enter).isEmpty)
        guard let form = s.form else { Issue.record("form closed"); return }
        #expect(form.focus == 1)
        #expect(form.error == "“2027-02-30”不是有效日期，请按 YYYY-MM-DD 填写，或留空。")
        #expect(render(s, width: 80, height: 24).text.contains("不是有效日期"))
        for _ in 0..<10 { press(&s, .backspace) }
        let effects = press(&s, .enter, .enter)
        #expect(effects == [.persist([.addMilestone(task: 1, milestone: Milestone(title: "年中检查"))], .edit)],
                "an empty due date is allowed")
    }

    @Test func anEmptyTitleIsRefused() {
        var (s, _) = openTask1()
        press(&s, .char("a"))
        typeText(&s, "   ")
        #expect(press(&s, .enter).isEmpty)
        guard let form = s.form else { Issue.record("form closed"); return }
        #expect(form.focus == 0)
        #expect(form.error == "名称不能为空。")
        // Tab past the title to the due field: saving still refuses it.
        press(&s, .tab)
        typeText(&s, "2027-01-01")
        #expect(press(&s, .enter, .enter).isEmpty)
        guard let again = s.form else { Issue.record("form closed"); return }
        #expect(again.focus == 0 && again.error == "名称不能为空。")
    }

    @Test func escCancelsTheForm() {
        var (s, tracker) = openTask1()
        press(&s, .char("a"))
        typeText(&s, "作废")
        press(&s, .escape)
        #expect(s.overlay == nil)
        #expect(s.status?.text == "已取消。")
        #expect(tracker.records.isEmpty)
    }

    @Test func editIsPrefilledAndSavesAnUpdate() {
        var (s, tracker) = openTask1()
        press(&s, .down)                         // 启动首批重点镇基础设施项目
        press(&s, .char("e"))
        guard let form = s.form else { Issue.record("no form"); return }
        #expect(form[0] == "启动首批重点镇基础设施项目" && form[1] == "2027-06-30")
        #expect(form.name == "milestone.edit")
        press(&s, .tab)
        for _ in 0..<2 { press(&s, .backspace) }
        typeText(&s, "15")
        let effects = press(&s, .enter, .enter)
        var expected = Fixture.plan().task(number: 1)!.milestone(id: 2)!
        expected.due = Day("2027-06-15")
        #expect(effects == [.persist([.updateMilestone(task: 1, id: 2, set: [.due(expected.due)],
                                                        expect: [.due(Day("2027-06-30"))])], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.milestone(id: 2)?.due == Day("2027-06-15"))
        #expect(s.taskView?.selectedMilestone == 2)
    }

    @Test func spaceTogglesDoneWithTodayAndReopenClearsIt() {
        var (s, tracker) = openTask1()
        press(&s, .down)
        let effects = press(&s, .char(" "))
        guard case let .persist(edits, .edit)? = effects.first, edits.count == 1,
              case let .updateMilestone(1, id, set, expect) = edits[0] else {
            Issue.record("expected an update, got \(effects)")
            return
        }
        #expect(id == 2 && set == [.done(true, completed: Fixture.today)] && expect == [.done(false, completed: nil)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.milestone(id: 2)?.isDone == true)
        perform(&s, press(&s, .char(" ")), tracker)
        let reopened = tracker.plan.task(number: 1)?.milestone(id: 2)
        #expect(reopened?.isDone == false && reopened?.completed == nil)
    }

    @Test func deleteAsksFirst() {
        var (s, tracker) = openTask1()
        #expect(press(&s, .char("D")).isEmpty)
        #expect(s.keyContext == .confirm)
        #expect(render(s, width: 80, height: 24).lines()[22].contains("删除时间节点“完成百镇建设规划编制”？"))
        #expect(press(&s, .char("n")).isEmpty)
        #expect(s.status?.text == "已取消。")
        press(&s, .char("D"))
        #expect(press(&s, .char("x")).isEmpty, "any other key keeps the milestone")
        #expect(s.overlay == nil)
        press(&s, .char("D"))
        let effects = press(&s, .char("y"))
        #expect(effects == [.persist([.removeMilestone(task: 1, id: 1, expect: .value(Fixture.plan().task(number: 1)!.milestone(id: 1)!))], .edit)])
        perform(&s, effects, tracker)
        #expect(tracker.plan.task(number: 1)?.milestones.map(\.id) == [2])
        #expect(s.taskView?.selectedMilestone == 2, "the next milestone is selected")
    }

    @Test func upAndDownSelectMilestones() {
        var (s, _) = openTask1()
        #expect(s.taskView?.selectedMilestone == 1)
        press(&s, .down, .down, .down)
        #expect(s.taskView?.selectedMilestone == 2)
        press(&s, .char("k"))
        #expect(s.taskView?.selectedMilestone == 1)
        press(&s, .char("G"))
        #expect(s.taskView?.selectedMilestone == 2)
    }
}

@Suite struct SearchTests {
    @Test func chineseQueryJumpsAndNWrapsBothWays() {
        var s = Fixture.state()
        press(&s, .char("/"))
        #expect(s.keyContext == .input)
        typeText(&s, "城乡")
        #expect(press(&s, .enter).isEmpty)
        // Tasks 2 and 5 mention 城乡 in their titles, and so does 省住房和城乡建设厅.
        #expect(s.search?.matches == [.task(1), .task(3), .unit(0)])
        #expect(s.matrix.row == 1)
        #expect(s.status?.text == "“城乡”：第 1/3 个匹配")
        press(&s, .char("n"))
        #expect(s.matrix.row == 3)
        press(&s, .right, .right)
        press(&s, .char("n"))
        #expect(s.matrix.col == 0 && s.matrix.row == 3, "a unit match moves the column only")
        press(&s, .char("n"))
        #expect(s.matrix.row == 1 && s.search?.index == 0, "wraps to the first")
        press(&s, .char("N"))
        #expect(s.search?.index == 2, "wraps to the last")
    }

    @Test func unitNamesAbbreviationsAndAliasesAreFound() {
        var s = Fixture.state()
        press(&s, .char("/"))
        typeText(&s, "森工")
        press(&s, .enter)
        #expect(s.matrix.col == 15)
        #expect(s.matrix.colOffset == 6)
        press(&s, .char("/"))
        typeText(&s, "发展和改革")          // the official full form
        press(&s, .enter)
        #expect(s.matrix.col == 1)
    }

    @Test func editingTheQueryByCharacter() {
        var s = Fixture.state()
        press(&s, .char("/"))
        typeText(&s, "农垦x")
        press(&s, .backspace)
        press(&s, .left, .left)
        typeText(&s, "省")
        guard let f = (s.overlay as? SearchScreen)?.field else { Issue.record("no search"); return }
        #expect(f.text == "省农垦" && f.caret == 1)
        let g = render(s, width: 80, height: 24)
        let prompt = TextWidth.width(Strings.zh.searchPrompt)
        #expect(g.cursor?.row == 22 && g.cursor?.col == 1 + prompt + 2, "caret after the wide 省")
        press(&s, .enter)
        #expect(s.matrix.col == 14)
    }

    @Test func noMatchAndNoSearch() {
        var s = Fixture.state()
        press(&s, .char("n"))
        #expect(s.status?.text == "还没有查找内容，按 / 查找。")
        press(&s, .char("/"))
        typeText(&s, "不存在的单位")
        press(&s, .enter)
        #expect(s.status?.text == "没有找到“不存在的单位”。")
        #expect(s.matrix == MatrixState())
        press(&s, .char("/"))
        typeText(&s, "abc")
        press(&s, .escape)
        #expect(s.overlay == nil && s.search?.query == "不存在的单位")
    }

    @Test func aNumberFindsTheTask() {
        var s = Fixture.state()
        press(&s, .char("/"))
        typeText(&s, "7")
        press(&s, .enter)
        #expect(s.cursorTask?.number == 7)
    }
}

@Suite struct ReloadTests {
    @Test func reloadKeepsTheCursorOnTheSameTaskAndUnitAndReportsTheCell() throws {
        var s = Fixture.state()
        press(&s, .down, .down, .down, .right)    // task 5 × 发改: the only lead
        var tasks = Fixture.plan().tasks
        tasks.reverse()
        var changed = try Plan(office: .seed, units: Fixture.units, tasks: tasks)
        try changed.apply(.assign(task: 5, unit: "省住房和城乡建设厅", role: .lead))
        try changed.apply(.assign(task: 5, unit: "省发改委", role: .cooperating))
        _ = reduce(&s, .reloaded(changed))
        #expect(s.cursorTask?.number == 5)
        #expect(s.matrix.row == 2)
        #expect(s.cursorUnit?.name == "省发改委")
        #expect(s.status?.kind == .warning)
        #expect(s.status?.text == "其他用户修改了当前单元格：任务 5 · 省发改委：牵头 → 协同")
    }

    @Test func reloadWithoutChangeUnderTheCursorSaysSoQuietly() throws {
        var s = Fixture.state()
        var changed = Fixture.plan()
        try changed.apply(.assign(task: 8, unit: "省森工总局", role: nil))
        _ = reduce(&s, .reloaded(changed))
        #expect(s.status == StatusMessage(Strings.zh.outsideReloaded))
        #expect(s.plan == changed)
    }

    @Test func reloadReportsTheSelectedMilestone() throws {
        var s = Fixture.state()
        press(&s, .enter)
        var changed = Fixture.plan()
        try changed.apply(.removeMilestone(task: 1, id: 1))
        let effects = reduce(&s, .reloaded(changed))
        #expect(effects == [.loadHistory(task: 1)])
        #expect(s.status?.text == "选中的时间节点“完成百镇建设规划编制”已被其他用户删除。")
        #expect(s.taskView?.selectedMilestone == 2)
    }
}

@Suite struct TextFieldTests {
    @Test func editsByGraphemeAndPlacesTheCaretByDisplayWidth() {
        var f = TextField()
        for ch in "督办a" { f.insert(ch) }
        #expect(f.visible(width: 20).caretColumn == 5)
        f.moveLeft()
        f.moveLeft()
        #expect(f.visible(width: 20).caretColumn == 2)
        f.insert("e")
        f.insert("\u{301}")                       // combining acute joins the e
        #expect(f.text == "督e\u{301}办a")
        #expect(f.caret == 2)
        #expect(f.visible(width: 20).caretColumn == 3)
        f.deleteBackward()
        #expect(f.text == "督办a")
        f.moveHome()
        f.deleteForward()
        #expect(f.text == "办a")
        f.moveEnd()
        #expect(f.caret == 2)
        f.insert("\u{1B}")
        #expect(f.text == "办a", "control characters are refused")
    }

    @Test func longTextScrollsToKeepTheCaretVisible() {
        let f = TextField("推进百镇建设工程增强城镇综合承载")
        let v = f.visible(width: 10)
        #expect(v.caretColumn <= 9)
        #expect(TextWidth.width(v.text) <= 10)
        #expect(v.text.hasSuffix("承载"))
    }

    @Test func wrapByDisplayWidth() {
        #expect(Text.wrap("推进百镇建设工程", width: 5) == ["推进", "百镇", "建设", "工程"])
        #expect(Text.wrap("make another unit lead", width: 10) == ["make", "another", "unit lead"])
        #expect(Text.wrap("", width: 10) == [""])
        #expect(Text.wrap("abc", width: 0).isEmpty)
    }

    @Test func auditTimesAreShownInTheLocalZone() {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let utc = TimeZone(identifier: "UTC")!
        #expect(TaskViewContent.formatTime("2026-11-24T15:52:04Z", shanghai) == "2026-11-24 23:52")
        #expect(TaskViewContent.formatTime("2026-11-24T17:05:00.123Z", shanghai) == "2026-11-25 01:05")
        #expect(TaskViewContent.formatTime("2026-11-24T08:00:00+08:00", utc) == "2026-11-24 00:00")
        #expect(TaskViewContent.formatTime("2026-01-01T00:30:00Z", TimeZone(identifier: "America/New_York")!)
                == "2025-12-31 19:30")
        #expect(TaskViewContent.formatTime("yesterday", utc) == "yesterday")
    }

    @Test func wrapItemsBreaksBetweenNames() {
        let names = ["省发改委", "省财政厅", "省人力资源和社会保障厅", "省金融办"]
        #expect(Text.wrapItems(names, separator: "、", width: 24) == ["省发改委、省财政厅、", "省人力资源和社会保障厅、", "省金融办"])
        #expect(Text.wrapItems(["省人力资源和社会保障厅"], separator: "、", width: 10) == ["省人力资源", "和社会保障", "厅"])
        #expect(Text.wrapItems([], separator: "、", width: 10) == [""])
    }
}

@Suite struct KeyMapAndLanguageTests {
    @Test func languageFromEnvironment() {
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .zh, "the office's servers: Chinese")
        #expect(Language.fromEnvironment(["LANG": "POSIX"]) == .zh)
        #expect(Language.fromEnvironment([:]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "en", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "enx"]) == .zh)
    }

    @Test func helpListsEveryBindingWithItsDescription() {
        for language in Language.allCases {
            let s = Fixture.state(language)
            let strings = Strings.for(language)
            let help = HelpContent.lines(s).map { $0.spans.map(\.text).joined() }
            for b in KeyMap.bindings {
                let desc = strings.commandHelp[b.command]
                #expect(desc != nil, "\(b.command) has no description in \(language)")
                let keys = b.keys.map { KeyMap.name(of: $0, ascii: false) }.joined(separator: " ")
                #expect(help.contains { $0.contains(keys) && $0.contains(desc ?? "") },
                        "help lacks \(keys) → \(b.command) in \(language)")
            }
        }
    }

    @Test func footersOnlyNameBoundCommandsWithLabels() {
        for (kind, commands) in KeyMap.footer {
            let context: KeyContext
            switch kind {
            case .context(let c): context = c
            case .search: context = .input
            }
            for c in commands {
                #expect(!KeyMap.keys(for: c, in: context).isEmpty, "\(c) is not bound in \(context)")
                #expect(Strings.zh.commandShort[c] != nil && Strings.en.commandShort[c] != nil)
            }
        }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: [Key: Command] = [:]
            for b in KeyMap.bindings where b.applies(in: context) {
                for k in b.keys {
                    #expect(seen[k] == nil, "\(k) is bound to \(seen[k]!) and \(b.command) in \(context)")
                    seen[k] = b.command
                }
            }
        }
    }

    @Test func keysArrivingAsControlCharactersAreNormalized() {
        var s = Fixture.state()
        #expect(KeyMap.action(for: .char("\r"), in: s) == .command(.openTask))
        #expect(KeyMap.action(for: .ctrl("R"), in: s) == .command(.redo))
        press(&s, .char("/"))
        #expect(KeyMap.action(for: .char("\u{7F}"), in: s) == .command(.deleteBackward))
        #expect(KeyMap.action(for: .char("住"), in: s) == .insert("住"))
        #expect(KeyMap.action(for: .char("Q"), in: s) == .insert("Q"), "Q types in a field")
        #expect(KeyMap.action(for: .ctrl("c"), in: s) == .command(.cancel), "Ctrl-C cancels a field")
        press(&s, .escape)
        #expect(KeyMap.action(for: .ctrl("C"), in: s) == .command(.quitNow), "and quits from a screen")
    }

    @Test func domainErrorsAreTranslatedByCase() {
        let zh = Strings.zh
        #expect(zh.describe(DomainError.unknownTask(30)) == "没有任务 30。")
        #expect(zh.describe(DomainError.emptyTitle) == "名称不能为空。")
        #expect(zh.describe(DomainError.unknownUnit("建委", candidates: ["省住房和城乡建设厅"]))
                == "没有名为“建委”的单位；是否指：省住房和城乡建设厅？")
        #expect(Strings.en.describe(DomainError.emptyTitle) == DomainError.emptyTitle.description)
    }
}
