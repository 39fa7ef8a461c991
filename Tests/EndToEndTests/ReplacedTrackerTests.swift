import Foundation
import Testing

/// The tracker file is replaced or removed under a running TUI: the screen says so, never
/// reports "saved" for an edit that is not in the file at the path, and R reopens.
@Suite(.serialized) struct ReplacedTrackerTests {
    /// The screen says it in Chinese or in English (the language follows the locale).
    static func says(_ screen: String, _ zh: String, _ en: String) -> Bool {
        let flat = screen.replacingOccurrences(of: "\n", with: " ")
        return flat.contains(zh) || flat.contains(en)
    }

    @Test func initForceUnderARunningTUIIsNoticedAndReopened() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try fx.openTUI(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.waitFor("the matrix") { TUIEndToEndTests.showsMatrix($0) }

        // Another person replaces the tracker and writes into the new file.
        try fx.run(["init", "--force", "--file", fx.file])
        try fx.run(["followup", "1", "新文件的人", "--file", fx.file])
        try tmux.waitFor("the replaced-file message") { Self.says($0, "已被替换", "was replaced") && Self.says($0, "按 R", "Press R to reopen") }

        // An edit now is refused, not "saved" into the old, unlinked file.
        try tmux.sendKeys("l")
        try tmux.sendKeys("L")
        let refused = try tmux.waitFor("the refusal") { Self.says($0, "已被替换", "was replaced") }
        #expect(!Self.says(refused, "已保存", "Saved"))
        #expect(try fx.export().tasks[0].role(of: "省发改委") == "cooperating")

        try tmux.sendKeys("R")
        try tmux.waitFor("the reopened file") { !Self.says($0, "已被替换", "was replaced") && TUIEndToEndTests.showsMatrix($0) }
        try tmux.sendKeys("L")
        try tmux.waitFor("saved") { Self.says($0, "已保存", "Saved") }
        #expect(try fx.export().tasks[0].role(of: "省发改委") == "lead")

        // Removed: said as removed.
        try FileManager.default.removeItem(atPath: fx.file)
        try tmux.waitFor("the removed-file message") { Self.says($0, "已被其他程序删除", "was removed") }
        try tmux.sendKeys("Q")
        _ = try tmux.waitForExit()
    }
}
