import CNCursesW
import DubanCanvas
import DubanTUI
import Testing
@testable import DubanTerminal

@Suite struct KeyDecoderTests {
    func char(_ c: Int32) -> DecodedInput { KeyDecoder.decode(code: c, isKeyCode: false) }
    func keyCode(_ c: Int32) -> DecodedInput { KeyDecoder.decode(code: c, isKeyCode: true) }

    @Test func controlCharacters() {
        #expect(char(13) == .key(.enter))
        #expect(char(10) == .key(.enter))
        #expect(char(27) == .key(.escape))
        #expect(char(127) == .key(.backspace))
        #expect(char(8) == .key(.backspace))
        #expect(char(9) == .key(.tab))
        #expect(char(18) == .key(.ctrl("r")))
        #expect(char(1) == .key(.ctrl("a")))
        #expect(char(26) == .key(.ctrl("z")))
        #expect(char(3) == .key(.ctrl("c")))
        #expect(char(0) == .key(.unknown(0)))
        #expect(char(28) == .key(.unknown(28)))
        #expect(char(31) == .key(.unknown(31)))
        #expect(char(0x85) == .key(.unknown(0x85)))
        #expect(char(0x9B) == .key(.unknown(0x9B)))
    }

    @Test func printableAndChinese() {
        #expect(char(0x61) == .key(.char("a")))
        #expect(char(0x20) == .key(.char(" ")))
        #expect(char(0x4E) == .key(.char("N")))
        #expect(char(0x5B63) == .key(.char("季")))
        #expect(char(0x3000) == .key(.char("\u{3000}")))
        #expect(char(0xFF0C) == .key(.char("，")))
        #expect(char(0x20000) == .key(.char("\u{20000}")))
    }

    @Test func invalidScalars() {
        #expect(char(0xD800) == .key(.unknown(0xD800)))
        #expect(char(0x110000) == .key(.unknown(0x110000)))
        #expect(char(-5) == .key(.unknown(-5)))
    }

    @Test func keyCodes() {
        #expect(keyCode(duban_key_up()) == .key(.up))
        #expect(keyCode(duban_key_down()) == .key(.down))
        #expect(keyCode(duban_key_left()) == .key(.left))
        #expect(keyCode(duban_key_right()) == .key(.right))
        #expect(keyCode(duban_key_ppage()) == .key(.pageUp))
        #expect(keyCode(duban_key_npage()) == .key(.pageDown))
        #expect(keyCode(duban_key_home()) == .key(.home))
        #expect(keyCode(duban_key_end()) == .key(.end))
        #expect(keyCode(duban_key_a1()) == .key(.home))
        #expect(keyCode(duban_key_c1()) == .key(.end))
        #expect(keyCode(duban_key_a3()) == .key(.pageUp))
        #expect(keyCode(duban_key_c3()) == .key(.pageDown))
        #expect(keyCode(duban_key_enter()) == .key(.enter))
        #expect(keyCode(duban_key_backspace()) == .key(.backspace))
        #expect(keyCode(duban_key_dc()) == .key(.delete))
        #expect(keyCode(duban_key_btab()) == .key(.backTab))
        #expect(keyCode(duban_key_resize()) == .resize)
        #expect(keyCode(duban_key_f(1)) == .key(.function(1)))
        #expect(keyCode(duban_key_f(12)) == .key(.function(12)))
        #expect(keyCode(duban_key_f(13)) == .key(.unknown(duban_key_f(13))))
        #expect(keyCode(duban_key_b2()) == .key(.unknown(duban_key_b2())))
    }

    /// A key code is never read as a character even when the numbers overlap.
    @Test func keyCodeFlagMatters() {
        #expect(char(duban_key_up()) == .key(.char(Character(Unicode.Scalar(UInt32(duban_key_up()))!))))
    }

    // MARK: - ESC handling

    /// Feeds `inputs` one by one; `read(0)` sees only what is still queued.
    final class FakeInput {
        var queue: [RawInput]
        var unread: [RawInput] = []
        var timeouts: [Int] = []
        init(_ queue: [RawInput]) { self.queue = queue }
        func next() -> DecodedInput? {
            KeyDecoder.readEvent(
                timeoutMilliseconds: 500,
                read: { ms in
                    self.timeouts.append(ms)
                    if !self.unread.isEmpty { return self.unread.removeFirst() }
                    return self.queue.isEmpty ? nil : self.queue.removeFirst()
                },
                unread: { self.unread.append($0) })
        }
    }

    @Test func timeoutGivesNil() {
        let input = FakeInput([])
        #expect(input.next() == nil)
        #expect(input.timeouts == [500])
    }

    @Test func lonelyEscapeIsEscape() {
        let input = FakeInput([.char(27)])
        #expect(input.next() == .key(.escape))
        #expect(input.timeouts == [500, 0])
    }

    /// Esc then q typed apart but arriving in one burst (SSH) stay Esc then q;
    /// Alt+x (ESC x) reads the same way.
    @Test func escapeThenLetterInOneBurst() {
        let input = FakeInput([.char(27), .char(0x71), .char(0x78)])
        #expect(input.next() == .key(.escape))
        #expect(input.next() == .key(.char("q")))
        #expect(input.next() == .key(.char("x")))
        #expect(input.next() == nil)
    }

    @Test func escapeThenChineseInOneBurst() {
        let input = FakeInput([.char(27), .char(0x5B63)])
        #expect(input.next() == .key(.escape))
        #expect(input.next() == .key(.char("季")))
    }

    @Test func doubleEscapeGivesTwoEscapes() {
        let input = FakeInput([.char(27), .char(27)])
        #expect(input.next() == .key(.escape))
        #expect(input.next() == .key(.escape))
        #expect(input.next() == nil)
    }

    @Test func unknownCSISequenceIsSwallowedWhole() {
        // ESC [ 1 ; 5 A (Ctrl-Up that terminfo did not name), then "j".
        let seq: [RawInput] = [27, 0x5B, 0x31, 0x3B, 0x35, 0x41, 0x6A].map { .char($0) }
        let input = FakeInput(seq)
        #expect(input.next() == .key(.unknown(27)))
        #expect(input.next() == .key(.char("j")))
    }

    @Test func unknownSS3SequenceIsSwallowed() {
        let input = FakeInput([.char(27), .char(0x4F), .char(0x50), .char(0x6B)])
        #expect(input.next() == .key(.unknown(27)))
        #expect(input.next() == .key(.char("k")))
    }

    @Test func escapeThenKeyCodeGivesBoth() {
        let input = FakeInput([.char(27), .keyCode(duban_key_btab())])
        #expect(input.next() == .key(.escape))
        #expect(input.unread == [.keyCode(duban_key_btab())])
        #expect(input.next() == .key(.backTab))
    }

    @Test func plainKeysPassThrough() {
        let input = FakeInput([.char(0x5B63), .keyCode(duban_key_resize()), .char(13)])
        #expect(input.next() == .key(.char("季")))
        #expect(input.next() == .resize)
        #expect(input.next() == .key(.enter))
    }
}
