import DubanCore
import Foundation
import ZIPFoundation

/// Reads one sheet of an Excel/WPS workbook (.xlsx, Office Open XML) into `ImportRecord`s,
/// one per row (line = the sheet's row number). Cell text comes from shared strings, inline
/// strings (rich text runs joined, phonetic runs left out) and numbers (1.0 reads "1"; a
/// number with a date format, built-in or custom, reads as YYYY-MM-DD). A merged region's
/// value is copied into each of its cells, the copies marked in `mergedCopies`.
///
/// Limits, against damaged files and zip bombs: at most `maxUncompressed` bytes are inflated
/// in all, and a sheet gives at most `maxCells` cells (merged copies included).
public struct XLSXReader {
    public static let maxUncompressed = 200 << 20
    public static let maxCells = 1_000_000

    /// The workbook's sheets, in tab order.
    public private(set) var sheetNames: [String] = []
    private var sheetParts: [String: String?] = [:]   // name → part path (nil: a chart sheet or missing)
    private var hidden: Set<String> = []
    private var date1904 = false
    private var sharedStrings: [String] = []
    private var dateStyles: [Bool] = []                // cellXfs index → has a date format
    private let part: (String) throws(TableFileError) -> Data?

    /// Opens a workbook from the file's bytes.
    public init(data: Data) throws(TableFileError) { try self.init(data: data, maxUncompressed: Self.maxUncompressed) }

