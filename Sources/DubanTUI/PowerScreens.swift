import DubanCanvas
import DubanCore

// MARK: - Overlays: a one-line prompt and the filter menu

/// A screen that takes typed characters (the key map sends them as `.insert`).
protocol TextInputScreen: ScreenComponent {
    mutating func insert(_ ch: Character, _ app: inout AppState)
}

/// Screens drawn over the one below them (which stays visible and keeps its status line).
extension ViewKind {
    var isOverlay: Bool { self == .prompt || self == .filterMenu }
}

extension AppState {
    /// The topmost screen that is not an overlay: what the status line describes.
    var baseTop: ViewKind { screens.last(where: { !$0.kind.isOverlay })?.kind ?? .matrix }

    /// Hands a typed character to the top screen when it takes text.
    mutating func insertOnTop(_ ch: Character) {
        let i = screens.count - 1
        guard i >= 0, var top = screens[i] as? any TextInputScreen else { return }
        top.insert(ch, &self)
        if screens.indices.contains(i), screens[i].kind == top.kind { screens[i] = top }
    }
}

extension Renderer {
    /// Draws the screen below an overlay.
    mutating func screenBelow() {
        let screens = state.screens
        guard screens.count >= 2 else { return }
        screens[screens.count - 2].render(&self)
    }
}

/// A one-line prompt on the message row: go to a task, or the unit or person of a filter.
struct PromptScreen: TextInputScreen {
    enum Purpose: Equatable, Sendable {
        case gotoTask
        case unit(Role?)
        case followUp
    }
    var purpose: Purpose
    var field: TextField
    var kind: ViewKind { .prompt }
    var keyContext: KeyContext { .input }

    init(_ purpose: Purpose, _ text: String = "") {
        self.purpose = purpose
        self.field = TextField(text)
    }

    mutating func insert(_ ch: Character, _ app: inout AppState) {
        // Go to task takes digits only; anything else would only make Enter refuse later.
        if purpose == .gotoTask, !(ch.isASCII && ch.isNumber) { return }
        _ = field.insert(ch)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if Reducer.editField(&field, c) { return [] }
        switch c {
        case .accept:
            app.pop()
            Reducer.acceptPrompt(&app, purpose, field.text)
        case .cancel:
            app.pop()
            app.status = StatusMessage(app.strings.cancelled)
        default:
            break
        }
        return []
    }

    func prompt(_ s: Strings) -> String {
        switch purpose {
        case .gotoTask: return s.gotoPrompt
        case .unit: return s.filterUnitPrompt
        case .followUp: return s.filterFollowUpPrompt
        }
    }

    func render(_ r: inout Renderer) { r.screenBelow() }

    /// The prompt and its field, on the message row (drawn by `Renderer.bottom`).
    func drawPrompt(_ r: inout Renderer, row: Int) {
        r.grid.fill(row: row, col: 0, count: r.w)
        let x = 1 + r.grid.put(r.fit(prompt(r.s), r.w / 2), row: row, col: 1, style: Style(bold: true))
        r.textField(field, row: row, col: x, width: r.w - x - 1, focused: true)
    }
}

/// The filter menu: a letter picks an entry (or arrows and Enter); the unit and person
/// entries ask for a name on the prompt line, pre-filled from the cursor.
struct FilterMenuScreen: TextInputScreen {
    var selected = 0
    var kind: ViewKind { .filterMenu }
    var keyContext: KeyContext { .menu }

    mutating func insert(_ ch: Character, _ app: inout AppState) {
        guard app.strings.filterMenuItems.contains(where: { $0.key == ch }) else {
            _ = reduce(&app, .unbound(.char(ch)))
            return
        }
        Self.choose(ch, &app)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        let items = app.strings.filterMenuItems
        switch c {
        case .previousItem: selected = max(0, selected - 1)
        case .nextItem: selected = min(items.count - 1, selected + 1)
        case .accept: Self.choose(items[selected].key, &app)
        case .cancel, .back:
            app.pop()
            app.status = StatusMessage(app.strings.cancelled)
        default: break
        }
        return []
    }

