import Testing
@testable import DubanCore

@Suite struct TextWidthTests {
    @Test func widths() {
        #expect(TextWidth.width("住建") == 4)
        #expect(TextWidth.width("abc") == 3)
        #expect(TextWidth.width("e\u{301}") == 1)          // combining acute
        #expect(TextWidth.width("“三棚一草”") == 10)       // quotes are ambiguous = 1
        #expect(TextWidth.width("“三棚一草”", ambiguousIsWide: true) == 12)
        #expect(TextWidth.width("，") == 2)                 // fullwidth comma
        #expect(TextWidth.width("\u{200B}") == 0)
    }
    @Test func truncationNeverSplitsWide() {
        #expect(TextWidth.truncate("推进百镇建设", to: 5) == "推进…")
        #expect(TextWidth.truncate("推进百镇建设", to: 6, pad: true) == "推进… ")
        #expect(TextWidth.width(TextWidth.truncate("推进百镇建设", to: 6, pad: true)) == 6)
        #expect(TextWidth.truncate("推进", to: 4) == "推进")
        #expect(TextWidth.truncate("推进", to: 3) == "推…")
        #expect(TextWidth.truncate("推进", to: 1) == "…")
        #expect(TextWidth.truncate("ab", to: 0) == "")
        #expect(TextWidth.pad("住建", to: 5) == "住建 ")
        #expect(TextWidth.padLeft("12", to: 4) == "  12")
    }
    @Test func sanitizer() {
        #expect(Sanitizer.clean("a\u{1B}]0;title\u{07}b") == "a␛]0;title␇b")
        #expect(Sanitizer.clean("x\u{9B}31m") == "x\u{FFFD}31m")
        #expect(Sanitizer.clean("abc\u{202E}def") == "abc\u{FFFD}def")
        #expect(Sanitizer.clean("a\nb") == "a␊b")
        #expect(Sanitizer.clean("a\nb", keepNewlines: true) == "a\nb")
        #expect(Sanitizer.clean("a\u{7F}") == "a␡")
        #expect(Sanitizer.clean("普通文本") == "普通文本")
        #expect(!Sanitizer.needsCleaning("普通文本"))
    }
}
