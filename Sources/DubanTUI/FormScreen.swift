import DubanCanvas
import DubanCore

/// A screen drawn over the one below it (forms, confirmations, the search prompt): the
/// renderer draws the topmost ordinary screen, then the overlays above it.
protocol OverlayScreen: ScreenComponent {
    /// The field that has the keys, if any (typed characters go there).
    var focusedField: TextField? { get }
    /// Takes a typed character.
    mutating func insert(_ ch: Character)
    /// Shows why a save did not happen (a form keeps its text).
    mutating func refuse(_ text: String)
}

extension OverlayScreen {
    var focusedField: TextField? { nil }
    mutating func insert(_ ch: Character) {}
    mutating func refuse(_ text: String) {}
}

/// One field of a form.
struct FormField: Sendable {
    enum Kind: Sendable, Equatable {
        /// Free text.
        case text
        /// A date typed any way `Day.parseInput` understands; the hint says how it was read.
        case date
        /// A unit typed by name, short name or abbreviation; the hint names the unit found.
        /// Empty means none.
        case unit
    }

    var label: String
    var kind: Kind
    var value: TextField
    /// The value as stored when the form opened (or, after a conflict, as someone else left
    /// it): saving sends only fields that differ from it, expecting it.
    var original: String
    /// Empty is refused with this message.
    var required: String?
    /// Columns of the input (nil: the room the frame leaves).
    var width: Int?
    /// The hint beside an empty or plain field.
    var usual: String?

    init(_ label: String, _ kind: Kind = .text, _ value: String = "", required: String? = nil,
         width: Int? = nil, usual: String? = nil) {
        self.label = label
        self.kind = kind
        self.value = TextField(value)
        self.original = value
        self.required = required
        self.width = width
        self.usual = usual
    }

    var text: String { value.text.trimmingCharacters(in: .whitespaces) }
    var changed: Bool { text != original.trimmingCharacters(in: .whitespaces) }
}

/// What a form's save function decided.
enum FormOutcome {
    /// Save these edits in one transaction (one undo step); the form stays open until the
    /// store has saved them, and shows the reason if it refuses.
    case save([Edit])
    /// Refuse with a reason, focusing a field.
    case refuse(String, field: Int?)
    /// Nothing differs from what the form showed.
    case noChanges
    /// Close the form and run these (e.g. open a confirmation).
    case next((inout AppState) -> [Effect])
}

/// The values of a form when Enter saves it, already checked field by field.
struct FormValues {
    var fields: [FormField]
    var app: AppState
    subscript(_ i: Int) -> String { fields[i].text }
    func changed(_ i: Int) -> Bool { fields[i].changed }
    func original(_ i: Int) -> String { fields[i].original }
    /// A date field's value (nil when empty; checked before the save function runs).
    func day(_ i: Int) -> Day? { fields[i].text.isEmpty ? nil : Day.parseInput(fields[i].text, today: app.options.today) }
    /// A unit field's value (nil when empty; checked before).
    func unit(_ i: Int) -> Unit? { fields[i].text.isEmpty ? nil : try? app.plan.resolveUnit(fields[i].text) }
}

/// The one form of the program: a title, fields, what Enter saves, and how to read the
/// stored values again after a conflict. Enter moves to the next field and saves on the
/// last one; Tab moves between fields; Esc cancels.
///
/// How to add a form (see `EditForms.swift`): a static function that builds a `FormScreen`
/// from the plan (title, `FormField`s with the stored values, `current` to read those
/// values again, `save` turning the checked values into edits), and a line in the screen
/// that opens it: `app.push(TaskForms.add(app))`.
struct FormScreen: OverlayScreen {
    var title: String
    var fields: [FormField]
    var focus = 0
    var error: String?
    var maxWidth = 68
    /// The stored values of the fields now, read from a plan (nil: the item is gone). After
    /// a conflict the form is rebased on them once the plan is reloaded.
    var current: @Sendable (Plan) -> [String]?
    var save: @Sendable (FormValues) -> FormOutcome
    /// Identifies the form in tests ("milestone.edit", "task.add", …).
    var name: String
    var rebasePending = false

    init(_ name: String, title: String, fields: [FormField], maxWidth: Int = 68,
         current: @escaping @Sendable (Plan) -> [String]? = { _ in nil },
         save: @escaping @Sendable (FormValues) -> FormOutcome) {
        self.name = name
        self.title = title
        self.fields = fields
        self.maxWidth = maxWidth
        self.current = current
        self.save = save
    }

    var kind: ViewKind { .form }
    var keyContext: KeyContext { .input }
    var focusedField: TextField? { fields.indices.contains(focus) ? fields[focus].value : nil }

    subscript(_ i: Int) -> String { fields[i].value.text }

    mutating func insert(_ ch: Character) {
        guard fields.indices.contains(focus) else { return }
        fields[focus].value.insert(ch)
        error = nil
    }

