import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// A plan with a milestone in every status on 2026-11-24 (warning window 14 days):
/// task 1 on track (and two progress reports), 2 overdue, 3 due soon, 5 done, 7 none,
/// 8 overdue with an undated milestone.
enum SupervisionFixture {
    static func plan() -> Plan {
        var tasks = Fixture.plan().tasks
        func edit(_ n: Int, _ f: (inout Task) -> Void) {
            let i = tasks.firstIndex { $0.number == n }!
            f(&tasks[i])
        }
        edit(1) { t in
            t.progress = [
                ProgressReport(id: 1, date: Day("2026-10-05")!, unit: "省住房和城乡建设厅",
                               progress: "百镇建设规划已完成初稿，正在征求各成员单位意见。", problems: "", next: "11月底前报领导小组审定。"),
                ProgressReport(id: 2, date: Day("2026-11-05")!, unit: "省住房和城乡建设厅",
                               progress: "规划已报领导小组办公室，首批32个重点镇名单已初步确定，基础设施项目库正在建立，已入库项目118个。",
                               problems: "部分市县配套资金尚未落实。", next: "联合省财政厅督促市县落实配套资金；12月召开联席会议。"),
            ]
        }
        edit(2) { t in t.milestones.append(Milestone(id: 10, title: "完成2026年度改造任务", due: Day("2026-10-31"))) }
        edit(3) { t in t.milestones = [Milestone(id: 11, title: "报送供水排水项目清单", due: Day("2026-12-01"))] }
        edit(5) { t in
            t.milestones = [Milestone(id: 12, title: "完成县域规划修编", due: Day("2026-06-30"), isDone: true,
                                      completed: Day("2026-06-20"))]
        }
        edit(8) { t in
            t.milestones = [Milestone(id: 13, title: "出台农业转移人口落户实施细则", due: Day("2026-11-20")),
                            Milestone(id: 14, title: "建立转移就业统计制度")]
            t.progress = [ProgressReport(id: 3, date: Day("2026-09-10")!, unit: "省公安厅", progress: "细则已起草。")]
        }
        return try! Plan(office: .seed, units: Fixture.units, tasks: tasks)
    }

    static func state(_ language: Language = .zh, ascii: Bool = false, width: Int = 80, height: Int = 24) -> AppState {
        var s = Fixture.state(language, ascii: ascii, plan: plan(), width: width, height: height)
        s.options.settings.periodStart = Day("2026-07-01")
        return s
    }

    /// The fixture without a period start: no part has a known handover day, so the lights are
    /// the milestones' alone (签收/反馈逾期 is not judged).
    static func milestoneLights(ascii: Bool = false) -> AppState {
        var s = state(ascii: ascii)
        s.options.settings.periodStart = nil
        return s
    }

    static func taskView(_ number: Int, _ language: Language = .zh) -> AppState {
        var s = state(language)
        while s.cursorTask?.number != number { press(&s, .down) }
        press(&s, .enter)
        _ = reduce(&s, .historyLoaded(task: number, records: []))
        return s
    }
}

@Suite struct SupervisionReducerTests {
    @Test func matrixRowsShowTheirLights() {
        let g = render(SupervisionFixture.milestoneLights(), width: 80, height: 24)
        Golden.check(g, "matrix-zh-80x24-lights")
        // Rows 3… are tasks 1, 2, 3, 5, 7, 8; the status slot is column 3.
        let glyphs = (3...8).map { g[$0, 3].text }
        #expect(glyphs == ["o", "!", "~", "✓", "·", "!"])
        let ascii = render(SupervisionFixture.milestoneLights(ascii: true), width: 80, height: 24)
        #expect((3...8).map { ascii[$0, 3].text } == ["o", "!", "~", "v", ".", "!"])
        // With the period start every part counts as handed over then, none is signed and no lead
        // reported: 签收/反馈逾期 turns the green task 1 and task 7 (no milestones) yellow.
        let late = render(SupervisionFixture.state(), width: 80, height: 24)
        #expect((3...8).map { late[$0, 3].text } == ["~", "!", "~", "✓", "~", "!"])
    }

    @Test func lightsAreColouredWhenColourIsOn() {
        var s = SupervisionFixture.state()
        s.options.color = true
        let g = render(s, width: 80, height: 24)
        #expect(g[4, 3].style.fg == .red)
        #expect(g[5, 3].style.fg == .yellow)
        #expect(g[6, 3].style.fg == .green)
    }

