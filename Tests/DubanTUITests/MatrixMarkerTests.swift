import DubanCore
import Testing
import DubanCanvas
@testable import DubanTUI

/// The matrix shows a "more columns" marker whenever unit columns are hidden, at every width.
@Suite struct MatrixMarkerTests {
    /// A plan with `n` units whose abbreviations are easy to find in the header row.
    func widePlan(units n: Int) -> Plan {
        let units = (0..<n).map { Unit(name: "省单位\($0)", short: "单位\($0)", abbr: "U\($0 < 10 ? "0" : "")\($0)") }
        let task = Task(number: 1, title: "任务", assignments: [Assignment(unit: units[0].name, role: .lead)])
        return try! Plan(office: .seed, units: units, tasks: [task])
    }

    /// Units whose abbreviation appears whole in the header row.
    func shown(_ header: String, _ plan: Plan) -> Int {
        plan.units.filter { header.contains($0.abbr) }.count
    }

    @Test(arguments: [false, true])
    func hiddenColumnsAlwaysShowTheMarker(ascii: Bool) {
        let right = ascii ? ">" : "▸", left = ascii ? "<" : "◂"
        for plan in [Fixture.plan(), widePlan(units: 60)] {
            for width in Layout.minWidth...200 {
                var s = Fixture.state(ascii: ascii, plan: plan, width: width, height: 24)
                let header = render(s, width: width, height: 24).lines()[1]
                let hiddenRight = shown(header, plan) < plan.units.count
                #expect(header.hasSuffix(right) == hiddenRight,
                        "width \(width), \(plan.units.count) units: \(shown(header, plan)) shown, header \"\(header)\"")
                // At the far right: the hidden columns are on the left.
                s.matrix.col = plan.units.count - 1
                let far = render(s, width: width, height: 24).lines()[1]
                let hiddenLeft = !far.contains(plan.units[0].abbr)
                #expect(far.contains(left) == hiddenLeft, "width \(width) at the far right: \"\(far)\"")
                #expect(far.contains(plan.units[plan.units.count - 1].abbr), "width \(width): the cursor's column is shown")
            }
        }
    }
}
