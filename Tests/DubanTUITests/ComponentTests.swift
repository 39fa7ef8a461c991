import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// The screen stack, the shared widgets and the layout faults they fixed.
@Suite struct ComponentTests {
    /// A plan with tasks 1…12 so task numbers have two digits; unit 发改 leads them all.
    static func twoDigitPlan() -> Plan {
        let tasks = (1...12).map { n in
            Task(number: n, title: "任务\(n)", assignments: [Fixture.a("发改委", .lead)],
                 milestones: n == 12 ? [Milestone(id: 1, title: "节点", due: Day("2026-01-01"))] : [])
        }
        return try! Plan(office: .seed, units: Fixture.units, tasks: tasks)
    }

    @Test func theUnitViewsLightNeverRunsIntoATwoDigitNumber() {
        var s = Fixture.state(plan: Self.twoDigitPlan())
        press(&s, .right, .char("U"))
        #expect(s.top == .unit)
        let lines = render(s, width: 80, height: 24).lines()
        let row = lines.first { $0.contains("任务12") } ?? ""
        // The light (overdue: "!") stands apart from "12".
        #expect(row.contains("! 12"), "\(row)")
        let row1 = lines.first { $0.contains("任务1 ") || $0.hasSuffix("任务1") || $0.contains("任务1  ") } ?? ""
        #expect(!row1.isEmpty)
    }

    @Test func equalCountsDrawEqualWorkloadBars() {
        // 住建 (3 lead, 2 cooperating) and 人社 (1 lead, 2 cooperating) in SupervisionTests' plan:
        // both have two cooperating tasks, so both cooperating bars have the same length.
        var s = SupervisionFixture.state()
        press(&s, .char("w"))
        let lines = render(s, width: 80, height: 24).lines()
        func coop(_ abbr: String) -> Int {
            (lines.first { $0.contains(" " + abbr + " ") } ?? "").filter { $0 == "░" }.count
        }
        func lead(_ abbr: String) -> Int {
            (lines.first { $0.contains(" " + abbr + " ") } ?? "").filter { $0 == "█" }.count
        }
        #expect(coop("住建") > 0 && coop("住建") == coop("人社"), "\(coop("住建")) vs \(coop("人社"))")
        #expect(lead("人社") == lead("公安"))
        #expect(coop("公安") == coop("农委"))
        #expect(SupervisionContent.barCells(1, room: 10, widest: 3) == 3 && SupervisionContent.barCells(0, room: 10, widest: 3) == 0)
    }

    @Test func theReadOnlyBannerIsWholeAt80Columns() {
        for language in Language.allCases {
            var s = Fixture.state(language)
            s.readOnly = true
            // A tracker deep in a folder tree, as end-to-end tests and real offices have them.
            s.options.trackerPath = "/home/office/城乡一体化/督办/2026年/第四季度/督办台账-共享副本.sqlite"
            let columns = (0..<Fixture.units.count).map { [Key](repeating: .right, count: $0) }
            for keys in columns + [[.char("?")], [.enter], [.char("w")], [.tab], [.char("o")], [.char("s")]] {
                var t = s
                for k in keys { press(&t, k) }
                let g = render(t, width: 80, height: 24)
                let all = g.lines().joined(separator: "\n")
                #expect(all.contains(t.strings.readOnlyBanner), "\(language) \(keys):\n\(all)")
                #expect(g.lines()[0].contains(t.strings.readOnlyTag), "\(language) \(keys)")
            }
        }
    }

    @Test func poppingAScreenDropsItsState() {
        var s = Fixture.state()
        press(&s, .char("U"))
        #expect(s.stack == [.matrix, .unit] && s.unitView != nil)
        press(&s, .enter)
        #expect(s.stack == [.matrix, .unit, .task] && s.taskView != nil)
        press(&s, .char("?"))
        #expect(s.stack == [.matrix, .unit, .task, .help])
        press(&s, .escape, .escape)
        #expect(s.stack == [.matrix, .unit] && s.taskView == nil)
        press(&s, .escape)
        #expect(s.stack == [.matrix] && s.unitView == nil)
    }

    @Test func helpScrollsThroughItsViewportAndRenderDrawsItsOffset() {
        var s = Fixture.state()
        press(&s, .char("?"))
        press(&s, .char("G"))
        let help = s.topScreen(HelpScreen.self)!
        #expect(help.viewport.offset == help.viewport.count - help.viewport.visible)
        #expect(help.viewport.count == HelpContent.lines(s).count)
        // A taller terminal lays the screen out again: the offset shrinks to fit.
        _ = reduce(&s, .resize(width: 80, height: 60))
        let tall = s.topScreen(HelpScreen.self)!
        #expect(tall.viewport.visible == 56 && tall.viewport.offset == tall.viewport.count - 56)
    }

