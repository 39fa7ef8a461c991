import DubanCore
import Testing
import DubanCanvas
@testable import DubanTUI

/// A store that counts whole-plan reads.
class CountingStore: ForwardingStore {
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

/// A store whose change feed fails once, as a server that does not answer would.
final class FlakyFeedStore: ForwardingStore {
    var failuresLeft = 1
    struct Down: Error {}
    override func changes(since sequence: Int) throws -> ChangeSet {
        if failuresLeft > 0 {
            failuresLeft -= 1
            throw Down()
        }
        return try inner.changes(since: sequence)
    }
}

@Suite struct CatchUpRetryTests {
    @Test func aFailedCatchUpIsRetriedWithoutANewChange() throws {
        let tracker = Fixture.tracker()
        let store = FlakyFeedStore(tracker)
        let screen = FakeScreen([
            .run { try? tracker.applyFromOutside(.setNotes(task: 2, notes: "外部备注")) },
            .timeout,        // the feed fails: nothing shown yet
            .timeout,        // no new change announced, but the catch-up is tried again
            .key(.char("Q")),
        ])
        let app = try App(store: store, screen: screen, options: Fixture.options())
        try app.run()
        #expect(app.state.plan.task(number: 2)?.notes == "外部备注")
    }
}

/// A store whose feed brings, before the real records, an edit that does not fit the
/// screen's plan (a milestone it never had), and whose whole reads can be made to fail.
final class MisfitFeedStore: CountingStore {
    var misfitSent = false
    var failSnapshots = 0
    struct Down: Error {}
    override func changes(since sequence: Int) throws -> ChangeSet {
        var set = try inner.changes(since: sequence)
        if !misfitSent, !set.records.isEmpty {
            misfitSent = true
            set.records.insert(ChangeRecord(seq: set.records[0].seq, body: .edit(.removeMilestone(task: 1, id: 424_242))), at: 0)
        }
        return set
    }
    override func snapshot() throws -> (plan: Plan, sequence: Int) {
        if failSnapshots > 0 {
            snapshots += 1
            failSnapshots -= 1
            throw Down()
        }
        return try super.snapshot()
    }
}

@Suite struct CatchUpInPlaceTests {
    @Test func anEditThatDoesNotFitReadsTheWholePlanAgain() throws {
        let tracker = Fixture.tracker()
        let store = MisfitFeedStore(tracker)
        let screen = FakeScreen([
            .run { try? tracker.applyFromOutside(.setNotes(task: 2, notes: "外部备注")) },
            .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: store, screen: screen, options: Fixture.options())
        try app.run()
        #expect(store.snapshots == 2, "the misfit asked for a whole reload")
        #expect(app.state.plan == tracker.plan)
    }

    @Test func aWholeReloadThatFailsIsTriedAgainAtTheNextPoll() throws {
        let tracker = Fixture.tracker()
        let store = MisfitFeedStore(tracker)
        let screen = FakeScreen([
            .run {
                try? tracker.applyFromOutside(.setNotes(task: 2, notes: "外部备注"))
                store.failSnapshots = 1
            },
            .timeout,        // the misfit asks for a reload, which fails
            .timeout,        // nothing new announced: the reload is tried again
            .key(.char("Q")),
        ])
        let app = try App(store: store, screen: screen, options: Fixture.options())
        try app.run()
        #expect(store.snapshots == 3)
        #expect(app.state.plan == tracker.plan)
        #expect(app.state.plan.task(number: 2)?.notes == "外部备注")
    }
}
