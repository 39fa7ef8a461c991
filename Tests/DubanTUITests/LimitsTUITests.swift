import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// Size limits in the interactive program: input fields stop at the limit with a message,
/// and a huge text in an old file is drawn from its start only.
@Suite struct LimitsTUITests {
    @Test func typingPastTheLimitIsRefusedWithAMessage() {
        var s = Fixture.state(.en)
        press(&s, .enter)
        press(&s, .char("a"))
        guard s.form?.name == "milestone.add" else { Issue.record("no milestone form"); return }
        for _ in 0..<Limits.inputField { _ = reduce(&s, .insert("督")) }
        guard let full = s.form else { Issue.record("form closed"); return }
        #expect(full[0].unicodeScalars.count == Limits.inputField)
        #expect(s.status == nil, "no message while the text fits")
        _ = reduce(&s, .insert("办"))
        guard let after = s.form else { Issue.record("form closed"); return }
        #expect(after[0] == full[0], "the character past the limit is refused")
        #expect(s.status?.kind == .warning)
        #expect(s.status?.text.contains("\(Limits.inputField)") == true, "\(String(describing: s.status))")
        // The search field too.
        var t = Fixture.state()
        press(&t, .char("/"))
        for _ in 0..<(Limits.inputField + 5) { _ = reduce(&t, .insert("x")) }
        guard let f = (t.overlay as? SearchScreen)?.field else { Issue.record("no search field"); return }
        #expect(f.text.count == Limits.inputField)
    }

    @Test func aFieldOpenedOnATextOverTheLimitHoldsOnlyTheLimit() {
        let f = TextField(String(repeating: "督", count: 100_000))
        #expect(f.text.count == Limits.inputField)
        #expect(f.visible(width: 20).text.count == 9, "19 columns of 督 before the caret")
    }

    static let hugeTitle = "推进百镇建设" + String(repeating: "督办", count: 200_000)
    static let bombTitle = "a" + String(repeating: "\u{301}", count: 100_000) + "推进"

    @Test func noCellCarriesAPileOfCombiningMarks() {
        var s = Fixture.state(plan: Fixture.plan(task1Title: Self.bombTitle))
        let grid = render(s, width: 100, height: 30)
        let widest = (0..<grid.height).flatMap { r in (0..<grid.width).map { grid[r, $0].text.unicodeScalars.count } }.max() ?? 0
        #expect(widest <= 16, "a cell holds \(widest) scalars")
        #expect(grid.isConsistent)
        press(&s, .enter)
        let task = render(s, width: 100, height: 30)
        let most = (0..<task.height).flatMap { r in (0..<task.width).map { task[r, $0].text.unicodeScalars.count } }.max() ?? 0
        #expect(most <= 16, "a cell of the task view holds \(most) scalars")
    }

    @Test func aHugeTitleIsDrawnFromItsStartAndTheTaskViewShowsOnlyTheLimit() {
        var s = Fixture.state(plan: Fixture.plan(task1Title: Self.hugeTitle))
        let text = render(s, width: 100, height: 30).text
        #expect(text.contains("推进百镇建设督办") && text.contains("…"))
        press(&s, .enter)
        let t = try! #require(s.plan.task(number: 1))
        let lines = TaskViewContent.lines(s, task: t, width: 100)
        // 2,000 characters of two columns each on lines of 98 columns: 41 lines, plus one for "…".
        let titleLines = lines.prefix { !$0.spans.isEmpty }.count
        #expect(titleLines <= Limits.taskTitle * 2 / 98 + 2, "\(titleLines) title lines")
        #expect(render(s, width: 100, height: 30).isConsistent)
    }
}