    @Test func settingsDecideTheWarningWindow() {
        var s = SupervisionFixture.milestoneLights()
        s.options.settings.warningDays = 3
        let g = render(s, width: 80, height: 24)
        #expect(g[5, 3].text == "o", "task 3 is due in 7 days: on track with a 3-day window")
    }

    @Test func progressFormEmitsTheReportAndUndoRemovesIt() {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.taskView(1)
        press(&s, .char("p"))
        guard let form = s.form else { Issue.record("no form"); return }
        #expect(form[0] == "住建" && form[1] == "2026-11-24" && form.focus == 0)
        press(&s, .enter, .enter)
        typeText(&s, "第二批重点镇名单已确定")
        press(&s, .enter)
        typeText(&s, "资金缺口")
        press(&s, .enter)
        typeText(&s, "召开联席会议")
        let effects = press(&s, .enter)
        let report = ProgressReport(date: Fixture.today, unit: "省住房和城乡建设厅", progress: "第二批重点镇名单已确定",
                                    problems: "资金缺口", next: "召开联席会议")
        #expect(effects == [.persist([.addProgress(task: 1, report: report)], .edit)])
        perform(&s, effects, tracker)
        #expect(s.overlay == nil)
        let saved = s.plan.task(number: 1)!.progress
        #expect(saved.count == 3 && saved.contains { $0.progress == "第二批重点镇名单已确定" })
        let undo = press(&s, .char("u"))
        guard case let .persist(edits, .undo)? = undo.first, case .removeProgress(task: 1, _, _)? = edits.first else {
            Issue.record("undo is \(undo)"); return
        }
        perform(&s, undo, tracker)
        #expect(s.plan.task(number: 1)!.progress.count == 2)
    }

    @Test func aBadDateOrUnitKeepsTheFormOpenWithAReason() {
        var s = SupervisionFixture.taskView(1)
        press(&s, .char("p"), .enter)
        for _ in 0..<10 { press(&s, .backspace) }
        typeText(&s, "2026-13-01")
        // Enter on a date it cannot read stays there with the reason.
        var effects = press(&s, .enter)
        #expect(effects.isEmpty)
        guard let f1 = s.form else { Issue.record("form closed"); return }
        #expect(f1.focus == 1 && f1.error?.contains("2026-13-01") == true)
        let screen = render(s, width: 80, height: 24).text
        #expect(screen.contains("“2026-13-01”不是有效日期"))

        // A unit that does not exist.
        for _ in 0..<10 { press(&s, .backspace) }
        typeText(&s, "2026-11-24")
        press(&s, .tab, .tab, .tab, .tab)        // date → … → unit
        for _ in 0..<5 { press(&s, .backspace) }
        typeText(&s, "不存在厅")
        effects = press(&s, .enter, .enter, .enter, .enter, .enter)
        #expect(effects.isEmpty)
        guard let f2 = s.form else { Issue.record("form closed"); return }
        #expect(f2.focus == 0 && f2.error?.contains("不存在厅") == true)

        // An empty 进展情况 is refused too; Esc cancels.
        var t = SupervisionFixture.taskView(1)
        effects = press(&t, .char("p"), .enter, .enter, .enter, .enter, .enter)
        #expect(effects.isEmpty)
        guard let f3 = t.form else { Issue.record("form closed"); return }
        #expect(f3.focus == 2 && f3.error == Strings.zh.sup.progressEmpty)
        press(&t, .escape)
        #expect(t.overlay == nil)
    }