    mutating func refuse(_ text: String) { error = text }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        switch c {
        case .accept:
            if let why = check(focus, app) {
                error = why
                return []
            }
            if focus < fields.count - 1 {
                focus += 1
                error = nil
                return []
            }
            return submit(&app)
        case .switchField:
            focus = (focus + 1) % max(1, fields.count)
        case .cancel:
            app.pop()
            app.status = StatusMessage(app.strings.cancelled)
        default:
            if fields.indices.contains(focus) { _ = Reducer.editField(&fields[focus].value, c) }
        }
        return []
    }

    /// Why field `i` cannot be saved as typed, if it cannot.
    func check(_ i: Int, _ app: AppState) -> String? {
        guard fields.indices.contains(i) else { return nil }
        let f = fields[i]
        let str = app.strings
        if f.text.isEmpty {
            return f.required
        }
        switch f.kind {
        case .text: return nil
        case .date:
            return Day.parseInput(f.text, today: app.options.today) == nil ? str.describe(DomainError.invalidDate(f.text)) : nil
        case .unit:
            do {
                _ = try app.plan.resolveUnit(f.text)
                return nil
            } catch {
                return str.describe(error)
            }
        }
    }

    mutating func submit(_ app: inout AppState) -> [Effect] {
        for i in fields.indices {
            if let why = check(i, app) {
                focus = i
                error = why
                return []
            }
        }
        guard !app.readOnly else {
            app.pop()
            return Reducer.readOnly(&app)
        }
        switch save(FormValues(fields: fields, app: app)) {
        case let .refuse(why, field):
            error = why
            if let field { focus = field }
            return []
        case .noChanges:
            app.pop()
            app.status = StatusMessage(app.strings.noChanges)
            return []
        case let .next(body):
            app.pop()
            return body(&app)
        case let .save(edits):
            for e in edits {
                do {
                    try e.checkDates(today: app.options.today)
                } catch {
                    self.error = app.strings.describe(error)
                    return []
                }
            }
            error = nil
            return [.persist(edits, .edit)]
        }
    }

    func render(_ r: inout Renderer) {
        let view = FormView(
            title: title,
            fields: fields.map { f in
                FormView.Field(f.label, f.value, width: f.width, hint: r.hint(for: f))
            },
            focus: focus, error: error, maxWidth: maxWidth)
        r.form(view)
    }
}

extension Renderer {
    /// What a field's hint shows: how a date or unit was understood, or the usual hint.
    func hint(for f: FormField) -> (text: String, style: Style)? {
        switch f.kind {
        case .text:
            return f.usual.map { ($0, theme.dim) }
        case .date:
            return dateHint(f.value.text, usual: f.usual ?? "")
        case .unit:
            let t = f.text
            if t.isEmpty { return f.usual.map { ($0, theme.dim) } }
            if let u = try? state.plan.resolveUnit(t) { return ("→ " + u.name.clean, theme.dim) }
            return (state.strings.formNoSuchUnit, theme.message(.error))
        }
    }
}

/// A yes/no question over the screen below: y runs `yes`, any other key cancels.
struct ConfirmScreen: OverlayScreen {
    var question: String
    /// What "yes" does (checked again against the plan at that moment).
    var yes: @Sendable (inout AppState) -> [Effect]
    /// Identifies the question in tests.
    var name: String
    var kind: ViewKind { .confirm }
    var keyContext: KeyContext { .confirm }

    init(_ name: String, question: String, yes: @escaping @Sendable (inout AppState) -> [Effect]) {
        self.name = name
        self.question = question
        self.yes = yes
    }

    func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        app.pop()
        guard c == .confirmYes else {
            app.status = StatusMessage(app.strings.cancelled)
            return []
        }
        if app.readOnly { return Reducer.readOnly(&app) }
        return yes(&app)
    }

    func render(_ r: inout Renderer) {
        let row = r.h - 2
        r.grid.fill(row: row, col: 0, count: r.w)
        r.grid.put(r.fit(question.clean, r.w - 2), row: row, col: 1, style: r.theme.message(.warning))
    }
}

/// The search prompt on the message line.
struct SearchScreen: OverlayScreen {
    var field = TextField()
    var kind: ViewKind { .search }
    var keyContext: KeyContext { .input }
    var focusedField: TextField? { field }
    mutating func insert(_ ch: Character) { field.insert(ch) }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if Reducer.editField(&field, c) { return [] }
        switch c {
        case .accept:
            app.pop()
            Reducer.runSearch(&app, field.text)
        case .cancel:
            app.pop()
        default:
            break
        }
        return []
    }

    func render(_ r: inout Renderer) {
        let row = r.h - 2
        r.grid.fill(row: row, col: 0, count: r.w)
        let x = 1 + r.grid.put(r.s.searchPrompt, row: row, col: 1, style: Style(bold: true))
        r.textField(field, row: row, col: x, width: r.w - x - 1, focused: true)
    }
}

extension AppState {
    /// The overlay on top (a form, a question, the search prompt), if any.
    var overlay: (any OverlayScreen)? { screens.last as? any OverlayScreen }
    /// The form on top, if any.
    var form: FormScreen? { screens.last as? FormScreen }
    /// The question on top, if any.
    var confirm: ConfirmScreen? { screens.last as? ConfirmScreen }

    /// Runs `body` on the overlay on top and writes it back.
    mutating func updateOverlay(_ body: (inout any OverlayScreen) -> Void) {
        guard var o = overlay else { return }
        body(&o)
        screens[screens.count - 1] = o
    }

    /// After a conflict, once the plan is reloaded: the open form takes the stored values
    /// as its originals (the typed text stays), so Enter again saves over them knowingly.
    mutating func rebaseForm() {
        guard var f = form, f.rebasePending else { return }
        f.rebasePending = false
        guard let now = f.current(plan), now.count == f.fields.count else {
            pop()
            return
        }
        for i in f.fields.indices { f.fields[i].original = now[i] }
        screens[screens.count - 1] = f
    }
}