    static func choose(_ key: Character, _ app: inout AppState) {
        app.pop()
        let unit = app.cursorUnit?.abbr ?? ""
        switch key {
        case "r": Reducer.addFilter(&app, .light(.red))
        case "y": Reducer.addFilter(&app, .light(.yellow))
        case "g": Reducer.addFilter(&app, .light(.green))
        case "n": Reducer.addFilter(&app, .light(.none))
        case "u": app.push(PromptScreen(.unit(nil), unit))
        case "l": app.push(PromptScreen(.unit(.lead), unit))
        case "c": app.push(PromptScreen(.unit(.cooperating), unit))
        case "p": app.push(PromptScreen(.followUp, app.cursorTask?.followUp ?? ""))
        case "x": Reducer.addFilter(&app, .gaps)
        default: break
        }
    }

    func render(_ r: inout Renderer) {
        r.screenBelow()
        let s = r.s
        let items = s.filterMenuItems
        let texts = items.map { " \($0.key)  \($0.text) " }
        let boxW = min(r.w - 2, max(TextWidth.width(s.filterMenuTitle) + 2, texts.map { TextWidth.width($0) }.max() ?? 0) + 2)
        let boxH = items.count + 3
        let x = max(0, (r.w - boxW) / 2)
        let y = max(1, (r.h - boxH) / 2)
        // A blank column either side keeps the menu apart from the matrix below it.
        for row in y..<min(r.h - 2, y + boxH) { r.grid.fill(row: row, col: max(0, x - 1), count: min(r.w, boxW + 2)) }
        r.grid.put(r.fit(" " + s.filterMenuTitle, boxW), row: y, col: x, style: r.theme.heading)
        let rule = String(repeating: r.g.horizontal, count: boxW)
        r.grid.put(rule, row: y + 1, col: x, style: r.theme.rule)
        for (i, t) in texts.enumerated() where y + 2 + i < r.h - 2 {
            let sel = i == selected
            if sel { r.grid.fill(row: y + 2 + i, col: x, count: boxW, style: r.theme.selected) }
            r.grid.put(r.fit(" " + t, boxW), row: y + 2 + i, col: x, style: sel ? r.theme.selected : .plain)
        }
        if y + boxH - 1 < r.h - 2 { r.grid.put(rule, row: y + boxH - 1, col: x, style: r.theme.rule) }
    }
}

// MARK: - The reducer's side: counts, go to task, filter, sort, clicks

extension Reducer {
    /// Commands a count repeats (`5j`, `3l`, `2n`).
    static let repeatable: Set<Command> = [
        .moveUp, .moveDown, .moveLeft, .moveRight, .previousItem, .nextItem, .scrollUp, .scrollDown,
        .pageUp, .pageDown, .nextMatch, .previousMatch,
    ]
    /// A count larger than this is taken as this (a held digit key cannot stall the screen).
    static let maxCount = 1000

    /// A command typed after a count: `12G` on the matrix goes to task 12; a movement runs
    /// that many times; other commands ignore the count.
    static func counted(_ s: inout AppState, _ c: Command, _ n: Int) -> [Effect] {
        if c == .lastRow, s.keyContext == .matrix { return gotoTask(&s, n) }
        guard repeatable.contains(c) else { return command(&s, c) }
        var effects: [Effect] = []
        for _ in 0..<min(max(1, n), maxCount) { effects += command(&s, c) }
        return effects
    }

    static func countDigit(_ s: inout AppState, _ d: Int) {
        let n = (s.pendingCount ?? 0) * 10 + d
        s.pendingCount = min(n, 99_999_999)
    }

    /// The matrix's power commands.
    static func power(_ s: inout AppState, _ c: Command) -> [Effect] {
        let str = s.strings
        switch c {
        case .gotoTask:
            s.push(PromptScreen(.gotoTask))
        case .filter:
            s.push(FilterMenuScreen())
        case .sort:
            var q = s.matrixQuery
            q.sort = q.sort.next
            s.setMatrixQuery(q)
            s.status = StatusMessage(str.f(str.sortedBy, str.sortName(q.sort)))
        case .clearFilter:
            if s.matrixQuery.isActive {
                s.setMatrixQuery(MatrixQuery())
                s.status = StatusMessage(str.filterCleared)
            } else {
                s.status = StatusMessage(str.filterNothing)
            }
        default:
            break
        }
        return []
    }

