import Foundation

/// A table file the importer cannot read at all (not text in a known encoding, not a
/// workbook, a sheet that does not exist, …), or a table defect found in it. One sentence.
public struct TableFileError: Error, Equatable, Sendable, CustomStringConvertible, SpokenError {
    /// What is wrong with the file, in English.
    public var message: String
    /// The same in Chinese.
    public var zh: String
    /// The table defect, when the file was read but the table in it is refused.
    public var importError: ImportError?
    /// The workbook sheet the defect is on (its `importError.line` is then a row number).
    public var sheet: String?

    public init(_ text: Localized) {
        self.message = text.en
        self.zh = text.zh
    }

    /// For tests that compare errors: equality compares the English, the table defect and the sheet.
    init(_ message: String) {
        self.message = message
        self.zh = message
    }

    public static func == (a: TableFileError, b: TableFileError) -> Bool {
        a.message == b.message && a.importError == b.importError && a.sheet == b.sheet
    }

    public init(_ error: ImportError, sheet: String? = nil) {
        self.message = error.message
        self.zh = error.zh
        importError = error
        self.sheet = sheet
    }

    public var description: String {
        guard let e = importError else { return message }
        if let sheet { return "sheet \(sheet) row \(e.line): \(e.message)" }
        return e.description
    }

    public var spoken: Localized {
        guard let e = importError else { return Localized(zh: zh, en: message) }
        if let sheet { return Localized(zh: "工作表 \(sheet) 第 \(e.line) 行：\(e.zh)", en: description) }
        return e.spoken
    }
}

/// The text encodings a table file may be in.
public enum TableTextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    /// GB18030, which includes GBK and GB2312: the default of Excel and WPS on Chinese Windows.
    case gb18030 = "GB18030"
}

/// Text decoded from a table file, and how.
public struct DecodedTableText: Sendable, Equatable {
    public var text: String
    public var encoding: TableTextEncoding
    /// The file started with a byte order mark (it is not part of `text`).
    public var byteOrderMark: Bool

    /// The encoding without the text.
    public var summary: Summary { Summary(encoding: encoding, byteOrderMark: byteOrderMark) }

    public struct Summary: Sendable, Equatable {
        public var encoding: TableTextEncoding
        public var byteOrderMark: Bool

        /// "UTF-8 with BOM", "UTF-16LE with BOM", "GB18030", …
        public var encodingName: String {
        switch (encoding, byteOrderMark) {
        case (.gb18030, _): return encoding.rawValue
        case (.utf8, false): return encoding.rawValue
        case (_, true): return encoding.rawValue + " with BOM"
        case (_, false): return encoding.rawValue + " without BOM"
        }
        }
    }

    public var encodingName: String { summary.encodingName }
}

