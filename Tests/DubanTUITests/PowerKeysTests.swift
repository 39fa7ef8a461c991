import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// The fixture with task 3 red (two overdue milestones): lights 1 green, 2 green, 3 red,
/// 5, 7, 8 without milestones.
private func redPlan() -> Plan {
    var tasks = Fixture.plan().tasks
    tasks[2].milestones = [Milestone(id: 9, title: "完成供水管网改造方案", due: Day("2026-11-01")),
                           Milestone(id: 10, title: "完成污水处理厂选址", due: Day("2026-11-10"))]
    return try! Plan(office: .seed, units: Fixture.units, tasks: tasks)
}

private func numbers(_ s: AppState) -> [Int] {
    (0..<s.matrixRowCount).map { s.plan.tasks[s.taskIndex(atMatrixRow: $0)!].number }
}

private func press(_ s: inout AppState, _ text: String) {
    for ch in text { press(&s, Key.char(ch)) }
}

@Suite struct GotoAndCountTests {
    @Test func colonNumberEnterGoesToTheTaskByNumberNotRow() {
        var s = Fixture.state()
        press(&s, ":")
        #expect(s.top == .prompt && s.keyContext == .input)
        press(&s, "7")
        press(&s, .enter)
        #expect(s.top == .matrix)
        #expect(s.cursorTask?.number == 7, "task 7 is on row 5, not row 7")
        #expect(s.matrix.row == 4)
    }

    @Test func countThenGGoesToTheTask() {
        var s = Fixture.state()
        press(&s, "8G")
        #expect(s.cursorTask?.number == 8)
        press(&s, "2G")
        #expect(s.cursorTask?.number == 2)
        // Without a count, G still goes to the last row.
        press(&s, "G")
        #expect(s.cursorTask?.number == 8)
    }

    @Test func anUnknownNumberIsASentence() {
        var s = Fixture.state()
        press(&s, "12G")
        #expect(s.cursorTask?.number == 1)
        #expect(s.status == StatusMessage("没有任务 12（现有任务编号 1–8）。", .error))
        press(&s, ":4")
        press(&s, .enter)
        #expect(s.status?.text == "没有任务 4（现有任务编号 1–8）。")
        var en = Fixture.state(.en)
        press(&en, ":99")
        press(&en, .enter)
        #expect(en.status?.text == "There is no task 99 (tasks run 1–8).")
        // The prompt takes digits only; Esc cancels it.
        press(&en, ":")
        press(&en, "x7")
        #expect((en.screens.last as? PromptScreen)?.field.text == "7")
        press(&en, .escape)
        #expect(en.top == .matrix && en.cursorTask?.number == 1)
    }

    @Test func countsRepeatMovesAndShowUntilUsed() {
        var s = Fixture.state()
        press(&s, "3")
        #expect(s.pendingCount == 3)
        let g = render(s, width: 80, height: 24)
        #expect(g.lines()[22].contains("计数 3"), "the pending count shows on the status line")
        press(&s, "j")
        #expect(s.matrix.row == 3 && s.pendingCount == nil)
        press(&s, "12l")
        #expect(s.matrix.col == 12)
        press(&s, "10k")
        #expect(s.matrix.row == 0, "clamped")
        // Esc drops the count (and only the count).
        press(&s, "5")
        press(&s, .escape)
        #expect(s.pendingCount == nil && s.status == nil)
        press(&s, "j")
        #expect(s.matrix.row == 1)
        // Counts work in lists too.
        press(&s, .tab)
        press(&s, "2j")
        #expect(s.unitList.selected == 12 + 2)
    }

    @Test func aZeroOnlyCountsAfterAnotherDigit() {
        var s = Fixture.state()
        press(&s, "0")
        #expect(s.pendingCount == nil)
        press(&s, "10")
        #expect(s.pendingCount == 10)
    }
}

@Suite struct SearchFromCursorTests {
    @Test func searchStartsAfterTheCursorAndSaysWhenItWraps() {
        var s = Fixture.state()
        press(&s, "2j")   // task 3
        press(&s, "/推进")
        press(&s, .enter)
        #expect(s.cursorTask?.number == 5, "the next match below the cursor, not the first in the plan")
        #expect(s.status?.text.contains("已绕回") == false)
        press(&s, "G")
        press(&s, "/推进")
        press(&s, .enter)
        #expect(s.cursorTask?.number == 1)
        #expect(s.status?.text.contains("已绕回") == true)
        press(&s, "N")
        #expect(s.cursorTask?.number == 8 && s.status?.text.contains("已绕回") == true)
        press(&s, "N")
        #expect(s.cursorTask?.number == 7 && s.status?.text.contains("已绕回") == false)
    }

