import Foundation
import Testing

/// A fresh database on the tests' PostgreSQL server ($DUBAN_TEST_PG from .ci/run, else the
/// cluster scripts/test-postgres.sh starts). On CI a missing server fails; elsewhere the
/// tests say why they did not run.
enum PostgresFixture {
    static let server: String? = {
        if let u = ProcessInfo.processInfo.environment["DUBAN_TEST_PG"], !u.isEmpty { return u }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/test-postgres.sh").path
        guard let r = try? Subprocess.run("/bin/bash", [script, "start"]), r.status == 0 else { return nil }
        let line = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return line.hasPrefix("DUBAN_TEST_PG=") ? String(line.dropFirst("DUBAN_TEST_PG=".count)) : nil
    }()

    static func psql(_ url: String, _ sql: String, env: [String: String] = [:]) throws -> Subprocess.Result {
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        return try Subprocess.run("/usr/bin/env", ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], environment: e)
    }

    /// The URL of a new empty database, or nil (off CI) when no server can be had.
    static func database() throws -> String? {
        guard let server else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                throw HarnessError(description: "no PostgreSQL server for the tests (scripts/test-postgres.sh start failed)")
            }
            print("PostgreSQL tests skipped: no server here (CI always starts one)")
            return nil
        }
        let name = "duban_e2e_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let r = try psql(server, "CREATE DATABASE \(name)")
        guard r.status == 0 else { throw HarnessError(description: "CREATE DATABASE failed: \(r.stderr)") }
        var url = URLComponents(string: server)!
        url.path = "/" + name
        return url.string!
    }
}

@Suite(.serialized) struct PostgresEndToEndTests {
    func duban(_ args: [String], _ env: [String: String] = [:]) throws -> Subprocess.Result {
        var e = TestLanguage.english(ProcessInfo.processInfo.environment)
        e["DUBAN_TODAY"] = "2027-04-10"
        e.removeValue(forKey: "DUBAN_FILE")
        e.removeValue(forKey: "DUBAN_DB")
        for (k, v) in env { e[k] = v }
        return try Subprocess.run(try DubanBinary.url().path, args, environment: e)
    }

