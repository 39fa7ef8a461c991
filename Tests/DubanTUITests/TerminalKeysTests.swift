import DubanCanvas
import DubanCore
import Testing
@testable import DubanTUI

/// Ctrl-Z, Ctrl-L, the mouse wheel and keys with no binding.
@Suite struct TerminalKeysTests {
    @Test func ctrlZSuspendsAndCtrlLRedraws() throws {
        let screen = FakeScreen([.key(.ctrl("z")), .key(.ctrl("l")), .key(.ctrl("L")), .key(.char("q"))])
        let app = try App(store: Fixture.tracker(), screen: screen, options: Fixture.options())
        try app.run()
        #expect(screen.suspended == 1)
        #expect(screen.invalidated == 2)
        #expect(!screen.ranOut)
        // The key map and help describe both.
        #expect(KeyMap.keys(for: .suspend, in: .matrix) == [.ctrl("z")])
        #expect(KeyMap.keys(for: .redraw, in: .task) == [.ctrl("l")])
        #expect(Strings.zh.commandHelp[.suspend] != nil && Strings.en.commandHelp[.redraw] != nil)
    }

    @Test func anUnboundKeySaysSo() {
        var zh = Fixture.state(.zh)
        _ = reduce(&zh, KeyMap.action(for: .char("z"), in: zh)!)
        #expect(zh.status?.text == "未定义的按键 z，按 ? 查看帮助")
        var en = Fixture.state(.en)
        _ = reduce(&en, KeyMap.action(for: .function(9), in: en)!)
        #expect(en.status?.text == "Key F9 is not bound — ? for help")
        // The message shows on the status line.
        #expect(render(en, width: 80, height: 24).text.contains("Key F9 is not bound"))
        // Text input takes the key as text; an unnamed escape sequence stays silent.
        #expect(KeyMap.action(for: .unknown(27), in: en) == nil)
    }

    @Test func theWheelScrollsThreeRows() {
        var s = Fixture.state(.zh)
        let down = KeyMap.action(for: .mouse(MouseEvent(.wheelDown, row: 5, col: 10)), in: s)
        #expect(down == .mouse(MouseEvent(.wheelDown, row: 5, col: 10)))
        _ = reduce(&s, down!)
        #expect(s.matrix.row == 3)
        _ = reduce(&s, .mouse(MouseEvent(.wheelUp, row: 5, col: 10)))
        #expect(s.matrix.row == 0)
        // A click on a task's title selects its row (the matrix body starts at row 3);
        // no "not bound" message.
        _ = reduce(&s, .mouse(MouseEvent(.click, row: 5, col: 10)))
        #expect(s.matrix.row == 2 && s.status == nil)
        _ = reduce(&s, .mouse(MouseEvent(.wheelUp, row: 5, col: 10)))
        // In help, the wheel scrolls the text.
        var h = Fixture.state(.zh, height: 12)
        _ = reduce(&h, .command(.showHelp))
        _ = reduce(&h, .mouse(MouseEvent(.wheelDown, row: 5, col: 10)))
        #expect(h.topScreen(HelpScreen.self)?.viewport.offset == 3)
    }
}

/// The key map published for `duban keys`.
@Suite struct PublishedKeyMapTests {
    @Test func tmuxNames() {
        let names: [(Key, String)] = [
            (.char("j"), "j"), (.char("G"), "G"), (.enter, "Enter"), (.char(" "), "Space"), (.tab, "Tab"),
            (.backTab, "BTab"), (.up, "Up"), (.down, "Down"), (.pageDown, "PageDown"), (.pageUp, "PageUp"),
            (.home, "Home"), (.end, "End"), (.escape, "Escape"), (.backspace, "BSpace"), (.delete, "DC"),
            (.ctrl("l"), "C-l"), (.function(1), "F1"),
        ]
        for (k, n) in names { #expect(KeyMap.tmuxName(of: k) == n) }
        #expect(KeyMap.tmuxName(of: .mouse(MouseEvent(.click, row: 0, col: 0))) == nil)
    }

    @Test func everyBindingIsPublishedWithADescription() {
        for language in Language.allCases {
            let published = KeyMap.published(language)
            let expected = KeyMap.helpContexts.reduce(0) { n, c in
                n + KeyMap.bindings.filter { !$0.isGlobal && $0.contexts.contains(c) }.count
            } + KeyMap.bindings.filter(\.isGlobal).count
            #expect(published.count == expected)
            let help = Strings.for(language).commandHelp
            #expect(published.allSatisfy { e in
                !e.keys.isEmpty && Command(rawValue: e.command).flatMap { help[$0] } == e.description
            })
        }
        let zh = KeyMap.published(.zh)
        #expect(zh.contains { $0.context == "global" && $0.command == "suspend" && $0.keys == ["C-z"] })
        #expect(zh.contains { $0.context == "task" && $0.command == "toggleMilestone" && $0.keys == ["Space"] })
    }
}