/// Decodes the bytes of a text table: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE);
/// without one, NUL bytes on every other position mean UTF-16 (Excel's "Unicode text"),
/// valid UTF-8 is UTF-8, and anything else is tried as GB18030. Text none of them reads is
/// refused with one sentence.
public enum TableTextDecoder {
    /// Foundation's encoding constant for GB18030 (CFStringEncoding GB_18030_2000 = 0x0632,
    /// as an NSStringEncoding: 0x80000632). It decodes on Linux and on macOS.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public static func decode(_ bytes: [UInt8]) throws(TableFileError) -> DecodedTableText {
        let n = bytes.count
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            let rest = bytes[3...]
            guard let text = String(validating: rest, as: UTF8.self) else {
                throw TableFileError(Localized(zh: "它以 UTF-8 字节顺序标记开头，但第 \(lineOfFirstInvalidUTF8(bytes)) 行不是 UTF-8 文本；请重新另存为 CSV UTF-8", en: "it starts with a UTF-8 byte order mark, but line \(lineOfFirstInvalidUTF8(bytes)) is not UTF-8 text; save it again as CSV UTF-8"))
            }
            return DecodedTableText(text: text, encoding: .utf8, byteOrderMark: true)
        }
        if n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            return DecodedTableText(text: try utf16(bytes[2...], littleEndian: true), encoding: .utf16LE, byteOrderMark: true)
        }
        if n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return DecodedTableText(text: try utf16(bytes[2...], littleEndian: false), encoding: .utf16BE, byteOrderMark: true)
        }
        if bytes.contains(0) {
            // UTF-16 without a byte order mark: ASCII characters leave NUL bytes, all on odd
            // positions (little-endian) or all on even ones (big-endian).
            var odd = false, even = false
            for (i, b) in bytes.enumerated() where b == 0 {
                if i & 1 == 1 { odd = true } else { even = true }
            }
            if n % 2 == 0 && odd != even, let text = try? utf16(bytes[...], littleEndian: odd), text.unicodeScalars.allSatisfy({ u in
                u.value >= 0x20 ? u.value != 0xFFFE && u.value != 0xFFFF && u.value != 0x7F : u == "\t" || u == "\n" || u == "\r"
            }) {
                // Only text that reads as text: no control characters, no U+FFFE/U+FFFF.
                return DecodedTableText(text: text, encoding: odd ? .utf16LE : .utf16BE, byteOrderMark: false)
            }
            throw TableFileError(Localized(zh: "它含有 NUL 字节，又不是 UTF-16 文本：不是文本表格", en: "it has NUL bytes and is not UTF-16 text: it is not a text table"))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedTableText(text: text, encoding: .utf8, byteOrderMark: false)
        }
        if let text = String(bytes: bytes, encoding: gb18030) {
            return DecodedTableText(text: text, encoding: .gb18030, byteOrderMark: false)
        }
        throw TableFileError(Localized(zh: "它不是 UTF-8、UTF-16 或 GB18030 文本（第 \(lineOfFirstInvalidUTF8(bytes)) 行有这些编码都无法读取的字节）；请另存为 CSV UTF-8 后重试", en: "it is not text in UTF-8, UTF-16 or GB18030 (line \(lineOfFirstInvalidUTF8(bytes)) has bytes none of them can read); save it as CSV UTF-8 and try again"))
    }

    private static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) throws(TableFileError) -> String {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        guard body.count % 2 == 0 else {
            throw TableFileError(Localized(zh: "它是 \(name) 文本，但字节数为奇数：文件被截断或已损坏", en: "it is \(name) text with an odd number of bytes: the file is cut off or damaged"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i < body.endIndex {
            let a = UInt16(body[i]), b = UInt16(body[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            var line = 1
            for u in units { if u == 0x0A { line += 1 } else if u >= 0xD800 && u <= 0xDFFF { break } }
            throw TableFileError(Localized(zh: "它是 \(name) 文本，但第 \(line) 行有损坏的字符（不成对的代理项）：文件已损坏", en: "it is \(name) text, but line \(line) has a broken character (an unpaired surrogate): the file is damaged"))
        }
        return text
    }

    /// The line (counting LF) of the first byte that is not part of valid UTF-8.
    static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let s):
                if s.count == 1 && s.first == 0x0A { line += 1 }
            case .error: return line
            case .emptyInput: return line
            }
        }
    }
}

extension ImportRecord {
    /// A record (a workbook row) from its cells' texts: each cell's text is split into
    /// fragments at its line breaks (like a quoted CSV field), all at `line`.
    public init(line: Int, cells: [String], mergedCopies: Set<Int> = []) {
        let fields = cells.map { cell -> [ImportFragment] in
            var frags: [ImportFragment] = []
            var s = Substring(cell)
            while let i = s.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                frags.append(ImportFragment(text: String(s[..<i]), line: line))
                s = s[s.index(after: i)...]
            }
            frags.append(ImportFragment(text: String(s), line: line))
            return frags
        }
        self.init(line: line, fields: fields, mergedCopies: mergedCopies)
    }

    /// Each field's text, its fragments joined by "\n" (for tests and checks).
    public var cellTexts: [String] { fields.map { $0.map(\.text).joined(separator: "\n") } }
    public var copiedFields: Set<Int> { mergedCopies }
    public var recordLine: Int { line }
}
