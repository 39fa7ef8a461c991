import Foundation
import Testing

/// Proves the tmux harness itself (no terminal attached, as in CI): start a program at
/// a fixed size, type Chinese and named keys, read the screen, resize, read the pane
/// title, see the exit status, and fail with the last screen on a timeout.
@Suite struct HarnessTests {
    /// A little shell program: sets the pane title, echoes lines, answers `size` with
    /// `stty size`, reads four raw bytes after `keys`, and exits 7 after `quit`. It ignores
    /// SIGWINCH: a resize arriving during `read` would otherwise end the loop (exit 0).
    static let script = #"""
        trap '' WINCH
        printf '\033]2;harness-title\033\\'
        printf 'ready\n'
        while IFS= read -r line; do
          case "$line" in
            size) stty size ;;
            keys) stty raw -echo
                  v=$(dd bs=1 count=4 2>/dev/null | od -An -tx1 | tr -s ' ')
                  stty sane
                  printf 'keys:%s\n' "$v" ;;
            quit) exit 7 ;;
            *) printf 'got:%s\n' "$line" ;;
          esac
        done
        """#

    @Test func harnessDrivesAProgramInTmux() throws {
        let tmux = try Tmux(command: ["sh", "-c", HarnessTests.script], width: 60, height: 12)
        defer { tmux.kill() }
        try tmux.waitFor(text: "ready")
        #expect(try tmux.paneSize() == (60, 12))
        #expect(try tmux.lines().count == 12)

        // The program set the title through OSC 2; tmux reports it.
        #expect(try tmux.paneTitle() == "harness-title")

        // Chinese typed literally arrives as UTF-8 and comes back intact.
        try tmux.type("季度检查")
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "got:季度检查")

        // Key names become the bytes a terminal sends.
        try tmux.type("keys")
        try tmux.sendKeys("Enter")
        Thread.sleep(forTimeInterval: 0.2)  // let stty raw take effect before the keys
        try tmux.sendKeys("Up", "C-r")
        try tmux.waitFor(text: "keys: 1b 5b 41 12")

        // The program sees its size, before and after a resize.
        try tmux.type("size")
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "12 60")
        try tmux.resize(width: 40, height: 8)
        #expect(try tmux.paneSize() == (40, 8))
        try tmux.type("size")
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "8 40")
        #expect(try tmux.lines().count == 8)

        // Only SGR escapes in an attribute capture of plain output.
        #expect(Tmux.nonSGREscapes(in: try tmux.capture(escapes: true)).isEmpty)

        try tmux.type("quit")
        try tmux.sendKeys("Enter")
        // It ends; the exact status is checked by exitStatusIsReported with a program
        // that cannot be disturbed by typing (this shell loop has been seen to end with 0
        // instead of 7 on a loaded machine).
        _ = try tmux.waitForExit()
    }

    @Test func exitStatusIsReported() throws {
        let tmux = try Tmux(command: ["sh", "-c", "printf 'bye\\n'; sleep 0.2; exit 7"], width: 30, height: 4)
        defer { tmux.kill() }
        try tmux.waitFor(text: "bye")
        #expect(try tmux.waitForExit() == 7)
    }

    @Test func timeoutReportsTheLastScreen() throws {
        let tmux = try Tmux(command: ["sh", "-c", "printf 'only this\\n'; exec sleep 30"], width: 30, height: 4)
        defer { tmux.kill() }
        try tmux.waitFor(text: "only this")
        do {
            try tmux.waitFor("something else", timeout: 0.3) { $0.contains("something else") }
            Issue.record("waitFor should have timed out")
        } catch let error as HarnessError {
            #expect(error.description.contains("something else"))
            #expect(error.description.contains("│only this"))
        }
    }

    @Test func escapeCheckFindsNonSGR() {
        #expect(Tmux.nonSGREscapes(in: "a\u{1B}[1;31mb\u{1B}[0m").isEmpty)
        #expect(Tmux.nonSGREscapes(in: "a\u{1B}]0;evil\u{07}").count == 1)
        #expect(Tmux.nonSGREscapes(in: "\u{1B}[2J").count == 1)
    }

    @Test func shellQuoting() {
        #expect(Tmux.shellCommand(["duban", "--file", "/tmp/a b.db"]) == "duban --file '/tmp/a b.db'")
        #expect(Tmux.shellQuote("it's") == #"'it'\''s'"#)
        #expect(Tmux.shellQuote("季度") == "'季度'")
    }

    @Test func dubanExecutableIsFound() throws {
        let url = try DubanBinary.url()
        #expect(url.lastPathComponent == "duban")
        #expect(FileManager.default.isExecutableFile(atPath: url.path))
    }
}