    /// Goes to task `n` by its number (not its row), clearing a filter that hides it.
    static func gotoTask(_ s: inout AppState, _ n: Int) -> [Effect] {
        let str = s.strings
        guard let i = s.plan.taskIndex(number: n) else {
            if let loading = s.loading, loading.failed == nil {
                // Not among the first tasks: it may be in the rest.
                s.status = StatusMessage(str.f(str.loadingRefused, loading.totalTasks, loading.percent), .warning)
                s.loading?.spoke = true
            } else if s.plan.retiredTask(number: n) != nil {
                s.status = StatusMessage(str.f(str.gotoRetired, n), .error)
            } else {
                let numbers = s.plan.tasks.map(\.number)
                s.status = StatusMessage(str.f(str.gotoUnknown, n, numbers.min() ?? 0, numbers.max() ?? 0), .error)
            }
            return []
        }
        if s.matrixRow(ofTaskIndex: i) == nil {
            s.setMatrixQuery(MatrixQuery())
            s.status = StatusMessage(str.f(str.gotoFilterCleared, n), .warning)
        }
        s.popToMatrix()
        s.matrix.row = s.matrixRow(ofTaskIndex: i) ?? 0
        s.layoutMatrix()
        return []
    }

    static func acceptPrompt(_ s: inout AppState, _ purpose: PromptScreen.Purpose, _ text: String) {
        let str = s.strings
        let t = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .gotoTask:
            guard let n = Int(t) else {
                s.status = StatusMessage(str.gotoNotNumber, .error)
                return
            }
            _ = gotoTask(&s, n)
        case .unit(let role):
            do {
                let u = try Unit.resolve(t, in: s.plan.units)
                addFilter(&s, .unit(u.name, role: role))
            } catch {
                s.status = StatusMessage(str.describe(error), .error)
            }
        case .followUp:
            guard !t.isEmpty else {
                s.status = StatusMessage(str.filterFollowUpEmpty, .error)
                return
            }
            addFilter(&s, .followUp(t))
        }
    }

    static func addFilter(_ s: inout AppState, _ f: MatrixQuery.Filter) {
        let str = s.strings
        var q = s.matrixQuery
        q.add(f)
        s.setMatrixQuery(q)
        if s.matrixRowCount == 0 {
            let key = KeyMap.keyName(.clearFilter, in: .matrix, ascii: s.options.glyphs.asciiKeyNames)
            s.status = StatusMessage(str.f(str.filterNone, key), .warning)
        } else {
            s.status = StatusMessage(str.f(str.filterShown, s.matrixRowCount, s.plan.tasks.count))
        }
    }

    /// A click: the screen on top places its cursor at the clicked row (and column), from
    /// the same layout and offsets it draws with.
    static func click(_ s: inout AppState, row y: Int, col x: Int) {
        switch s.top {
        case .matrix:
            let layout = MatrixLayout(s, width: s.width, height: s.height)
            let hit = layout.hit(y: y, x: x, s.matrix, rows: s.matrixRowCount, columns: s.plan.units.count)
            if let r = hit.row { s.matrix.row = r }
            if let c = hit.col { s.matrix.col = c }
            s.layoutMatrix()
        case .unitList:
            guard let list = s.topScreen(UnitListScreen.self) else { return }
            let i = y - UnitListScreen.firstRow
            guard i >= 0, i < list.viewport.visible else { return }
            let ui = list.viewport.offset + i
            guard ui < s.plan.units.count else { return }
            s.updateTopScreen(UnitListScreen.self) {
                $0.list.selected = ui
                $0.viewport.follow(ui)
            }
        case .unit:
            s.updateTopScreen(UnitScreen.self) { u in
                let i = y - UnitScreen.firstRow
                guard i >= 0, i < u.viewport.visible else { return }
                let li = u.viewport.offset + i
                // The two headings are not items.
                guard li < u.view.lineCount, li != 0, li != u.view.leads.count + 1 else { return }
                u.view.selected = li <= u.view.leads.count ? li - 1 : li - 2
                u.viewport.follow(li)
            }
        case .overdue:
            s.updateTopScreen(OverdueScreen.self) { o in
                let i = y - OverdueScreen.firstRow
                guard i >= 0, i < o.viewport.visible, o.viewport.offset + i < o.items.count else { return }
                o.selected = o.viewport.offset + i
                o.viewport.follow(o.selected)
            }
        default:
            break
        }
    }
}
