import DubanCanvas
import DubanCore

/// The 督办单 of one task: first a preview marked 预览（未编号）, then (after `issueNotice`
/// and a question) the notice with the number the store took, recorded in the register.
struct NoticeScreen: ScreenComponent {
    var task: Int
    /// The notice's lines (a preview heading first until it is issued).
    var lines: [String]
    /// The number given, once issued.
    var number: String?
    /// `lines` wrapped to the width last laid out for (the viewport counts these).
    var shown: [String] = []
    var viewport = Viewport()
    var kind: ViewKind { .notice }

    init(app: AppState, task: Int) {
        self.task = task
        let o = app.options
        let serial = "督办〔\(o.today.year)〕__号"
        do {
            let text = try Reports.notice(plan: app.plan, task: task, serial: serial, today: o.today, settings: o.settings)
            let key = KeyMap.keyName(.issueNotice, in: .notice, ascii: o.glyphs.asciiKeyNames)
            let heading = app.strings.f(app.strings.noticePreviewHeading, key)
            lines = [heading, ""] + Self.split(text)
        } catch {
            lines = [app.strings.describe(error)]
        }
    }

    static func bodyRows(height: Int) -> Int { max(1, height - 4) }

    static func split(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    mutating func layout(_ app: AppState) {
        shown = lines.flatMap { l in l.isEmpty ? [""] : Text.wrap(l.clean, width: max(1, app.width - 2)) }
        viewport.resize(visible: Self.bodyRows(height: app.height), count: shown.count)
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        if viewport.handleScroll(c) { return [] }
        switch c {
        case .back:
            app.pop()
            return []
        case .issueNotice:
            guard !app.readOnly else { return Reducer.readOnly(&app) }
            if let number {
                app.status = StatusMessage(app.strings.f(app.strings.noticeAlreadyIssued, number))
                return []
            }
            let n = task
            let q = app.strings.f(app.strings.noticeIssueQuestion, n)
            app.push(ConfirmScreen("notice.issue", question: q) { _ in [.issueNotice(task: n)] })
            return []
        default:
            break
        }
        return []
    }

    /// The store took a number and recorded the notice: show it.
    mutating func issued(number: String, text: String) {
        self.number = number
        lines = Self.split(text)
        viewport.offset = 0
    }

    func render(_ r: inout Renderer) {
        let str = r.state.strings
        let title = number.map { str.f(str.noticeTitle, $0, task) } ?? str.f(str.noticePreviewTitle, task)
        let warnFirst = number == nil
        r.page(title: title, viewport, bodyRows: Self.bodyRows(height: r.h)) { r, li, row in
            let style = warnFirst && li == 0 ? r.theme.message(.warning) : Style.plain
            r.grid.put(r.fit(shown[li], r.w - 2), row: row, col: 1, style: style)
        }
    }
}

extension Reducer {
    /// The store issued a notice (numbered and recorded inside one transaction).
    static func noticeIssued(_ s: inout AppState, task: Int, number: String, text: String) {
        s.updateTopScreen(NoticeScreen.self) { if $0.task == task { $0.issued(number: number, text: text) } }
        s.status = StatusMessage(s.strings.f(s.strings.noticeIssued, number), .success)
    }
}