    @Test func quarterlyTemplateAddsFourMilestonesOnce() {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.taskView(7)
        // On 2026-11-24 three of the four are past due: T asks first, n adds nothing.
        // T asks for the year (this year by default), then the question.
        #expect(press(&s, .char("T")).isEmpty)
        #expect(s.form?[0] == "2026")
        #expect(press(&s, .enter).isEmpty)
        #expect(s.confirm?.question.contains("3 个已经过期（03-31、06-30、09-30）") == true)
        #expect(press(&s, .char("n")).isEmpty && s.overlay == nil)
        press(&s, .char("T"), .enter)
        let effects = press(&s, .char("y"))
        // One persist of all four: one transaction, one undo step.
        let expected = [Effect.persist(Supervision.quarterly(year: 2026).map { .addMilestone(task: 7, milestone: $0) }, .edit)]
        #expect(effects == expected)
        perform(&s, effects, tracker)
        #expect(s.undoStack.count == 1)
        #expect(s.plan.task(number: 7)!.milestones.map(\.title) == ["2026年第一季度节点", "2026年第二季度节点",
                                                                  "2026年第三季度节点", "2026年第四季度节点"])
        #expect(press(&s, .char("T"), .enter).isEmpty, "a second T adds nothing")
        #expect(s.status?.text.contains("已有 2026 年的四个季度节点") == true)
        var ro = SupervisionFixture.taskView(7)
        ro.readOnly = true
        #expect(press(&ro, .char("T")).isEmpty && press(&ro, .char("p")).isEmpty && ro.overlay == nil)
    }

    @Test func screensOpenFromTheMatrixAndEnterOpensTheTask() {
        var s = SupervisionFixture.state()
        press(&s, .char("o"))
        #expect(s.top == .overdue && s.keyContext == .overdue)
        // Most late first: task 2 (24 days), task 8 (4 days), then task 3 due in 7 days.
        #expect(s.supervision.overdue.map(\.task) == [2, 8, 3])
        #expect(s.supervision.overdue.map(\.daysLate) == [24, 4, -7])
        press(&s, .down)
        let effects = press(&s, .enter)
        #expect(s.top == .task && s.taskView?.number == 8)
        #expect(effects == [.loadHistory(task: 8)])
        press(&s, .escape)
        #expect(s.top == .overdue, "back to the list")
        press(&s, .char("w"))
        #expect(s.top == .workload && s.stack == [.matrix, .workload])
        #expect(s.supervision.loads.first?.unit.abbr == "发改", "leads 3 tasks")
        press(&s, .char("s"))
        #expect(s.top == .ranking && !s.supervision.scores.isEmpty)
        press(&s, .char("q"))
        #expect(s.top == .matrix)
    }

    @Test func scrollingSurvivesAResize() {
        var s = SupervisionFixture.state(height: 12)
        press(&s, .char("w"), .char("G"))
        let bottom = s.supervision.offset
        #expect(bottom > 0)
        _ = reduce(&s, .resize(width: 80, height: 60))
        #expect(s.supervision.offset == 0, "everything fits: the offset is clamped at once")
        _ = reduce(&s, .resize(width: 80, height: 12))
        press(&s, .char("G"), .up)
        #expect(s.supervision.offset == bottom - 1)
        var o = SupervisionFixture.state(height: 10)
        press(&o, .char("o"), .char("G"))
        #expect(o.supervision.selected == 2 && o.supervision.offset == 0)
        let g = render(o, width: 80, height: 10)
        #expect(g.lines()[5].hasPrefix("▸ ~"), "the selected (last) row is drawn")
    }

    @Test func theOverdueListFollowsEdits() {
        let tracker = Fixture.tracker(SupervisionFixture.plan())
        var s = SupervisionFixture.state()
        press(&s, .char("o"))
        var m = s.plan.task(number: 2)!.milestone(id: 10)!
        m.isDone = true
        perform(&s, [.persist([.updateMilestone(task: 2, to: m)], .edit)], tracker)
        #expect(s.supervision.overdue.map(\.task) == [8, 3])
    }

    @Test func unitViewShowsItsOverdueCountAndLights() {
        var s = SupervisionFixture.milestoneLights()
        press(&s, .right, .char("U"))    // 发改: leads 2, 3, 5
        let g = render(s, width: 80, height: 24)
        Golden.check(g, "unit-zh-80x24-lights")
        #expect(g.text.contains("牵头任务逾期节点 1 个"))
        #expect(g.lines().contains { $0.contains("! 2") })
    }
}

