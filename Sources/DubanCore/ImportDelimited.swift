/// Reads CSV (RFC 4180) and TSV with a header row. A field that starts with `"` is quoted:
/// it may hold delimiters and line breaks, and `""` stands for one `"`. A UTF-8 byte order
/// mark and CRLF line ends are accepted. Works on bytes, in one pass.
enum DelimitedReader {
    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    static func read(_ text: String, delimiter: UInt8) throws(ImportError) -> ImportRawTable {
        var rows = ImportRecordRows()
        if let failure = forEachRecord(text, delimiter: delimiter, { rows.add($0) }) { throw failure }
        return try rows.finish()
    }

    /// Calls `body` with each record in order until it returns an error, and returns that
    /// error, or the error of malformed quoting; nil when all records were read.
    static func forEachRecord(_ text: String, delimiter: UInt8,
                              _ body: (ImportRecord) -> ImportError?) -> ImportError? {
        var text = text
        return text.withUTF8 { b -> ImportError? in
            let n = b.count
            var i = 0
            if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
            var line = 1
            while i < n {
                let recordLine = line
                var fields: [[ImportFragment]] = []
                while true {
                    if i < n && b[i] == quote {
                        let quoteLine = line
                        i += 1
                        var frags: [ImportFragment] = []
                        var buf: [UInt8] = []
                        var fragLine = line
                        var closed = false
                        while i < n {
                            let c = b[i]
                            if c == quote {
                                if i + 1 < n && b[i + 1] == quote {
                                    buf.append(quote)
                                    i += 2
                                    continue
                                }
                                i += 1
                                closed = true
                                break
                            }
                            if c == lf || c == cr {
                                frags.append(ImportFragment(text: String(decoding: buf, as: UTF8.self), line: fragLine))
                                buf.removeAll(keepingCapacity: true)
                                i += (c == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1
                                line += 1
                                fragLine = line
                                continue
                            }
                            buf.append(c)
                            i += 1
                        }
                        guard closed else {
                            return ImportError(line: quoteLine, Localized(zh: "从这一行开始的带引号字段没有结束", en: "the quoted field starting on this line is not closed"))
                        }
                        frags.append(ImportFragment(text: String(decoding: buf, as: UTF8.self), line: fragLine))
                        if i < n && b[i] != delimiter && b[i] != lf && b[i] != cr {
                            return ImportError(line: line, Localized(zh: "字段的结束引号之后还有文字", en: "there is text after the closing quote of a field"))
                        }
                        fields.append(frags)
                    } else {
                        let s = i
                        while i < n, b[i] != delimiter, b[i] != lf, b[i] != cr { i += 1 }
                        fields.append([ImportFragment(text: String(decoding: UnsafeBufferPointer(rebasing: b[s..<i]), as: UTF8.self),
                                                line: line)])
                    }
                    if i < n && b[i] == delimiter {
                        i += 1
                        continue
                    }
                    break
                }
                if i < n {
                    i += (b[i] == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1
                    line += 1
                }
                if let e = body(ImportRecord(line: recordLine, fields: fields)) { return e }
            }
            return nil
        }
    }
}

/// One record of a table with a header row, from CSV/TSV text or a workbook's sheet: its
/// fields, each as fragments (one per line of the field's text).
public struct ImportRecord: Sendable {
    /// Physical line (CSV/TSV) or sheet row number (workbook) where the record starts.
    var line: Int
    var fields: [[ImportFragment]]
    /// Fields whose text was copied from a merged cell above (a workbook's merged cells):
    /// the row's own value for its task, but not new text when the row continues the task above.
    var mergedCopies: Set<Int> = []
    var isImportBlank: Bool { fields.allSatisfy { $0.allSatisfy { $0.text.isImportBlank } } }
}

/// Records → rows: the first non-blank record is the header (with the next one when that
/// continues it: two header rows); each later one a row. A record whose 序号 is blank, or
/// copied from a merged cell, continues the task above: its fields copied from merged cells
/// are left out (they are the task's own text, already read).
struct ImportRecordRows {
    private var header: (line: Int, map: ImportColumn.HeaderMap, count: Int)?
    /// The first header record, until the next record shows whether it continues the header.
    private var pending: (line: Int, names: [String], count: Int)?
    private var rows: [ImportRow] = []
    private var repairs: [ImportRepair] = []

    private static func names(_ rec: ImportRecord) -> [String] {
        rec.fields.enumerated().map { i, f in
            // A header copied from a merged cell (a group header over several columns) names only its first column.
            rec.mergedCopies.contains(i) ? "" : f.map(\.text).joined(separator: "\n")
        }
    }

    private mutating func setHeader(line: Int, names: [String], count: Int) -> ImportError? {
        switch Result(catching: { () throws(ImportError) in try ImportColumn.map(headers: names, line: line) }) {
        case .success(let map):
            header = (line, map, count)
            repairs += map.repairs
            return nil
        case .failure(let error): return error
        }
    }

    /// Takes the next record; returns the error that refuses the table, if any.
    mutating func add(_ rec: ImportRecord) -> ImportError? {
        if rec.isImportBlank { return nil }
        if let p = pending {
            pending = nil
            let second = Self.names(rec)
            if let joined = ImportColumn.mergeHeaderRows(p.names, second) {
                repairs.append(ImportRepair(kind: .headerJoined, line: rec.line, task: nil, spoken:
                    Catalog.Repairs.headerJoined(line: rec.line, header: p.line, joined)))
                return setHeader(line: p.line, names: joined, count: max(p.count, rec.fields.count))
            }
            if let e = setHeader(line: p.line, names: p.names, count: p.count) { return e }
        }
        guard let h = header else {
            let filled = rec.fields.enumerated().filter { i, f in !rec.mergedCopies.contains(i) && f.contains { !$0.text.isImportBlank } }
            if filled.count == 1, ImportColumn.forHeader(filled[0].element.map(\.text).joined()) == nil {
                // 附件：重点任务分工方案 — a title above the header, in one cell.
                let title = filled[0].element.map(\.text).joined(separator: " ").importTrimmed
                repairs.append(ImportRepair(kind: .textDropped, line: rec.line, task: nil, spoken: Localized(
                    zh: "第 \(rec.line) 行：“\(title)”在表头之上，视为表格标题，不作为一行。",
                    en: "line \(rec.line): \"\(title)\" is above the header: read as the table's title, not a row")))
                return nil
            }
            pending = (rec.line, Self.names(rec), rec.fields.count)
            return nil
        }
        if rec.fields.count > h.count && rec.fields[h.count...].contains(where: { $0.contains { !$0.text.isImportBlank } }) {
            return ImportError(line: rec.line, Localized(
                zh: "这一行有 \(rec.fields.count) 个字段，而第 \(h.line) 行的表头有 \(h.count) 个",
                en: "this row has \(rec.fields.count) fields but the header on line \(h.line) has \(h.count)"))
        }
        var fields = rec.fields
        if let n = h.map.columns[.number], !rec.mergedCopies.isEmpty {
            let continues = n >= fields.count || rec.mergedCopies.contains(n) || fields[n].allSatisfy { $0.text.isImportBlank }
            if continues {
                for i in rec.mergedCopies where i < fields.count { fields[i] = [] }
            }
        }
        rows.append(ImportRow(line: rec.line, map: h.map, fields: fields))
        return nil
    }

    mutating func finish() throws(ImportError) -> ImportRawTable {
        if let p = pending {
            pending = nil
            if let e = setHeader(line: p.line, names: p.names, count: p.count) { throw e }
        }
        guard let h = header else { throw ImportError(line: 1, Localized(zh: "表格是空的：没有表头行", en: "the table is empty: there is no header row")) }
        guard !rows.isEmpty else { throw ImportError(line: h.line, Catalog.Repairs.noDataRows) }
        return ImportRawTable(rows: rows, fragmentsAreWraps: false, repairs: repairs)
    }
}
