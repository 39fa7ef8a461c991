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
    var offset = 0
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
        offset = Viewport.clamped(offset, visible: Self.bodyRows(height: app.height), count: wrapped(app.width).count)
    }

    func wrapped(_ width: Int) -> [String] {
        lines.flatMap { l in l.isEmpty ? [""] : Text.wrap(l.clean, width: max(1, width - 2)) }
    }

    mutating func handle(_ c: Command, _ app: inout AppState) -> [Effect] {
        let page = Self.bodyRows(height: app.height)
        switch c {
        case .scrollUp: offset -= 1
        case .scrollDown: offset += 1
        case .pageUp: offset -= page
        case .pageDown: offset += page
        case .scrollTop: offset = 0
        case .scrollBottom: offset = Int.max / 2
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
        layout(app)
        return []
    }

    /// The store took a number and recorded the notice: show it.
    mutating func issued(number: String, text: String) {
        self.number = number
        lines = Self.split(text)
        offset = 0
    }

    func render(_ r: inout Renderer) {
        let all = wrapped(r.w)
        let visible = Self.bodyRows(height: r.h)
        let off = Viewport.clamped(offset, visible: visible, count: all.count)
        let str = r.state.strings
        let title = number.map { str.f(str.noticeTitle, $0, task) } ?? str.f(str.noticePreviewTitle, task)
        r.grid.put(r.fit(title, r.w - 2), row: 1, col: 1, style: r.theme.heading)
        r.scrollIndicator(row: 1, offset: off, visible: visible, count: all.count)
        for i in 0..<visible {
            let li = off + i
            guard li < all.count, 2 + i < r.h - 2 else { break }
            let style = number == nil && li == 0 ? r.theme.message(.warning) : Style.plain
            r.grid.put(r.fit(all[li], r.w - 2), row: 2 + i, col: 1, style: style)
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
