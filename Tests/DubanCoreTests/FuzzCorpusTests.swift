import DubanCore
import DubanImportFiles
import Foundation
import Testing

/// Replays every file of the fuzz corpus (seeds and inputs that once crashed) through the
/// checks the fuzzer runs (scripts/fuzz.sh).
@Suite struct FuzzCorpusTests {
    static func corpus(_ target: FuzzChecks.Target) throws -> [URL] {
        let dir = try #require(Bundle.module.url(forResource: "FuzzCorpus", withExtension: nil))
            .appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: FuzzChecks.Target.allCases)
    func everyCorpusFilePassesTheChecks(_ target: FuzzChecks.Target) throws {
        let files = try Self.corpus(target)
        #expect(files.count >= 5)
        for file in files {
            let problems = FuzzChecks.run(target, Array(try Data(contentsOf: file)))
            #expect(problems.isEmpty, "\(target.rawValue)/\(file.lastPathComponent): \(problems)")
        }
    }

    /// Files of FuzzCorpus/refused and FuzzCorpus/accepted with the number in their name:
    /// `unclosed-quote.line-2.csv` must be refused at line 2, `simple.tasks-2.csv` imported with 2 tasks.
    static func expectations(_ folder: String, _ key: String) throws -> [(URL, Int)] {
        let dir = try #require(Bundle.module.url(forResource: "FuzzCorpus", withExtension: nil)).appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { url in
                let parts = url.deletingPathExtension().lastPathComponent.components(separatedBy: "." + key + "-")
                return (url, try #require(parts.count == 2 ? Int(parts[1]) : nil, "\(url.lastPathComponent) names no \(key)"))
            }
    }

    static func importFile(_ url: URL) throws -> Result<ImportResult, ImportError> {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let directory = try UnitDirectory.builtIn()
        return Result { () throws(ImportError) in try TableImporter.importTable(text, directory: directory) }
    }

    @Test func malformedTablesAreRefusedAtTheirLine() throws {
        let files = try Self.expectations("refused", "line")
        #expect(files.count >= 10)
        for (url, line) in files {
            let name = url.lastPathComponent
            switch try Self.importFile(url) {
            case .success(let r): Issue.record("\(name) was accepted with \(r.plan.tasks.count) tasks")
            case .failure(let e): #expect(e.line == line, "\(name): \(e)")
            }
            // And the fuzz check takes the refusal as a sane one.
            #expect(FuzzChecks.importer(Array(try Data(contentsOf: url))).isEmpty, "\(name)")
        }
    }

    @Test func wellFormedTablesAreAccepted() throws {
        let files = try Self.expectations("accepted", "tasks")
        #expect(files.count >= 5)
        for (url, tasks) in files {
            let name = url.lastPathComponent
            switch try Self.importFile(url) {
            case .success(let r): #expect(r.plan.tasks.count == tasks, "\(name)")
            case .failure(let e): Issue.record("\(name) was refused: \(e)")
            }
            #expect(FuzzChecks.importer(Array(try Data(contentsOf: url))).isEmpty, "\(name)")
        }
    }

    @Test func theChecksCatchWhatTheyAreFor() throws {
        let table = Array("序号,名称,牵头部门\n1,推进,省发改委\n2,任务二,省财政厅\n".utf8)
        #expect(FuzzChecks.importer(table).isEmpty)
        // An importer that gives a line outside the text is caught (a Plan cannot hold a number twice).
        let badLine = FuzzChecks.importer(table) { (_, _, _) throws(ImportError) in throw ImportError(line: 0, Localized(zh: "错", en: "x")) }
        #expect(!badLine.isEmpty && badLine.allSatisfy { $0.contains("outside") }, "\(badLine)")
        let pastEnd = FuzzChecks.importer(table) { (_, _, _) throws(ImportError) in throw ImportError(line: 9, Localized(zh: "错", en: "x")) }
        #expect(!pastEnd.isEmpty)
        // A sanitizer that lets ESC through, or a truncation that is one column short, is caught.
        let osc = Array("\u{1B}]52;c;ZXZpbA==\u{7}督办".utf8)
        #expect(FuzzChecks.sanitizer(osc).isEmpty)
        #expect(!FuzzChecks.sanitizer(osc) { s, _ in s }.isEmpty)
        #expect(!FuzzChecks.sanitizer(Array("ok".utf8)) { s, k in Sanitizer.clean(s, keepNewlines: k) + "\u{85}" }.isEmpty)
    }

    /// The workbook corpus (target xlsx): seeds made by openpyxl, inputs that must be refused
    /// (not a zip, .xls, zip bombs, a cut-off zip), and parts past the zip layer.
    @Test func everyWorkbookCorpusFilePassesTheChecks() throws {
        let dir = try #require(Bundle.module.url(forResource: "FuzzCorpus", withExtension: nil)).appendingPathComponent("xlsx")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        #expect(files.count >= 5)
        for file in files {
            let problems = FileFuzzChecks.xlsx(Array(try Data(contentsOf: file)))
            #expect(problems.isEmpty, "xlsx/\(file.lastPathComponent): \(problems)")
        }
    }

    @Test func theFileChecksCatchWhatTheyAreFor() {
        // A plain string passes; the importer check accepts a refusal with a sane line.
        #expect(FuzzChecks.sanitizer(Array("督办 ok".utf8)).isEmpty)
        #expect(FuzzChecks.importer(Array("not a table".utf8)).isEmpty)
        // The decoder check refuses nothing valid; a multi-line refusal is a finding.
        #expect(FuzzChecks.decoder(Array("序号,名称".utf8)).isEmpty)
        #expect(!FuzzChecks.isOneSentence("line one\nline two"))
        #expect(FileFuzzChecks.xlsx(Array("<worksheet/>".utf8)).isEmpty)
    }
}