    @Test func tableColumnsNeverOverlap() {
        let t = Table([.init(.fixed(1)), .init(.fixed(2), .right), .init(.flex(min: 1), gap: 2)], total: 20)
        #expect(t.widths == [1, 2, 13])
        let text = t.spans([("!", .late), ("123", .bold), ("一二三四五六七八", .plain)]).map(\.text).joined()
        #expect(TextWidth.width(text) == 20)
        #expect(text.hasPrefix(" ! 1…  "), "\(text)")
    }

    @Test func goldensCompareStyles() {
        var s = Fixture.state()
        s.options.color = true
        press(&s, .down, .right)
        let g = render(s, width: 80, height: 24)
        Golden.check(g, "matrix-zh-80x24-colour")
        // The same text in another colour is another golden.
        var recoloured = g
        recoloured[0, 0] = Cell(text: g[0, 0].text, width: g[0, 0].width, style: Style(fg: .white, bg: .red, bold: true))
        #expect(recoloured.lines() == g.lines())
        #expect(Golden.styleBlock(recoloured) != Golden.styleBlock(g))
    }
}

/// The screens converted to components: each lays itself out once per state change and
/// draws the offsets its layout left.
@Suite struct ScreenLayoutTests {
    @Test func theTaskScreensLayoutModelKeepsTheSelectedMilestoneInView() {
        var s = SupervisionFixture.taskView(1)
        _ = reduce(&s, .resize(width: 80, height: 12))
        press(&s, .char("G"))
        let task = s.topScreen(TaskScreen.self)!
        let id = try! #require(task.view.selectedMilestone)
        let line = try! #require(task.content.milestoneLines[id])
        #expect(task.viewport.lines.contains(line), "the selected milestone's line is shown")
        #expect(task.viewport.count == TaskViewContent.lines(s, task: s.viewedTask!, width: 80).count)
        // Drawn where the model says: the selected row is the line's row on screen.
        let g = render(s, width: 80, height: 12)
        #expect(g.lines()[2 + line - task.viewport.offset].hasPrefix("▸"))
    }

    @Test func workloadAndRankingCountTheirLinesAndScrollToTheLast() {
        for key in ["w", "s"] {
            var s = SupervisionFixture.state(height: 12)
            press(&s, .char(Character(key)), .char("G"))
            let vp = key == "w" ? s.topScreen(WorkloadScreen.self)!.viewport : s.topScreen(RankingScreen.self)!.viewport
            #expect(vp.offset == vp.count - vp.visible && vp.offset > 0, "\(key)")
            let g = render(s, width: 80, height: 12).lines()
            // The last line (the last unit) is on the last body row, and the indicator agrees.
            #expect(g[1].trimmingCharacters(in: .whitespaces).hasSuffix("\(vp.offset + 1)-\(vp.count)/\(vp.count)"), "\(key): \(g[1])")
            #expect(!g[12 - 3].trimmingCharacters(in: .whitespaces).isEmpty, "\(key): \(g)")
        }
    }

    @Test func everyScreenKnowsItsBodyRows() {
        #expect(MatrixScreen.bodyRows(height: 24) == 18 && TaskScreen.bodyRows(height: 24) == 20)
        #expect(UnitScreen.bodyRows(height: 24) == 18 && OverdueScreen.bodyRows(height: 24) == 19)
        #expect(WorkloadScreen.bodyRows(height: 24) == 20 && RankingScreen.bodyRows(height: 24) == 20)
        #expect(MatrixScreen.bodyRows(height: 0) == 1)
    }

    /// A regression guard for the Table the unit list now uses (the hand-padded rows already cut).
    @Test func aLongUnitNameIsCutInTheUnitListInsteadOfPushingItsCounts() {
        let long = Unit(name: "省" + String(repeating: "很长的单位名称", count: 4), short: "很长", abbr: "长长")
        let base = Fixture.plan()
        let plan = try! Plan(office: base.office, units: Fixture.units + [long], tasks: base.tasks)
        var s = Fixture.state(plan: plan)
        press(&s, .tab)
        _ = reduce(&s, .resize(width: 80, height: 40))
        let lines = render(s, width: 80, height: 40).lines()
        func column(_ text: String, in line: String) -> Int? {
            line.range(of: text).map { TextWidth.width(String(line[..<$0.lowerBound])) }
        }
        let header = try! #require(column(s.strings.columnAbbr, in: lines[2]))
        let row = try! #require(lines.first { $0.contains("长长") })
        #expect(column("长长", in: row) == header, "\(row)")
        #expect(row.contains("…"), "the name is cut with the ellipsis: \(row)")
    }
}
