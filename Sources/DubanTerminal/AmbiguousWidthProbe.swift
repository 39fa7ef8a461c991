#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds out, before curses starts, whether the terminal draws East Asian Ambiguous
/// characters (│ ─ … ○ “ ”) one column wide or two, the way vim does with its `t_u7`
/// request: on a fresh line it prints one Ambiguous character at the first column, asks
/// where the cursor is (the Cursor Position Report request, `ESC [ 6 n`), and reads the
/// answer `ESC [ row ; col R`. Column 2 means narrow, 3 means wide. Then it erases what it
/// printed and puts the tty settings back.
///
/// A terminal that does not answer costs the timeout (150 ms) and nothing else: the result
/// is nil (the caller keeps the narrow default). An answer that comes later reaches curses
/// as an escape sequence the key decoder swallows (`ESC [ … R` is one CSI), never as typed keys.
public enum AmbiguousWidthProbe {
    /// The character printed: ▽ WHITE DOWN-POINTING TRIANGLE, East Asian Width A (vim uses
    /// the same one).
    public static let probe = "\u{25BD}"

    /// What the terminal said: wide (true), narrow (false), or nil (no answer, or an
    /// answer that is neither).
    public static func detect(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO,
                              timeoutMilliseconds: Int = 150) -> Bool? {
        guard isatty(input) == 1, isatty(output) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        // No line buffering and no echo, so the answer is neither waited for nor shown.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(input, TCSANOW, &saved) }

        // Column 1 of the current line, the probe, the request; afterwards back to column 1
        // and erase the line.
        emit(output, "\r" + probe + "\u{1B}[6n")
        defer { emit(output, "\r\u{1B}[K") }

        var received: [UInt8] = []
        var waited = 0
        let step = 10
        while waited < timeoutMilliseconds {
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let r = poll(&fds, 1, Int32(step))
            if r < 0 && errno != EINTR { break }
            if r > 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                let n = read(input, &buffer, buffer.count)
                if n > 0 { received += buffer[0..<n] }
                if n <= 0 { break }
                if let report = parseCursorReport(received) { return wide(column: report.col) }
            } else {
                waited += step
            }
        }
        return nil
    }

    /// Narrow when the cursor stands at column 2 after one probe character, wide at 3.
    public static func wide(column: Int) -> Bool? {
        switch column {
        case 2: return false
        case 3: return true
        default: return nil
        }
    }

    /// The last complete Cursor Position Report (`ESC [ row ; col R`) in `bytes`, skipping
    /// anything else that arrived (keys typed ahead).
    public static func parseCursorReport(_ bytes: [UInt8]) -> (row: Int, col: Int)? {
        var found: (Int, Int)?
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
            var j = i + 2
            var numbers = [0]
            var digits = 0
            var ok = false
            while j < bytes.count {
                let b = bytes[j]
                if b >= 0x30 && b <= 0x39 {
                    numbers[numbers.count - 1] = min(numbers[numbers.count - 1] * 10 + Int(b - 0x30), 100_000)
                    digits += 1
                } else if b == UInt8(ascii: ";") {
                    numbers.append(0)
                } else {
                    ok = b == UInt8(ascii: "R") && numbers.count == 2 && digits >= 2
                    break
                }
                j += 1
            }
            if ok { found = (numbers[0], numbers[1]) }
            i = j
        }
        return found.map { (row: $0.0, col: $0.1) }
    }

    private static func emit(_ fd: Int32, _ s: String) {
        let bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { p in
                write(fd, p.baseAddress! + offset, p.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
