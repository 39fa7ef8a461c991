import DubanCore
import Testing
@testable import DubanTUI

/// A store that counts whole-plan reads.
final class CountingStore: ForwardingStore {
    var snapshots = 0
    override func snapshot() throws -> (plan: Plan, sequence: Int) {
        snapshots += 1
        return try inner.snapshot()
    }
}

@Suite struct ChangeFeedTUITests {
    @Test func othersEditsArriveThroughTheFeedWithoutReloadingThePlan() throws {
        let tracker = Fixture.tracker()
        let store = CountingStore(tracker)
        let screen = FakeScreen([
            .key(.right), .key(.char("L")),                                     // our own edit
            .run { try? tracker.applyFromOutside(.assign(task: 3, unit: "省财政厅", role: .lead)) },
            .timeout,
            .run { try? tracker.applyFromOutside(.setNotes(task: 2, notes: "外部备注")) },
            .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: store, screen: screen, options: Fixture.options())
        try app.run()
        #expect(store.snapshots == 1, "only the first frame read the whole plan")
        #expect(app.state.plan == tracker.plan, "the screen's plan is the stored one, own edit included once")
        #expect(app.state.plan.task(number: 1)?.role(of: "省发改委") == .lead)
    }

    @Test func aWholeTrackerChangeReloads() throws {
        let tracker = Fixture.tracker()
        let store = CountingStore(tracker)
        let screen = FakeScreen([
            .run {
                try? tracker.replaceUnitDirectory(tracker.plan.units, operatorName: "x")
                tracker.outsideChangePending = true
            },
            .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: store, screen: screen, options: Fixture.options())
        try app.run()
        #expect(store.snapshots == 2)
    }
}
