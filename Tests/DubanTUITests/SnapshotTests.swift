import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// No cell holds anything a terminal would interpret.
func hasNoControls(_ g: Grid) -> Bool {
    g.cells.allSatisfy { cell in
        !cell.text.unicodeScalars.contains { u in
            let v = u.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
    }
}

@Suite struct SnapshotTests {
    func taskViewState(_ language: Language, number: Int = 1) -> AppState {
        var s = Fixture.state(language)
        while s.cursorTask?.number != number { press(&s, .down) }
        press(&s, .enter)
        _ = reduce(&s, .historyLoaded(task: number, records: Fixture.history.filter { $0.task == number }))
        return s
    }

    @Test func matrixChinese80x24() {
        let g = render(Fixture.state(), width: 80, height: 24)
        Golden.check(g, "matrix-zh-80x24")
        #expect(g.lines()[0].contains("城乡一体化工作领导小组办公室"))
        #expect(g.cursor == nil)
    }

    @Test func matrixEnglish80x24() {
        Golden.check(render(Fixture.state(.en), width: 80, height: 24), "matrix-en-80x24")
    }

    @Test func matrixChinese120x40() {
        var s = Fixture.state(width: 120, height: 40)
        press(&s, .down, .right, .right)
        Golden.check(render(s, width: 120, height: 40), "matrix-zh-120x40")
    }

    @Test func matrixAtAnOddWidthCutsNoWideCharacter() {
        let g = render(Fixture.state(), width: 81, height: 24)
        Golden.check(g, "matrix-zh-81x24")
        // The eleventh unit column starts at 78: 环 fits in 78–79, 保 would straddle the edge.
        #expect(g[1, 78].text == "环" && g[1, 79].isContinuation)
        #expect(g[1, 80].text == "▸" && g[1, 80].width == 1, "more columns follow the partial one")
        #expect(g[5, 79].text == "协", "task 3 × 环保 is drawn whole in the partial column")
        // At 80 only two columns are left: no partial column, a mark that more follow.
        let g80 = render(Fixture.state(), width: 80, height: 24)
        #expect(g80.lines()[1].hasSuffix("教育  ▸"))
        #expect(!g80.lines()[1].contains("环"))
        let g79 = render(Fixture.state(), width: 79, height: 24)
        #expect(g79.isConsistent)
    }

    @Test func matrixScrolledKeepsTheTaskColumnFrozen() {
        var s = Fixture.state()
        press(&s, .char("G"), .end)
        let g = render(s, width: 80, height: 24)
        Golden.check(g, "matrix-zh-80x24-scrolled")
        #expect(g.lines()[1].contains("任务（6）"))
        #expect(g.lines()[1].contains("森工") && !g.lines()[1].contains("住建"))
        #expect(g.lines()[8].hasPrefix(" 8 · 推进符合条件的农业转…"))
    }

    @Test func matrixAscii() {
        let s = AppState(plan: Fixture.plan(), options: Fixture.options(.en, ascii: true))
        let g = render(s, width: 80, height: 24)
        Golden.check(g, "matrix-en-ascii-80x24")
        #expect(g.lines()[3].contains(" L    C"))
        // Everything but the data (Chinese names) is ASCII: no ambiguous-width glyphs.
        let data = Set(Fixture.units.map { $0.name + $0.abbr }.joined() + Office.seed.name + "督办台账"
                       + Fixture.plan().tasks.map(\.title).joined() + "牵协")
        let stray = g.text.filter { !$0.isASCII && !data.contains($0) }
        #expect(stray.isEmpty, "non-ASCII chrome: \(stray)")
    }

    @Test func taskViewChinese80x24() {
        let g = render(taskViewState(.zh), width: 80, height: 24)
        Golden.check(g, "task-zh-80x24")
        #expect(g.text.contains("完成百镇建设规划编制"))
        #expect(g.text.contains("省住房和城乡建设厅"))
    }

    @Test func taskViewEnglish80x24() {
        Golden.check(render(taskViewState(.en), width: 80, height: 24), "task-en-80x24")
    }

    @Test func taskViewWithoutMilestones() {
        Golden.check(render(taskViewState(.zh, number: 8), width: 80, height: 24), "task-zh-80x24-no-milestones")
    }

    @Test func helpChineseAndEnglish() {
        for language in Language.allCases {
            var s = Fixture.state(language)
            press(&s, .char("?"))
            Golden.check(render(s, width: 80, height: 24), "help-\(language.rawValue)-80x24")
            let full = render(s, width: 80, height: 200).text
            #expect(full.contains("Ctrl-R"))
            #expect(full.contains("Home") && full.contains("End"))
        }
    }

    @Test func unitViewAndUnitList() {
        var s = Fixture.state()
        press(&s, .right, .char("U"))
        Golden.check(render(s, width: 80, height: 24), "unit-zh-80x24")
        var l = Fixture.state()
        press(&l, .tab)
        Golden.check(render(l, width: 80, height: 24), "unitlist-zh-80x24")
    }

    @Test func milestoneFormPlacesTheCaret() {
        var s = taskViewState(.zh)
        press(&s, .char("a"))
        typeText(&s, "完成首批试点镇验收")
        var g = render(s, width: 80, height: 24)
        let titleRow = g.cursor?.row ?? -1
        #expect(titleRow > 0)
        #expect(g.lines()[titleRow].contains("完成首批试点镇验收"))
        let caretAfterTitle = g.cursor?.col ?? -1
        press(&s, .left)
        g = render(s, width: 80, height: 24)
        #expect(g.cursor?.col == caretAfterTitle - 2, "left moves over one wide character")
        press(&s, .enter)
        typeText(&s, "2027-09")
        g = render(s, width: 80, height: 24)
        Golden.check(g, "form-zh-80x24")
        #expect(g.cursor?.row == titleRow + 1)
    }

    @Test func tooSmall() {
        let g = render(Fixture.state(), width: 20, height: 5)
        Golden.check(g, "tiny-zh-20x5")
        #expect(g.text.contains("终端太小"))
        #expect(render(Fixture.state(.en), width: 39, height: 24).text.contains("Terminal too small"))
        #expect(render(Fixture.state(), width: 40, height: 10).lines()[1].contains("任务（6）"), "40×10 is enough")
    }

    @Test func anySizeRendersWithoutCrashingOnEveryScreen() {
        var states: [AppState] = [Fixture.state(), taskViewState(.zh), taskViewState(.en, number: 8)]
        var help = Fixture.state(); press(&help, .char("?")); states.append(help)
        var unit = Fixture.state(); press(&unit, .char("U")); states.append(unit)
        var list = Fixture.state(); press(&list, .tab); states.append(list)
        var form = taskViewState(.zh); press(&form, .char("a")); typeText(&form, "节点"); states.append(form)
        var search = Fixture.state(); press(&search, .char("/")); typeText(&search, "住建"); states.append(search)
        var confirm = taskViewState(.zh); press(&confirm, .char("D")); states.append(confirm)
        let sizes = [(0, 0), (1, 1), (0, 5), (5, 0), (2, 1), (3, 2), (20, 5), (39, 24), (40, 9), (40, 10), (41, 11), (79, 24), (81, 25), (200, 60)]
        for s in states {
            for (w, h) in sizes {
                let g = render(s, width: w, height: h)
                #expect(g.width == w && g.height == h)
                #expect(g.isConsistent, "\(s.top) at \(w)×\(h)")
                if let c = g.cursor { #expect(c.row >= 0 && c.row < h && c.col >= 0 && c.col < w) }
            }
        }
        let one = render(Fixture.state(), width: 1, height: 1)
        #expect(one[0, 0].width == 1, "a wide 终 does not fit in one column")
    }

    @Test func hostileDataIsDrawnAsPlaceholders() {
        let evil = "恶意\u{1B}]0;evil\u{07}标题\u{202E}反转"
        let plan = Fixture.plan(task1Title: evil, notes: "第一行\u{1B}[2J\n第二行\u{9B}31m\r\n第三行")
        var s = Fixture.state(plan: plan)
        var g = render(s, width: 80, height: 24)
        Golden.check(g, "evil-zh-80x24")
        #expect(hasNoControls(g))
        #expect(g.text.contains("恶意␛]0;evil␇标题\u{FFFD}反转"))
        press(&s, .enter)
        g = render(s, width: 80, height: 24)
        #expect(hasNoControls(g))
        #expect(g.text.contains("第一行␛[2J"))
        #expect(g.text.contains("第二行\u{FFFD}31m"), "a C1 control becomes a placeholder")
        #expect(g.text.contains("  第三行"), "notes are split into lines, then cleaned")
    }

    @Test func monochromeUsesOnlyAttributesAndTheCursorIsReverse() {
        var s = Fixture.state()
        press(&s, .right)
        let mono = render(s, width: 80, height: 24)
        #expect(mono.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default })
        let layout = MatrixLayout(plan: s.plan, width: 80, height: 24)
        let cursorCell = mono[3, layout.gridX + 5 + 1]
        #expect(cursorCell.text == "协" && cursorCell.style.reverse)
        #expect(mono[1, layout.gridX + 5].style.reverse, "the column header is highlighted")
        #expect(mono[3, layout.titleColumn].style.reverse, "the row header is highlighted")
        #expect(!mono[4, layout.titleColumn].style.reverse)

        var colour = s
        colour.options.color = true
        let c = render(colour, width: 80, height: 24)
        #expect(c.cells.contains { $0.style.fg != .default || $0.style.bg != .default })
        #expect(c[3, layout.gridX + 5 + 1].style.reverse, "the cursor is reverse in colour too")
    }

    @Test func largePlanRendersOnlyWhatIsVisible() throws {
        // 100,000 tasks × 1,000 units: moving and drawing must not depend on the plan's size.
        let units = (0..<1000).map { Unit(name: "单位\($0)", short: "单位\($0)", abbr: String(format: "%03d", $0)) }
        var tasks: [Task] = []
        tasks.reserveCapacity(100_000)
        for n in 1...100_000 {
            tasks.append(Task(number: n, title: "任务\(n)",
                              assignments: [Assignment(unit: "单位\(n % 1000)", role: .lead),
                                            Assignment(unit: "单位\((n + 1) % 1000)", role: .cooperating)]))
        }
        var s = AppState(plan: try Plan(office: .seed, units: units, tasks: tasks), options: Fixture.options(),
                         width: 120, height: 40)
        press(&s, .char("G"), .end)
        #expect(s.cursorTask?.number == 100_000)
        #expect(s.cursorUnit?.name == "单位999")
        let g = render(s, width: 120, height: 40)
        #expect(g.lines()[36].contains("100000") && g.lines()[36].contains("任务100000"))
        #expect(g.lines()[1].contains("999"))
        press(&s, .pageUp, .up, .left)
        #expect(s.matrix.row == 100_000 - 1 - 34 - 1)
    }
}
