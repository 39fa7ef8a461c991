/// Display width and safe display of text in a terminal grid.
///
/// East Asian Wide and Fullwidth characters take 2 columns, combining marks and
/// other zero-width characters 0, East Asian Ambiguous ones 1 unless
/// `ambiguousIsWide` is set. Never use `String.count` for layout.
public enum TextWidth {
    /// Whether East Asian Ambiguous characters count two columns where a caller does not say:
    /// true while drawing for a terminal that draws them wide. A task-local value (set with
    /// `TextWidth.$ambiguousIsWide.withValue(true) { … }`), so tests and threads do not share it.
    @TaskLocal public static var ambiguousIsWide = false

    /// Column width of one Unicode scalar.
    public static func width(of s: Unicode.Scalar, ambiguousIsWide: Bool = TextWidth.ambiguousIsWide) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 1 }  // shown as a placeholder
        if v < 0x300 {
            return ambiguousIsWide && isAmbiguous(v) ? 2 : 1
        }
        // The commonest wide text (CJK ideographs and punctuation, fullwidth forms) without
        // looking up its general category: none of these ranges holds a mark or a format character.
        if isSimpleWide(v) { return 2 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        if isWide(v) { return 2 }
        if ambiguousIsWide && isAmbiguous(v) { return 2 }
        return 1
    }

    /// Column width of one grapheme cluster (what a terminal cell shows).
    public static func width(of c: Character, ambiguousIsWide: Bool = TextWidth.ambiguousIsWide) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        var w = width(of: first, ambiguousIsWide: ambiguousIsWide)
        // U+FE0F takes three UTF-8 bytes: a shorter cluster is its first scalar alone or with ASCII.
        if w == 1 && c.utf8.count > 3 && scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { w = 2 }
        if w == 0 {
            // A cluster that starts with a zero-width scalar takes the width of its first visible one.
            w = scalars.dropFirst().map { width(of: $0, ambiguousIsWide: ambiguousIsWide) }.max() ?? 0
        }
        return w
    }

    /// Column width of a string.
    public static func width(_ s: String, ambiguousIsWide: Bool = TextWidth.ambiguousIsWide) -> Int {
        if let w = simpleWidth(s) { return w }
        var total = 0
        for c in s { total += width(of: c, ambiguousIsWide: ambiguousIsWide) }
        return total
    }

    /// Cuts `s` to at most `columns` columns, ending with "…" when something was cut.
    /// A wide character that would straddle the edge is dropped and replaced by a space,
    /// so the result is exactly as wide as asked when `pad` is true.
    /// Looks at no more of `s` than the columns need (`scalarBudget`), so a text of
    /// millions of characters costs what a short one does.
    public static func truncate(_ s: String, to columns: Int, pad: Bool = false, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        let (text, cut) = head(s, maxScalars: scalarBudget(columns))
        return truncate(head: text, more: cut, to: columns, pad: pad, ellipsis: ellipsis)
    }

    /// `s` sanitized (`Sanitizer.clean`) and cut to `columns` columns, in one pass over only
    /// the start of `s` that the columns need: the way to draw text from data.
    public static func fitClean(_ s: String, to columns: Int, pad: Bool = false, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        let (text, cut) = head(s, maxScalars: scalarBudget(columns))
        return truncate(head: Sanitizer.clean(text), more: cut, to: columns, pad: pad, ellipsis: ellipsis)
    }

    /// How many Unicode scalars are enough to fill `columns` columns: eight a column (a
    /// family emoji takes five scalars for two columns), plus a few for the ellipsis.
    /// Text with more scalars per column than that (a pile of combining marks) is cut.
    public static func scalarBudget(_ columns: Int) -> Int {
        max(0, columns) * 8 + 16
    }

    /// The start of `s`, at most `maxScalars` Unicode scalars, and whether anything was left
    /// out. Costs `maxScalars`, not the length of `s`.
    public static func head(_ s: String, maxScalars: Int) -> (text: String, cut: Bool) {
        // At most one scalar per UTF-8 byte: a short text is whole without counting.
        if s.utf8.count <= maxScalars { return (s, false) }
        let scalars = s.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: max(0, maxScalars), limitedBy: scalars.endIndex),
              end < scalars.endIndex else { return (s, false) }
        return (String(scalars[..<end]), true)
    }

    /// Cuts `s` (the start of a text; `more` when the text goes on after it) to `columns`.
    private static func truncate(head s: String, more: Bool, to columns: Int, pad: Bool, ellipsis: String) -> String {
        let wide = ambiguousIsWide   // a task-local: read once, not for every character
        let ew = width(ellipsis, ambiguousIsWide: wide)
        let budget = max(0, columns - ew)
        if let cut = truncateSimple(s, more: more, to: columns, pad: pad, ellipsis: ellipsis, ellipsisWidth: ew) {
            return cut
        }
        var out = ""
        var used = 0
        // What fits before the ellipsis, kept while looking on to see whether all of `s` fits.
        var cutOut: String?
        var cutUsed = 0
        var fits = true
        for c in s {
            let w = width(of: c, ambiguousIsWide: wide)
            if cutOut == nil && used + w > budget {
                cutOut = out
                cutUsed = used
            }
            if used + w > columns {
                fits = false
                break
            }
            out.append(c)
            used += w
        }
        if fits && !more {
            return pad && used < columns ? out + String(repeating: " ", count: columns - used) : out
        }
        if cutOut == nil {
            cutOut = out
            cutUsed = used
        }
        out = cutOut!
        used = cutUsed
        if columns >= ew {
            out += ellipsis
            used += ew
        }
        if used < columns && pad { out += String(repeating: " ", count: columns - used) }
        return out
    }

    /// `truncate(head:…)` for simple text (`simpleWidth`): the same cut, found on scalars in
    /// the same pass that checks them; nil as soon as a scalar it reaches is not simple. (A
    /// scalar it never reaches lies beyond the cut and its neighbour, so it cannot change the
    /// characters before the cut.)
    private static func truncateSimple(_ s: String, more: Bool, to columns: Int, pad: Bool, ellipsis: String,
                                       ellipsisWidth ew: Int) -> String? {
        let budget = max(0, columns - ew)
        let scalars = s.unicodeScalars
        var used = 0
        // Where the text is cut to leave room for the ellipsis, found while looking on to see
        // whether all of `s` fits.
        var cutAt: String.UnicodeScalarView.Index?
        var cutUsed = 0
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let v = scalars[i].value
            let w: Int
            if v >= 0x20 && v < 0x7F { w = 1 } else if isSimpleWide(v) { w = 2 } else { return nil }
            if cutAt == nil && used + w > budget {
                cutAt = i
                cutUsed = used
            }
            if used + w > columns { break }
            used += w
            scalars.formIndex(after: &i)
        }
        if i == scalars.endIndex && !more {
            return pad && used < columns ? s + String(repeating: " ", count: columns - used) : s
        }
        let at = cutAt ?? i
        var out = String(scalars[..<at])
        used = cutAt == nil ? used : cutUsed
        if columns >= ew {
            out += ellipsis
            used += ew
        }
        if used < columns && pad { out += String(repeating: " ", count: columns - used) }
        return out
    }

    /// The width of `s` when each of its Unicode scalars is a character of its own that needs
    /// no sanitizing and whose width does not depend on `ambiguousIsWide`: printable ASCII (one
    /// column), CJK ideographs and punctuation and fullwidth forms (two); nil for other text.
    /// The commonest text skips grapheme breaking and the width tables this way.
    public static func simpleWidth(_ s: String) -> Int? {
        var total = 0
        for u in s.unicodeScalars {
            let v = u.value
            if v >= 0x20 && v < 0x7F {
                total += 1
            } else if isSimpleWide(v) {
                total += 2
            } else {
                return nil
            }
        }
        return total
    }

    /// CJK ideographs (and extension A), CJK punctuation before the tone marks, fullwidth forms:
    /// East Asian Wide, never marks, never joined to a neighbour in a grapheme cluster.
    @inline(__always)
    public static func isSimpleWide(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x3000...0x3029).contains(v)
            || (0xFF01...0xFF60).contains(v)
    }

    /// Pads `s` with spaces on the right to `columns` columns (truncating if longer).
    public static func pad(_ s: String, to columns: Int) -> String {
        truncate(s, to: columns, pad: true)
    }

    /// Pads on the left (right-aligns) to `columns` columns.
    public static func padLeft(_ s: String, to columns: Int) -> String {
        let w = width(s)
        return w >= columns ? truncate(s, to: columns) : String(repeating: " ", count: columns - w) + s
    }

    // Wide and fullwidth ranges (East Asian Width W and F), Unicode 15.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
        0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
        0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
        0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    // The commonest East Asian Ambiguous characters (Latin-1 signs, Greek, Cyrillic,
    // general punctuation, symbols, box drawing, circled numbers).
    private static let ambiguousRanges: [ClosedRange<UInt32>] = [
        0x00A1...0x00A1, 0x00A4...0x00A4, 0x00A7...0x00A8, 0x00AA...0x00AA, 0x00AD...0x00AE,
        0x00B0...0x00B4, 0x00B6...0x00BA, 0x00BC...0x00BF, 0x00C6...0x00C6, 0x00D0...0x00D0,
        0x00D7...0x00D8, 0x00DE...0x00E1, 0x00E6...0x00E6, 0x00E8...0x00EA, 0x00EC...0x00ED,
        0x00F0...0x00F0, 0x00F2...0x00F3, 0x00F7...0x00FA, 0x00FC...0x00FC, 0x00FE...0x00FE,
        0x0391...0x03A9, 0x03B1...0x03C9, 0x0401...0x0401, 0x0410...0x044F, 0x0451...0x0451,
        0x2010...0x2010, 0x2013...0x2016, 0x2018...0x2019, 0x201C...0x201D, 0x2020...0x2022,
        0x2024...0x2027, 0x2030...0x2030, 0x2032...0x2033, 0x2035...0x2035, 0x203B...0x203B,
        0x203E...0x203E, 0x2103...0x2103, 0x2116...0x2116, 0x2121...0x2122, 0x2160...0x216B,
        0x2170...0x2179, 0x2190...0x2199, 0x21D2...0x21D2, 0x21D4...0x21D4, 0x2200...0x22FF,
        0x2460...0x24E9, 0x24EB...0x254B, 0x2550...0x2573, 0x2580...0x258F, 0x2592...0x2595,
        0x25A0...0x25A1, 0x25A3...0x25A9, 0x25B2...0x25B3, 0x25B6...0x25B7, 0x25BC...0x25BD,
        0x25C0...0x25C1, 0x25C6...0x25C8, 0x25CB...0x25CB, 0x25CE...0x25D1, 0x25E2...0x25E5,
        0x25EF...0x25EF, 0x2605...0x2606, 0x2609...0x2609, 0x260E...0x260F, 0x2640...0x2640,
        0x2642...0x2642, 0x2660...0x2661, 0x2663...0x2665, 0x2667...0x266A, 0x266C...0x266D,
        0x266F...0x266F, 0x2776...0x277F, 0xFFFD...0xFFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool { contains(wideRanges, v) }
    static func isAmbiguous(_ v: UInt32) -> Bool { contains(ambiguousRanges, v) }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < ranges[mid].lowerBound { hi = mid - 1 } else if v > ranges[mid].upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}

/// Makes text from data harmless to draw: it can never move the cursor, set the
/// window title, write the clipboard or reorder the line.
public enum Sanitizer {
    /// Replaces C0 controls, DEL, C1 controls and bidi controls by visible placeholders:
    /// C0 and DEL by their Control Pictures (ESC → ␛, DEL → ␡), C1 and bidi controls by �.
    /// Newlines become ␊ unless `keepNewlines` (the caller then splits lines itself).
    public static func clean(_ s: String, keepNewlines: Bool = false) -> String {
        if !needsCleaning(s) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x0A && keepNewlines { out.append(u); continue }
            if v == 0x09 { out.append(" "); continue }
            if v < 0x20 { out.append(Unicode.Scalar(0x2400 + v)!); continue }
            if v == 0x7F { out.append("\u{2421}"); continue }
            if (0x80...0x9F).contains(v) || isBidiControl(v) { out.append("\u{FFFD}"); continue }
            out.append(u)
        }
        return String(out)
    }

    public static func needsCleaning(_ s: String) -> Bool {
        s.unicodeScalars.contains { u in
            let v = u.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || isBidiControl(v)
        }
    }

    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
