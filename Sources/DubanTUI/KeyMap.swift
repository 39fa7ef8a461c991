import DubanCanvas
import DubanCore

/// A named request, as in tig: keys map to commands, commands have descriptions, and the
/// help screen and footer are generated from the bindings, so they cannot drift apart.
public enum Command: String, CaseIterable, Sendable {
    // Matrix cursor
    case moveUp, moveDown, moveLeft, moveRight
    case pageUp, pageDown
    case firstRow, lastRow, firstColumn, lastColumn
    // Lists (milestones, a unit's tasks, units) and scrolling text
    case previousItem, nextItem, firstItem, lastItem
    case scrollUp, scrollDown, scrollTop, scrollBottom
    // Screens
    case openTask, openUnit, showUnitList, showMatrix, showHelp, back, quit, quitNow
    // Assignments
    case makeLead, makeCooperating, removeRole
    case undo, redo
    // Search
    case search, nextMatch, previousMatch
    // Milestones
    case addMilestone, editMilestone, toggleMilestone, deleteMilestone
    // Text input
    case accept, cancel, caretLeft, caretRight, caretHome, caretEnd, deleteBackward, deleteForward, switchField
    // y/n prompt
    case confirmYes, confirmNo
    // Supervision (督办): overdue list, workload, ranking, progress reports, quarterly milestones
    case showOverdue, showWorkload, showRanking, addProgress, addQuarterly
    // The tracker file was removed or replaced under the program
    case reopen
    // The terminal: stop (back with fg), repaint
    case suspend, redraw
    // Tasks, units, notes, follow-up, progress corrections, 督办单 (EditForms, NoticeScreen)
    case addTask, editTask, retireTask, addUnit, editUnit, editNotes, editFollowUp, editProgress, deleteProgress
    case previewNotice, issueNotice, previousReport, nextReport
    // Power keys on the matrix: go to a task by number, filter and sort the rows
    case gotoTask, filter, sort, clearFilter
    // The 督办 workflow (FlowScreen, QueueScreen, FlowActions)
    case showFlow, showQueue, flowSign, flowRequestClose, flowClose, flowReturn, flowSuspend, flowResume
    case requestExtension, approveExtension, rejectExtension
}

/// Where a key is pressed: the screen on top, or the text input / prompt that has the keys.
public enum KeyContext: String, CaseIterable, Sendable {
    case matrix, task, unit, unitList, help, input, confirm
    case overdue, workload, ranking
    case notice
    /// The filter menu (a letter picks an entry).
    case menu
    case flow, queue

    /// Screens (as opposed to text input and prompts); global bindings apply to these.
    public var isScreen: Bool { self != .input && self != .confirm }
}

/// Which footer to show: the key context's, except that the one-field search input
/// leaves out switching fields.
public enum FooterKind: Hashable, Sendable {
    case context(KeyContext)
    case search
}

/// One line of the key map: these keys run this command in these contexts.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let command: Command
    /// Empty for a global binding: every screen (not text input or prompts).
    public let contexts: [KeyContext]

    public init(_ keys: [Key], _ command: Command, _ contexts: [KeyContext]) {
        self.keys = keys
        self.command = command
        self.contexts = contexts
    }

    public var isGlobal: Bool { contexts.isEmpty }

    public func applies(in context: KeyContext) -> Bool {
        isGlobal ? context.isScreen : contexts.contains(context)
    }
}

/// The key map, as data.
public enum KeyMap {
    private static let lists: [KeyContext] = [.task, .unit, .unitList]

