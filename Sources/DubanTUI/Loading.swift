import DubanCore
import Foundation

/// A large plan is opened in two steps: the first screen comes from the first tasks
/// (`TrackerStore.firstTasks`), and the whole plan is read in the background
/// (`PlanReader`) while keys are handled. Until it is in, `AppState.plan` holds only those
/// first tasks: moving about them, opening one, help and quitting work; whatever needs the
/// whole plan (search, filters, lists, reports) or changes it says it is still loading.
public struct LoadingState: Equatable, Sendable {
    /// Tasks in the whole plan (the window holds fewer).
    public var totalTasks: Int
    /// How far the background read has got, 0…1.
    public var fraction: Double = 0
    /// Why the background read failed; the window stays, read-only.
    public var failed: String?
    /// The status line says something about the loading (cleared when it is done).
    var spoke = false
    /// Reading the plan again after another session's whole-tracker change (not the first
    /// open): the plan on screen is whole meanwhile, only older.
    public var isReload: Bool

    public init(totalTasks: Int, isReload: Bool = false) {
        self.totalTasks = totalTasks
        self.isReload = isReload
    }

    public var percent: Int { Int((fraction * 100).rounded(.down)) }
}

extension AppState {
    /// The matrix's rows as the header and ruler count them: while a large plan loads, every
    /// task of the whole plan (no filter can be set then), else the rows shown.
    var countedRows: Int { loading?.totalTasks ?? matrixRowCount }
    /// Tasks in the whole plan, also while only its first tasks are in.
    var countedTasks: Int { loading?.totalTasks ?? plan.tasks.count }
}

/// Reads the whole plan off the main thread. `App` asks it now and then how far it is.
public protocol PlanReader: AnyObject {
    /// How far it has read (0…1) and, once it has finished, the plan with its change-feed
    /// sequence, or why it could not.
    func poll() -> (fraction: Double, result: Result<(plan: Plan, sequence: Int), any Error>?)
}

/// A `PlanReader` on a thread of its own, with a store of its own (`open` makes it there:
/// a second connection to the same tracker), so the main thread's store stays free for
/// the screen.
public final class BackgroundPlanReader: PlanReader, @unchecked Sendable {
    private let lock = NSLock()
    private var fraction = 0.0
    private var result: Result<(plan: Plan, sequence: Int), any Error>?

    public init(open: @escaping @Sendable () throws -> TrackerStore) {
        let thread = Thread { [self] in
            let outcome: Result<(plan: Plan, sequence: Int), any Error>
            do {
                let store = try open()
                outcome = .success(try store.snapshot { f in self.set(fraction: f) })
            } catch {
                outcome = .failure(error)
            }
            lock.lock()
            result = outcome
            fraction = 1
            lock.unlock()
        }
        thread.name = "duban plan reader"
        thread.start()
    }

    private func set(fraction f: Double) {
        lock.lock()
        fraction = f
        lock.unlock()
    }

    public func poll() -> (fraction: Double, result: Result<(plan: Plan, sequence: Int), any Error>?) {
        lock.lock()
        defer { lock.unlock() }
        return (fraction, result)
    }
}

extension Reducer {
    /// Commands that work on the first tasks alone: moving, opening a task that is on
    /// screen, help, the terminal, quitting.
    static let worksWhileLoading: Set<Command> = [
        .moveUp, .moveDown, .moveLeft, .moveRight, .pageUp, .pageDown, .firstRow, .lastRow, .firstColumn, .lastColumn,
        .previousItem, .nextItem, .firstItem, .lastItem, .scrollUp, .scrollDown, .scrollTop, .scrollBottom,
        .openTask, .showMatrix, .showHelp, .back, .quit, .quitNow, .suspend, .redraw, .reopen,
        .accept, .cancel, .confirmYes, .confirmNo, .previousReport, .nextReport,
    ]

    /// While the plan loads: refuses a command that needs the whole plan, with a sentence
    /// (true: handled). A move that stops at the last task loaded so far says why.
    static func refusedWhileLoading(_ s: inout AppState, _ c: Command) -> Bool {
        guard let loading = s.loading else { return false }
        let str = s.strings
        if let why = loading.failed {
            guard worksWhileLoading.contains(c) else {
                s.status = StatusMessage(str.f(str.loadFailed, why, s.plan.tasks.count), .error)
                return true
            }
            return false
        }
        guard worksWhileLoading.contains(c) else {
            s.status = StatusMessage(str.f(str.loadingRefused, loading.totalTasks, loading.percent), .warning)
            s.loading?.spoke = true
            return true
        }
        return false
    }

    /// After a move on the matrix: at the last task loaded so far, say the rest is coming.
    static func noteLoadingEdge(_ s: inout AppState, _ c: Command) {
        guard let loading = s.loading, loading.failed == nil, s.top == .matrix,
              [.moveDown, .pageDown, .lastRow].contains(c), s.matrix.row >= s.matrixRowCount - 1 else { return }
        s.status = StatusMessage(s.strings.f(s.strings.loadingMore, loading.percent), .warning)
        s.loading?.spoke = true
    }

    /// The whole plan is in: it takes the place of the first tasks, the cursor stays on its
    /// task and unit.
    static func planLoaded(_ s: inout AppState, _ plan: Plan) {
        let oldTask = s.cursorTask?.number
        let oldUnit = s.cursorUnit?.name
        let spoke = s.loading?.spoke ?? false
        let isReload = s.loading?.isReload ?? false
        s.loading = nil
        s.plan = plan
        if let n = oldTask, let i = plan.taskIndex(number: n), let r = s.matrixRow(ofTaskIndex: i) { s.matrix.row = r }
        if let u = oldUnit, let c = plan.unitIndex(name: u) { s.matrix.col = c }
        // A task view open on a task that is gone (retired by someone meanwhile) closes.
        if let n = s.taskView?.number, plan.task(number: n) == nil { s.popToMatrix() }
        if spoke, s.status?.kind == .warning { s.status = nil }
        if isReload, s.status == nil { s.status = StatusMessage(s.strings.outsideReloaded) }
        reclamp(&s)
    }
}
