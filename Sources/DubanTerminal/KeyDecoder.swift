import CNCursesW
import DubanCanvas

/// One result of `wget_wch`: a character (`isKeyCode == false`, `code` is a wide
/// character) or a curses key code (`KEY_UP`, `KEY_RESIZE`, …).
public struct RawInput: Hashable, Sendable {
    public var code: Int32
    public var isKeyCode: Bool

    public init(code: Int32, isKeyCode: Bool) {
        self.code = code
        self.isKeyCode = isKeyCode
    }

    public static func char(_ c: Int32) -> RawInput { RawInput(code: c, isKeyCode: false) }
    public static func keyCode(_ c: Int32) -> RawInput { RawInput(code: c, isKeyCode: true) }
}

/// What one raw input means to the program.
public enum DecodedInput: Hashable, Sendable {
    case key(Key)
    /// `KEY_RESIZE`: the caller asks the terminal for the new size.
    case resize
    /// `KEY_MOUSE`: the caller fetches the event (`getmouse`) and decodes it with `decodeMouse`.
    case mouse
}

/// Turns `wget_wch` results into `Key` values. Pure: no terminal needed.
///
/// Characters (wget_wch returned OK):
/// - 10 (LF, Ctrl-J) and 13 (CR, Ctrl-M; Enter in raw/nonl mode) → `.enter`
/// - 27 → `.escape` (see `readEvent` for ESC followed at once by more input)
/// - 127 (DEL) and 8 (BS, Ctrl-H) → `.backspace`
/// - 9 (Ctrl-I) → `.tab`
/// - 1…26 otherwise → `.ctrl("a")…` `.ctrl("z")` (Ctrl-C arrives here in raw mode: no SIGINT)
/// - 0, 28…31, C1 controls (0x80…0x9F), surrogates and invalid scalars → `.unknown(code)`
/// - anything else, including CJK typed through an input method → `.char`
///
/// Key codes (wget_wch returned KEY_CODE_YES):
/// arrows; KEY_PPAGE/KEY_NPAGE → page up/down; KEY_HOME/KEY_END → home/end; the keypad's
/// corners KEY_A1/KEY_C1 → home/end and KEY_A3/KEY_C3 → page up/down; KEY_ENTER → enter;
/// KEY_BACKSPACE → backspace; KEY_DC → delete; KEY_BTAB → backTab; KEY_F(1…12) →
/// `.function(n)`; KEY_RESIZE → `.resize`; any other → `.unknown(code)`.
public enum KeyDecoder {
    public static func decode(code: Int32, isKeyCode: Bool) -> DecodedInput {
        isKeyCode ? decodeKeyCode(code) : .key(decodeChar(code))
    }

    public static func decode(_ raw: RawInput) -> DecodedInput {
        decode(code: raw.code, isKeyCode: raw.isKeyCode)
    }

    static func decodeKeyCode(_ code: Int32) -> DecodedInput {
        let c = Int(code)
        switch c {
        case Int(duban_key_resize()): return .resize
        case Int(duban_key_mouse()): return .mouse
        case Int(duban_key_up()): return .key(.up)
        case Int(duban_key_down()): return .key(.down)
        case Int(duban_key_left()): return .key(.left)
        case Int(duban_key_right()): return .key(.right)
        case Int(duban_key_ppage()), Int(duban_key_a3()): return .key(.pageUp)
        case Int(duban_key_npage()), Int(duban_key_c3()): return .key(.pageDown)
        case Int(duban_key_home()), Int(duban_key_a1()): return .key(.home)
        case Int(duban_key_end()), Int(duban_key_c1()): return .key(.end)
        case Int(duban_key_enter()): return .key(.enter)
        case Int(duban_key_backspace()): return .key(.backspace)
        case Int(duban_key_dc()): return .key(.delete)
        case Int(duban_key_btab()): return .key(.backTab)
        default:
            let f = c - Int(duban_key_f(0))
            if (1...12).contains(f) { return .key(.function(f)) }
            return .key(.unknown(code))
        }
    }

    /// A mouse event from `getmouse`: button 1 pressed or clicked → click, button 4 → wheel
    /// up, button 5 → wheel down, at (row, col); anything else (a release, other buttons) → nil.
    public static func decodeMouse(buttons: UInt, row: Int, col: Int) -> Key? {
        let kind: MouseEvent.Kind
        if buttons & UInt(duban_button4_pressed()) != 0 {
            kind = .wheelUp
        } else if duban_button5_pressed() != 0, buttons & UInt(duban_button5_pressed()) != 0 {
            kind = .wheelDown
        } else if buttons & UInt(duban_button1_pressed() | duban_button1_clicked()) != 0 {
            kind = .click
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, row: row, col: col))
    }

    /// The button masks `decodeMouse` knows (for tests).
    public static var mouseMasks: (button1Pressed: UInt, button1Clicked: UInt, wheelUp: UInt, wheelDown: UInt) {
        (UInt(duban_button1_pressed()), UInt(duban_button1_clicked()), UInt(duban_button4_pressed()),
         UInt(duban_button5_pressed()))
    }

    static func decodeChar(_ code: Int32) -> Key {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 9: return .tab
        case 1...26:
            return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case Int32.min..<32, 0x80...0x9F:
            return .unknown(code)
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return .unknown(code) }
            return .char(Character(scalar))
        }
    }

    /// Reads one event through `read(timeoutMilliseconds)` (nil = nothing arrived),
    /// dealing with input that starts with ESC. curses has already waited ESCDELAY
    /// for an escape sequence it knows, so whatever follows ESC *at once* (`read(0)`)
    /// came in the same burst:
    /// - ESC alone → `.escape`
    /// - ESC `[` … final byte, or ESC `O` x: a sequence terminfo does not name (e.g. a
    ///   modified key) → swallowed whole as `.unknown(27)`, so its bytes never arrive as
    ///   typed text
    /// - ESC + anything else → `.escape`, and the other input is pushed back with `unread`
    ///   to come next. Keys typed apart often arrive together over SSH, so Esc then q
    ///   must stay Esc then q; the price is that Alt+x (sent as ESC x) reads as Esc then x.
    public static func readEvent(timeoutMilliseconds: Int,
                                 read: (Int) -> RawInput?,
                                 unread: (RawInput) -> Void) -> DecodedInput? {
        guard let first = read(timeoutMilliseconds) else { return nil }
        guard first == .char(27) else { return decode(first) }
        guard let next = read(0) else { return .key(.escape) }
        if next.isKeyCode {
            unread(next)
            return .key(.escape)
        }
        switch next.code {
        case 0x5B:  // ESC [ : CSI — parameters and intermediates 0x20…0x3F, then a final byte 0x40…0x7E
            var count = 0
            while count < 32, let b = read(0) {
                count += 1
                if b.isKeyCode { break }
                if (0x40...0x7E).contains(b.code) { break }
                if !(0x20...0x3F).contains(b.code) { break }
            }
            return .key(.unknown(27))
        case 0x4F:  // ESC O x : SS3
            _ = read(0)
            return .key(.unknown(27))
        default:
            unread(next)
            return .key(.escape)
        }
    }
}
