import Foundation
import Testing

/// `duban directory --import`: the report counts only units that resolve afterwards, and
/// errors name the file that was read.
@Suite(.serialized) struct DirectoryImportTests {
    @Test func theReportCountsOnlyUnitsThatResolve() throws {
        let cli = try CLI()
        try cli.run(["init"])
        var tsv = try cli.run(["directory"]).out
        let columns = tsv.split(separator: "\n").count - 1
        // 农委 gets the alias 财政 (the abbreviation of 省财政厅), and a unit that is no matrix column is added.
        tsv = tsv.replacingOccurrences(of: "省农委\t农委\t农委\t", with: "省农委\t农委\t农委\t")
        var lines = tsv.split(separator: "\n").map(String.init)
        let i = try #require(lines.firstIndex { $0.hasPrefix("省农委\t") })
        var f = lines[i].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        while f.count < 5 { f.append("") }
        f[4] = f[4].isEmpty ? "财政" : f[4] + "|财政"
        lines[i] = f.joined(separator: "\t")
        lines.append("省外事办\t外事办\t外事\t\t")
        let path = try cli.write("units.tsv", lines.joined(separator: "\n") + "\n")
        let r = try cli.run(["directory", "--import", path])
        #expect(r.status == 0, "\(r.err)")
        let total = columns + 1
        #expect(!r.out.contains("now has \(total) units."), "the report must not claim every unit: \(r.out)")
        #expect(r.out.contains("\(columns - 2) of \(total)"), "\(r.out)")   // 农委 and 财政 clash; 外事办 is no column
        #expect(r.out.contains("财政") && r.out.contains("省外事办"), "\(r.out)")
        // What the report says matches what assign does.
        #expect(try cli.run(["assign", "2", "财政", "--role", "cooperating"]).status != 0)
        #expect(try cli.run(["assign", "2", "外事", "--role", "cooperating"]).status != 0)
    }

    @Test func errorsNameTheFileRead() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let bad = try cli.write("办公室单位.tsv", "name\tshort\tabbr\n省甲\n")
        let r = try cli.run(["directory", "--import", bad])
        #expect(r.status != 0)
        #expect(r.err.contains(bad) && r.err.contains("line 2"), "\(r.err)")
        #expect(!r.err.contains("units.tsv"), "\(r.err)")
    }
}
