/// The one owner of scrolling: the first line shown of `count` lines in `visible` rows, and
/// optionally a selected line kept in view. Screens record `visible` when they lay out for
/// a size (never while drawing), and every change goes through `clamp`, `follow` or
/// `scroll`, so render can use `offset` as it is.
struct Viewport: Equatable, Sendable {
    /// First line shown.
    var offset = 0
    /// Rows available, as computed from the size at layout time.
    var visible = 1
    /// Lines of content, as last reported by the screen.
    var count = 0

    init(offset: Int = 0, visible: Int = 1, count: Int = 0) {
        self.offset = offset
        self.visible = max(1, visible)
        self.count = max(0, count)
        clamp()
    }

    /// The offset clamped to the content: no empty rows after the end (pages without a cursor).
    mutating func clamp() {
        offset = Viewport.clamped(offset, visible: visible, count: count)
    }

    /// Scrolls as little as possible so that `line` is visible.
    mutating func follow(_ line: Int) {
        offset = Viewport.following(line, offset: offset, visible: visible, count: count)
    }

    mutating func scroll(by delta: Int) {
        // Saturating, so Int.max / 2 style "to the end" requests cannot overflow.
        offset = offset.addingReportingOverflow(delta).overflow ? (delta > 0 ? Int.max / 2 : 0) : offset + delta
        clamp()
    }

    mutating func scrollToTop() { offset = 0 }
    mutating func scrollToBottom() { offset = max(0, count - visible) }

    /// Records a new size and content length, keeping the offset valid.
    mutating func resize(visible: Int, count: Int) {
        self.visible = max(1, visible)
        self.count = max(0, count)
        clamp()
    }

    /// Indices of the lines shown.
    var lines: Range<Int> { offset..<min(count, offset + visible) }

    static func clamped(_ offset: Int, visible: Int, count: Int) -> Int {
        max(0, min(offset, count - visible))
    }

    static func following(_ cursor: Int, offset: Int, visible: Int, count: Int) -> Int {
        guard count > 0, visible > 0 else { return 0 }
        var o = max(0, min(offset, count - visible))
        if cursor < o { o = cursor }
        if cursor >= o + visible { o = cursor - visible + 1 }
        return max(0, o)
    }
}

extension Viewport {
    /// The scrolling commands of a page without a cursor (help, workload, ranking): true
    /// when `c` was one of them.
    mutating func handleScroll(_ c: Command) -> Bool {
        switch c {
        case .scrollUp: scroll(by: -1)
        case .scrollDown: scroll(by: 1)
        case .pageUp: scroll(by: -visible)
        case .pageDown: scroll(by: visible)
        case .scrollTop: scrollToTop()
        case .scrollBottom: scrollToBottom()
        default: return false
        }
        return true
    }
}
