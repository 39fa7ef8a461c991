import Foundation
import Testing

/// Size limits through the real binary: every command that takes a text refuses one over
/// its limit, with a one-sentence message, and changes nothing; so does `init --from`.
@Suite struct LimitsEndToEndTests {
    func text(_ n: Int) -> String { String(repeating: "督", count: n) }

    @Test func everyTextArgumentOverItsLimitIsRefusedAndNothingChanges() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let before = try cli.run(["export", "--format", "json"]).out
        let commands: [(String, [String])] = [
            ("2000", ["milestone", "add", "1", text(2_001), "--due", "2027-06-30"]),
            ("2000", ["milestone", "edit", "1", "1", "--title", text(2_001)]),
            ("20000", ["note", "1", text(20_001)]),
            ("100", ["followup", "1", text(101)]),
            ("2000", ["progress", "add", "1", "--unit", "住建", "--progress", text(2_001)]),
            ("2000", ["progress", "add", "1", "--unit", "住建", "--progress", "ok", "--problems", text(2_001)]),
            ("2000", ["progress", "add", "1", "--unit", "住建", "--progress", "ok", "--next", text(2_001)]),
        ]
        for (limit, args) in commands {
            let r = try cli.run(args)
            let name = args.prefix(2).joined(separator: " ")
            #expect(r.status != 0, "\(name) must be refused")
            #expect(r.err.hasPrefix("duban: ") && r.err.contains("the limit is \(limit)"), "\(name): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "one sentence: \(r.err)")
        }
        #expect(try cli.run(["export", "--format", "json"]).out == before, "nothing was written")
        // At the limit, accepted.
        #expect(try cli.run(["milestone", "add", "1", text(2_000)]).status == 0)
        #expect(try cli.run(["followup", "1", text(100)]).status == 0)
    }

    @Test func initRefusesATableWithATitleOverTheLimitNamingTheLine() throws {
        let cli = try CLI()
        let path = try cli.write("long.csv", "序号,名称,牵头部门\n1,推进百镇建设,省发改委\n2,\(text(2_001)),省财政厅\n")
        let r = try cli.run(["init", "--from", path])
        #expect(r.status != 0)
        #expect(r.err.contains("line 3") && r.err.contains("the limit is 2000"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.file))
    }

    @Test func initRefusesATableFileOverTheSizeLimitBeforeReadingIt() throws {
        let cli = try CLI()
        let path = cli.dir.appendingPathComponent("huge.csv").path
        // A sparse file: 65 MiB that take no disk space (and no time to write).
        #expect(FileManager.default.createFile(atPath: path, contents: Data("序号,名称,牵头部门\n".utf8)))
        let h = try #require(FileHandle(forWritingAtPath: path))
        try h.truncate(atOffset: 65 * 1024 * 1024)
        try h.close()
        let r = try cli.run(["init", "--from", path])
        #expect(r.status != 0)
        #expect(r.err.contains("64 MB") && r.err.contains(path), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.file))
    }
}
