import Foundation
import Testing

/// Output through a pipe (`duban show 1 | less -R`) is sanitized as on a terminal; only the
/// JSON export carries data raw (JSON-escaped), and CSV/JSON files written with -o keep it.
@Suite(.serialized) struct OutputSafetyTests {
    static let osc0 = "\u{1B}]0;pwned\u{07}"
    static let osc52 = "\u{1B}]52;c;ZXZpbA==\u{07}"
    static let evil = "恶意" + osc0 + osc52 + "\u{9B}2J" + "\u{202E}txet" + "\rCR覆盖"

    /// Scalars that act on a terminal: C0 except TAB and LF (CR only before LF), DEL, C1, bidi controls.
    static func actingScalars(_ s: String) -> [Unicode.Scalar] {
        let u = Array(s.unicodeScalars)
        return u.indices.compactMap { i in
            let v = u[i].value
            if v == 0x09 || v == 0x0A { return nil }
            if v == 0x0D { return i + 1 < u.count && u[i + 1] == "\n" ? nil : u[i] }
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                return u[i]
            }
            return nil
        }
    }

    func hostileTracker() throws -> CLI {
        let cli = try CLI()
        try cli.run(["init"])
        #expect(try cli.run(["note", "1", Self.evil]).status == 0)
        #expect(try cli.run(["followup", "1", Self.evil]).status == 0)
        #expect(try cli.run(["milestone", "add", "1", Self.evil, "--due", "2027-04-01"]).status == 0)
        #expect(try cli.run(["progress", "add", "1", "--unit", "住建", "--progress", Self.evil, "--problems", Self.evil,
                             "--next", Self.evil, "--date", "2027-04-01"]).status == 0)
        return cli
    }

    @Test func everyTextCommandIsSanitizedThroughAPipe() throws {
        let cli = try hostileTracker()
        let commands: [[String]] = [
            ["show", "1"], ["list"], ["progress", "list", "1"], ["overdue"], ["log"], ["notice", "1"],
            ["notice", "1", "--format", "md"], ["report"], ["report", "--format", "csv"], ["report", "--format", "html"],
            ["export", "--format", "md"], ["export", "--format", "csv"], ["matrix"], ["score"],
        ]
        for args in commands {
            let r = try cli.run(args)
            #expect(r.status == 0, "\(args): \(r.err)")
            let bad = Self.actingScalars(r.out)
            #expect(bad.isEmpty, "\(args.joined(separator: " ")) printed \(bad.map { String(format: "U+%04X", $0.value) }) to a pipe")
        }
        // The stored data is unchanged and the JSON export carries it exactly, escaped.
        let json = try cli.run(["export", "--format", "json"])
        #expect(Self.actingScalars(json.out).isEmpty, "the JSON export escapes every control character")
        #expect(try cli.task(1)["notes"] as? String == Self.evil)
    }

    @Test func csvAndJSONFilesKeepTheData() throws {
        let cli = try hostileTracker()
        let csv = cli.dir.appendingPathComponent("out.csv").path
        let md = cli.dir.appendingPathComponent("out.md").path
        #expect(try cli.run(["export", "--format", "csv", "-o", csv]).status == 0)
        #expect(try cli.run(["export", "--format", "md", "-o", md]).status == 0)
        let csvText = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(csvText.contains(Self.osc52), "a CSV file keeps the data as stored")
        let mdText = try String(contentsOfFile: md, encoding: .utf8)
        #expect(Self.actingScalars(mdText).isEmpty, "a Markdown file is text to read: sanitized")
    }
}