@Suite struct SupervisionSnapshotTests {
    @Test func taskViewWithLightsAndProgress() {
        let s = SupervisionFixture.taskView(1)
        let g = render(s, width: 80, height: 24)
        Golden.check(g, "task-zh-80x24-progress")
        #expect(g.text.contains("o 剩218天"))
        #expect(g.text.contains("2026-11-05  住房和城乡建设厅"))
        var scrolled = s
        press(&scrolled, .pageDown)
        Golden.check(render(scrolled, width: 80, height: 24), "task-zh-80x24-progress-scrolled")
        let g8 = render(SupervisionFixture.taskView(8), width: 80, height: 24)
        Golden.check(g8, "task-zh-80x24-overdue")
        #expect(g8.text.contains("! 逾期4天") && g8.text.contains("· 未定期限"))
    }

    @Test func newestReportFirst() {
        let lines = SupervisionContent.progressLines(SupervisionFixture.state(), task: SupervisionFixture.plan().task(number: 1)!,
                                                     width: 78).map { $0.spans.map(\.text).joined() }
        let i = lines.firstIndex { $0.contains("2026-11-05") }!
        let j = lines.firstIndex { $0.contains("2026-10-05") }!
        #expect(i < j)
        #expect(lines.allSatisfy { TextWidth.width($0) <= 78 })
    }

    @Test func overdueWorkloadAndRanking() {
        var s = SupervisionFixture.state()
        press(&s, .char("o"))
        Golden.check(render(s, width: 80, height: 24), "overdue-zh-80x24")
        press(&s, .char("w"))
        let w = render(s, width: 80, height: 24)
        Golden.check(w, "workload-zh-80x24")
        // The unit with the most tasks has the longest bar, ending near the right edge.
        let bars = w.lines().dropFirst(4).map { $0.filter { $0 == "█" || $0 == "░" }.count }
        #expect(bars.max() == bars.first { $0 > 0 })
        press(&s, .char("s"))
        let r = render(s, width: 80, height: 24)
        Golden.check(r, "ranking-zh-80x24")
        #expect(r.text.contains("评分规则：满分100分，最低0分"))
        var a = SupervisionFixture.state(ascii: true)
        press(&a, .char("w"))
        #expect(render(a, width: 80, height: 24).text.contains("#"))
    }

    @Test func progressFormSnapshot() {
        var s = SupervisionFixture.taskView(1)
        press(&s, .char("p"), .enter, .enter)
        typeText(&s, "已完成")
        let g = render(s, width: 80, height: 24)
        Golden.check(g, "progress-form-zh-80x24")
        #expect(g.cursor != nil)
    }

    @Test func helpHasTheLegend() {
        var s = SupervisionFixture.state()
        press(&s, .char("?"))
        #expect(HelpContent.lines(s).contains { $0.spans.map(\.text).joined().hasPrefix("灯号：! 逾期") })
    }

    @Test func everyNewScreenRendersAtAnySize() {
        var states: [AppState] = []
        for key in ["o", "w", "s"] {
            var s = SupervisionFixture.state()
            press(&s, .char(Character(key)))
            states.append(s)
            var deep = s
            press(&deep, .char("G"), .pageDown)
            states.append(deep)
        }
        states.append(SupervisionFixture.taskView(1))
        var form = SupervisionFixture.taskView(1)
        press(&form, .char("p"))
        states.append(form)
        var unit = SupervisionFixture.state()
        press(&unit, .right, .char("U"))
        states.append(unit)
        var ascii = SupervisionFixture.state(ascii: true)
        press(&ascii, .char("o"))
        states.append(ascii)
        var sizes: [(Int, Int)] = []
        // Every width and height near the edges and the minimum, a stride elsewhere:
        // the layout changes at the small sizes; the large ones only repeat it.
        let widths = Array(0...45) + Array(stride(from: 47, through: 200, by: 7)) + [79, 80, 81, 120, 200]
        let heights = Array(0...13) + Array(stride(from: 15, through: 60, by: 5)) + [23, 24, 25, 40, 60]
        for w in widths { for h in [0, 1, 2, 9, 10, 11, 24, 60] { sizes.append((w, h)) } }
        for h in heights { for w in [0, 1, 39, 40, 41, 80, 200] { sizes.append((w, h)) } }
        for base in states {
            for (w, h) in sizes {
                var s = base
                _ = reduce(&s, .resize(width: w, height: h))
                let g = render(s, width: w, height: h)
                #expect(g.width == w && g.height == h)
                if !g.isConsistent || !hasNoControls(g) {
                    Issue.record("bad grid at \(w)×\(h) on \(s.top)")
                    return
                }
            }
        }
    }
}