    @discardableResult
    func ok(_ args: [String], _ env: [String: String] = [:]) throws -> String {
        let r = try duban(args, env)
        guard r.status == 0 else { throw HarnessError(description: "duban \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        return r.stdout
    }

    @Test func theSameEditsGiveTheSameExportOnTheServerAndInAFile() throws {
        guard let db = try PostgresFixture.database() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duban-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/t.duban"
        let edits: [[String]] = [
            ["assign", "3", "财政", "--role", "lead"],
            ["milestone", "add", "1", "一季度检查", "--due", "2027-03-31", "--owner", "住建"],
            ["milestone", "done", "1", "1", "--on", "2027-03-30"],
            ["progress", "add", "1", "--unit", "住建", "--progress", "完成选点", "--problems", "用地紧张"],
            ["note", "4", "联席会议已研究"],
            ["followup", "4", "张三"],
            ["milestone", "template", "quarterly", "--year", "2027", "--tasks", "5"],
        ]
        try ok(["init", "--db", db])
        try ok(["init", "--file", file])
        for e in edits {
            try ok(e + ["--db", db])
            try ok(e + ["--file", file])
        }
        let fromServer = try ok(["export", "--format", "json", "--db", db])
        #expect(fromServer == (try ok(["export", "--format", "json", "--file", file])))
        // DUBAN_DB does the same as --db; a second init is refused.
        #expect(try ok(["export", "--format", "json"], ["DUBAN_DB": db]) == fromServer)
        let again = try duban(["init", "--db", db])
        #expect(again.status != 0 && again.stderr.contains("already holds a duban tracker"))
    }

    @Test func migrateCopiesAFileWithItsLogAndNotices() throws {
        guard let db = try PostgresFixture.database() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duban-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/t.duban"
        try ok(["init", "--file", file])
        try ok(["assign", "3", "财政", "--role", "lead", "--file", file])
        try ok(["notice", "3", "--issue", "--file", file])
        try ok(["migrate", "--from", file, "--to", db])
        #expect(try ok(["export", "--format", "json", "--db", db]) == (try ok(["export", "--format", "json", "--file", file])))
        #expect(try ok(["notices", "--db", db]).contains("督办〔2027〕1号"))
        let log = try ok(["log", "--limit", "100", "--db", db])
        #expect(log.contains("省财政厅: cooperating → lead") && log.contains("copied into the database from a tracker file"), "\(log)")
        // The next number continues the file's register.
        #expect(try ok(["notice", "4", "--issue", "--db", db]).contains("督办〔2027〕2号"))
        let twice = try duban(["migrate", "--from", file, "--to", db])
        #expect(twice.status != 0 && twice.stderr.contains("already holds a duban tracker"))
    }

    @Test func aUnitLoginIsRefusedByTheServerItself() throws {
        guard let db = try PostgresFixture.database() else { return }
        try ok(["init", "--db", db])
        try ok(["grant", "住建", "--login", "zhujian_e2e", "--password", "s3cret", "--db", db])
        let owner = try duban(["grant", "住建", "--login", "postgres", "--db", db])
        #expect(owner.status != 0 && owner.stderr.contains("cannot be limited"))
        var unit = URLComponents(string: db)!
        unit.user = "zhujian_e2e"
        unit.password = "s3cret"
        let u = unit.string!
        // Its own part: a report for its unit, marking a milestone of a task it leads.
        try ok(["milestone", "add", "1", "一季度检查", "--due", "2027-03-31", "--db", db])
        #expect(try duban(["progress", "add", "1", "--unit", "住建", "--progress", "本单位报送", "--db", u]).status == 0)
        #expect(try duban(["milestone", "done", "1", "1", "--db", u]).status == 0)
        // Anything else: refused with a sentence, nothing changed.
        let other = try duban(["progress", "add", "1", "--unit", "发改", "--progress", "冒名", "--db", u])
        #expect(other.status != 0 && other.stderr.contains("may not do this"))
        let assign = try duban(["assign", "3", "财政", "--role", "lead", "--db", u])
        #expect(assign.status != 0 && assign.stderr.contains("may not do this"))
        // psql as that login can do no more than duban.
        let forged = try PostgresFixture.psql(u, "INSERT INTO progress (id, task, date, unit, progress, problems, next) VALUES (900, 1, '2027-01-01', '省发改委', 'x', '', '')")
        #expect(forged.status != 0 && forged.stderr.contains("row-level security"))
        // Nor by shadowing the login table with a temporary one, nor by moving the feed counter.
        let shadow = try PostgresFixture.psql(u, """
            CREATE TEMP TABLE logins (login text, unit text); INSERT INTO logins VALUES (session_user, NULL);
            INSERT INTO progress (id, task, date, unit, progress, problems, next) VALUES (901, 1, '2027-01-01', '省发改委', '冒名', '', '')
            """)
        #expect(shadow.status != 0 && shadow.stderr.contains("row-level security"), "\(shadow.stderr)")
        let feed = try PostgresFixture.psql(u, "UPDATE feed SET seq = 0")
        #expect(feed.status != 0 && feed.stderr.contains("permission denied"))
        let title = try PostgresFixture.psql(u, "UPDATE tasks SET title = 'x' WHERE number = 1")
        #expect(title.status != 0 && title.stderr.contains("permission denied"))
        let export = try ok(["export", "--format", "json", "--db", db])
        #expect(!export.contains("冒名") && export.contains("本单位报送"))
        var bad = unit
        bad.password = "nope"
        let wrong = try duban(["list", "--db", bad.string!])
        #expect(wrong.status != 0 && wrong.stderr.contains("wrong password"))
    }

    @Test func serverProblemsAreSentences() throws {
        guard let db = try PostgresFixture.database() else { return }
        let none = try duban(["list", "--db", db])
        #expect(none.status != 0 && none.stderr.contains("does not hold a duban tracker"))
        try ok(["init", "--db", db])
        // The test server offers no TLS; a URL that requires it is told so.
        let tls = try duban(["list", "--db", db + "?sslmode=require"])
        #expect(tls.status != 0 && tls.stderr.contains("does not offer encrypted connections"), "\(tls.stderr)")
        #expect(try PostgresFixture.psql(db, "UPDATE duban_meta SET value = '99' WHERE key = 'schema_version'").status == 0)
        let newer = try duban(["list", "--db", db])
        #expect(newer.status != 0 && newer.stderr.contains("newer duban"))
        var missing = URLComponents(string: db)!
        missing.path = "/duban_no_such_database"
        let gone = try duban(["list", "--db", missing.string!])
        #expect(gone.status != 0 && gone.stderr.contains("has no database duban_no_such_database"))
        let both = try duban(["list", "--db", db, "--file", "/tmp/x.duban"])
        #expect(both.status != 0 && both.stderr.contains("either --file or --db"))
    }

    @Test func concurrentClientsAndAKilledOneLoseNothingAcknowledged() throws {
        guard let db = try PostgresFixture.database() else { return }
        try ok(["init", "--db", db])
        // Four clients at once, ten milestones each.
        let group = DispatchGroup()
        let failures = Failures()
        let binary = try DubanBinary.url().path
        for w in 0..<4 {
            group.enter()
            DispatchQueue.global().async {
                for i in 0..<10 {
                    let r = try? Subprocess.run(binary, ["milestone", "add", "\(1 + w)", "w\(w)-\(i)", "--db", db])
                    if r?.status != 0 { failures.add("\(w)-\(i): \(r?.stderr ?? "no result")") }
                }
                group.leave()
            }
        }
        group.wait()
        #expect(failures.items.isEmpty, "\(failures.items)")
        let export = try ok(["export", "--format", "json", "--db", db])
        let kept = (0..<4).flatMap { w in (0..<10).map { "w\(w)-\($0)" } }.filter { export.contains("\"\($0)\"") }
        #expect(kept.count == 40)

        // A client killed with -9 in the middle of a run of edits: every edit it printed an
        // id for is stored.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("duban-kill-\(UUID().uuidString)").path
        let script = "for i in $(seq 1 200); do \(binary) milestone add 6 k$i --db '\(db)' || exit; done > \(out)"
        let loop = Process()
        loop.executableURL = URL(fileURLWithPath: "/bin/sh")
        loop.arguments = ["-c", script]
        try loop.run()
        // Kill once some edits are acknowledged (however slow the machine is), mid-run.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline,
              ((try? String(contentsOfFile: out, encoding: .utf8))?.split(separator: "\n").count ?? 0) < 3 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: Double.random(in: 0...0.3))
        kill(loop.processIdentifier, SIGKILL)
        _ = try Subprocess.run("/usr/bin/pkill", ["-9", "-f", "milestone add 6 k"])
        loop.waitUntilExit()
        let acknowledged = (try? String(contentsOfFile: out, encoding: .utf8))?.split(separator: "\n").count ?? 0
        #expect(acknowledged >= 1, "at least one edit was acknowledged before the kill")
        let after = try ok(["export", "--format", "json", "--db", db])
        for i in 1...max(1, acknowledged) { #expect(after.contains("\"k\(i)\""), "acknowledged k\(i) is stored") }
    }

    @Test func twoScreensOnTheServerSeeEachOthersEdits() throws {
        guard let db = try PostgresFixture.database() else { return }
        try ok(["init", "--db", db])
        let binary = try DubanBinary.url().path
        let a = try Tmux(command: [binary, "--db", db, "--lang", "zh"], width: 120, height: 32)
        defer { a.kill() }
        let b = try Tmux(command: [binary, "--db", db, "--lang", "zh"], width: 120, height: 32)
        defer { b.kill() }
        try a.waitFor("screen A") { TUIEndToEndTests.showsMatrix($0) }
        try b.waitFor("screen B") { TUIEndToEndTests.showsMatrix($0) }
        func task1(_ screen: String) -> String {
            screen.split(separator: "\n").first { $0.contains("推进百镇建设工程") }.map(String.init) ?? ""
        }
        try a.sendKeys("l")
        try a.sendKeys("L")
        try a.waitFor("saved on A") { task1($0).contains("牵   牵") }
        let started = Date()
        try b.waitFor("A's edit on B", timeout: 5) { task1($0).contains("牵   牵   协") }
        let seconds = Date().timeIntervalSince(started)
        print("PostgreSQL: another screen showed the edit after \(String(format: "%.2f", seconds)) s")
        #expect(seconds < 3, "within a second or so even on a loaded machine")
        // A command-line edit shows too.
        try ok(["assign", "1", "财政", "--role", "lead", "--db", db])
        try b.waitFor("the CLI edit on B", timeout: 5) { task1($0).contains("牵   牵   牵") }
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [String] = []
    func add(_ s: String) {
        lock.lock()
        items.append(s)
        lock.unlock()
    }
}
