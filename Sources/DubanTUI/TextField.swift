import DubanCanvas
import DubanCore
import Foundation

/// A one-line text input edited by grapheme (Character), so that Chinese typed through an
/// input method, and letters with combining marks, are inserted and deleted whole.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// Caret position in graphemes, 0...text.count.
    public private(set) var caret: Int

    /// The most characters (Unicode scalars) a field holds: `Limits.inputField`, the
    /// longest text any field may save. Typing or pasting past it is refused with a message.
    public static let limit = Limits.inputField

    /// A text over the limit (from a file written before limits existed) is cut to it.
    public init(_ text: String = "") {
        let text = TextWidth.head(text, maxScalars: TextField.limit).text
        self.text = text
        self.caret = text.count
    }

    /// Whether inserting `ch` would take the text past `limit`.
    public func isFull(adding ch: Character) -> Bool {
        Limits.length(text, upTo: TextField.limit) + ch.unicodeScalars.count > TextField.limit
    }

    /// The message shown when a key is refused because the field is full.
    public static func fullMessage(_ language: Language) -> String {
        let s = Strings.for(language)
        return s.f(s.fieldFull, limit)
    }

    /// Characters a field takes: anything printable; control and bidi characters are refused
    /// (they would only be drawn as placeholders later).
    public static func accepts(_ ch: Character) -> Bool {
        !Sanitizer.needsCleaning(String(ch))
    }

    /// Inserts `ch` at the caret; false (and nothing changes) when the character is refused
    /// or the field is full.
    @discardableResult
    public mutating func insert(_ ch: Character) -> Bool {
        guard TextField.accepts(ch), !isFull(adding: ch) else { return false }
        let before = String(text.prefix(caret)) + String(ch)
        text = before + String(text.dropFirst(caret))
        // A combining mark joins the previous grapheme: the count tells where the caret is.
        caret = min(before.count, text.count)
        return true
    }

    public mutating func deleteBackward() {
        guard caret > 0 else { return }
        text = String(text.prefix(caret - 1)) + String(text.dropFirst(caret))
        caret -= 1
    }

    public mutating func deleteForward() {
        guard caret < text.count else { return }
        text = String(text.prefix(caret)) + String(text.dropFirst(caret + 1))
    }

    public mutating func moveLeft() { caret = max(0, caret - 1) }
    public mutating func moveRight() { caret = min(text.count, caret + 1) }
    public mutating func moveHome() { caret = 0 }
    public mutating func moveEnd() { caret = text.count }

    /// The part of the text to show in a field `width` columns wide, and the caret's column
    /// in it. The view scrolls so the caret is always visible.
    public func visible(width: Int) -> (text: String, caretColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let chars = Array(text)
        var start = 0
        var caretWidth = TextWidth.width(String(chars[0..<caret]))
        // Keep one column free for the caret at the end.
        while caretWidth > width - 1, start < caret {
            caretWidth -= TextWidth.width(of: chars[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for ch in chars[start...] {
            let w = TextWidth.width(of: ch)
            if used + w > width { break }
            shown.append(ch)
            used += w
        }
        return (shown, max(0, caretWidth))
    }
}

/// Layout helpers on display columns.
enum Text {
    /// Breaks text into lines at most `width` columns wide. Chinese breaks between any two
    /// characters; a Latin word is moved whole to the next line when it fits there.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var cur = ""
        var curW = 0
        for ch in text {
            let w = TextWidth.width(of: ch)
            if curW + w > width, !cur.isEmpty {
                if ch != " ", let sp = cur.lastIndex(of: " "), sp != cur.startIndex,
                   cur[cur.index(after: sp)...].allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
                    let tail = String(cur[cur.index(after: sp)...])
                    lines.append(String(cur[..<sp]))
                    cur = tail
                    curW = TextWidth.width(tail)
                    if curW + w > width { lines.append(cur); cur = ""; curW = 0 }
                } else {
                    lines.append(cur)
                    cur = ""
                    curW = 0
                }
                if ch == " " { continue }
            }
            cur.append(ch)
            curW += w
        }
        if !cur.isEmpty || lines.isEmpty { lines.append(cur) }
        return lines
    }

    /// Joins items with a separator into lines at most `width` columns wide, breaking
    /// between items; only an item wider than a whole line is itself broken.
    static func wrapItems(_ items: [String], separator: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var cur = ""
        var curW = 0
        for (i, item) in items.enumerated() {
            let piece = i < items.count - 1 ? item + separator : item
            let w = TextWidth.width(piece)
            if curW + w <= width {
                cur += piece
                curW += w
                continue
            }
            if !cur.isEmpty { lines.append(cur) }
            cur = ""
            curW = 0
            if w <= width {
                cur = piece
                curW = w
            } else {
                var parts = wrap(piece, width: width)
                let last = parts.removeLast()
                lines += parts
                cur = last
                curW = TextWidth.width(last)
            }
        }
        if !cur.isEmpty || lines.isEmpty { lines.append(cur) }
        return lines
    }

    /// Cuts from the left: "…/tracker/duban.sqlite".
    static func truncateLeft(_ s: String, to columns: Int, ellipsis: String) -> String {
        guard columns > 0 else { return "" }
        if TextWidth.width(s) <= columns { return s }
        let budget = columns - TextWidth.width(ellipsis)
        guard budget > 0 else { return TextWidth.truncate(ellipsis, to: columns) }
        var out: [Character] = []
        var used = 0
        for ch in s.reversed() {
            let w = TextWidth.width(of: ch)
            if used + w > budget { break }
            out.append(ch)
            used += w
        }
        return ellipsis + String(out.reversed())
    }

    /// Substitutes {1}, {2}, … in a template from the strings table.
    /// As if each argument in turn replaced every occurrence of its placeholder in the text so
    /// far (an earlier argument's text may hold a later placeholder), but on UTF-8 bytes: the
    /// status line and the matrix header fill templates in every frame. Splitting at ASCII
    /// braces never cuts a character.
    static func format(_ template: String, _ args: [Any]) -> String {
        var out = Array(template.utf8)
        for (i, a) in args.enumerated() {
            let key = Array("{\(i + 1)}".utf8)
            guard let first = placeholder(key, in: out, from: 0) else { continue }
            let value = Array(describe(a).utf8)
            var next: [UInt8] = []
            next.reserveCapacity(out.count + value.count)
            next.append(contentsOf: out[..<first])
            var j = first
            while let k = placeholder(key, in: out, from: j) {
                next.append(contentsOf: out[j..<k])
                next.append(contentsOf: value)
                j = k + key.count
            }
            next.append(contentsOf: out[j...])
            out = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where `key` next occurs in `bytes` at or after `from`.
    private static func placeholder(_ key: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var j = from
        while j + key.count <= bytes.count {
            if bytes[j] == key[0], bytes[j..<(j + key.count)].elementsEqual(key) { return j }
            j += 1
        }
        return nil
    }

    /// An argument as string interpolation writes it (strings and integers without a dynamic lookup).
    private static func describe(_ a: Any) -> String {
        if type(of: a) == String.self { return a as! String }
        if type(of: a) == Int.self { return String(a as! Int) }
        return "\(a)"
    }
}

extension String {
    /// Text from data, made harmless before it is measured or drawn.
    var clean: String { Sanitizer.clean(self) }

    /// The text cut to `limit` characters (Unicode scalars; "…" when cut), then made
    /// harmless: a text over its limit in an old file costs what the limit allows to
    /// show, not its length.
    func clean(upTo limit: Int) -> String {
        let (head, cut) = TextWidth.head(self, maxScalars: limit)
        return Sanitizer.clean(head) + (cut ? "…" : "")
    }
}