    @Test func searchSeesOnlyTheFilteredRows() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, "r")
        press(&s, "/推进")
        press(&s, .enter)
        #expect(s.search?.matches == [.task(2)])
        #expect(s.cursorTask?.number == 3)
    }
}

@Suite struct MatrixQueryTests {
    @Test func lightFilters() {
        let plan = redPlan()
        func rows(_ l: MatrixQuery.Light) -> [Int] {
            MatrixQuery(filters: [.light(l)]).rows(plan, today: Fixture.today, warningDays: 7)!.map { plan.tasks[$0].number }
        }
        #expect(rows(.red) == [3])
        #expect(rows(.yellow) == [])
        #expect(rows(.green) == [1, 2])
        #expect(rows(.none) == [5, 7, 8])
        #expect(MatrixQuery().rows(plan, today: Fixture.today, warningDays: 7) == nil, "inactive: no work")
    }

    @Test func unitRoleFollowUpAndGaps() {
        let plan = redPlan()
        func rows(_ f: MatrixQuery.Filter...) -> [Int] {
            MatrixQuery(filters: f).rows(plan, today: Fixture.today, warningDays: 7)!.map { plan.tasks[$0].number }
        }
        #expect(rows(.unit("省发改委", role: nil)) == [1, 2, 3, 5, 7, 8])
        #expect(rows(.unit("省发改委", role: .lead)) == [2, 3, 5])
        #expect(rows(.unit("省农委", role: .cooperating)) == [8])
        #expect(rows(.followUp("王")) == [1])
        // Gaps as `duban check` reports them: several leads (2, 3, 8), no milestones (5, 7, 8).
        #expect(rows(.gaps) == [2, 3, 5, 7, 8])
        #expect(rows(.gaps, .unit("省发改委", role: .lead)) == [2, 3, 5], "filters combine")
    }

    @Test func sorts() {
        let plan = redPlan()
        func rows(_ sort: MatrixQuery.Sort) -> [Int] {
            // With a filter that keeps every task, so the number sort computes rows too.
            MatrixQuery(filters: [.unit("省发改委", role: nil)], sort: sort).rows(plan, today: Fixture.today, warningDays: 7)!
                .map { plan.tasks[$0].number }
        }
        #expect(rows(.light) == [3, 1, 2, 5, 7, 8], "red, green, then no milestones, by number")
        #expect(rows(.lead) == [1, 2, 3, 5, 8, 7], "by the first lead's column: 住建, 发改 ×3, 公安, 农委")
        #expect(rows(.number) == [1, 2, 3, 5, 7, 8])
    }

