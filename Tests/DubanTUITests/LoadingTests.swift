import DubanCanvas
import DubanCore
@testable import DubanTUI
import Testing

/// A reader the test moves by hand: how far, and when the whole plan is in.
final class ManualReader: PlanReader {
    var fraction = 0.0
    var result: Result<(plan: Plan, sequence: Int), any Error>?
    func poll() -> (fraction: Double, result: Result<(plan: Plan, sequence: Int), any Error>?) { (fraction, result) }
}

struct ReadFailed: Error, CustomStringConvertible {
    var description: String { "磁盘读取错误" }
}

/// A large plan opens on its first tasks and loads the rest in the background (Loading.swift).
@Suite struct LoadingTests {
    @Test func theFirstScreenShowsTheFirstTasksAndTheWholeCountAndTheRestArrives() throws {
        let tracker = Fixture.tracker()
        let total = tracker.plan.tasks.count
        let reader = ManualReader()
        let screen = FakeScreen([
            .run { reader.fraction = 0.42 }, .timeout,          // the figure moves
            .key(.char("/")),                                   // search needs the whole plan
            .key(.char("L")),                                   // so does an edit
            .key(.down), .key(.down), .key(.down),              // stops at the last task loaded
            .run { reader.result = .success((tracker.plan, tracker.records.count)) }, .timeout,
            .key(.down),                                        // now the third task
            .key(.char("Q")),
        ])
        var made = 0
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { made += 1; return reader }, firstTaskCount: 2)
        // The background read starts once the first screen is drawn, not before.
        #expect(made == 0 && app.isLoading)
        #expect(app.state.plan.tasks.count == 2)
        try app.run()
        #expect(made == 1)
        let first = screen.frames[0]
        #expect(first.lines()[0].contains("载入中 0%"))
        #expect(first.lines()[1].contains("任务（\(total)）"), "the header counts the whole plan")
        #expect(first.lines()[22].contains("任务 1/\(total)"), "so does the ruler")
        #expect(screen.frames[1].lines()[0].contains("载入中 42%"))
        #expect(screen.frames[2].lines()[22].contains("正在载入全部 \(total) 项任务（42%），此功能在载入完成后可用。"))
        #expect(screen.frames[3].lines()[22].contains("正在载入全部"), "an edit waits too")
        #expect(tracker.records.isEmpty, "nothing was saved")
        #expect(screen.frames[6].lines()[22].contains("其余任务正在载入（42%）"))
        // The whole plan is in: the tag and the warning go, the cursor stays on task 2.
        let loaded = screen.frames[7]
        #expect(!loaded.lines()[0].contains("载入中"))
        #expect(!loaded.lines()[22].contains("载入"))
        #expect(!app.isLoading && app.state.loading == nil)
        #expect(app.state.plan == tracker.plan)
        #expect(screen.frames[8].lines()[21].contains("\(tracker.plan.tasks[2].number). "), "the third task is reached")
    }

    @Test func aPlanThatFitsTheFirstReadNeedsNoReader() throws {
        let tracker = Fixture.tracker()
        var made = 0
        let screen = FakeScreen([.key(.char("Q"))])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { made += 1; return ManualReader() }, firstTaskCount: 100)
        try app.run()
        #expect(made == 0 && app.state.loading == nil)
        #expect(app.state.plan == tracker.plan)
        #expect(!screen.frames[0].lines()[0].contains("载入中"))
    }

    @Test func changesMadeWhileLoadingAreCaughtUpAfterwards() throws {
        let tracker = Fixture.tracker()
        let reader = ManualReader()
        let screen = FakeScreen([
            // Someone edits while the plan loads: no poll yet (no whole plan to patch).
            .run { try? tracker.applyFromOutside(.setFollowUp(task: 1, person: "赵敏")) }, .timeout,
            // The background read was taken after that edit…
            .run { reader.result = .success((tracker.plan, tracker.records.count)) }, .timeout,
            // …and another edit comes after the read: the change feed brings it.
            .run { try? tracker.applyFromOutside(.setFollowUp(task: 2, person: "钱江")) }, .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { reader }, firstTaskCount: 1)
        try app.run()
        #expect(app.state.plan.task(number: 1)?.followUp == "赵敏")
        #expect(app.state.plan.task(number: 2)?.followUp == "钱江")
        #expect(app.state.plan == tracker.plan)
    }

    @Test func aFailedReadKeepsTheFirstTasksAndSaysWhy() throws {
        let tracker = Fixture.tracker()
        let reader = ManualReader()
        let screen = FakeScreen([
            .run { reader.result = .failure(ReadFailed()) }, .timeout,
            .key(.down),
            .key(.char("L")),
            .key(.char("Q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { reader }, firstTaskCount: 2)
        try app.run()
        // A long message takes the line above too.
        #expect(screen.frames[1].lines()[21...22].joined().contains("载入全部任务失败：磁盘读取错误"))
        #expect(app.state.matrix.row == 1, "moving still works")
        #expect(screen.frames[3].lines()[21...22].joined().contains("载入全部任务失败"), "an edit is refused with the reason")
        #expect(tracker.records.isEmpty)
        #expect(!screen.frames[3].lines()[0].contains("载入中"))
    }

    @Test func goingToATaskNotYetLoadedSaysSoAndWorksOnceItIs() throws {
        let tracker = Fixture.tracker()
        let reader = ManualReader()
        let last = tracker.plan.tasks.last!.number
        let screen = FakeScreen([
            .text("\(last)G"),
            .run { reader.result = .success((tracker.plan, tracker.records.count)) }, .timeout,
            .text("\(last)G"),
            .key(.char("Q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { reader }, firstTaskCount: 2)
        try app.run()
        let waiting = screen.frames.first { $0.lines()[21...22].joined().contains("正在载入") }
        #expect(waiting != nil, "not “no such task” while it may be in the rest")
        #expect(!screen.frames.contains { $0.text.contains("没有") })
        #expect(app.state.cursorTask?.number == last)
    }

    @Test func aWholeReloadOfALargePlanHappensInTheBackgroundToo() throws {
        let tracker = Fixture.tracker()
        let reader = ManualReader()
        var made = 0
        let screen = FakeScreen([
            // Another session replaces the unit directory: the feed says "reload everything".
            .run {
                try? tracker.replaceUnitDirectory(tracker.plan.units, operatorName: "someone-else")
                tracker.outsideChangePending = true
            },
            .timeout,
            .key(.down),                                     // keys still work meanwhile
            .key(.char("L")),                                // an edit waits
            .run { reader.result = .success((tracker.plan, tracker.records.count)) }, .timeout,
            .key(.char("Q")),
        ])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { made += 1; return reader }, firstTaskCount: 100, backgroundReloadAbove: 0)
        #expect(!app.isLoading, "the plan fitted the first read")
        try app.run()
        #expect(made == 1, "the reload was read in the background")
        #expect(screen.frames[1].lines()[0].contains("载入中 0%"))
        #expect(app.state.matrix.row == 1)
        #expect(screen.frames[3].lines()[21...22].joined().contains("正在载入全部"))
        #expect(tracker.records.count == 1, "nothing was saved while it loaded")
        #expect(screen.frames[4].lines()[22].contains("已载入其他用户的修改"))
        #expect(!screen.frames[4].lines()[0].contains("载入中"))
        #expect(app.state.loading == nil)
    }

    @Test func aTaskOpenedWhileLoadingCountsTheWholePlan() throws {
        let tracker = Fixture.tracker()
        let screen = FakeScreen([.key(.enter), .key(.char("Q"))])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(),
                          backgroundReader: { ManualReader() }, firstTaskCount: 2)
        try app.run()
        #expect(screen.frames[1].lines()[1].contains("（第 1/\(tracker.plan.tasks.count) 项）"))
    }

    @Test func theWordsExistInEnglish() throws {
        let tracker = Fixture.tracker()
        let reader = ManualReader()
        let screen = FakeScreen([.key(.char("/")), .key(.char("Q"))])
        let app = try App(store: tracker, screen: screen, options: Fixture.options(.en),
                          backgroundReader: { reader }, firstTaskCount: 2)
        try app.run()
        #expect(screen.frames[0].lines()[0].contains("loading 0%"))
        #expect(screen.frames[1].lines()[22].contains("Still loading all \(tracker.plan.tasks.count) tasks (0%)"))
    }
}