    public static let bindings: [KeyBinding] = [
        // Everywhere (every screen)
        KeyBinding([.char("?"), .function(1)], .showHelp, []),
        KeyBinding([.char("Q"), .ctrl("c")], .quitNow, []),
        KeyBinding([.char("R")], .reopen, []),
        KeyBinding([.ctrl("z")], .suspend, []),
        KeyBinding([.ctrl("l")], .redraw, []),

        // Matrix
        KeyBinding([.up, .char("k")], .moveUp, [.matrix]),
        KeyBinding([.down, .char("j")], .moveDown, [.matrix]),
        KeyBinding([.left, .char("h")], .moveLeft, [.matrix]),
        KeyBinding([.right, .char("l")], .moveRight, [.matrix]),
        KeyBinding([.pageUp], .pageUp, [.matrix]),
        KeyBinding([.pageDown], .pageDown, [.matrix]),
        KeyBinding([.char("g")], .firstRow, [.matrix]),
        KeyBinding([.char("G")], .lastRow, [.matrix]),
        KeyBinding([.home], .firstColumn, [.matrix]),
        KeyBinding([.end], .lastColumn, [.matrix]),
        KeyBinding([.enter], .openTask, [.matrix]),
        KeyBinding([.char("L")], .makeLead, [.matrix]),
        KeyBinding([.char("C")], .makeCooperating, [.matrix]),
        KeyBinding([.char("x")], .removeRole, [.matrix]),
        KeyBinding([.char("/")], .search, [.matrix]),
        KeyBinding([.char("n")], .nextMatch, [.matrix]),
        KeyBinding([.char("N")], .previousMatch, [.matrix]),
        KeyBinding([.char("U")], .openUnit, [.matrix]),
        KeyBinding([.tab, .backTab], .showUnitList, [.matrix]),
        KeyBinding([.char(":")], .gotoTask, [.matrix]),
        KeyBinding([.char("f")], .filter, [.matrix]),
        KeyBinding([.char("S")], .sort, [.matrix]),
        KeyBinding([.char("F"), .escape], .clearFilter, [.matrix]),

        // Filter menu (letters pick an entry, as the menu lists them)
        KeyBinding([.up, .char("k")], .previousItem, [.menu]),
        KeyBinding([.down, .char("j")], .nextItem, [.menu]),
        KeyBinding([.enter], .accept, [.menu]),
        KeyBinding([.escape, .char("q")], .cancel, [.menu]),

        // Lists: milestones (task view), a unit's tasks (unit view), units (unit list)
        KeyBinding([.up, .char("k")], .previousItem, lists),
        KeyBinding([.down, .char("j")], .nextItem, lists),
        KeyBinding([.pageUp], .pageUp, lists),
        KeyBinding([.pageDown], .pageDown, lists),
        KeyBinding([.char("g"), .home], .firstItem, lists),
        KeyBinding([.char("G"), .end], .lastItem, lists),

        // Task view
        KeyBinding([.char("a")], .addMilestone, [.task]),
        KeyBinding([.char("e")], .editMilestone, [.task]),
        KeyBinding([.char(" ")], .toggleMilestone, [.task]),
        KeyBinding([.char("D")], .deleteMilestone, [.task]),
        KeyBinding([.char("p")], .addProgress, [.task]),
        KeyBinding([.char("T")], .addQuarterly, [.task]),

        // Tasks and units (TaskUnitForms.swift), the 督办单 (NoticeScreen.swift)
        KeyBinding([.char("A")], .addTask, [.matrix]),
        KeyBinding([.char("E")], .editTask, [.matrix, .task]),
        KeyBinding([.char("X")], .retireTask, [.matrix, .task]),
        KeyBinding([.char("+")], .addUnit, [.matrix, .unitList]),
        KeyBinding([.char("=")], .editUnit, [.matrix, .unit, .unitList]),
        KeyBinding([.char("m")], .editNotes, [.task]),
        KeyBinding([.char("r")], .editFollowUp, [.task]),
        KeyBinding([.char("P")], .editProgress, [.task]),
        KeyBinding([.char("x")], .deleteProgress, [.task]),
        KeyBinding([.char("]")], .nextReport, [.task]),
        KeyBinding([.char("[")], .previousReport, [.task]),
        KeyBinding([.char("v")], .previewNotice, [.task]),
        KeyBinding([.char("I")], .issueNotice, [.notice]),
        KeyBinding([.up, .char("k")], .scrollUp, [.notice]),
        KeyBinding([.down, .char("j")], .scrollDown, [.notice]),
        KeyBinding([.pageUp], .pageUp, [.notice]),
        KeyBinding([.pageDown], .pageDown, [.notice]),
        KeyBinding([.char("g"), .home], .scrollTop, [.notice]),
        KeyBinding([.char("G"), .end], .scrollBottom, [.notice]),
        KeyBinding([.escape, .char("q")], .back, [.notice]),

        // Supervision screens: 督办清单 (overdue list), workload, 考核 (ranking)
        KeyBinding([.char("o")], .showOverdue, [.matrix, .workload, .ranking]),
        KeyBinding([.char("w")], .showWorkload, [.matrix, .overdue, .ranking]),
        KeyBinding([.char("s")], .showRanking, [.matrix, .overdue, .workload]),
        KeyBinding([.up, .char("k")], .previousItem, [.overdue]),
        KeyBinding([.down, .char("j")], .nextItem, [.overdue]),
        KeyBinding([.char("g"), .home], .firstItem, [.overdue]),
        KeyBinding([.char("G"), .end], .lastItem, [.overdue]),
        KeyBinding([.enter], .openTask, [.overdue]),
        KeyBinding([.up, .char("k")], .scrollUp, [.workload, .ranking]),
        KeyBinding([.down, .char("j")], .scrollDown, [.workload, .ranking]),
        KeyBinding([.char("g"), .home], .scrollTop, [.workload, .ranking]),
        KeyBinding([.char("G"), .end], .scrollBottom, [.workload, .ranking]),
        KeyBinding([.pageUp], .pageUp, [.overdue, .workload, .ranking]),
        KeyBinding([.pageDown], .pageDown, [.overdue, .workload, .ranking]),
        KeyBinding([.escape, .char("q")], .back, [.overdue, .workload, .ranking]),

        // Unit view and unit list
        KeyBinding([.enter], .openTask, [.unit]),
        KeyBinding([.enter], .openUnit, [.unitList]),
        KeyBinding([.tab, .backTab], .showMatrix, [.unit, .unitList]),

        // Help
        KeyBinding([.up, .char("k")], .scrollUp, [.help]),
        KeyBinding([.down, .char("j")], .scrollDown, [.help]),
        KeyBinding([.pageUp], .pageUp, [.help]),
        KeyBinding([.pageDown], .pageDown, [.help]),
        KeyBinding([.char("g"), .home], .scrollTop, [.help]),
        KeyBinding([.char("G"), .end], .scrollBottom, [.help]),

        // Undo and redo, then leaving a screen
        KeyBinding([.char("u")], .undo, [.matrix, .task, .unit, .unitList]),
        KeyBinding([.ctrl("r")], .redo, [.matrix, .task, .unit, .unitList]),
        KeyBinding([.escape, .char("q")], .back, [.task, .unit, .unitList, .help]),
        KeyBinding([.char("q")], .quit, [.matrix]),

        // Text input (the search prompt and every form)
        KeyBinding([.enter], .accept, [.input]),
        KeyBinding([.escape, .ctrl("c")], .cancel, [.input]),
        KeyBinding([.tab, .backTab, .up, .down], .switchField, [.input]),
        KeyBinding([.left], .caretLeft, [.input]),
        KeyBinding([.right], .caretRight, [.input]),
        KeyBinding([.home, .ctrl("a")], .caretHome, [.input]),
        KeyBinding([.end, .ctrl("e")], .caretEnd, [.input]),
        KeyBinding([.backspace], .deleteBackward, [.input]),
        KeyBinding([.delete], .deleteForward, [.input]),

        // The 督办 workflow: 办理 (a task's units), 待办 (the office queue, a unit's inbox)
        KeyBinding([.char("b")], .showFlow, [.matrix, .task, .queue]),
        KeyBinding([.char("B")], .showQueue, [.matrix, .unit, .flow]),
        KeyBinding([.up, .char("k")], .previousItem, [.flow, .queue]),
        KeyBinding([.down, .char("j")], .nextItem, [.flow, .queue]),
        KeyBinding([.pageUp], .pageUp, [.flow, .queue]),
        KeyBinding([.pageDown], .pageDown, [.flow, .queue]),
        KeyBinding([.char("g"), .home], .firstItem, [.flow, .queue]),
        KeyBinding([.char("G"), .end], .lastItem, [.flow, .queue]),
        KeyBinding([.enter], .openTask, [.flow, .queue]),
        KeyBinding([.char("s")], .flowSign, [.flow, .queue]),
        KeyBinding([.char("c")], .flowRequestClose, [.flow, .queue]),
        KeyBinding([.char("x")], .flowClose, [.flow, .queue]),
        KeyBinding([.char("t")], .flowReturn, [.flow, .queue]),
        KeyBinding([.char("z")], .flowSuspend, [.flow, .queue]),
        KeyBinding([.char("r")], .flowResume, [.flow, .queue]),
        KeyBinding([.char("d")], .requestExtension, [.task]),
        KeyBinding([.char("Y")], .approveExtension, [.task, .queue]),
        KeyBinding([.char("N")], .rejectExtension, [.task, .queue]),
        KeyBinding([.char("u")], .undo, [.flow, .queue]),
        KeyBinding([.ctrl("r")], .redo, [.flow, .queue]),
        KeyBinding([.escape, .char("q")], .back, [.flow, .queue]),

        // y/n prompt (any other key answers no)
        KeyBinding([.char("y"), .char("Y")], .confirmYes, [.confirm]),
        KeyBinding([.char("n"), .char("N"), .escape], .confirmNo, [.confirm]),
    ]

