import DubanCore
@testable import DubanStore
import Foundation
import Testing

/// The register of supervision notices: numbers taken atomically, a failed write takes none,
/// an older tracker's counter is the starting point.
/// Results gathered from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<Int, any Error>] = []
    func add(_ r: Result<Int, any Error>) { lock.lock(); items.append(r); lock.unlock() }
    var all: [Result<Int, any Error>] { lock.lock(); defer { lock.unlock() }; return items }
}

@Suite struct NoticeRegisterTests {
    struct Staging: Error {}

    @Test func concurrentIssuersFromSeveralConnectionsGetContiguousNumbers() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        let threads = 8, each = 15
        let trackers = try (0..<threads).map { _ in try SQLiteTracker.open(at: path) }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<each {
                do {
                    results.add(.success(try trackers[t].issueNotice(task: 1 + (t + i) % 3, date: day("2027-04-10"), operatorName: "t\(t)")))
                } catch {
                    results.add(.failure(error))
                }
            }
        }
        let numbers = results.all.compactMap { try? $0.get() }
        let failures = results.all.compactMap { r -> String? in if case .failure(let e) = r { return "\(e)" } else { return nil } }
        #expect(failures.isEmpty, "\(failures)")
        #expect(numbers.sorted() == Array(1...(threads * each)))
        let register = try trackers[0].noticeRegister()
        #expect(register.notices.map(\.serial) == Array(1...(threads * each)))
        #expect(register.notices.allSatisfy { $0.year == 2027 && $0.date == day("2027-04-10") })
        let audit = try trackers[0].log(limit: 1000, task: nil).filter { $0.action == "notice" }
        #expect(audit.count == threads * each)
        #expect(audit.contains { $0.after == "督办〔2027〕1号 → task \(register.notices[0].task)" })
        // A new year starts again at 1.
        #expect(try trackers[0].issueNotice(task: 1, date: day("2028-01-02"), operatorName: "x") == 1)
    }

    @Test func aFailureBeforeCommitTakesNoNumber() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        #expect(try t.issueNotice(task: 2, date: day("2027-04-10"), operatorName: "a") == 1)
        var seen: Int?
        #expect(throws: Staging.self) {
            try t.issueNotice(task: 2, date: day("2027-04-10"), operatorName: "a") { n in seen = n; throw Staging() }
        }
        #expect(seen == 2)
        #expect(throws: DomainError.unknownTask(99)) { try t.issueNotice(task: 99, date: day("2027-04-10"), operatorName: "a") }
        #expect(try t.issueNotice(task: 3, date: day("2027-04-10"), operatorName: "a") == 2)
        #expect(try t.noticeRegister().notices.map(\.task) == [2, 3])
        #expect(try t.log(limit: 100, task: nil).filter { $0.action == "notice" }.count == 2)
    }

    @Test func anOlderTrackerOpensReadOnlyWithoutBeingMigrated() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        try rawSQL(path, """
            DROP TABLE notices; DROP TABLE notices_before_register;
            ALTER TABLE audit DROP COLUMN record; DROP INDEX tasks_retired; ALTER TABLE tasks DROP COLUMN retired;
            DELETE FROM grdb_migrations WHERE identifier IN ('v2', 'v3', 'v4', 'v6');
            PRAGMA user_version = 1; UPDATE meta SET value = '1' WHERE key = 'schema_version';
            """)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let t = try SQLiteTracker.open(at: path, readOnly: true)
        #expect(try !t.loadPlan().tasks.isEmpty)
        #expect(try t.noticeRegister().notices.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "a reader changes nothing")
    }

    @Test func anOlderTrackerKeepsItsCounterAsTheStartingPoint() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        // Make it a version-1 tracker that issued 5 notices in 2027 and 9 in 2026 the old way.
        try rawSQL(path, """
            DROP TABLE notices; DROP TABLE notices_before_register;
            ALTER TABLE audit DROP COLUMN record; DROP INDEX tasks_retired; ALTER TABLE tasks DROP COLUMN retired;
            ALTER TABLE assignments DROP COLUMN state_prior; ALTER TABLE assignments DROP COLUMN state_reason;
            ALTER TABLE assignments DROP COLUMN state_since; ALTER TABLE assignments DROP COLUMN state;
            ALTER TABLE milestones DROP COLUMN original_due; ALTER TABLE milestones DROP COLUMN extension;
            ALTER TABLE milestones DROP COLUMN kind;
            DELETE FROM grdb_migrations WHERE identifier IN ('v2', 'v3', 'v4', 'v5', 'v6');
            PRAGMA user_version = 1; UPDATE meta SET value = '1' WHERE key = 'schema_version';
            INSERT INTO settings (key, value) VALUES ('notice_serial_2027', '5'), ('notice_serial_2026', '9');
            """)
        let t = try SQLiteTracker.open(at: path)
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == Schema.currentVersion)
        #expect(try t.setting("notice_serial_2027") == nil)
        #expect(try t.noticeRegister().issuedBeforeRegister == [2026: 9, 2027: 5])
        #expect(try t.issueNotice(task: 1, date: day("2027-04-10"), operatorName: "a") == 6)
        #expect(try t.issueNotice(task: 1, date: day("2026-12-30"), operatorName: "a") == 10)
        #expect(try t.issueNotice(task: 1, date: day("2025-12-30"), operatorName: "a") == 1)
    }
}
