import DubanCanvas
import DubanCore
import Dispatch

/// The interactive program: reads events from a `Screen`, turns keys into actions through
/// the key map, reduces them, performs the effects against the `TrackerStore`, and draws.
/// It draws only after handling an event (or after reloading others' changes); the
/// Screen implementation diffs what it is given.
public final class App {
    public private(set) var state: AppState
    private var store: TrackerStore
    private let screen: Screen
    private let options: AppOptions
    private let historyLimit = TaskViewContent.historyLimit
    /// Opens the tracker at the same path again, after it was removed or replaced.
    private let reopen: (() throws -> TrackerStore)?
    /// Monotonic seconds; tests pass a fake clock.
    private let clock: () -> Double
    /// When the tracker was last checked for others' changes.
    private var lastPoll: Double
    /// The change-feed number the screen's plan includes, and this session's own edits
    /// after it (already on screen, so skipped when the feed brings them back).
    private var sequence: Int
    private var ownSequences = Set<Int>()
    /// A catch-up failed (the server did not answer, say): try again at the next poll even
    /// though no new change is announced.
    private var catchUpPending = false
    /// A whole reload the reducer asked for failed: the next poll reads the whole plan.
    private var reloadPending = false

    /// The longest others' changes wait while someone keeps typing: the loop checks after a
    /// key too once this much time has passed since the last check.
    public static let maxPollGap: Double = 1.0

    /// Reads the rest of a large plan while the first screen is up (nil: none loading).
    private var reader: PlanReader?
    /// Makes that reader: called once the first screen is drawn, so the background read
    /// does not compete with it for the processor.
    private var makeReader: (() -> PlanReader)?
    /// How a background reader is made (nil: the whole plan is always read at once).
    private let backgroundReader: (() -> PlanReader)?
    /// A whole reload of a plan with more tasks than this (another session replaced the
    /// unit directory, restored a backup) is read in the background too.
    private let backgroundReloadAbove: Int
    /// Tasks the first screen reads before the rest loads: three screens' worth (so a page
    /// or two down works at once), at least this many.
    public static let firstTasks = 100

    /// With `backgroundReader`, a plan larger than `App.firstTasks` opens at once on its
    /// first tasks and the rest is read by the reader it makes (a second connection) while
    /// keys are handled; without, the whole plan is read before the first screen.
    public init(store: TrackerStore, screen: Screen, options: AppOptions,
                reopen: (() throws -> TrackerStore)? = nil,
                backgroundReader: (() -> PlanReader)? = nil, firstTaskCount: Int? = nil, backgroundReloadAbove: Int = 5_000,
                clock: @escaping () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) throws {
        self.store = store
        self.screen = screen
        self.options = options
        self.reopen = reopen
        self.clock = clock
        self.lastPoll = clock()
        self.backgroundReader = backgroundReader
        self.backgroundReloadAbove = backgroundReloadAbove
        let size = screen.size
        var window: PlanWindow?
        if let backgroundReader {
            let first = try store.firstTasks(firstTaskCount ?? max(Self.firstTasks, 3 * size.height))
            if !first.isWhole {
                window = first
                makeReader = backgroundReader
            }
        }
        if let window {
            sequence = window.sequence
            state = AppState(plan: window.plan, options: options, width: size.width, height: size.height,
                             readOnly: store.isReadOnly)
            state.loading = LoadingState(totalTasks: window.totalTasks)
        } else {
            // A small plan (or no reader): all of it now, retired tasks included.
            let snapshot = try store.snapshot()
            sequence = snapshot.sequence
            state = AppState(plan: snapshot.plan, options: options, width: size.width, height: size.height,
                             readOnly: store.isReadOnly)
        }
        _ = reduce(&state, .resize(width: size.width, height: size.height))
    }

    /// True while the rest of the plan is being read (or is about to be).
    public var isLoading: Bool { reader != nil || makeReader != nil }

    /// Starts the background read once, after the first screen.
    private func startLoading() {
        guard let make = makeReader else { return }
        makeReader = nil
        reader = make()
    }

