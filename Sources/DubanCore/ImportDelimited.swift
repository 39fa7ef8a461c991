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
                            return ImportError(line: quoteLine, message: "the quoted field starting on this line is not closed")
                        }
                        frags.append(ImportFragment(text: String(decoding: buf, as: UTF8.self), line: fragLine))
                        if i < n && b[i] != delimiter && b[i] != lf && b[i] != cr {
                            return ImportError(line: line, message: "there is text after the closing quote of a field")
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

/// Records → rows: the first non-blank record is the header; each later one a row.
struct ImportRecordRows {
    private var header: (line: Int, map: [ImportColumn: Int], count: Int)?
    private var rows: [ImportRow] = []

    /// Takes the next record; returns the error that refuses the table, if any.
    mutating func add(_ rec: ImportRecord) -> ImportError? {
        if rec.isImportBlank { return nil }
        guard let h = header else {
            let names = rec.fields.map { $0.map(\.text).joined(separator: "\n") }
            switch Result(catching: { () throws(ImportError) in try ImportColumn.map(headers: names, line: rec.line) }) {
            case .success(let map): header = (rec.line, map, rec.fields.count)
            case .failure(let error): return error
            }
            return nil
        }
        guard rec.fields.count <= h.count else {
            return ImportError(line: rec.line, message:
                "this row has \(rec.fields.count) fields but the header on line \(h.line) has \(h.count)")
        }
        var row = ImportRow(line: rec.line)
        for (c, i) in h.map where i < rec.fields.count { row[c] = rec.fields[i] }
        rows.append(row)
        return nil
    }

    func finish() throws(ImportError) -> ImportRawTable {
        guard let h = header else { throw ImportError(line: 1, message: "the table is empty: there is no header row") }
        guard !rows.isEmpty else { throw ImportError(line: h.line, message: "the table has no data rows") }
        return ImportRawTable(rows: rows, fragmentsAreWraps: false)
    }
}
