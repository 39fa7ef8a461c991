import Foundation
import Testing

/// Go to a task, counts, filter and sort, and a mouse click, in the real binary under tmux
/// at 80×24 and 120×40.
@Suite(.serialized) struct PowerKeysEndToEndTests {
    /// The status line's ruler: "任务 12/24".
    static func ruler(_ screen: String) -> (row: Int, of: Int)? {
        guard let r = screen.range(of: #"任务 (\d+)/(\d+)"#, options: .regularExpression) else { return nil }
        let parts = screen[r].dropFirst(3).split(separator: "/").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// The task title line above the status line: "12. …".
    static func titleLineNumber(_ screen: String) -> Int? {
        for line in screen.split(separator: "\n").reversed() {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard let dot = t.firstIndex(of: "."), let n = Int(t[..<dot]), t[t.index(after: dot)...].hasPrefix(" ") else { continue }
            return n
        }
        return nil
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func gotoCountFilterSortAndClick(width: Int, height: Int) throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        // Task 9 gets an overdue milestone: the only red light, first when sorted by light.
        try fx.run(["milestone", "add", "9", "年度检查", "--due", "2020-01-01", "--file", fx.file])
        let coop = try fx.export().tasks.filter { $0.role(of: "省农委") != nil }.map(\.number)
        #expect(coop.count > 1 && coop.count < 24)

        let tmux = try fx.openTUI(width: width, height: height)
        try tmux.waitFor(text: "任务 1/24")

        // :12 Enter lands on task 12 (by number).
        try tmux.sendKeys(":")
        try tmux.waitFor(text: "跳到任务编号：")
        try tmux.type("12")
        try tmux.sendKeys("Enter")
        try tmux.waitFor("task 12") { Self.titleLineNumber($0) == 12 && $0.contains("任务 12/24") }

        // 5j moves five rows; the pending count shows until the command comes.
        try tmux.type("5")
        try tmux.waitFor(text: "计数 5")
        try tmux.sendKeys("j")
        try tmux.waitFor("task 17") { Self.titleLineNumber($0) == 17 && !$0.contains("计数") }

        // 3G goes to task 3; an unknown number says so.
        try tmux.type("3G")
        try tmux.waitFor("task 3") { Self.titleLineNumber($0) == 3 }
        try tmux.type("99G")
        try tmux.waitFor(text: "没有任务 99")

        // Filter by a unit: only its tasks, and the filter named in the title bar.
        try tmux.sendKeys("f")
        try tmux.waitFor(text: "筛选任务（按字母）")
        try tmux.sendKeys("u")
        try tmux.waitFor(text: "单位（名称或简称）：")
        try tmux.sendKeys("BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.type("农委")
        try tmux.sendKeys("Enter")
        // Read the rows once the whole screen has been redrawn (the title bar may be written
        // before the last rows on a loaded machine).
        func numbers(_ screen: String) -> [Int] {
            screen.split(separator: "\n").dropFirst(3).compactMap { line -> Int? in
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.contains("推进") || t.contains("│") else { return nil }
                return t.split(separator: " ").first.flatMap { Int($0) }
            }
        }
        let expected = Array(coop.prefix(height - 6))
        let filtered = try tmux.waitFor("the 农委 filter") {
            $0.contains("筛选：农委参与") && $0.contains("任务（\(coop.count)）") && numbers($0) == expected
        }
        let shownNumbers = numbers(filtered)
        #expect(shownNumbers == Array(coop.prefix(height - 6)), "only the unit's tasks, in order")
        try tmux.sendKeys("F")
        try tmux.waitFor("filter cleared") { !$0.contains("筛选：") && $0.contains("任务（24）") && $0.contains("已清除筛选") }

        // Sort by light: the red task first.
        try tmux.sendKeys("g", "S")
        try tmux.waitFor("sorted by light") { $0.contains("排序：灯号") && Self.titleLineNumber($0) == 1 }
        try tmux.sendKeys("g")
        try tmux.waitFor("the red task on top") { Self.titleLineNumber($0) == 9 }
        try tmux.sendKeys("S", "S")
        try tmux.waitFor("sort back to numbers") { !$0.contains("排序：") }

        // A mouse click on a cell (X10 mouse report, which ncurses decodes under tmux): the
        // sixth body row, third unit column.
        try tmux.sendKeys("g", "Home")
        try tmux.waitFor("back at the top") { Self.titleLineNumber($0) == 1 }
        let titleWidth = max(8, min(40, (width - 2 - 4) * 3 / 10))
        let gridX = 2 + 3 + titleWidth + 1
        let (x, y) = (gridX + 2 * 5 + 1, 3 + 5)
        try tmux.type("\u{1B}[M" + String(UnicodeScalar(UInt8(32)))
                      + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y))))
        try tmux.waitFor("the clicked cell") { Self.ruler($0).map { $0.row == 6 && $0.of == 24 } == true && $0.contains("单位 3/") }

        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
