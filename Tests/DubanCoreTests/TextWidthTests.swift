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

/// Simple text (each scalar a character of fixed width) is cut on scalars: the same result as
/// the general cut by grapheme clusters.
@Suite struct TextWidthSimpleTests {
    /// The cut of `truncate(head:…)`, character by character (the general path).
    func reference(_ s: String, to columns: Int, pad: Bool, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        let ew = TextWidth.width(ellipsis)
        let budget = max(0, columns - ew)
        var out = "", used = 0, cut: (String, Int)?, fits = true
        for c in s {
            let w = TextWidth.width(of: c)
            if cut == nil && used + w > budget { cut = (out, used) }
            if used + w > columns { fits = false; break }
            out.append(c)
            used += w
        }
        if fits { return pad && used < columns ? out + String(repeating: " ", count: columns - used) : out }
        (out, used) = cut ?? (out, used)
        if columns >= ew { out += ellipsis; used += ew }
        if used < columns && pad { out += String(repeating: " ", count: columns - used) }
        return out
    }

    @Test func simpleCutsMatchTheGeneralCut() {
        let texts = ["", "a", "住", "推进百镇建设工程，增强城镇综合承载", "ab住建cd", "第12项", "　〩！", "1234567890abc"]
        for t in texts {
            #expect(TextWidth.simpleWidth(t) != nil, "\(t)")
            #expect(TextWidth.width(t) == t.reduce(0) { $0 + TextWidth.width(of: $1) })
            for columns in 0...16 {
                for pad in [false, true] {
                    #expect(TextWidth.truncate(t, to: columns, pad: pad) == reference(t, to: columns, pad: pad),
                            "\(t) to \(columns) pad \(pad)")
                    #expect(TextWidth.truncate(t, to: columns, pad: pad, ellipsis: "...")
                            == reference(t, to: columns, pad: pad, ellipsis: "..."))
                }
            }
        }
        // Not simple: marks, ambiguous signs, controls, emoji.
        for t in ["e\u{301}", "“三”", "a\u{1}", "👍", "〪", "é"] { #expect(TextWidth.simpleWidth(t) == nil, "\(t)") }
    }

    /// The simple cut checks scalars only as far as it reads: text that turns complex anywhere
    /// (right after the cut, at the character that does not fit, further on) cuts as the
    /// general path does.
    @Test func textThatTurnsComplexCutsLikeTheGeneralCut() {
        let tails = ["e\u{301}", "1\u{FE0F}\u{20E3}", "👩\u{200D}💻", "\u{301}", "“三”", "a\u{1}b", "\r\n", "〪"]
        for head in ["", "a", "住建", "推进百镇建设", "ab住建cd"] {
            for tail in tails {
                for t in [head + tail, head + tail + "省财政厅", tail + head] {
                    for columns in 0...14 {
                        for pad in [false, true] {
                            #expect(TextWidth.truncate(t, to: columns, pad: pad) == reference(t, to: columns, pad: pad),
                                    "\(t.unicodeScalars.map { String($0.value, radix: 16) }) to \(columns) pad \(pad)")
                        }
                    }
                }
            }
        }
    }

    @Test func dayDescriptions() {
        #expect(Day(year: 2027, month: 4, day: 9)!.description == "2027-04-09")
        #expect(Day(year: 7, month: 12, day: 31)!.description == "0007-12-31")
        #expect(Day(year: 9999, month: 1, day: 1)!.description == "9999-01-01")
    }
}
