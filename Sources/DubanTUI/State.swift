import DubanCanvas
import DubanCore
import Foundation

// DubanCore's Task and Unit would otherwise be ambiguous with Swift's Task and
// Foundation's Unit. Internal only: public signatures spell DubanCore.Task.
typealias Task = DubanCore.Task
typealias Unit = DubanCore.Unit

/// The kinds of screen (`ScreenComponent.kind`); `AppState.stack` lists them bottom first.
public enum ViewKind: String, Sendable, Equatable {
    case matrix, task, unit, unitList, help
    case overdue, workload, ranking
    /// Overlays: a form, a yes/no question, the search prompt (`FormScreen.swift`).
    case form, confirm, search
    /// A 督办单, previewed or issued.
    case notice
    /// A one-line prompt (go to task, a filter's unit or person) or the filter menu, drawn
    /// over the screen below it.
    case prompt, filterMenu
    /// The 督办 workflow: a task's units and their states; the office queue or a unit's inbox (FlowScreen, QueueScreen).
    case flow, queue
}

public enum SearchMatch: Equatable, Sendable {
    /// Index into plan.tasks.
    case task(Int)
    /// Index into plan.units.
    case unit(Int)
}

public struct SearchState: Equatable, Sendable {
    public var query: String
    public var matches: [SearchMatch]
    public var index: Int
}

/// One step of this session's undo history: the edits one command saved together, as
/// the store applied them, each with the edit that undoes it.
public struct UndoEntry: Equatable, Sendable {
    public var applied: [AppliedEdit]
    /// The edits that undo this step, last edit first.
    public var inverses: [Edit] { applied.reversed().map(\.inverse) }
}

public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, success, warning, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// The whole state of the interactive program. `render` draws it; `reduce` changes it.
public struct AppState: Sendable {
    /// Setting it (an edit, a reload, a catch-up) recomputes the matrix's visible rows.
    public var plan: Plan {
        didSet { if matrixQuery.isActive { refreshMatrixRows() } }
    }
    /// The matrix's filter and sort (`MatrixQuery`), and the visible rows it leaves:
    /// indices into plan.tasks, nil for every task in plan order.
    public internal(set) var matrixQuery = MatrixQuery()
    public internal(set) var matrixRows: [Int]?
    /// Digits typed before a command (`5j`, `12G`), shown on the status line; Esc clears it.
    public var pendingCount: Int?
    public var options: AppOptions
    /// Terminal size as last reported; used for scrolling. `render` takes its own size and
    /// re-clamps offsets, so it works for any size.
    public var width: Int
    public var height: Int
    public var readOnly: Bool
    /// The screens, bottom first: the matrix is always at the bottom (`ScreenComponent`).
    var screens: [any ScreenComponent] = [MatrixScreen()]
    public var search: SearchState?
    public var undoStack: [UndoEntry] = []
    public var redoStack: [UndoEntry] = []
    public var status: StatusMessage?
    /// For showing audit times; tests set UTC.
    public var timeZone: TimeZone = .current
    public var quitting = false
    /// Set when the tracker file was removed or replaced under this program: edits are
    /// refused until it is reopened.
    public var fileReplaced: String?
    /// The status line already says why the next reload happens (a conflict): keep it.
    public var explainsReload = false
    /// Set while the rest of a large plan loads in the background (`Loading.swift`): `plan`
    /// then holds only its first tasks.
    public var loading: LoadingState?

    public init(plan: Plan, options: AppOptions, width: Int = 80, height: Int = 24, readOnly: Bool = false) {
        self.plan = plan
        self.options = options
        self.width = width
        self.height = height
        self.readOnly = readOnly
    }

    public var strings: Strings { Strings.for(options.language) }

    /// Which part of the key map applies now.
    public var keyContext: KeyContext {
        screens.last?.keyContext ?? .matrix
    }

    /// The task under the matrix cursor.
    public var cursorTask: DubanCore.Task? {
        taskIndex(atMatrixRow: matrix.row).map { plan.tasks[$0] }
    }

    /// The unit under the matrix cursor.
    public var cursorUnit: DubanCore.Unit? {
        plan.units.indices.contains(matrix.col) ? plan.units[matrix.col] : nil
    }

    /// The task the task view shows.
    public var viewedTask: DubanCore.Task? { taskView.flatMap { plan.task(number: $0.number) } }

    public var selectedMilestone: Milestone? {
        guard let id = taskView?.selectedMilestone else { return nil }
        return viewedTask?.milestone(id: id)
    }
}

/// Why an edit is being saved: undo bookkeeping depends on it.
public enum Purpose: Equatable, Sendable {
    case edit, undo, redo
}

/// What happened: a key's command, typed text, a resize, or the result of an effect.
public enum Action: Equatable, Sendable {
    case command(Command)
    case insert(Character)
    case resize(width: Int, height: Int)
    /// The store applied the edits of one command (as returned by TrackerStore.apply).
    case persisted([AppliedEdit], Purpose)
    case persistFailed(String, Purpose)
    /// The store refused because someone else changed the item since this session read it.
    case persistConflict(Conflict, Purpose)
    /// The tracker file at the path is no longer the one this program opened.
    case trackerReplaced(String)
    case historyLoaded(task: Int, records: [AuditRecord])
    case historyFailed(String)
    /// The plan was reloaded because someone else changed the file.
    case reloaded(Plan)
    /// Others' edits read from the change feed, to apply to the plan where it is.
    case caughtUp([Edit])
    /// The background read of a large plan has got this far (0…1).
    case loadProgress(Double)
    /// The whole plan is in (it replaces the first tasks the first screen showed).
    case planLoaded(Plan)
    /// The background read failed: the first tasks stay, read-only.
    case loadFailed(String)
    case reloadFailed(String)
    /// A key with no binding here (the status line says so).
    case unbound(Key)
    /// The store issued the task's notice under this number; `text` is the notice.
    case noticeIssued(task: Int, number: String, text: String)
    /// A mouse click or wheel turn on a screen.
    case mouse(MouseEvent)
    /// A digit of a count typed before a command (`5j`, `12G`).
    case countDigit(Int)
    /// Esc with a count pending: forget the count.
    case cancelCount
}

/// Input and output the reducer asks for; the App performs them against the store.
public enum Effect: Equatable, Sendable {
    /// Saves the edits of one command in one transaction (one undo step).
    case persist([Edit], Purpose)
    /// Takes the next notice number for the task and records its 督办单 (one transaction).
    case issueNotice(task: Int)
    /// Opens the tracker at the path again (after it was replaced or removed).
    case reopen
    case loadHistory(task: Int)
    case reload
    case quit
    /// Stop the program (Ctrl-Z) until `fg`, then repaint everything.
    case suspend
    /// Clear the terminal and repaint everything (Ctrl-L).
    case redraw
}