    /// Runs until the user quits. Every edit has been saved by then.
    public func run() throws {
        draw()
        while !state.quitting {
            step()
        }
    }

    /// One turn of the loop: waits for an event (at most the poll interval), handles it,
    /// and checks for others' changes when no key came or when the last check is older
    /// than `maxPollGap`, so a steady stream of keys cannot hold off a refresh.
    public func step() {
        startLoading()
        // While the plan loads, wake often enough to move the progress figure.
        let timeout = reader == nil ? options.pollMilliseconds : min(options.pollMilliseconds, Self.loadingPollMilliseconds)
        if let event = screen.nextEvent(timeoutMilliseconds: timeout) {
            handle(event)
            checkLoading()
            if clock() - lastPoll >= Self.maxPollGap { pollOutsideChanges() }
            draw()
        } else if checkLoading() || pollOutsideChanges() {
            draw()
        }
    }

    /// How often the progress of a background read is looked at.
    public static let loadingPollMilliseconds = 100

    /// Takes the background read's progress, or the whole plan once it is in. Returns true
    /// if the screen changed.
    @discardableResult
    public func checkLoading() -> Bool {
        startLoading()
        guard let reader else { return false }
        let (fraction, result) = reader.poll()
        switch result {
        case nil:
            let before = state.loading?.percent
            dispatch(.loadProgress(fraction))
            return state.loading?.percent != before
        case let .success((plan, seq))?:
            self.reader = nil
            // Nothing was saved meanwhile (edits wait for the whole plan): the feed goes on
            // from the read, and the next poll catches up with whatever came after it.
            sequence = seq
            ownSequences.removeAll()
            dispatch(.planLoaded(plan))
            return true
        case let .failure(error)?:
            self.reader = nil
            dispatch(.loadFailed(state.strings.describe(error)))
            return true
        }
    }

    /// Handles one terminal event (exposed for tests and for embedding).
    public func handle(_ event: TerminalEvent) {
        switch event {
        case let .key(key):
            if let action = KeyMap.action(for: key, in: state) { dispatch(action) }
        case let .resize(width, height):
            dispatch(.resize(width: width, height: height))
        case .hangup:
            // Nobody is there to answer: end as the hang-up signal would have.
            state.quitting = true
        }
    }

