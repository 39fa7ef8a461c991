import DubanCanvas
import DubanCore

/// A screen is a component (Bubble Tea's Model/Update/View, ratatui's StatefulWidget): one
/// value owns its state, says which part of the key map applies, handles the commands of
/// that context, and draws itself. The app keeps a stack of them (`AppState.screens`, the
/// matrix at the bottom); popping a screen drops its state with it, so leaving a screen
/// needs no clean-up code.
///
/// Every screen lives in its own file: MatrixScreen, TaskScreen, UnitScreen, UnitListScreen,
/// HelpScreen, OverdueScreen, WorkloadScreen, RankingScreen.
///
/// How to add a screen (see `HelpScreen.swift` or `WorkloadScreen.swift` for small ones):
/// 1. `Sources/DubanTUI/<Name>Screen.swift`: a struct conforming to `ScreenComponent` with
///    its state (scrolling through a `Viewport`), `kind`, `keyContext`, `bodyRows(height:)`,
///    `layout` (records the visible rows from the size and clamps offsets to a line count
///    the screen knows without building display text; content that must be built, like the
///    task view's, is built here once per state change, never per key or frame), `refresh`
///    if it derives rows from the plan, `handle` (commands → state changes + effects;
///    `app.pop()` to leave, `app.push(_:)` to open another) and `render` (draws at the
///    offsets the layout left, with the Renderer's helpers and the Table widget). Optional:
///    `statusContext` (a context and ruler on the status line), `matrixColumn`.
/// 2. `KeyMap.swift`: a `ViewKind`/`KeyContext` case and the bindings (help and footer
///    are generated from them), plus the command name in `Strings` (zh and en).
/// 3. Open it from another screen's `handle` with `app.push(MyScreen(...))`.
protocol ScreenComponent: Sendable {
    /// Which screen this is (for tests, help sections and `AppState.stack`).
    var kind: ViewKind { get }
    /// Which part of the key map applies while this screen is on top.
    var keyContext: KeyContext { get }
    /// Recomputes what the screen derives from the plan (rows of a list), after an edit or
    /// a reload; `layout` follows.
    mutating func refresh(_ app: AppState)
    /// Records what depends on the size (visible rows of its viewports) and clamps offsets
    /// to the content; called on resize, after opening and after the plan changed.
    mutating func layout(_ app: AppState)
    /// A command from the key map. The screen's copy is written back to its place in the
    /// stack afterwards (unless it was popped).
    mutating func handle(_ command: Command, _ app: inout AppState) -> [Effect]
    /// Draws the body of the screen (below the title bar, above the status lines).
    func render(_ r: inout Renderer)
    /// The screen's part of the status line (the matrix: the cell under the cursor), or nil.
    func statusContext(_ r: Renderer) -> StatusContext?
    /// The matrix column to land on when going back to the matrix from this screen.
    func matrixColumn(_ app: AppState) -> Int?
}

/// What a screen adds to the status line: a context before the message, a ruler at the right
/// when there is room, and whether a long warning may take the row above (the matrix's task
/// title line).
struct StatusContext {
    var context: String
    var ruler: String
    var messageMayWrapAbove: Bool
}

extension ScreenComponent {
    var keyContext: KeyContext { KeyContext(rawValue: kind.rawValue) ?? .matrix }
    mutating func layout(_ app: AppState) {}
    mutating func refresh(_ app: AppState) {}
    func statusContext(_ r: Renderer) -> StatusContext? { nil }
    func matrixColumn(_ app: AppState) -> Int? { nil }
}

extension AppState {
    /// The kinds of the screens on the stack, bottom first.
    public var stack: [ViewKind] { screens.map(\.kind) }
    public var top: ViewKind { screens.last?.kind ?? .matrix }

    /// Opens a screen on top of the others, laid out for the current size.
    mutating func push(_ screen: any ScreenComponent) {
        var screen = screen
        screen.layout(self)
        screens.append(screen)
    }

    /// Leaves the top screen (never the matrix at the bottom).
    mutating func pop() {
        if screens.count > 1 { screens.removeLast() }
    }

    /// Closes every screen of these kinds above the matrix.
    mutating func close(_ kinds: Set<ViewKind>) {
        screens = [screens[0]] + screens.dropFirst().filter { !kinds.contains($0.kind) }
    }

    /// Back to the matrix alone.
    mutating func popToMatrix() { screens = [screens[0]] }

    /// Opens a screen over the matrix alone, its rows derived from the plan now (the
    /// overdue list, workload, ranking).
    mutating func openOverMatrix(_ screen: some ScreenComponent) {
        popToMatrix()
        var screen = screen
        screen.refresh(self)
        push(screen)
    }

    /// Runs a command on the top screen and writes its state back.
    mutating func handleOnTop(_ c: Command) -> [Effect] {
        let i = screens.count - 1
        var top = screens[i]
        let effects = top.handle(c, &self)
        if screens.indices.contains(i), screens[i].kind == top.kind { screens[i] = top }
        return effects
    }

    /// Lays out every screen for the current size and plan.
    mutating func layoutScreens() {
        for i in screens.indices {
            var sc = screens[i]
            sc.layout(self)
            screens[i] = sc
        }
    }

    /// The state of the topmost screen of type `T`, read and written in place.
    func topScreen<T: ScreenComponent>(_ type: T.Type) -> T? {
        for sc in screens.reversed() { if let t = sc as? T { return t } }
        return nil
    }

    mutating func updateTopScreen<T: ScreenComponent>(_ type: T.Type, _ body: (inout T) -> Void) {
        guard let i = screens.lastIndex(where: { $0 is T }), var t = screens[i] as? T else { return }
        body(&t)
        // Laid out at once, so whoever changed it leaves no stale offsets behind.
        t.layout(self)
        screens[i] = t
    }

    /// The task view's state, when a task screen is open.
    public var taskView: TaskViewState? {
        get { topScreen(TaskScreen.self)?.view }
        set {
            guard let newValue else { return close([.task]) }
            updateTopScreen(TaskScreen.self) { $0.view = newValue }
        }
    }

    /// The unit view's state, when a unit screen is open.
    public var unitView: UnitViewState? {
        get { topScreen(UnitScreen.self)?.view }
        set {
            guard let newValue else { return close([.unit]) }
            updateTopScreen(UnitScreen.self) { $0.view = newValue }
        }
    }

    /// The unit list's state (a fresh one when the list is not open).
    public var unitList: UnitListState {
        get { topScreen(UnitListScreen.self)?.list ?? UnitListState() }
        set { updateTopScreen(UnitListScreen.self) { $0.list = newValue } }
    }

    /// What the open supervision screen shows (an empty state when none is open): for tests.
    public var supervision: SupervisionScreenState {
        var s = SupervisionScreenState()
        if let o = topScreen(OverdueScreen.self) {
            (s.overdue, s.selected, s.offset) = (o.items, o.selected, o.viewport.offset)
        }
        if let w = topScreen(WorkloadScreen.self) { (s.loads, s.offset) = (w.loads, w.viewport.offset) }
        if let r = topScreen(RankingScreen.self) { (s.scores, s.offset) = (r.scores, r.viewport.offset) }
        return s
    }

    /// After an edit or a reload: every screen recomputes what it derives from the plan and
    /// lays itself out again.
    mutating func refreshScreens() {
        for i in screens.indices {
            var sc = screens[i]
            sc.refresh(self)
            sc.layout(self)
            screens[i] = sc
        }
    }
}

// MARK: Screens whose keys and drawing still live in Reducer.swift / Render.swift
