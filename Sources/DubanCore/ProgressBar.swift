/// A one-line progress bar for long CLI work (`init --from` a large table, `migrate`,
/// `export`): `label [#######-------]  42%  420,000/1,000,000`, redrawn in place with `\r`
/// at most every `interval` nanoseconds, fitted to `width` columns (CJK labels counted by
/// display width), and erased by `finish()` so the command's own output starts on a clean line.
///
/// Pure: it writes through `sink` and reads time through `clock`; the CLI creates one only
/// when standard error is a terminal (piped, nothing extra is written).
///
/// Not thread-safe: one piece of work reports to it at a time (a store's write may call it
/// from its own thread while the caller waits), hence `@unchecked Sendable`.
public final class ProgressBar: @unchecked Sendable {
    public let width: Int
    private let sink: (String) -> Void
    private let clock: () -> UInt64
    private let interval: UInt64
    private var label = ""
    private var total = 0
    private var lastDraw: UInt64?
    private var shown = false

    /// - Parameters:
    ///   - width: the terminal's width in columns; the line uses at most `width - 1`.
    ///   - interval: the least time between two redraws, in nanoseconds (default 100 ms).
    public init(width: Int, interval: UInt64 = 100_000_000, clock: @escaping () -> UInt64,
                sink: @escaping (String) -> Void) {
        self.width = max(10, width)
        self.interval = interval
        self.clock = clock
        self.sink = sink
    }

    /// Starts a phase: a new label and total (0 for "unknown": the bar shows the label only).
    /// Draws at once.
    public func start(_ label: String, total: Int) {
        self.label = Sanitizer.clean(label)
        self.total = max(0, total)
        lastDraw = nil
        update(0)
    }

    /// Reports `done` of the phase's total; redraws only when `interval` has passed since the
    /// last redraw (or at the very end of the phase).
    public func update(_ done: Int) {
        let now = clock()
        if let last = lastDraw, now &- last < interval, done < total { return }
        lastDraw = now
        sink("\r" + ProgressBar.line(label: label, done: done, total: total, width: width) + "\u{1B}[K")
        shown = true
    }

    /// Erases the bar (a carriage return and erase-to-end-of-line), leaving the cursor at
    /// the start of an empty line.
    public func finish() {
        guard shown else { return }
        sink("\r\u{1B}[K")
        shown = false
    }

    /// The bar's text for `done` of `total`, at most `width - 1` display columns.
    public static func line(label: String, done: Int, total: Int, width: Int) -> String {
        let room = max(1, width - 1)
        guard total > 0 else { return TextWidth.truncate(label, to: room) }
        let d = min(max(0, done), total)
        let percent = d * 100 / total
        let count = " \(percent < 10 ? "  " : percent < 100 ? " " : "")\(percent)%  \(grouped(d))/\(grouped(total))"
        let labelText = TextWidth.truncate(label, to: max(0, min(TextWidth.width(label), room / 3)))
        let barWidth = room - TextWidth.width(labelText) - 1 - 2 - TextWidth.width(count)
        guard barWidth >= 5 else {
            return TextWidth.truncate(labelText + count, to: room)
        }
        let filled = barWidth * d / total
        return labelText + " [" + String(repeating: "#", count: filled)
            + String(repeating: "-", count: barWidth - filled) + "]" + count
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
