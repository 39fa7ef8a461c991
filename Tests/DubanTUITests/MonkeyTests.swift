import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

typealias SeededRNG = SeededRandom

/// A screen whose size the test sets; nothing is read from it but the size.
final class MonkeyScreen: Screen {
    var size: (width: Int, height: Int) = (80, 24)
    func draw(_ grid: Grid) {}
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? { nil }
}

/// Random keys and resizes through the whole App against an in-memory tracker, checking
/// invariants after every step. Reproduce a failure with DUBAN_MONKEY_SEED=<seed>.
@Suite struct MonkeyTests {
    static let chars: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 -/.:?!*~")
        + Array("住建发改财政国土人社公安民政工信交通教育督办进展情况存在问题下一步措施，。、“”…")
        + ["\u{202E}", "\u{009B}", "\u{1B}", "e\u{301}", "👨‍👩‍👧", "\t"]

    static func randomKey(_ g: inout SeededRNG) -> Key {
        switch Int.random(in: 0..<20, using: &g) {
        case 0: return .up
        case 1: return .down
        case 2: return .left
        case 3: return .right
        case 4: return [.pageUp, .pageDown, .home, .end].randomElement(using: &g)!
        case 5: return .enter
        case 6: return .escape
        case 7: return [.backspace, .delete, .tab, .backTab].randomElement(using: &g)!
        case 8: return .function(Int.random(in: 1...12, using: &g))
        case 9: return .ctrl(Character(Unicode.Scalar(UInt8.random(in: 97...122, using: &g))))
        case 10: return .unknown(Int32.random(in: -1...600, using: &g))
        case 11: return .char(["L", "C", "x", "u", "a", "e", "d", "y", "n", " ", "/", "?"].randomElement(using: &g)!)
        default: return .char(chars.randomElement(using: &g)!)
        }
    }

    static func randomSize(_ g: inout SeededRNG) -> (Int, Int) {
        switch Int.random(in: 0..<6, using: &g) {
        case 0: return [(0, 0), (1, 1), (0, 24), (80, 0), (39, 9), (40, 10)].randomElement(using: &g)!
        case 1: return (Int.random(in: 1...60, using: &g), Int.random(in: 1...20, using: &g))
        default: return (Int.random(in: 40...200, using: &g), Int.random(in: 10...60, using: &g))
        }
    }

    /// One monkey run: the failures found (each naming the seed), and the events sent.
    struct Run {
        var failures: [String] = []
        var events: [String] = []
        var plan: Plan?
    }

    /// Sends `steps` random events from `seed` through the App and checks the invariants
    /// after each; `extraCheck` adds a check (for the test of the reporting itself).
    /// Every failure message starts with the seed and how to replay it.
    static func run(seed: UInt64, steps: Int, extraCheck: ((AppState) -> String?)? = nil) -> Run {
        var out = Run()
        let replay = "seed \(seed) (rerun with DUBAN_MONKEY_SEED=\(seed))"
        func fail(_ what: String, step: Int?, _ log: [String]) {
            let at = step.map { ", step \($0), last events: \(log.joined(separator: " "))" } ?? ""
            out.failures.append("\(replay)\(at): \(what)")
        }
        var g = SeededRNG(seed: seed)
        let plan: Plan
        let app: App
        let tracker: InMemoryTracker
        let screen = MonkeyScreen()
        do {
            plan = try TableImporter.builtIn().plan
            tracker = InMemoryTracker(plan: plan)
            app = try App(store: tracker, screen: screen, options: Fixture.options())
        } catch {
            fail("setting up failed: \(error)", step: nil, [])
            return out
        }
        let hadLead = Set(plan.tasks.filter { !$0.leads.isEmpty }.map(\.number))
        var log: [String] = []
        for step in 0..<steps {
            let event: TerminalEvent
            if Int.random(in: 0..<25, using: &g) == 0 {
                let (w, h) = Self.randomSize(&g)
                screen.size = (w, h)
                event = .resize(width: w, height: h)
            } else {
                event = .key(Self.randomKey(&g))
            }
            log.append("\(event)")
            out.events.append("\(event)")
            if log.count > 20 { log.removeFirst() }
            app.handle(event)
            if step % 500 == 0 { _ = app.pollOutsideChanges() }
            let s = app.state
            if !(s.matrix.row >= 0 && s.matrix.row < s.plan.tasks.count) { fail("cursor row \(s.matrix.row) outside the plan", step: step, log) }
            if !(s.matrix.col >= 0 && s.matrix.col < s.plan.units.count) { fail("cursor column \(s.matrix.col) outside the plan", step: step, log) }
            if tracker.plan != s.plan { fail("store and screen disagree", step: step, log) }
            // A task may be retired (X, y) and keeps its lead among the retired ones.
            let lost = hadLead.filter {
                (tracker.plan.task(number: $0) ?? tracker.plan.retiredTask(number: $0))?.leads.isEmpty ?? true
            }
            if !lost.isEmpty { fail("tasks lost their lead \(lost.sorted())", step: step, log) }
            if let extra = extraCheck?(s) { fail(extra, step: step, log) }
            // Drawing is the slow part in debug: every resize and every third key.
            if case .resize = event {} else if step % 3 != 0 { continue }
            let grid = render(s, width: screen.size.width, height: screen.size.height)
            if !(grid.width == max(0, screen.size.width) && grid.height == max(0, screen.size.height)) {
                fail("grid \(grid.width)×\(grid.height) for a \(screen.size.width)×\(screen.size.height) screen", step: step, log)
            }
            if !grid.isConsistent { fail("inconsistent grid", step: step, log) }
        }
        out.plan = tracker.plan
        return out
    }

    @Test func thousandsOfRandomKeysAndResizesKeepTheInvariants() {
        let seed = ProcessInfo.processInfo.environment["DUBAN_MONKEY_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("MonkeyTests seed: \(seed)  (rerun with DUBAN_MONKEY_SEED=\(seed))")
        let run = Self.run(seed: seed, steps: 5000)
        for f in run.failures.prefix(20) { Issue.record(Comment(rawValue: f)) }
        if run.failures.count > 20 {
            Issue.record(Comment(rawValue: "seed \(seed) (rerun with DUBAN_MONKEY_SEED=\(seed)): \(run.failures.count - 20) more failures"))
        }
    }

    @Test func aSeedReplaysTheSameRunAndEveryFailureNamesIt() {
        let a = Self.run(seed: 20261201, steps: 300)
        let b = Self.run(seed: 20261201, steps: 300)
        #expect(a.events == b.events && a.plan == b.plan, "the same seed gives the same run")
        #expect(Self.run(seed: 7, steps: 300).events != a.events)
        // A broken invariant is reported at every step, each time with the seed.
        let broken = Self.run(seed: 99, steps: 40) { s in s.plan.tasks.isEmpty ? nil : "forced failure" }
        #expect(broken.failures.count == 40)
        #expect(broken.failures.allSatisfy { $0.hasPrefix("seed 99 (rerun with DUBAN_MONKEY_SEED=99)") })
    }
}
