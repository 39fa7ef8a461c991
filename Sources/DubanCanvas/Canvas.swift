/// DubanCanvas: what a screen is drawn on and what the terminal reports — colours, styles,
/// cells, the grid, keys, and the `Screen` protocol a terminal implements. No dependencies:
/// DubanTerminal draws a Grid and decodes Keys without knowing the reducer or its strings.
/// Text measurement and sanitizing (`Grid.put`) live with the widths in DubanTUI/DubanCore.

/// Terminal colours the front end may ask for; `.default` is the terminal's own.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How one cell is drawn.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
}

/// One terminal cell. A wide character occupies its cell (width 2) and the next one,
/// which is a continuation (width 0, empty text) — as in ratatui's Buffer.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

/// A screen's worth of cells: what `render(state, size)` returns and the terminal layer draws.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (text input), or nil to hide it.
    public var cursor: (row: Int, col: Int)? {
        get { cursorRow.map { ($0, cursorCol) } }
        set { cursorRow = newValue?.row; cursorCol = newValue?.col ?? 0 }
    }
    private var cursorRow: Int?
    private var cursorCol: Int = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, col: Int) -> Cell {
        get { cells[row * width + col] }
        set { cells[row * width + col] = newValue }
    }

    /// The most Unicode scalars one cell holds: a letter with a few marks, a family emoji.
    /// More combining marks than that are dropped rather than sent to the terminal.
    public static let maxCellScalars = 16

    /// Fills columns [col, col+count) of a row with spaces of `style`.
    public mutating func fill(row: Int, col: Int, count: Int, style: Style = .plain) {
        guard row >= 0, row < height, count > 0 else { return }
        let lo = max(0, col), hi = min(width, col + count)
        guard lo < hi else { return }
        for c in lo..<hi {
            setCell(row, c, Cell(text: " ", width: 1, style: style))
        }
    }

    /// Sets a cell and repairs a wide glyph that the write would cut in half (a primitive for
    /// text writers such as DubanTUI's `put`, which measures and sanitizes).
    public mutating func setCell(_ row: Int, _ col: Int, _ cell: Cell) {
        guard col >= 0, col < width else { return }
        let old = self[row, col]
        if old.isContinuation, col > 0, !cell.isContinuation { self[row, col - 1] = Cell(text: " ", width: 1, style: self[row, col - 1].style) }
        if old.width == 2, col + 1 < width, cell.width != 2 {
            self[row, col + 1] = Cell(text: " ", width: 1, style: self[row, col + 1].style)
        }
        if cell.width == 2 && col + 1 >= width {
            self[row, col] = Cell(text: " ", width: 1, style: cell.style)
            return
        }
        self[row, col] = cell
    }

    /// The screen as plain text lines (continuation cells contribute nothing), for tests.
    public func lines() -> [String] {
        (0..<height).map { r in
            var s = ""
            for c in 0..<width { s += self[r, c].text }
            return s
        }
    }

    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
            && a.cursorRow == b.cursorRow && a.cursorCol == b.cursorCol
    }

    public func hash(into h: inout Hasher) {
        h.combine(width); h.combine(height); h.combine(cells)
    }
}

/// A key press as the reducer sees it, decoded by the terminal layer.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    case function(Int)
    /// Ctrl plus a letter, e.g. `.ctrl("r")`.
    case ctrl(Character)
    case unknown(Int32)
    /// A mouse button or wheel (ncurses KEY_MOUSE, decoded).
    case mouse(MouseEvent)
}

/// What the mouse did, and where (0-based screen row and column).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Button 1 pressed (or clicked).
        case click
        case wheelUp, wheelDown
    }

    public var kind: Kind
    public var row: Int
    public var col: Int

    public init(_ kind: Kind, row: Int, col: Int) {
        self.kind = kind
        self.row = row
        self.col = col
    }
}

/// What the terminal reports to the program.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The terminal is gone (the SSH connection dropped, the window was closed) while the
    /// hang-up signal is ignored (`nohup`, some session managers): nothing more can be read
    /// or shown, so the program ends. Every change is saved already.
    case hangup
}

/// The terminal as the program loop sees it. DubanTerminal implements it with ncursesw;
/// tests implement it in memory.
public protocol Screen: AnyObject {
    /// Current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows `grid`, sending only the cells that differ from what is on screen.
    func draw(_ grid: Grid)
    /// The next key or resize, or nil when `timeoutMilliseconds` pass with none
    /// (the loop then polls the tracker for other users' changes).
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Makes the next `draw` clear the terminal and send everything (Ctrl-L).
    func invalidate()
    /// Gives the terminal back and stops the process (Ctrl-Z); returns after `fg`, with
    /// the next `draw` repainting everything.
    func suspend()
}

extension Screen {
    public func invalidate() {}
    public func suspend() {}
}
