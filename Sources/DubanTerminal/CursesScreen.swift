#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import DubanCanvas

/// Why the terminal could not be opened.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, a cron job).
    case notATerminal
    /// TERM is not set.
    case noTerminalType
    /// ncurses does not know TERM, or it cannot address the cursor.
    case unusableTerminal(String)
    /// Another CursesScreen is open; curses drives one terminal per process here.
    case alreadyOpen

    public var description: String {
        switch self {
        case .notATerminal:
            return "交互界面需要在终端中运行：标准输入和标准输出都必须是终端 (stdin and stdout must be a terminal). 非交互使用请用子命令，例如 duban export。"
        case .noTerminalType:
            return "未设置终端类型 TERM (TERM is not set); 例如 export TERM=xterm-256color"
        case .unusableTerminal(let term):
            return "无法使用终端类型 \"\(term)\" (unknown or unusable TERM); 例如 export TERM=xterm-256color"
        case .alreadyOpen:
            return "终端界面已经打开 (a CursesScreen is already open)"
        }
    }
}

/// The terminal through ncursesw: draws grids by sending only what changed and reads
/// keys, including Chinese text from an input method (one `wget_wch` character each).
///
/// Modes: raw (Ctrl-C, Ctrl-Z, Ctrl-S, Ctrl-Q arrive as keys, not signals or flow
/// control), no echo, nonl, keypad, ESCDELAY 25 ms, cursor hidden unless a grid asks
/// for it. Use from one thread. `close()` (or deinit) ends curses; so do fatal signals,
/// crashes and `exit()` while it is open.
public final class CursesScreen: Screen {
    nonisolated(unsafe) private static var isOpenSomewhere = false

    /// Colours are used (asked for, and the terminal has them).
    public let colorEnabled: Bool
    /// The terminal draws East Asian Ambiguous characters two columns wide (`--ambiguous`):
    /// such glyphs are written past curses, which would count them one column
    /// (`ScreenDiff.wideAmbiguousCells`).
    public var ambiguousWide = false
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var isOpen = false
    private var previous: Grid?
    private var needsFullRedraw = true
    private var cursorVisible: Bool?
    private var defaultColors = false
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int32 = 1
    private var lastSize = (width: 0, height: 0)

    /// Opens the terminal on standard input and output.
    /// - Parameter color: use colours when the terminal has them.
    /// - Throws: `TerminalError` when stdin/stdout is not a terminal or TERM is unusable;
    ///   the terminal is left as it was then.
    public init(color: Bool) throws {
        guard !CursesScreen.isOpenSomewhere else { throw TerminalError.alreadyOpen }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw TerminalError.noTerminalType
        }
        CursesScreen.setUpLocale()

        // newterm (unlike initscr) returns NULL for an unknown TERM instead of exiting.
        TerminalGuard.install()
        guard let sp = newterm(nil, duban_stdout(), duban_stdin()) else {
            TerminalGuard.uninstall()
            throw TerminalError.unusableTerminal(term)
        }
        // A terminal that cannot place the cursor (TERM=dumb) cannot show a grid.
        guard duban_has_cup() else {
            _ = endwin()
            delscreen(sp)
            TerminalGuard.uninstall()
            throw TerminalError.unusableTerminal(term)
        }
        screen = sp
        window = duban_stdscr()
        isOpen = true
        CursesScreen.isOpenSomewhere = true
        TerminalGuard.setLive(true)

        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = set_escdelay(25)
        _ = leaveok(window, true)

