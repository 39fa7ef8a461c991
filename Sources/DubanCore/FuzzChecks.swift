/// The properties the fuzzer (`duban-fuzz`) checks on arbitrary input, shared with the
/// tests that replay the fuzz corpus. Each check returns the problems it found (empty when
/// all hold); a crash inside the code under test is a finding too.
public enum FuzzChecks {
    public enum Target: String, CaseIterable, Sendable {
        case importer, sanitizer, decoder
    }

    public static func run(_ target: Target, _ data: [UInt8]) -> [String] {
        switch target {
        case .importer: return importer(data)
        case .sanitizer: return sanitizer(data)
        case .decoder: return decoder(data)
        }
    }

    /// A refusal is one sentence: not empty, on one line.
    public static func isOneSentence(_ message: String) -> Bool {
        !message.isEmpty && !message.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    }

    /// TableTextDecoder: text that gives the bytes back in the encoding it names (UTF-8 and
    /// UTF-16 exactly; GB18030 only for bytes that are not UTF-8 and have no NUL), or a
    /// one-sentence refusal, never of valid UTF-8 without NUL; then the importer checks on the text.
    public static func decoder(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let validUTF8 = String(validating: data, as: UTF8.self) != nil
        do {
            let d = try TableTextDecoder.decode(data)
            var body = data[...]
            if d.byteOrderMark { body = body.dropFirst(d.encoding == .utf8 ? 3 : 2) }
            switch d.encoding {
            case .utf8:
                if Array(d.text.utf8) != Array(body) { problems.append("UTF-8 text does not give the bytes back") }
            case .utf16LE, .utf16BE:
                var back: [UInt8] = []
                for u in d.text.utf16 {
                    if d.encoding == .utf16LE { back += [UInt8(u & 0xFF), UInt8(u >> 8)] } else { back += [UInt8(u >> 8), UInt8(u & 0xFF)] }
                }
                if back != Array(body) { problems.append("\(d.encoding.rawValue) text does not give the bytes back") }
            case .gb18030:
                if validUTF8 || data.contains(0) { problems.append("read as GB18030 although it is UTF-8 or has NUL bytes") }
            }
            problems += importer(Array(d.text.utf8)).map { "after decoding: " + $0 }
        } catch {
            if !isOneSentence(error.message) { problems.append("refusal is not one sentence: \(error.message)") }
            if validUTF8 && !data.contains(0) { problems.append("valid UTF-8 refused: \(error.message)") }
        }
        return problems
    }

    /// TableImporter on the bytes read as UTF-8 (invalid sequences replaced), with format
    /// detection and with each format: either a plan whose task numbers are unique, or an
    /// ImportError whose line is within 1...lineCount+1.
    public static func importer(_ data: [UInt8]) -> [String] {
        importer(data) { (text, format, directory) throws(ImportError) in
            try TableImporter.importTable(text, format: format, directory: directory)
        }
    }

    /// The importer check on any importer: a test hands it a broken one to see it fail.
    public static func importer(_ data: [UInt8],
                                using importTable: (String, TableFormat?, [Unit]) throws(ImportError) -> ImportResult) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        // Lines end at LF, CRLF or a lone CR, as the importer reads them.
        var lineCount = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) { lineCount += 1 }
            previous = byte
        }
        let directory = (try? UnitDirectory.builtIn()) ?? []
        var problems: [String] = []
        for format in [nil] + [TableFormat.boxDrawing, .csv, .tsv] {
            let name = format?.rawValue ?? "auto"
            do {
                let result = try importTable(text, format, directory)
                let numbers = result.plan.tasks.map(\.number)
                if Set(numbers).count != numbers.count {
                    problems.append("\(name): duplicate task numbers \(numbers)")
                }
            } catch {
                if !(1...(lineCount + 1)).contains(error.line) {
                    problems.append("\(name): error line \(error.line) outside 1...\(lineCount + 1): \(error.message)")
                }
            }
        }
        return problems
    }

    /// Sanitizer.clean leaves no C0, DEL, C1 or bidi control; TextWidth.truncate with
    /// padding gives exactly n columns for n in 0...20.
    public static func sanitizer(_ data: [UInt8]) -> [String] {
        sanitizer(data, clean: Sanitizer.clean)
    }

    /// The sanitizer check on any cleaning function: a test hands it a broken one to see it fail.
    public static func sanitizer(_ data: [UInt8], clean cleaner: (String, Bool) -> String) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var problems: [String] = []
        for keep in [false, true] {
            let clean = cleaner(text, keep)
            if let bad = clean.unicodeScalars.first(where: { u in
                let v = u.value
                return (v < 0x20 && !(keep && v == 0x0A)) || (0x7F...0x9F).contains(v) || Sanitizer.isBidiControl(v)
            }) {
                problems.append("clean(keepNewlines: \(keep)) left U+\(String(bad.value, radix: 16, uppercase: true))")
            }
        }
        let clean = cleaner(text, false)
        for n in 0...20 {
            let t = TextWidth.truncate(clean, to: n, pad: true)
            let w = TextWidth.width(t)
            if w != n { problems.append("truncate(to: \(n), pad: true) is \(w) columns wide") }
        }
        return problems
    }
}