    /// The most useful commands per context, in footer order.
    public static let footer: [FooterKind: [Command]] = [
        .context(.matrix): [.showHelp, .openTask, .makeLead, .makeCooperating, .removeRole, .undo, .search,
                  .showUnitList, .quit, .showOverdue, .showWorkload, .showRanking, .filter, .sort, .gotoTask],
        .context(.task): [.back, .addMilestone, .editMilestone, .toggleMilestone, .deleteMilestone, .addProgress, .undo,
                          .showHelp],
        .context(.unit): [.back, .openTask, .showMatrix, .showHelp],
        .context(.unitList): [.back, .openUnit, .showMatrix, .showHelp],
        .context(.help): [.back, .scrollDown, .scrollUp],
        .context(.input): [.accept, .switchField, .cancel],
        .search: [.accept, .cancel],
        .context(.confirm): [.confirmYes, .confirmNo],
        .context(.menu): [.accept, .cancel, .showHelp],
        .context(.overdue): [.back, .openTask, .showWorkload, .showRanking, .showHelp],
        .context(.workload): [.back, .showOverdue, .showRanking, .scrollDown, .showHelp],
        .context(.ranking): [.back, .showOverdue, .showWorkload, .scrollDown, .showHelp],
        .context(.notice): [.back, .issueNotice, .scrollDown, .showHelp],
        .context(.flow): [.back, .flowSign, .flowRequestClose, .flowClose, .flowReturn, .flowSuspend, .flowResume, .undo, .showHelp],
        .context(.queue): [.back, .openTask, .flowClose, .flowReturn, .approveExtension, .rejectExtension, .flowSign, .undo, .showHelp],
    ]

