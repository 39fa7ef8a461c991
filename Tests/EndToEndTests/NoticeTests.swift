import Foundation
import Testing

/// 督办单 serial numbers: a preview takes none; `--issue` takes the next number of the year
/// atomically, even from many processes at once; a failed write takes none.
@Suite(.serialized) struct NoticeTests {
    func serial(_ text: String) -> Int? {
        guard let r = text.range(of: #"督办〔2027〕(\d+)号"#, options: .regularExpression) else { return nil }
        return Int(text[r].dropFirst(8).dropLast())
    }

    @Test func concurrentIssuesGetDistinctContiguousNumbers() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let n = 120
        // All processes are started before any is waited for, so they really run at once.
        var running: [(Process, Pipe, Pipe)] = []
        for i in 0..<n {
            let p = Process()
            p.executableURL = try DubanBinary.url()
            p.arguments = ["notice", String(1 + i % 24), "--issue", "--file", cli.file, "--today", cli.today]
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            p.standardInput = FileHandle.nullDevice
            try p.run()
            running.append((p, out, err))
        }
        var all: [(Int32, String, String)] = []
        for (p, out, err) in running {
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            all.append((p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self)))
        }
        for (status, _, err) in all { #expect(status == 0, "\(err)") }
        let numbers = all.compactMap { serial($0.1) }
        print("notices: \(all.count) issued concurrently, \(Set(numbers).count) distinct numbers, max \(numbers.max() ?? 0)")
        #expect(numbers.count == n)
        #expect(numbers.sorted() == Array(1...n), "distinct and contiguous 1…\(n)")
        // The register and the audit log hold every one of them.
        let reg = try cli.run(["notices", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(reg.out.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["serial"] as? Int }.sorted() == Array(1...n))
        let log = try cli.run(["log", "--limit", "1000"]).out
        #expect(log.components(separatedBy: "督办〔2027〕").count - 1 == n)
    }

    @Test func previewTakesNoNumberAndIssueIsRecorded() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let preview = try cli.run(["notice", "3"])
        #expect(preview.status == 0)
        #expect(preview.out.hasPrefix("预览（未编号）"))
        #expect(preview.out.contains("督办〔2027〕__号") && serial(preview.out) == nil)
        #expect(try cli.run(["notice", "3", "--format", "md"]).out.contains("预览（未编号）"))
        let first = try cli.run(["notice", "3", "--issue"])
        #expect(first.status == 0 && serial(first.out) == 1 && !first.out.contains("预览"))
        #expect(serial(try cli.run(["notice", "5", "--issue"]).out) == 2)
        let log = try cli.run(["log", "--limit", "5"]).out
        #expect(log.contains("supervision notice 督办〔2027〕1号 issued") && log.contains("supervision notice 督办〔2027〕2号 issued"),
                "\(log)")
        #expect(try cli.run(["log", "--limit", "5"], env: ["LANG": "C.UTF-8"]).out.contains("督办单 督办〔2027〕1号 发出"))
        let reg = try cli.run(["notices"])
        #expect(reg.status == 0)
        let lines = reg.out.split(separator: "\n")
        #expect(lines.contains { $0.contains("督办〔2027〕1号") && $0.contains("3") && $0.contains("2027-04-10") })
        #expect(lines.contains { $0.contains("督办〔2027〕2号") })
        // A task that does not exist takes no number.
        #expect(try cli.run(["notice", "99", "--issue"]).status != 0)
        #expect(serial(try cli.run(["notice", "1", "--issue"]).out) == 3)
    }

    @Test func aFailedWriteTakesNoNumber() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let nowhere = cli.dir.appendingPathComponent("no-such-folder/督办单.txt").path
        let r = try cli.run(["notice", "2", "--issue", "-o", nowhere])
        #expect(r.status != 0 && r.err.contains("no-such-folder"))
        #expect(!FileManager.default.fileExists(atPath: nowhere))
        // Read-only folder: the write fails, no number is taken, no temporary file is left.
        let locked = cli.dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        chmod(locked.path, 0o555)
        defer { chmod(locked.path, 0o755) }
        if access(locked.path, W_OK) != 0 {   // root can write anyway
            let r2 = try cli.run(["notice", "2", "--issue", "-o", locked.appendingPathComponent("n.txt").path])
            #expect(r2.status != 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
        }
        let out = cli.dir.appendingPathComponent("n.md").path
        let ok = try cli.run(["notice", "2", "--issue", "--format", "md", "-o", out])
        #expect(ok.status == 0, "\(ok.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(serial(text) == 1, "the failed writes took no number: \(text.prefix(200))")
        #expect(ok.err.contains("督办〔2027〕1号") || ok.out.contains("督办〔2027〕1号"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir.path).filter { $0.hasPrefix(".") }.isEmpty,
                "no temporary file left")
    }
}
