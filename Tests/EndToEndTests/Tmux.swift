import Foundation
import Testing

/// A failure of the end-to-end harness, with what was on screen when it happened.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// One private tmux server running one program in a detached session of a fixed size:
/// type into it (`send-keys`), read its screen (`capture-pane`), resize it, and wait for
/// an expected screen by polling rather than sleeping.
///
/// Each instance has its own server (`tmux -L duban-test-<random> -f /dev/null`), so
/// tests run in parallel and never touch the user's tmux. The server is killed by
/// `kill()` or when the instance goes away. The pane stays after the program exits
/// (`remain-on-exit`), so a test can read the last screen and the exit status.
///
/// When tmux is not installed the initializer throws, so the tests fail with that
/// message (CI installs tmux) instead of passing silently.
final class Tmux {
    let socket: String
    private let tmuxPath: String
    private let baseEnvironment: [String: String]
    private var killed = false
    /// The shell around the program writes its exit status here: tmux's own
    /// `pane_dead_status` is sometimes never recorded when the machine is busy.
    let statusFile: String

    /// Starts `command` (argv, quoted for the shell here) in a `width`×`height` pane.
    /// The program sees LANG=C.UTF-8, TERM=tmux-256color (xterm-256color when that
    /// terminfo entry is missing) and `environment`.
    init(command: [String], width: Int = 80, height: Int = 24,
         environment: [String: String] = [:], workingDirectory: String? = nil) throws {
        tmuxPath = try Tmux.findTmux()
        socket = "duban-test-" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        statusFile = NSTemporaryDirectory() + "/" + socket + ".status"
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory(),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        ]
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"] { env["TMPDIR"] = tmp }
        baseEnvironment = env

