import DubanCore

/// The interactive program: reads events from a `Screen`, turns keys into actions through
/// the key map, reduces them, performs the effects against the `TrackerStore`, and draws.
/// It draws only after handling an event (or after reloading others' changes); the
/// Screen implementation diffs what it is given.
public final class App {
    public private(set) var state: AppState
    private let store: TrackerStore
    private let screen: Screen
    private let options: AppOptions
    private let historyLimit = TaskViewContent.historyLimit

    public init(store: TrackerStore, screen: Screen, options: AppOptions) throws {
        self.store = store
        self.screen = screen
        self.options = options
        let size = screen.size
        state = AppState(plan: try store.loadPlan(), options: options, width: size.width, height: size.height,
                         readOnly: store.isReadOnly)
        _ = reduce(&state, .resize(width: size.width, height: size.height))
    }

    /// Runs until the user quits. Every edit has been saved by then.
    public func run() throws {
        draw()
        while !state.quitting {
            if let event = screen.nextEvent(timeoutMilliseconds: options.pollMilliseconds) {
                handle(event)
                draw()
            } else if pollOutsideChanges() {
                draw()
            }
        }
    }

    /// Handles one terminal event (exposed for tests and for embedding).
    public func handle(_ event: TerminalEvent) {
        switch event {
        case let .key(key):
            if let action = KeyMap.action(for: key, in: state) { dispatch(action) }
        case let .resize(width, height):
            dispatch(.resize(width: width, height: height))
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
        case let .persist(edit, purpose):
            do {
                let applied = try store.apply(edit, operatorName: options.operatorName)
                return .persisted(applied, purpose)
            } catch {
                return .persistFailed(strings.describe(error), purpose)
            }
        case let .loadHistory(task):
            do {
                return .historyLoaded(task: task, records: try store.log(limit: historyLimit, task: task))
            } catch {
                return .historyFailed(strings.describe(error))
            }
        case .reload:
            do { return .reloaded(try store.loadPlan()) } catch { return .reloadFailed(strings.describe(error)) }
        case .quit:
            state.quitting = true
            return nil
        }
    }

    /// Called when no key came within the poll interval. Returns true if the screen changed.
    @discardableResult
    public func pollOutsideChanges() -> Bool {
        do {
            guard try store.hasOutsideChanges() else { return false }
            dispatch(.reloaded(try store.loadPlan()))
        } catch {
            dispatch(.reloadFailed(state.strings.describe(error)))
        }
        return true
    }

    private func draw() {
        let size = screen.size
        if size.width != state.width || size.height != state.height {
            dispatch(.resize(width: size.width, height: size.height))
        }
        screen.draw(render(state, width: state.width, height: state.height))
    }
}