    @Test func theMenuFiltersByLightAndTheTitleSaysSo() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        #expect(s.top == .filterMenu && s.keyContext == .menu)
        press(&s, "r")
        #expect(s.top == .matrix)
        #expect(numbers(s) == [3] && s.cursorTask?.number == 3)
        let title = render(s, width: 80, height: 24).lines()[0]
        #expect(title.contains("筛选：红灯"))
        #expect(!title.contains("督办台账.sqlite"), "the label takes the path's place")
        press(&s, "F")
        #expect(numbers(s) == [1, 2, 3, 5, 7, 8])
        #expect(s.cursorTask?.number == 3, "clearing keeps the cursor on its task")
        #expect(s.status?.text == "已清除筛选和排序。")
    }

    @Test func aTypedUnitIsResolvedAndTheRoleApplies() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, "l")
        #expect(s.top == .prompt)
        #expect((s.screens.last as? PromptScreen)?.field.text == "住建", "pre-filled with the cursor's unit")
        for _ in 0..<2 { press(&s, .backspace) }
        press(&s, "发改")
        press(&s, .enter)
        #expect(numbers(s) == [2, 3, 5])
        #expect(s.status?.text == "显示 3/6 项任务")
        #expect(render(s, width: 80, height: 24).lines()[0].contains("筛选：发改牵头"))
        // An unknown unit is a sentence; the filter stays as it was.
        press(&s, "f")
        press(&s, "u")
        press(&s, "气象")
        press(&s, .enter)
        #expect(s.status?.kind == .error)
        #expect(numbers(s) == [2, 3, 5])
        // Moves, counts and G work on the visible rows.
        press(&s, "G")
        #expect(s.cursorTask?.number == 5 && s.matrix.row == 2)
        press(&s, "g")
        press(&s, "j")
        #expect(s.cursorTask?.number == 3)
    }

    @Test func followUpAndGapsFromTheMenu() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, "p")
        #expect((s.screens.last as? PromptScreen)?.field.text == "王建国", "the cursor task's follow-up person")
        press(&s, .enter)
        #expect(numbers(s) == [1])
        press(&s, "F")
        press(&s, "f")
        press(&s, .down)
        press(&s, .escape)
        #expect(s.top == .matrix && !s.matrixQuery.isActive)
        press(&s, "f")
        press(&s, "x")
        #expect(numbers(s) == [2, 3, 5, 7, 8])
    }

    @Test func sortCyclesAndShows() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "S")
        #expect(numbers(s) == [3, 1, 2, 5, 7, 8])
        #expect(s.cursorTask?.number == 1, "the cursor stays on its task")
        #expect(render(s, width: 80, height: 24).lines()[0].contains("排序：灯号"))
        press(&s, "S")
        #expect(numbers(s) == [1, 2, 3, 5, 8, 7])
        press(&s, "S")
        #expect(!s.matrixQuery.isActive)
    }

    @Test func theVisibleRowsFollowThePlan() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, "l")
        for _ in 0..<2 { press(&s, .backspace) }
        press(&s, "发改")
        press(&s, .enter)
        press(&s, "j")
        #expect(s.cursorTask?.number == 3)
        // Someone else makes 发改 a cooperating unit of task 2: a reload (or the change feed)
        // drops the task from the view and the cursor stays on task 3.
        var changed = s.plan
        _ = try! changed.apply(.assign(task: 2, unit: "省发改委", role: .cooperating))
        _ = reduce(&s, .reloaded(changed))
        #expect(numbers(s) == [3, 5])
        #expect(s.cursorTask?.number == 3)
        // Our own edit does the same.
        let tracker = Fixture.tracker(changed)
        press(&s, "l")   // 发改 column
        perform(&s, press(&s, .char("x")), tracker)
        #expect(numbers(s) == [5])
    }

    @Test func gotoClearsAFilterThatHidesTheTask() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, "r")
        press(&s, "7G")
        #expect(s.cursorTask?.number == 7)
        #expect(!s.matrixQuery.isActive)
        #expect(s.status?.text == "任务 7 不在筛选结果中，已清除筛选。")
    }
}

@Suite struct ClickTests {
    @Test func aClickOnACellMovesTheCursorThere() {
        var s = Fixture.state()
        let layout = MatrixLayout(plan: s.plan, width: 80, height: 24)
        // Row 2 of the body, third unit column.
        _ = reduce(&s, .mouse(MouseEvent(.click, row: MatrixLayout.topRows + 2, col: layout.gridX + 2 * MatrixLayout.slotWidth + 1)))
        #expect(s.matrix.row == 2 && s.matrix.col == 2)
        #expect(s.cursorUnit?.abbr == "财政")
        // Scrolled right: the clicked column counts from the first one shown.
        press(&s, .end)
        _ = reduce(&s, .mouse(MouseEvent(.click, row: MatrixLayout.topRows, col: layout.gridX)))
        #expect(s.matrix.row == 0 && s.matrix.col == s.matrix.colOffset && s.matrix.col == 6)
        // A click on a header picks the column only; one below the last row, nothing.
        _ = reduce(&s, .mouse(MouseEvent(.click, row: 1, col: layout.gridX + MatrixLayout.slotWidth)))
        #expect(s.matrix.row == 0 && s.matrix.col == 7)
        _ = reduce(&s, .mouse(MouseEvent(.click, row: 20, col: 2)))
        #expect(s.matrix.row == 0 && s.matrix.col == 7)
    }

