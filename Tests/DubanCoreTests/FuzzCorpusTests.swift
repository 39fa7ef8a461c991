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

    @Test func theChecksCatchWhatTheyAreFor() {
        // A plain string passes; the importer check accepts a refusal with a sane line.
        #expect(FuzzChecks.sanitizer(Array("督办 ok".utf8)).isEmpty)
        #expect(FuzzChecks.importer(Array("not a table".utf8)).isEmpty)
        // The decoder check refuses nothing valid; a multi-line refusal is a finding.
        #expect(FuzzChecks.decoder(Array("序号,名称".utf8)).isEmpty)
        #expect(!FuzzChecks.isOneSentence("line one\nline two"))
        #expect(FileFuzzChecks.xlsx(Array("<worksheet/>".utf8)).isEmpty)
    }
}