    /// Bindings in the order the help screen lists them: per context, then the global ones.
    public static let helpContexts: [KeyContext] = [.matrix, .task, .unit, .unitList, .help, .input, .confirm,
                                                    .overdue, .workload, .ranking, .notice, .menu, .flow, .queue]

    private static let table: [KeyContext: [Key: Command]] = {
        var t: [KeyContext: [Key: Command]] = [:]
        for context in KeyContext.allCases {
            var m: [Key: Command] = [:]
            for b in bindings where b.applies(in: context) {
                for k in b.keys where m[k] == nil { m[k] = b.command }
            }
            t[context] = m
        }
        return t
    }()

    /// The command a key runs in a context, if any.
    public static func command(for key: Key, in context: KeyContext) -> Command? {
        table[context]?[key.normalized]
    }

    /// The bindings of a command in a context (for the footer and messages naming a key).
    public static func keys(for command: Command, in context: KeyContext) -> [Key] {
        bindings.filter { $0.command == command && $0.applies(in: context) }.flatMap(\.keys)
    }

    /// What a key does in the current state: a command from the map, or text typed into an
    /// input field, or nothing.
    public static func action(for key: Key, in state: AppState) -> Action? {
        let context = state.keyContext
        let key = key.normalized
        if case let .mouse(m) = key {
            // The wheel scrolls whatever the arrow keys move on this screen; clicks are
            // delivered for the screen to place the cursor.
            return context.isScreen ? .mouse(m) : nil
        }
        // A count before a command (`5j`, `12G`): digits on a screen, a 0 only after another
        // digit; Esc drops a pending count before it does anything else.
        if context.isScreen, context != .menu {
            if case let .char(ch) = key, ch.isASCII, let d = ch.wholeNumberValue, d > 0 || state.pendingCount != nil {
                return .countDigit(d)
            }
            if key == .escape, state.pendingCount != nil { return .cancelCount }
        }
        if let c = command(for: key, in: context) { return .command(c) }
        switch context {
        case .menu:
            if case let .char(ch) = key { return .insert(ch) }
            return nil
        case .input:
            if case let .char(ch) = key, TextField.accepts(ch) { return .insert(ch) }
            return nil
        case .confirm:
            return .command(.confirmNo)
        default:
            // Say so rather than do nothing; an escape sequence nobody names stays silent.
            if case .unknown = key { return nil }
            return .unbound(key)
        }
    }