    /// Reduces an action and performs its effects, and theirs, until none are left.
    public func dispatch(_ action: Action) {
        var queue = reduce(&state, action)
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if let next = perform(effect) { queue += reduce(&state, next) }
        }
    }

    /// Performs one effect and returns the action that reports its result.
    private func perform(_ effect: Effect) -> Action? {
        let strings = state.strings
        switch effect {
        case let .persist(edits, purpose):
            do {
                let applied = try store.apply(edits, operatorName: options.operatorName)
                ownSequences.formUnion(applied.map(\.sequence).filter { $0 > sequence })
                return .persisted(applied, purpose)
            } catch DomainError.conflict(let c) {
                return .persistConflict(c, purpose)
            } catch let e as TrackerReplaced {
                return .trackerReplaced(strings.describe(e))
            } catch {
                return .persistFailed(strings.describe(error), purpose)
            }
        case .reopen:
            guard let reopen else { return .reloadFailed(strings.cannotReopen) }
            do {
                let fresh = try reopen()
                let snapshot = try fresh.snapshot()
                let plan = snapshot.plan
                sequence = snapshot.sequence
                ownSequences.removeAll()
                store = fresh
                state.fileReplaced = nil
                state.readOnly = fresh.isReadOnly
                return .reloaded(plan)
            } catch {
                return .reloadFailed(strings.describe(error))
            }
        case let .loadHistory(task):
            do {
                return .historyLoaded(task: task, records: try store.log(limit: historyLimit, task: task))
            } catch {
                return .historyFailed(strings.describe(error))
            }
        case let .issueNotice(task):
            do {
                let today = options.today
                let settings = options.settings
                let plan = state.plan
                var text = ""
                let serial = try store.issueNotice(task: task, date: today, operatorName: options.operatorName) { serial in
                    text = try Reports.notice(plan: plan, task: task, serial: IssuedNotice.number(year: today.year, serial: serial),
                                              today: today, settings: settings)
                }
                return .noticeIssued(task: task, number: IssuedNotice.number(year: today.year, serial: serial), text: text)
            } catch {
                return .persistFailed(strings.describe(error), .edit)
            }
        case .reload:
            do {
                return .reloaded(try fullReload())
            } catch {
                // Tried again at the next poll: the feed has moved past the edits that did not fit.
                reloadPending = true
                return .reloadFailed(strings.describe(error))
            }
        case .quit:
            state.quitting = true
            return nil
        case .suspend:
            screen.suspend()
            return nil
        case .redraw:
            screen.invalidate()
            return nil
        }
    }

    /// Called when no key came within the poll interval. Returns true if the screen changed.
    @discardableResult
    public func pollOutsideChanges() -> Bool {
        lastPoll = clock()
        // Once the file is known to be gone, say so once and wait for the person to reopen.
        // While the plan loads (or after its read failed) there is no whole plan to catch up.
        guard state.fileReplaced == nil, state.loading == nil else { return false }
        do {
            if reloadPending {
                let plan = try fullReload()
                reloadPending = false
                dispatch(.reloaded(plan))
                return true
            }
            let announced = try store.hasOutsideChanges()
            guard announced || catchUpPending else { return false }
            catchUpPending = true
            let caught = try catchUp()
            catchUpPending = false
            switch caught {
            case nil:
                // Nothing to show, or a whole reload begun in the background (its figure is).
                return state.loading != nil
            case let .plan(plan)?:
                dispatch(.reloaded(plan))
            case let .edits(edits)?:
                dispatch(.caughtUp(edits))
            }
        } catch let e as TrackerReplaced {
            dispatch(.trackerReplaced(state.strings.describe(e)))
        } catch {
            dispatch(.reloadFailed(state.strings.describe(error)))
        }
        return true
    }

    /// The plan with the changes others committed since `sequence`, read from the change
    /// feed: cost proportional to what changed. A whole-tracker change (a restore, a new
    /// unit directory) or an edit that does not fit this copy reloads everything. Nil when
    /// nothing of the plan changed.
    /// What a catch-up brings: the whole plan read again, or others' edits to apply.
    private enum CatchUp {
        case plan(Plan)
        case edits([Edit])
    }

    private func catchUp() throws -> CatchUp? {
        let feed = try store.changes(since: sequence)
        var edits: [Edit] = []
        var reload = false
        for r in feed.records where !ownSequences.contains(r.seq) {
            switch r.body {
            case let .edit(e): edits.append(e)
            case .reload: reload = true
            case .other: break
            }
        }
        if reload {
            // A large plan is read again in the background, as at the start: keys keep
            // working, the title bar shows the progress, edits wait for it.
            if let backgroundReader, state.plan.tasks.count > backgroundReloadAbove {
                state.loading = LoadingState(totalTasks: state.plan.tasks.count, isReload: true)
                makeReader = backgroundReader
                startLoading()
                return nil
            }
            return .plan(try fullReload())
        }
        // The sequence moves only once the plan is caught up, so a failure is retried.
        func advance() {
            sequence = max(sequence, feed.latest)
            ownSequences = ownSequences.filter { $0 > sequence }
        }
        guard !edits.isEmpty else {
            advance()
            return nil
        }
        // The reducer applies them in place; one that does not fit there asks for a whole
        // reload (`Effect.reload`), which resets the sequence.
        advance()
        return .edits(edits)
    }

    private func fullReload() throws -> Plan {
        let snapshot = try store.snapshot()
        sequence = snapshot.sequence
        ownSequences.removeAll()
        return snapshot.plan
    }

    private func draw() {
        let size = screen.size
        if size.width != state.width || size.height != state.height {
            dispatch(.resize(width: size.width, height: size.height))
        }
        screen.draw(render(state, width: state.width, height: state.height))
    }
}