        let innerTerm = Tmux.hasTerminfo("tmux-256color") ? "tmux-256color" : "xterm-256color"
        var newSession = ["new-session", "-d", "-s", Tmux.session, "-x", String(width), "-y", String(height)]
        if let workingDirectory { newSession += ["-c", workingDirectory] }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { newSession += ["-e", "\(k)=\(v)"] }
        newSession += ["-e", "LANG=C.UTF-8",
                       Tmux.shellCommand(command) + "; echo $? > " + Tmux.shellQuote(statusFile + ".tmp")
                           + " && mv " + Tmux.shellQuote(statusFile + ".tmp") + " " + Tmux.shellQuote(statusFile)]
        _ = try run(["start-server", ";",
                     "set", "-g", "default-terminal", innerTerm, ";",
                     "set", "-g", "remain-on-exit", "on", ";",
                     "set", "-g", "status", "off", ";"] + newSession)
    }

    deinit { kill() }

    /// Ends the server and everything in it. Safe to call more than once.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    // MARK: - Input

    /// Sends key names as tmux knows them: "Up", "Enter", "Escape", "C-r", "F1", "BSpace",
    /// "Space", "PPage", "BTab", or single characters.
    func sendKeys(_ keys: String...) throws {
        try sendKeys(contentsOf: keys)
    }

    func sendKeys(contentsOf keys: [String]) throws {
        _ = try run(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (send-keys -l), e.g. Chinese as an input method would commit it.
    func type(_ text: String) throws {
        _ = try run(["send-keys", "-t", target, "-l", text])
    }

    // MARK: - Output

    /// The screen as text, one line per row (trailing blanks trimmed by tmux).
    /// With `escapes`, attributes are included as escape sequences (`capture-pane -e`);
    /// with `history`, the lines scrolled off the top come first (when the program
    /// exits, tmux scrolls its last screen up to print "Pane is dead" at the bottom).
    func capture(escapes: Bool = false, history: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []) + (history ? ["-S", "-"] : []))
    }

    func lines() throws -> [String] {
        var text = try capture()
        if text.hasSuffix("\n") { text.removeLast() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Appends everything the program writes to the pane from now on (escapes, carriage
    /// returns and all) to the file at `path` (`pipe-pane`): what was drawn and erased again.
    func recordOutput(to path: String) throws {
        _ = try run(["pipe-pane", "-o", "-t", target, "cat >> " + Tmux.shellQuote(path)])
    }

    /// A tmux format for the pane, e.g. "#{pane_title}".
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", target, format])
            .trimmingCharacters(in: .newlines)
    }

    func paneTitle() throws -> String { try display("#{pane_title}") }

    func paneSize() throws -> (width: Int, height: Int) {
        let parts = try display("#{pane_width} #{pane_height}").split(separator: " ").compactMap { Int($0) }
        guard parts.count == 2 else { throw HarnessError(description: "cannot read the pane size") }
        return (parts[0], parts[1])
    }

    /// The exit status once the program has ended, nil while it runs; -1 when tmux did
    /// not learn it (a program that exits within milliseconds of starting can beat the
    /// server to it).
    /// The exit status of a dead pane: nil while it runs, or while tmux has not yet
    /// recorded the status (it can lag the pane's death); 128+N for a death by signal N.
    func exitStatus() throws -> Int? {
        func recorded() -> Int? {
            guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if let status = recorded() { return status }
        let parts = try display("#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}").split(separator: "|", omittingEmptySubsequences: false)
        guard parts.first == "1" else { return nil }
        // The wrapper records the program's status and then exits itself (status 0): if it
        // died between the first look at the file and this one, the file now says the truth.
        if let status = recorded() { return status }
        if parts.count > 1, let status = Int(parts[1]) { return status }
        if parts.count > 2, let signal = Int(parts[2]) { return 128 + signal }
        return nil
    }

    // MARK: - Control

    /// Resizes the window (and its only pane) and waits until the pane has the new size.
    func resize(width: Int, height: Int, timeout: Double = 5) throws {
        _ = try run(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let size = try paneSize()
            if size == (width, height) { return }
            if Date() > deadline {
                throw HarnessError(description: "the pane is \(size.width)×\(size.height), not \(width)×\(height), after resize-window")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Polls the screen every 50 ms until `condition` holds and returns that screen.
    /// On timeout throws an error that shows `what` was awaited and the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, escapes: Bool = false,
                 _ condition: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture(escapes: escapes)
            if try condition(screen) { return screen }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if let status = (try? exitStatus()) ?? nil {
            let all = (try? capture(history: true)) ?? screen
            throw HarnessError(description: """
                timed out after \(timeout) s waiting for \(what); the program exited (status \(status < 0 ? "unknown" : String(status))); its output, history included:
                \(Tmux.framed(Tmux.trimmingBlankLines(all)))
                """)
        }
        throw HarnessError(description: """
            timed out after \(timeout) s waiting for \(what); last screen:
            \(Tmux.framed(screen))
            """)
    }

    /// Waits for `text` to appear on screen.
    @discardableResult
    func waitFor(text: String, timeout: Double = 10) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits for the program to exit and returns its status.
    func waitForExit(timeout: Double = 10) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = try exitStatus() { return status }
            if Date() > deadline {
                if try display("#{pane_dead}") == "1" { return -1 }   // dead, status never recorded
                throw HarnessError(description: "the program did not exit within \(timeout) s; last screen:\n\(Tmux.framed((try? capture()) ?? ""))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    // MARK: - Checks

    /// Escape sequences in `capture(escapes: true)` output other than SGR (ESC [ … m),
    /// which is all tmux itself writes there. Anything else came from the program's data.
    static func nonSGREscapes(in captured: String) -> [String] {
        var found: [String] = []
        let scalars = Array(captured.unicodeScalars)
        var i = 0
        while i < scalars.count {
            defer { i += 1 }
            guard scalars[i] == "\u{1B}" else { continue }
            var j = i + 1
            if j < scalars.count, scalars[j] == "[" {
                j += 1
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" || scalars[j] == ":" { j += 1 }
                if j < scalars.count, scalars[j] == "m" { i = j; continue }
            }
            let end = min(scalars.count, i + 8)
            found.append(String(String.UnicodeScalarView(scalars[i..<end])))
        }
        return found
    }

    /// Other C0/C1 control characters than newline in captured text.
    static func controlCharacters(in captured: String, allowEscape: Bool) -> [Unicode.Scalar] {
        captured.unicodeScalars.filter { s in
            let v = s.value
            if v == 0x0A { return false }
            if v == 0x1B && allowEscape { return false }
            return v < 0x20 || (0x7F...0x9F).contains(v)
        }
    }

    // MARK: - Plumbing

    private static let session = "duban"
    private var target: String { Tmux.session }

    /// Runs one tmux client command (through `Subprocess`, see there why not `Process`).
    @discardableResult
    private func run(_ args: [String]) throws -> String {
        let result = try Subprocess.run(tmuxPath, ["-L", socket, "-f", "/dev/null"] + args,
                                        environment: baseEnvironment)
        guard result.status == 0 else {
            throw HarnessError(description: "tmux \(args.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    private static func findTmux() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw HarnessError(description: "tmux is not installed, and the end-to-end tests need it (apt-get install tmux)")
    }

    private static func hasTerminfo(_ name: String) -> Bool {
        guard let first = name.first else { return false }
        let dirs = ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo", "/usr/lib/terminfo"]
        return dirs.contains { dir in
            FileManager.default.fileExists(atPath: "\(dir)/\(first)/\(name)")
                || FileManager.default.fileExists(atPath: "\(dir)/\(String(format: "%02x", first.asciiValue ?? 0))/\(name)")
        }
    }

    /// Quotes argv for `sh -c`, which is how tmux starts a pane's command.
    static func shellCommand(_ argv: [String]) -> String {
        argv.map(shellQuote).joined(separator: " ")
    }

    static func shellQuote(_ s: String) -> String {
        if !s.isEmpty, s.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "-_./=:,+@%".unicodeScalars.contains($0) }) {
            return s
        }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func trimmingBlankLines(_ text: String) -> String {
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = rows.last, last.allSatisfy({ $0 == " " }) { rows.removeLast() }
        while let first = rows.first, first.allSatisfy({ $0 == " " }) { rows.removeFirst() }
        return rows.joined(separator: "\n")
    }

    static func framed(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return rows.map { "│" + $0 }.joined(separator: "\n")
    }
}

/// The `duban` executable SwiftPM built next to the test bundle.
enum DubanBinary {
    /// Set DUBAN_BIN to test another build.
    static func url() throws -> URL {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["DUBAN_BIN"], !explicit.isEmpty {
            guard fm.isExecutableFile(atPath: explicit) else {
                throw HarnessError(description: "DUBAN_BIN=\(explicit) is not an executable file")
            }
            return URL(fileURLWithPath: explicit)
        }
        var dirs: [URL] = []
        // Linux: .build/<triple>/debug/dubanPackageTests.xctest is itself the test executable.
        // macOS: .build/debug/dubanPackageTests.xctest/Contents/MacOS/dubanPackageTests.
        for start in [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
                      Bundle.main.bundleURL.resolvingSymlinksInPath(),
                      URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()] {
            var dir = start.deletingLastPathComponent()
            for _ in 0..<4 {
                dirs.append(dir)
                dir = dir.deletingLastPathComponent()
            }
        }
        for dir in dirs {
            let candidate = dir.appendingPathComponent("duban")
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
               fm.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw HarnessError(description: "cannot find the duban executable near the tests (looked in \(dirs.map(\.path).joined(separator: ", "))); run `swift build` first or set DUBAN_BIN")
    }
}