    /// The name of a key as the help screen and footer print it.
    public static func name(of key: Key, ascii: Bool) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return ascii ? "Up" : "↑"
        case .down: return ascii ? "Down" : "↓"
        case .left: return ascii ? "Left" : "←"
        case .right: return ascii ? "Right" : "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .unknown(let v): return "#\(v)"
        case .mouse(let m): return "Mouse-" + m.kind.rawValue
        }
    }

    /// The first key of a command in a context, named (for footers and hints).
    public static func keyName(_ command: Command, in context: KeyContext, ascii: Bool) -> String {
        firstKeys[context]?[command].map { name(of: $0, ascii: ascii) } ?? "?"
    }

    /// `keys(for:in:).first` for every context and command, looked up once: the footer names
    /// its keys in every frame.
    private static let firstKeys: [KeyContext: [Command: Key]] = {
        var t: [KeyContext: [Command: Key]] = [:]
        for context in KeyContext.allCases {
            var m: [Command: Key] = [:]
            for b in bindings where b.applies(in: context) {
                if m[b.command] == nil, let k = b.keys.first { m[b.command] = k }
            }
            t[context] = m
        }
        return t
    }()
}

extension Key {
    /// The same key in the form the key map uses: control characters delivered as
    /// characters become their named keys, and Ctrl letters are lower case.
    public var normalized: Key {
        switch self {
        case .char("\n"), .char("\r"), .char("\r\n"): return .enter
        case .char("\t"): return .tab
        case .char("\u{1B}"): return .escape
        case .char("\u{7F}"), .char("\u{08}"): return .backspace
        case .ctrl(let c):
            if c == "m" || c == "j" { return .enter }
            if c == "i" { return .tab }
            if c == "h" { return .backspace }
            if c == "[" { return .escape }
            return .ctrl(Character(String(c).lowercased()))
        default: return self
        }
    }
}

// MARK: - The key map published (duban keys)

/// One binding as `duban keys` publishes it: where, which keys (named as `tmux send-keys`
/// names them), which command, and what it does.
public struct PublishedBinding: Codable, Hashable, Sendable {
    /// A key context (`matrix`, `task`, …) or `global` for every screen.
    public var context: String
    public var keys: [String]
    public var command: String
    public var description: String
}

extension KeyMap {
    /// The name `tmux send-keys` takes for a key: `j`, `G`, `Enter`, `Space`, `Tab`, `BTab`,
    /// `Up`, `PageDown`, `Escape`, `BSpace`, `DC`, `C-l`, `F1`. Nil for keys tmux cannot send
    /// by name (mouse, unknown codes).
    public static func tmuxName(of key: Key) -> String? {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Escape"
        case .backspace: return "BSpace"
        case .delete: return "DC"
        case .tab: return "Tab"
        case .backTab: return "BTab"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "C-" + String(c).lowercased()
        case .unknown, .mouse: return nil
        }
    }

    /// The key map in help order (per context, then the global bindings), described in `language`.
    public static func published(_ language: Language) -> [PublishedBinding] {
        let s = Strings.for(language)
        func entry(_ context: String, _ b: KeyBinding) -> PublishedBinding {
            PublishedBinding(context: context, keys: b.keys.compactMap(tmuxName(of:)), command: b.command.rawValue,
                             description: s.commandHelp[b.command] ?? b.command.rawValue)
        }
        var out: [PublishedBinding] = []
        for c in helpContexts {
            for b in bindings where !b.isGlobal && b.contexts.contains(c) { out.append(entry(c.rawValue, b)) }
        }
        for b in bindings where b.isGlobal { out.append(entry("global", b)) }
        return out
    }
}
