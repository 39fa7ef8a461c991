import Foundation
import Testing

/// The key map as `duban keys` publishes it, driven back into the program by those exact
/// names; the ambiguous-width modes; Ctrl-L and keys that are not bound.
@Suite(.serialized) struct TerminalEndToEndTests {
    struct Entry: Decodable {
        var context: String
        var keys: [String]
        var command: String
        var description: String
    }

    func keyMap(_ fx: DubanFixture) throws -> [Entry] {
        try JSONDecoder().decode([Entry].self, from: Data(try fx.run(["keys", "--format", "json"]).utf8))
    }

    func key(_ entries: [Entry], _ context: String, _ command: String, index: Int = 0) throws -> String {
        let e = try #require(entries.first { $0.context == context && $0.command == command },
                             "no \(context)/\(command) in duban keys")
        return try #require(e.keys.count > index ? e.keys[index] : nil)
    }

    @Test func theKeyMapsNamesAreTmuxKeyNames() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let entries = try keyMap(fx)
        #expect(entries.count > 60)
        #expect(entries.allSatisfy { !$0.keys.isEmpty && !$0.description.isEmpty })
        #expect(entries.contains { $0.context == "global" && $0.command == "redraw" && $0.keys == ["C-l"] })
        #expect(entries.contains { $0.context == "matrix" && $0.command == "showUnitList" && $0.keys == ["Tab", "BTab"] })
        // Chinese descriptions under C.UTF-8, English with --lang en.
        #expect(entries.contains { $0.description.contains("清屏") })
        let text = try fx.run(["keys", "--lang", "en"])
        #expect(text.contains("redraw") && text.contains("clear and repaint"))

        let tmux = try fx.openTUI(width: 80, height: 24)
        try tmux.waitFor(text: "任务 1/24")
        // Each key below is sent by the name duban keys gave it.
        try tmux.sendKeys(try key(entries, "matrix", "lastRow"))                 // G
        try tmux.waitFor(text: "任务 24/24")
        try tmux.sendKeys(try key(entries, "matrix", "firstRow"))                // g
        try tmux.waitFor(text: "任务 1/24")
        try tmux.sendKeys(try key(entries, "matrix", "moveDown", index: 0))      // Down
        try tmux.waitFor(text: "任务 2/24")
        try tmux.sendKeys(try key(entries, "matrix", "pageDown"))                // PageDown
        try tmux.waitFor("a page down") { !$0.contains("任务 2/24") && !$0.contains("任务 1/24") }
        try tmux.sendKeys(try key(entries, "global", "showHelp", index: 1))      // F1
        try tmux.waitFor(text: "按键说明")
        try tmux.sendKeys(try key(entries, "help", "back"))                      // Escape
        try tmux.waitFor("the matrix again") { !$0.contains("按键说明") && $0.contains("任务 ") }
        try tmux.sendKeys(try key(entries, "matrix", "showUnitList"))            // Tab
        try tmux.waitFor(text: "单位（")
        try tmux.sendKeys(try key(entries, "unitList", "showMatrix", index: 1))  // BTab
        try tmux.waitFor("the matrix after BTab") { !$0.contains("单位（") }
        // A key with no binding says so; C-l (redraw) is bound and clears the message.
        try tmux.sendKeys("z")
        try tmux.waitFor(text: "未定义的按键 z，按 ? 查看帮助")
        try tmux.sendKeys(try key(entries, "global", "redraw"))                  // C-l
        try tmux.waitFor("Ctrl-L repainted") { !$0.contains("未定义的按键") && $0.contains("任务 ") }
        try tmux.sendKeys(try key(entries, "matrix", "quit"))                    // q
        #expect(try tmux.waitForExit() == 0)
    }

    /// Rows of the matrix: the column of the separator between titles and cells.
    static func separatorColumns(_ screen: String, _ separator: Character) -> [Int] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> Int? in
            guard line.contains("推进") else { return nil }
            var col = 0
            for ch in line {
                if ch == separator { return col }
                // tmux draws CJK two columns and Ambiguous ones one.
                col += ch.unicodeScalars.first.map { $0.value >= 0x1100 && ($0.value < 0x2010 || $0.value >= 0x2E80) } == true ? 2 : 1
            }
            return nil
        }
    }

    /// The terminal goes away (an SSH connection drops) while the hang-up signal is ignored
    /// (`nohup`, some session managers): every read fails at once. duban ends instead of
    /// spinning on them at full speed.
    @Test func aTerminalThatHangsUpEndsTheProgramWhenTheHangUpSignalIsIgnored() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let pidFile = fx.directory.appendingPathComponent("pid").path
        // exec keeps the shell's pid and the ignored SIGHUP.
        let tmux = try Tmux(command: ["/bin/sh", "-c", "echo $$ > \"$0\"; trap '' HUP; exec \"$1\" --file \"$2\"",
                                      pidFile, fx.binary, fx.file],
                            width: 80, height: 24, workingDirectory: fx.directory.path)
        try tmux.waitFor(text: "任务 1/24")
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        tmux.kill()
        // Gone, or a zombie nobody has reaped yet: either way it has stopped running.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
        }
        let deadline = Date().addingTimeInterval(10)
        while running() && Date() < deadline { usleep(50_000) }
        let stillRunning = running()
        if stillRunning { kill(pid, SIGKILL) }
        #expect(!stillRunning, "duban was still running 10 s after its terminal hung up")
    }

    @Test func wideAmbiguousModeDrawsNoAmbiguousFrame() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try Tmux(command: [fx.binary, "--file", fx.file, "--ambiguous", "wide"], width: 80, height: 24,
                            environment: ["USER": "e2e"], workingDirectory: fx.directory.path)
        let screen = try tmux.waitFor(text: "任务 1/24")
        // No box drawing, no middle dots or ellipses drawn by the frame.
        #expect(!screen.contains("│") && !screen.contains("…"), "\(screen)")
        // Data keeps its Ambiguous characters (task 2's “三棚一草”), written past curses and
        // flushed with the frame; tmux draws them one column, followed by the held space.
        #expect(screen.contains("“ 三棚一草” "), "\(screen)")
        let columns = Self.separatorColumns(screen, "|")
        #expect(columns.count >= 10, "\(screen)")
        #expect(Set(columns).count == 1, "separator column differs between rows: \(columns)\n\(screen)")
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// tmux answers the cursor position request (narrow): auto keeps the Unicode frame,
    /// and the probe does not hold up the start.
    @Test func autoDetectsANarrowTerminal() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let started = Date()
        let tmux = try Tmux(command: [fx.binary, "--file", fx.file, "--ambiguous", "auto"], width: 80, height: 24,
                            environment: ["USER": "e2e"], workingDirectory: fx.directory.path)
        let screen = try tmux.waitFor(text: "任务 1/24")
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(screen.contains("│"), "\(screen)")
        #expect(Set(Self.separatorColumns(screen, "│")).count == 1)
        // A bad value is refused with a message.
        let bad = try Subprocess.run(fx.binary, ["--file", fx.file, "--ambiguous", "double"], environment: fx.environment)
        #expect(bad.status != 0)
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// Ctrl-Z in a job-control shell: the shell reports the job stopped and the terminal is
    /// the shell's again; `fg` brings the tracker back, repainted whole.
    @Test func ctrlZStopsAndFgRepaints() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try Tmux(command: ["bash", "--norc", "--noprofile", "-i"], width: 80, height: 24,
                            environment: ["USER": "e2e", "LANG": "C.UTF-8"],
                            workingDirectory: fx.directory.path)
        try tmux.waitFor(text: "bash-")  // the prompt of bash --norc
        try tmux.type(Tmux.shellCommand([fx.binary, "--file", fx.file]))
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "任务 1/24")
        try tmux.sendKeys("Down")
        try tmux.waitFor(text: "任务 2/24")
        try tmux.sendKeys("C-z")
        try tmux.waitFor("the job stopped") { $0.contains("Stopped") && !$0.contains("任务 2/24") }
        try tmux.type("fg")
        try tmux.sendKeys("Enter")
        let back = try tmux.waitFor(text: "任务 2/24")
        #expect(back.contains("牵") && !back.contains("Stopped"), "\(back)")
        try tmux.sendKeys("q")
        try tmux.waitFor("the shell again") { $0.contains("bash-") && !$0.contains("任务 2/24") }
        try tmux.type("exit")
        try tmux.sendKeys("Enter")
    }
}