    @Test func aClickOnAFilteredMatrixPicksTheVisibleRow() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "S")
        _ = reduce(&s, .mouse(MouseEvent(.click, row: MatrixLayout.topRows, col: 4)))
        #expect(s.cursorTask?.number == 3)
    }

    @Test func aClickOnAListRowSelectsIt() {
        var s = Fixture.state()
        press(&s, .tab)
        _ = reduce(&s, .mouse(MouseEvent(.click, row: UnitListScreen.firstRow + 4, col: 10)))
        #expect(s.unitList.selected == 4)
        // The unit view: 住建 leads 1, 2, 3 and cooperates on 5, 7 (headings between).
        var u = Fixture.state()
        press(&u, "U")
        _ = reduce(&u, .mouse(MouseEvent(.click, row: 4 + 5, col: 10)))
        #expect(u.unitView?.selected == 3 && u.unitView?.task(at: 3) == 5)
        _ = reduce(&u, .mouse(MouseEvent(.click, row: 4 + 4, col: 10)))
        #expect(u.unitView?.selected == 3, "a heading is not an item")
        // The overdue list.
        var o = Fixture.state(plan: redPlan())
        press(&o, "o")
        #expect(o.supervision.overdue.count == 2)
        _ = reduce(&o, .mouse(MouseEvent(.click, row: 3 + 1, col: 10)))
        #expect(o.supervision.selected == 1)
    }
}

@Suite struct HelpAtSectionTests {
    @Test func helpOpensAtTheSectionOfTheScreenItWasCalledFrom() {
        for (keys, context) in [([Key.tab], KeyContext.unitList), ([Key.char("o")], .overdue), ([], .matrix)] {
            var s = Fixture.state(height: 40)
            for k in keys { press(&s, k) }
            press(&s, .char("?"))
            let help = s.topScreen(HelpScreen.self)!
            let lines = HelpContent.lines(s).map { $0.spans.map(\.text).joined() }
            let heading = s.strings.helpSections[context] ?? s.strings.sup.helpSections[context]!
            #expect(lines[help.viewport.offset] == heading, "\(context)")
        }
    }

    @Test func newCommandsArePublishedInBothLanguages() {
        let zh = KeyMap.published(.zh)
        for c in ["gotoTask", "filter", "sort", "clearFilter"] {
            #expect(zh.contains { $0.command == c && $0.context == "matrix" && !$0.description.isEmpty }, "\(c)")
        }
        #expect(zh.contains { $0.command == "gotoTask" && $0.keys == [":"] })
        #expect(KeyMap.published(.en).contains { $0.command == "filter" && $0.description.hasPrefix("filter tasks") })
    }
}

@Suite struct PowerSnapshotTests {
    @Test func matrixWithAFilterChinese80x24() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, "l")
        for _ in 0..<2 { press(&s, .backspace) }
        press(&s, "发改")
        press(&s, .enter)
        press(&s, "S")
        press(&s, "j")
        Golden.check(render(s, width: 80, height: 24), "matrix-zh-80x24-filter")
    }

    @Test func filterMenuChinese80x24() {
        var s = Fixture.state(plan: redPlan())
        press(&s, "f")
        press(&s, .down)
        Golden.check(render(s, width: 80, height: 24), "filter-menu-zh-80x24")
    }

    @Test func theOverlaysRenderAtAnySize() {
        var states: [AppState] = []
        for ascii in [false, true] {
            var menu = Fixture.state(ascii: ascii, plan: redPlan())
            press(&menu, "f")
            press(&menu, .down)
            states.append(menu)
            var prompt = Fixture.state(ascii: ascii, plan: redPlan())
            press(&prompt, ":12")
            states.append(prompt)
            var counted = Fixture.state(ascii: ascii, plan: redPlan())
            press(&counted, "f")
            press(&counted, "r")
            press(&counted, "123")
            states.append(counted)
        }
        for base in states {
            for w in [0, 1, 20, 39, 40, 41, 60, 80, 81, 120, 200] {
                for h in [0, 1, 5, 9, 10, 11, 16, 24, 40] {
                    var s = base
                    _ = reduce(&s, .resize(width: w, height: h))
                    let g = render(s, width: w, height: h)
                    #expect(g.width == w && g.height == h)
                    #expect(g.isConsistent, "\(w)×\(h) on \(s.top)")
                    if base.options.ascii, w >= 40, h >= 10 {
                        #expect(!g.text.contains("─"), "the menu's rules follow --ascii")
                    }
                }
            }
        }
    }
}