        var useColor = false
        if color && has_colors() {
            if start_color() == duban_ok() {
                useColor = true
                defaultColors = use_default_colors() == duban_ok()
            }
        }
        colorEnabled = useColor
        // Clicks and the wheel arrive as KEY_MOUSE (hold Shift to select text in most terminals).
        _ = duban_enable_mouse()
        setCursor(visible: false)
        lastSize = currentSize()
    }

    deinit { close() }

    /// Ends curses and gives the terminal back as it was. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        _ = endwin()
        TerminalGuard.setLive(false)
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
        TerminalGuard.uninstall()
        CursesScreen.isOpenSomewhere = false
    }

    /// Columns and rows of the terminal.
    public var size: (width: Int, height: Int) {
        if isOpen { lastSize = currentSize() }
        return lastSize
    }

    private func currentSize() -> (width: Int, height: Int) {
        guard let window else { return lastSize }
        var rows: Int32 = 0, cols: Int32 = 0
        duban_getmaxyx(window, &rows, &cols)
        return (Int(cols), Int(rows))
    }

    /// Makes the next `draw` clear the terminal and send every cell (Ctrl-L, or after
    /// something else wrote to the terminal).
    public func invalidate() {
        needsFullRedraw = true
    }

    /// Shows `grid`. Only cells that differ from the previous grid are handed to curses
    /// (and curses in turn sends only what differs from the screen); the first draw,
    /// a change of size and `invalidate()` clear the terminal once and send everything.
    /// A half wide glyph in `grid` is drawn as a space (`ScreenDiff.normalized`).
    public func draw(_ grid: Grid) {
        guard isOpen, let window else { return }
        let grid = ScreenDiff.normalized(grid)
        let (termWidth, termHeight) = currentSize()
        let runs: [DrawRun]
        if needsFullRedraw || previous == nil || previous?.width != grid.width || previous?.height != grid.height {
            _ = werase(window)
            _ = clearok(window, true)
            runs = ScreenDiff.fullRuns(grid)
            needsFullRedraw = false
        } else {
            runs = ScreenDiff.runs(from: previous, to: grid)
        }
        previous = grid

        var buffer = [wchar_t](repeating: 0, count: 8)
        var styleCache: (Style, attr_t, Int16)?
        for run in runs where run.row < termHeight {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                let col = run.col + i
                guard col < termWidth else { break }
                let (attrs, pair): (attr_t, Int16)
                if let cached = styleCache, cached.0 == cell.style {
                    (attrs, pair) = (cached.1, cached.2)
                } else {
                    (attrs, pair) = attributes(for: cell.style)
                    styleCache = (cell.style, attrs, pair)
                }
                var glyph = Glyph.make(for: cell, room: termWidth - col, maxScalars: Int(duban_ccharw_max()),
                                       systemWidth: CursesScreen.systemWidth)
                if ambiguousWide, glyph.padContinuation, cell.width == 2, glyph.scalars.first != " " {
                    glyph.scalars = [" "]  // held by curses as spaces; the glyph is written by `overlay`
                }
                put(glyph.scalars, window, run.row, col, attrs, pair, &buffer)
                if glyph.padContinuation, col + 1 < termWidth {
                    put([" "], window, run.row, col + 1, attrs, pair, &buffer)
                }
            }
        }

        if let cursor = grid.cursor, cursor.row >= 0, cursor.row < termHeight, cursor.col >= 0, cursor.col < termWidth {
            _ = leaveok(window, false)
            _ = wmove(window, Int32(cursor.row), Int32(cursor.col))
            _ = wnoutrefresh(window)
            _ = doupdate()
            overlay(grid, termWidth: termWidth, termHeight: termHeight)
            setCursor(visible: true)
        } else {
            setCursor(visible: false)
            _ = leaveok(window, true)
            _ = wnoutrefresh(window)
            _ = doupdate()
            overlay(grid, termWidth: termWidth, termHeight: termHeight)
        }
    }

    /// In a terminal that draws Ambiguous characters wide: writes every such glyph of the
    /// grid after curses has flushed (curses holds spaces there, and may have cleared a row
    /// around them). Costs nothing when the terminal is narrow or the screen has none.
    private func overlay(_ grid: Grid, termWidth: Int, termHeight: Int) {
        guard ambiguousWide else { return }
        let cells = ScreenDiff.wideAmbiguousCells(grid, terminalWidth: termWidth, systemWidth: CursesScreen.systemWidth)
        guard !cells.isEmpty else { return }
        for (row, col, cell) in cells where row < termHeight {
            let (attrs, pair) = attributes(for: cell.style)
            let glyph = Glyph.make(for: cell, room: termWidth - col, maxScalars: Int(duban_ccharw_max()),
                                   systemWidth: { s in CursesScreen.systemWidth(s) == 1 ? 2 : CursesScreen.systemWidth(s) })
            let text = String(String.UnicodeScalarView(glyph.scalars))
            _ = duban_overlay_cell(Int32(row), Int32(col), text, attrs, pair)
        }
    }

    /// The next key or resize; nil when `timeoutMilliseconds` pass without one (or a
    /// signal interrupted the wait). A negative timeout waits for ever.
    /// ESC followed at once by `[` or `O` is an escape sequence terminfo does not name and
    /// comes back as `.unknown(27)`; ESC followed by anything else is `.escape` and then
    /// that input (so Alt+x reads as Escape, x) — see `KeyDecoder.readEvent`.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard isOpen, let window else { return nil }
        let decoded = KeyDecoder.readEvent(
            timeoutMilliseconds: timeoutMilliseconds,
            read: { ms in
                wtimeout(window, Int32(clamping: max(-1, ms)))
                var code: Int32 = 0
                let r = duban_get_wch(window, &code)
                return r < 0 ? nil : RawInput(code: code, isKeyCode: r == 1)
            },
            unread: { raw in _ = raw.isKeyCode ? ungetch(raw.code) : unget_wch(wchar_t(raw.code)) })
        switch decoded {
        case nil:
            // No key: the time ran out, or the terminal hung up (then every read fails at
            // once, and the loop would spin on them).
            return Self.hasHungUp(STDIN_FILENO) ? .hangup : nil
        case .key(let key):
            return .key(key)
        case .resize:
            needsFullRedraw = true
            let s = size
            return .resize(width: s.width, height: s.height)
        case .mouse:
            var y: Int32 = 0, x: Int32 = 0
            var buttons: UInt = 0
            guard duban_getmouse(&y, &x, &buttons) == 0,
                  let key = KeyDecoder.decodeMouse(buttons: buttons, row: Int(y), col: Int(x)) else { return nil }
            return .key(key)
        }
    }

    /// True when `fd` (a terminal) has hung up or is no longer usable: its other end closed.
    static func hasHungUp(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return false }
        return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Ctrl-Z: gives the terminal back (endwin), stops the process with SIGTSTP under its
    /// default action, and when `fg` continues it, returns with the next `draw` clearing the
    /// terminal and repainting everything (which also puts curses' modes back).
    public func suspend() {
        guard isOpen else { return }
        _ = endwin()
        TerminalGuard.setLive(false)
        var stop = sigaction()
        #if canImport(Glibc)
        stop.__sigaction_handler.sa_handler = SIG_DFL
        #else
        stop.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigemptyset(&stop.sa_mask)
        var previous = sigaction()
        _ = sigaction(SIGTSTP, &stop, &previous)
        _ = raise(SIGTSTP)  // stopped here until SIGCONT
        _ = sigaction(SIGTSTP, &previous, nil)
        TerminalGuard.setLive(true)
        needsFullRedraw = true
        lastSize = currentSize()
    }

    // MARK: - Drawing helpers

    private func put(_ scalars: [Unicode.Scalar], _ window: UnsafeMutablePointer<WINDOW>, _ row: Int, _ col: Int,
                     _ attrs: attr_t, _ pair: Int16, _ buffer: inout [wchar_t]) {
        var n = 0
        for s in scalars where n < buffer.count - 1 {
            buffer[n] = wchar_t(bitPattern: s.value)
            n += 1
        }
        buffer[n] = 0
        let r = duban_put_cell(window, Int32(row), Int32(col), buffer, attrs, pair)
        if r == -2 {
            buffer[0] = wchar_t(UInt8(ascii: "?"))
            buffer[1] = 0
            _ = duban_put_cell(window, Int32(row), Int32(col), buffer, attrs, pair)
        }
    }

    private static func systemWidth(_ s: Unicode.Scalar) -> Int {
        Int(wcwidth(wchar_t(bitPattern: s.value)))
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var a = duban_a_normal()
        if style.bold { a |= duban_a_bold() }
        if style.reverse { a |= duban_a_reverse() }
        if style.underline { a |= duban_a_underline() }
        if style.dim { a |= duban_a_dim() }
        return (a, colorEnabled ? pair(fg: style.fg, bg: style.bg) : 0)
    }

    /// The colour pair for fg/bg, made on first use. Pair 0 is the terminal's own colours.
    private func pair(fg: Color, bg: Color) -> Int16 {
        if fg == .default && bg == .default { return 0 }
        let key = UInt16(fg.rawValue) << 8 | UInt16(bg.rawValue)
        if let p = pairs[key] { return p }
        guard nextPair < min(duban_color_pairs(), Int32(Int16.max)) else { return 0 }
        let n = Int16(nextPair)
        guard init_pair(n, cursesColor(fg, background: false), cursesColor(bg, background: true)) == duban_ok() else {
            pairs[key] = 0
            return 0
        }
        nextPair += 1
        pairs[key] = n
        return n
    }

    private func cursesColor(_ c: Color, background: Bool) -> Int16 {
        switch c {
        case .default: return defaultColors ? -1 : (background ? duban_color_black() : duban_color_white())
        case .black: return duban_color_black()
        case .red: return duban_color_red()
        case .green: return duban_color_green()
        case .yellow: return duban_color_yellow()
        case .blue: return duban_color_blue()
        case .magenta: return duban_color_magenta()
        case .cyan: return duban_color_cyan()
        case .white: return duban_color_white()
        }
    }

    private func setCursor(visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)
    }

    // MARK: - Locale

    /// setlocale(LC_ALL, "") so ncursesw reads and writes the user's multibyte encoding
    /// (UTF-8, or GBK under a zh_CN.GBK locale). When LANG names a locale this machine
    /// lacks (common over SSH: the client's zh_CN.UTF-8) or says plain C/POSIX, the
    /// character type falls back to C.UTF-8, because the alternative is a screen of "?".
    private static func setUpLocale() {
        let ok = setlocale(LC_ALL, "") != nil
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if !ok || codeset == "ANSI_X3.4-1968" || codeset == "ASCII" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil {
                _ = setlocale(LC_CTYPE, "en_US.UTF-8")
            }
        }
    }
}