    /// With a lower cap on the bytes inflated, for tests.
    init(data: Data, maxUncompressed: Int) throws(TableFileError) {
        // ZIPFoundation looks for the end-of-central-directory record first and, when it finds
        // none, throws without closing its in-memory file (the bytes are never freed): look first.
        guard Self.hasEndOfCentralDirectory(data) else {
            throw TableFileError(Localized(zh: "它不是 .xlsx 工作簿：不是可读的 zip 压缩包（已损坏或被截断）", en: "it is not an .xlsx workbook: it is not a readable zip archive (damaged or cut off)"))
        }
        // ZIPFoundation's in-memory archive traps when a damaged zip points past its end (its
        // MemoryFile reads a negative count; found by the fuzzer), so the bytes go to a private
        // temporary file, unlinked as soon as the archive has it open: reads past the end of a
        // file are short reads, which it reports as errors.
        let archive: Archive
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("duban-xlsx-\(UUID().uuidString)")
        do {
            guard FileManager.default.createFile(atPath: temp.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw TableFileError(Localized(zh: "无法读取工作簿：无法在 \(FileManager.default.temporaryDirectory.path) 中写入临时文件", en: "the workbook cannot be read: no temporary file could be written in \(FileManager.default.temporaryDirectory.path)"))
            }
            defer { try? FileManager.default.removeItem(at: temp) }
            do {
                archive = try Archive(url: temp, accessMode: .read)
            } catch {
                throw TableFileError(Localized(zh: "它不是 .xlsx 工作簿：不是可读的 zip 压缩包（已损坏或被截断）", en: "it is not an .xlsx workbook: it is not a readable zip archive (damaged or cut off)"))
            }
        }
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            if count > 10_000 { throw TableFileError(Localized(zh: "它不是 .xlsx 工作簿：其中有一万多个文件", en: "it is not an .xlsx workbook: it holds more than 10,000 files")) }
            entries[Self.normalize(entry.path)] = entry
        }
        var budget = maxUncompressed
        let read: (String) throws(TableFileError) -> Data? = { path throws(TableFileError) -> Data? in
            guard let entry = entries[Self.normalize(path)], entry.type == .file else { return nil }
            let tooLarge = Localized(zh: "工作簿太大，无法读取：解压后将超过 \(maxUncompressed >> 20) MB",
                                     en: "the workbook is too large to read: its parts would take more than \(maxUncompressed >> 20) MB uncompressed")
            if entry.uncompressedSize > UInt64(max(budget, 0)) { throw TableFileError(tooLarge) }
            var out = Data()
            out.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    budget -= chunk.count
                    if budget < 0 { throw ZipBomb() }
                    out.append(chunk)
                }
            } catch is ZipBomb {
                throw TableFileError(tooLarge)
            } catch {
                throw TableFileError(Localized(zh: "工作簿已损坏：其部件 \(path) 无法解压", en: "the workbook is damaged: its part \(path) cannot be unpacked"))
            }
            return out
        }
        try self.init(part: read, has: { entries[Self.normalize($0)] != nil })
    }

    private struct ZipBomb: Error {}

    /// Whether the bytes hold a zip's end-of-central-directory record (PK\5\6 and its 22 bytes).
    static func hasEndOfCentralDirectory(_ data: Data) -> Bool {
        guard data.count >= 22 else { return false }
        return data.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Bool in
            var i = b.count - 22
            while i >= 0 {
                if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 5 && b[i + 3] == 6 { return true }
                i -= 1
            }
            return false
        }
    }

    /// Opens a workbook from its parts (path → bytes): the fuzzer's way in, past the zip layer.
    init(parts: [String: Data]) throws(TableFileError) {
        var normalized: [String: Data] = [:]
        for (k, v) in parts { normalized[Self.normalize(k)] = v }
        try self.init(part: { normalized[Self.normalize($0)] }, has: { normalized[Self.normalize($0)] != nil })
    }

    private init(part: @escaping (String) throws(TableFileError) -> Data?, has: (String) -> Bool) throws(TableFileError) {
        self.part = part
        // The workbook part, from the package relationships (usually xl/workbook.xml).
        var workbookPath = "xl/workbook.xml"
        if let rels = try part("_rels/.rels") {
            for r in try Self.relationships(rels, part: "_rels/.rels", base: "")
            where r.type.hasSuffix("/officeDocument") && r.target.hasSuffix(".xml") {
                workbookPath = r.target
            }
        }
        guard let workbook = try part(workbookPath) else {
            if has("xl/workbook.bin") {
                throw TableFileError(Localized(zh: "它是 Excel 二进制工作簿（.xlsb）；请在 Excel 或 WPS 中打开并另存为 .xlsx", en: "it is an Excel binary workbook (.xlsb); open it in Excel or WPS and save it as .xlsx"))
            }
            if has("content.xml") && has("mimetype") {
                throw TableFileError(Localized(zh: "它是 OpenDocument 文件（.ods），不是 .xlsx；请在 WPS、Excel 或 LibreOffice 中打开并另存为 .xlsx", en: "it is an OpenDocument file (.ods), not .xlsx; open it in WPS, Excel or LibreOffice and save it as .xlsx"))
            }
            if has("word/document.xml") { throw TableFileError(Localized(zh: "它是 Word 文档（.docx），不是 .xlsx 工作簿", en: "it is a Word document (.docx), not an .xlsx workbook")) }
            throw TableFileError(Localized(zh: "它是 zip 压缩包，但不是 .xlsx 工作簿（其中没有 \(workbookPath)）", en: "it is a zip archive but not an .xlsx workbook (it has no \(workbookPath))"))
        }
        let dir = workbookPath.contains("/") ? String(workbookPath[..<workbookPath.lastIndex(of: "/")!]) : ""
        let relsPath = (dir.isEmpty ? "" : dir + "/") + "_rels/" + String(workbookPath.split(separator: "/").last ?? "") + ".rels"
        var targets: [String: (type: String, target: String)] = [:]
        var sharedPath: String?, stylesPath: String?
        if let rels = try part(relsPath) {
            for r in try Self.relationships(rels, part: relsPath, base: dir) {
                targets[r.id] = (r.type, r.target)
                if r.type.hasSuffix("/sharedStrings") { sharedPath = r.target }
                if r.type.hasSuffix("/styles") { stylesPath = r.target }
            }
        }
        // Sheets in tab order.
        var names: [String] = []
        var paths: [String: String?] = [:]
        var hiddenNames = Set<String>()
        var is1904 = false
        var sheetCount = 0
        try XMLEvents.parse(workbook, part: workbookPath, start: { name, a in
            switch name {
            case "workbookPr":
                let v = a["date1904"]?.lowercased()
                is1904 = v == "1" || v == "true"
            case "sheet":
                sheetCount += 1
                guard let n = a["name"], paths[n] == nil, sheetCount <= 1_000 else { return }
                names.append(n)
                if let t = a["id"].flatMap({ targets[$0] }), t.type.hasSuffix("/worksheet") {
                    paths[n] = t.target
                } else {
                    paths[n] = .some(nil)
                }
                if let s = a["state"], s == "hidden" || s == "veryHidden" { hiddenNames.insert(n) }
            default: break
            }
        })
        guard !names.isEmpty else { throw TableFileError(Localized(zh: "工作簿中没有工作表", en: "the workbook has no sheets")) }
        sheetNames = names
        sheetParts = paths
        hidden = hiddenNames
        date1904 = is1904
        if let p = sharedPath ?? (has(dir + "/sharedStrings.xml") ? dir + "/sharedStrings.xml" : nil), let d = try part(p) {
            sharedStrings = try Self.sharedStrings(d, part: p)
        }
        if let p = stylesPath ?? (has(dir + "/styles.xml") ? dir + "/styles.xml" : nil), let d = try part(p) {
            dateStyles = try Self.dateStyles(d, part: p)
        }
    }

    /// The sheet read when none is named: the first visible one.
    public var firstSheet: String { sheetNames.first { !hidden.contains($0) } ?? sheetNames[0] }

    /// The rows of sheet `name` (default: the first visible sheet) as records, in row order,
    /// blank rows left out.
    public func records(sheet name: String? = nil) throws(TableFileError) -> [ImportRecord] {
        let name = name ?? firstSheet
        guard let entry = sheetParts[name] else {
            throw TableFileError(Localized(zh: "工作簿中没有名为 \(name) 的工作表；其工作表有：\(sheetNames.joined(separator: "、"))", en: "the workbook has no sheet named \(name); its sheets are \(sheetNames.joined(separator: ", "))"))
        }
        guard let path = entry else {
            throw TableFileError(Localized(zh: "工作表 \(name) 不是单元格表格（是图表工作表，或其部件缺失）", en: "sheet \(name) is not a table of cells (a chart sheet, or its part is missing)"))
        }
        guard let data = try part(path) else {
            throw TableFileError(Localized(zh: "工作簿已损坏：工作表 \(name) 的部件 \(path) 缺失", en: "the workbook is damaged: sheet \(name)'s part \(path) is missing"))
        }
        return try readSheet(data, part: path)
    }

    // MARK: Sheet

    private func readSheet(_ data: Data, part path: String) throws(TableFileError) -> [ImportRecord] {
        var cells: [Int: [Int: String]] = [:]   // row → column → text (non-empty only)
        var cellCount = 0
        var merges: [(r0: Int, c0: Int, r1: Int, c1: Int)] = []
        var row = 0, col = 0
        var type = "", style = 0
        var value = "", inline = "", inValue = false, inInlineText = false, phonetic = 0, inCell = false
        var failure: TableFileError?
        let shared = sharedStrings
        try XMLEvents.parse(data, part: path, start: { name, a in
            guard failure == nil else { return }
            switch name {
            case "row":
                if let r = a["r"] {
                    guard let n = Int(r), (1...1_048_576).contains(n) else {
                        failure = TableFileError(Localized(zh: "工作簿已损坏：工作表行号“\(r.prefix(20))”不是工作表可有的行号", en: "the workbook is damaged: sheet row number \"\(r.prefix(20))\" is not one a sheet can have"))
                        return
                    }
                    row = n
                } else {
                    row += 1
                }
                col = 0
            case "c":
                if let r = a["r"] {
                    guard let ref = Self.cellRef(r) else {
                        failure = TableFileError(Localized(zh: "工作簿已损坏：“\(r.prefix(20))”不是单元格引用", en: "the workbook is damaged: \"\(r.prefix(20))\" is not a cell reference"))
                        return
                    }
                    (row, col) = (ref.row, ref.col)
                } else {
                    col += 1
                }
                if row == 0 { row = 1 }
                guard col <= 16_384 else {
                    failure = TableFileError(Localized(zh: "工作簿已损坏：有单元格超出了 XFD 列", en: "the workbook is damaged: a cell lies beyond column XFD"))
                    return
                }
                type = a["t"] ?? "n"
                style = a["s"].flatMap { Int($0) } ?? 0
                value = ""
                inline = ""
                inCell = true
            case "v": inValue = inCell
            case "rPh": phonetic += 1
            case "t": inInlineText = inCell && phonetic == 0
            case "mergeCell":
                guard let ref = a["ref"], let m = Self.rangeRef(ref) else { return }
                merges.append(m)
            default: break
            }
        }, end: { name in
            switch name {
            case "v": inValue = false
            case "t": inInlineText = false
            case "rPh": phonetic = max(0, phonetic - 1)
            case "c":
                guard inCell, failure == nil else { return }
                inCell = false
                let text: String
                switch type {
                case "s":
                    guard let i = Int(value.importTrimmedASCII), i >= 0, i < shared.count else {
                        failure = TableFileError(Localized(zh: "工作簿已损坏：单元格 \(Self.columnName(col))\(row) 引用了不存在的共享字符串 \(value.prefix(12))", en: "the workbook is damaged: cell \(Self.columnName(col))\(row) refers to shared string \(value.prefix(12)), which does not exist"))
                        return
                    }
                    text = shared[i]
                case "inlineStr": text = Self.unescape(inline)
                case "b": text = value.importTrimmedASCII == "1" ? "TRUE" : "FALSE"
                case "d":
                    let v = value.importTrimmedASCII
                    text = Self.isISODate(v) ? String(v.prefix(10)) : v
                case "str", "e": text = Self.unescape(value)
                default:
                    text = self.numberText(value.importTrimmedASCII, style: style)
                }
                guard !text.isEmpty else { return }
                if cells[row, default: [:]].updateValue(text, forKey: col) == nil { cellCount += 1 }
                if cellCount > Self.maxCells {
                    failure = TableFileError(Localized(zh: "工作表太大：超过 \(Self.maxCells) 个单元格", en: "the sheet is too large: it has more than \(Self.maxCells) cells"))
                }
            default: break
            }
        }, text: { s in
            if inValue { value += s } else if inInlineText { inline += s }
        }, stop: { failure })
        if let failure { throw failure }

        // Merged regions: the top-left value into every other cell, marked as a copy.
        var copies: [Int: Set<Int>] = [:]
        var copied = 0
        for m in merges {
            guard let v = cells[m.r0]?[m.c0] else { continue }
            let area = (m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1)
            copied += area - 1
            if cellCount + copied > Self.maxCells {
                throw TableFileError(Localized(zh: "工作表太大：展开合并单元格后超过 \(Self.maxCells) 个单元格", en: "the sheet is too large: with its merged cells copied it has more than \(Self.maxCells) cells"))
            }
            for r in m.r0...m.r1 {
                for c in m.c0...m.c1 where (r, c) != (m.r0, m.c0) {
                    cells[r, default: [:]][c] = v
                    copies[r, default: []].insert(c - 1)
                }
            }
        }

        var records: [ImportRecord] = []
        records.reserveCapacity(cells.count)
        var fieldCount = 0
        for r in cells.keys.sorted() {
            let rowCells = cells[r]!
            let width = rowCells.keys.max() ?? 0
            fieldCount += width
            if fieldCount > 4 * Self.maxCells {
                throw TableFileError(Localized(zh: "工作表太大：其行跨越超过 \(4 * Self.maxCells) 个单元格", en: "the sheet is too large: its rows span more than \(4 * Self.maxCells) cells"))
            }
            let texts = (1...max(width, 1)).map { rowCells[$0] ?? "" }
            records.append(ImportRecord(line: r, cells: texts, mergedCopies: copies[r] ?? []))
        }
        return records
    }

    // MARK: Numbers and dates

    private func numberText(_ v: String, style: Int) -> String {
        guard !v.isEmpty else { return "" }
        guard let d = Double(v), d.isFinite else { return v }
        if style >= 0, style < dateStyles.count, dateStyles[style], let date = Self.dateText(serial: d, date1904: date1904) {
            return date
        }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// An Excel serial date as YYYY-MM-DD (the time of day dropped); nil outside 1900…9999.
    static func dateText(serial: Double, date1904: Bool) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let day = Int(serial.rounded(.down))
        let days: Int   // days since 1970-01-01
        if date1904 {
            days = day - 24_107            // 1904-01-01 is day 0
        } else if day == 60 {
            return "1900-02-29"            // the day Excel counts that never was
        } else {
            days = day - (day < 60 ? 25_568 : 25_569)   // 1899-12-31 / 1899-12-30 is day 0
        }
        let date = Day(ordinal: days)
        return date.year <= 9999 ? date.description : nil
    }

    /// Built-in date formats: 14–17 and 22 (dates), 27–36 and 50–58 (the CJK date formats of
    /// Chinese, Japanese and Korean Excel).
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code { return isDateFormatCode(code) }
        return (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id)
    }

    /// A custom format is a date format when, outside quoted text, brackets and escapes, it
    /// has y, d or e (years, days, era years); m alone may be minutes and is not enough.
    static func isDateFormatCode(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            if quoted { if ch == "\"" { quoted = false }; continue }
            if bracket { if ch == "]" { bracket = false }; continue }
            switch ch {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": escaped = true
            case "y", "d", "e": return true
            case ";": return false   // the first section decides (positive numbers)
            default: break
            }
        }
        return false
    }

    private static func isISODate(_ v: String) -> Bool {
        let u = Array(v.utf8.prefix(10))
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (48...57).contains(u[$0]) }
    }

    // MARK: Parts

    private static func sharedStrings(_ data: Data, part: String) throws(TableFileError) -> [String] {
        var out: [String] = []
        var current = "", inItem = false, inText = false, phonetic = 0
        var failure: TableFileError?
        try XMLEvents.parse(data, part: part, start: { name, _ in
            switch name {
            case "si":
                inItem = true
                current = ""
            case "rPh": phonetic += 1
            case "t": inText = inItem && phonetic == 0
            default: break
            }
        }, end: { name in
            switch name {
            case "si":
                out.append(unescape(current))
                inItem = false
                if out.count > maxCells { failure = TableFileError(Localized(zh: "工作簿的共享字符串超过 \(maxCells) 个", en: "the workbook has more than \(maxCells) shared strings")) }
            case "t": inText = false
            case "rPh": phonetic = max(0, phonetic - 1)
            default: break
            }
        }, text: { s in if inText { current += s } }, stop: { failure })
        return out
    }

    private static func dateStyles(_ data: Data, part: String) throws(TableFileError) -> [Bool] {
        var codes: [Int: String] = [:]
        var xfs: [Int] = []
        var inCellXfs = false
        try XMLEvents.parse(data, part: part, start: { name, a in
            switch name {
            case "numFmt":
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { codes[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs && xfs.count < 100_000:
                xfs.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }, end: { name in if name == "cellXfs" { inCellXfs = false } })
        return xfs.map { isDateFormat(id: $0, code: codes[$0]) }
    }

    private struct Relationship { var id: String; var type: String; var target: String }

    private static func relationships(_ data: Data, part: String, base: String) throws(TableFileError) -> [Relationship] {
        var out: [Relationship] = []
        try XMLEvents.parse(data, part: part, start: { name, a in
            guard name == "Relationship", let id = a["Id"], let target = a["Target"], a["TargetMode"] != "External" else { return }
            out.append(Relationship(id: id, type: a["Type"] ?? "", target: resolve(target, base: base)))
        })
        return out
    }

    /// A relationship target as a path in the package: absolute ("/xl/…") or relative to `base`.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for p in target.split(separator: "/") {
            if p == "." { continue }
            if p == ".." { _ = parts.popLast(); continue }
            parts.append(p)
        }
        return parts.joined(separator: "/")
    }

    /// Part names compare without case and without a leading slash.
    static func normalize(_ path: String) -> String {
        var p = path.lowercased()
        while p.hasPrefix("/") { p.removeFirst() }
        return p
    }

    // MARK: References and escapes

    /// "C12" → (row 12, column 3); "$C$12" too. Nil when it is not a reference within a sheet.
    static func cellRef(_ s: String) -> (row: Int, col: Int)? {
        var col = 0, row = 0, digits = 0, letters = 0
        for u in s.utf8 {
            switch u {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                col = col * 26 + Int((u | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(u - UInt8(ascii: "0"))
                digits += 1
            default: return nil
            }
        }
        guard letters > 0, digits > 0, (1...16_384).contains(col), (1...1_048_576).contains(row) else { return nil }
        return (row, col)
    }

    static func rangeRef(_ s: String) -> (r0: Int, c0: Int, r1: Int, c1: Int)? {
        let halves = s.split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count == 2, let a = cellRef(String(halves[0])), let b = cellRef(String(halves[1])) else { return nil }
        return (min(a.row, b.row), min(a.col, b.col), max(a.row, b.row), max(a.col, b.col))
    }

    static func columnName(_ col: Int) -> String {
        var n = col, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Undoes the _xHHHH_ escapes of OOXML strings (Excel writes a CR as _x000D_) and makes
    /// CRLF and CR line breaks LF.
    static func unescape(_ s: String) -> String {
        var text = s
        if text.contains("_x") {
            var units: [UInt16] = []
            let u = Array(s.utf16)
            var i = 0
            while i < u.count {
                if u[i] == 0x5F, i + 6 < u.count, u[i + 1] == 0x78, u[i + 6] == 0x5F,
                   let v = UInt16(String(decoding: u[(i + 2)...(i + 5)], as: UTF16.self), radix: 16) {
                    units.append(v)
                    i += 7
                } else {
                    units.append(u[i])
                    i += 1
                }
            }
            text = String(decoding: units, as: UTF16.self)
        }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }
}

extension String {
    /// Without ASCII white space at either end.
    var importTrimmedASCII: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
