import DubanCanvas
import DubanCore
import Foundation
import Testing
@testable import DubanTUI

/// The shortcuts the matrix takes to draw a frame fast (names compared as bytes, simple text
/// drawn scalar by scalar, templates filled on bytes) draw what the general code draws.
@Suite struct RenderFastPathTests {
    /// A plan whose names use a precomposed é (NFC) in the units and `spell` in the assignments
    /// and the office's members.
    func plan(spell: (String) -> String) -> Plan {
        let names = (0..<12).map { "省单位é\($0)" }
        let units = names.enumerated().map { i, n in Unit(name: n, short: "单位\(i)", abbr: "U\(i)") }
        let tasks = (1...6).map { n in
            Task(number: n, title: "任务\(n)",
                 assignments: [Assignment(unit: spell(names[n]), role: .lead),
                               Assignment(unit: spell(names[n + 3]), role: .cooperating)])
        }
        let office = Office(name: "办公室", hostUnit: names[0], members: [spell(names[2]), spell(names[5])])
        return try! Plan(office: office, units: units, tasks: tasks)
    }

    /// Canonically equal names spelled with other bytes (a decomposed é) find their columns as
    /// `Task.role(of:)` does: the screen is the same, and it shows the roles and members.
    @Test func decomposedNamesFindTheirColumns() {
        let nfc = plan { $0 }
        let nfd = plan { $0.decomposedStringWithCanonicalMapping }
        #expect(nfd.tasks[0].assignments[0].unit.utf8.count != nfc.tasks[0].assignments[0].unit.utf8.count)
        let a = render(Fixture.state(plan: nfc, width: 120, height: 24), width: 120, height: 24)
        let b = render(Fixture.state(plan: nfd, width: 120, height: 24), width: 120, height: 24)
        #expect(a == b)
        let strings = Strings.for(.zh)
        #expect(b.lines()[3].contains(strings.cellLead))
        #expect(b.lines()[3].contains(strings.cellCooperating))
        // The members' headers are underlined.
        #expect((0..<b.width).contains { b[1, $0].style.underline })
    }

    @Test func columnsByName() {
        let shown = VisibleUnits(["省发改委", "省财政厅", "省单位e\u{301}", "省测试单位12号", "省测试单位21号"])
        #expect(shown.column(of: "省财政厅") == 1)
        #expect(shown.column(of: "省单位é") == 2)
        #expect(shown.column(of: "省测试单位21号") == 4)
        #expect(shown.column(of: "省测试单位12") == nil)
        #expect(shown.column(of: "省民政厅") == nil)
    }

    /// Placeholders are filled one argument after the other, as repeated replacement does: an
    /// argument's text may hold a later placeholder.
    @Test func templates() {
        #expect(Text.format("{1}/{2}", ["a{2}", 3]) == "a3/3")
        #expect(Text.format("{2}{1}{1}", ["x", "y"]) == "yxx")
        #expect(Text.format("第{1}项，共{2}项", [12, 300]) == "第12项，共300项")
        #expect(Text.format("{1}", [1.5]) == "1.5")
        #expect(Text.format("{1}{3}", ["甲", "乙"]) == "甲{3}")
        #expect(Text.format("{10}{1}", Array(repeating: "x", count: 9) + ["十"]) == "十x")
        #expect(Text.format("", ["x"]) == "")
    }

    /// Simple text (printable ASCII, CJK) is drawn scalar by scalar: the same cells as text that
    /// takes the general path, at every clip width.
    @Test func simpleTextDrawsLikeGeneralText() {
        for text in ["推进百镇建设", "ab住建cd", "第12项，共300项", "　、。"] {
            for limit in 0...14 {
                var fast = Grid(width: 16, height: 1)
                let n = fast.put(text, row: 0, col: 1, maxWidth: limit)
                // A Latin-1 letter in front (one column) sends the same text down the general path.
                var general = Grid(width: 16, height: 1)
                let m = general.put("é" + text, row: 0, col: 0, maxWidth: limit + 1)
                #expect((1..<16).allSatisfy { fast[0, $0] == general[0, $0] }, "\(text) in \(limit)")
                #expect(n == m - 1)
            }
        }
    }
}
