import DubanCore
@testable import DubanStore
import Foundation
import GRDB
import Testing

/// Issue 9, points 6 and 7: a `-wal` from elsewhere is never replayed into a tracker, and a
/// log that does belong (after a crash, after a checkpoint cut off by a full disk) is used.
@Suite struct WriteAheadLogTests {
    /// A tracker whose log holds committed edits: `t` stays open, so the log is not folded.
    func trackerWithLog(_ dir: TempDir, _ name: String, notes: String = "日志里的修改") throws -> SQLiteTracker {
        let t = try makeTracker(dir, name)
        for n in 1...3 { _ = try t.apply(.setNotes(task: n, notes: "\(notes) \(n)"), operatorName: "x") }
        #expect((try Files.status(dir.file(name) + "-wal").get().size) > 32, "the edits must still be in the log")
        return t
    }

    /// Copies `from` to `to` byte for byte (a `cp`).
    func copy(_ from: String, _ to: String) throws {
        try #require(bytes(from)).write(to: URL(fileURLWithPath: to))
    }

    func snapshot(_ path: String) -> [Data?] { ["", "-wal", "-shm"].map { bytes(path + $0) } }

    func expectRefusedUntouched(_ path: String, sourceLine: SourceLocation = #_sourceLocation) {
        let before = snapshot(path)
        let e = thrown { _ = try SQLiteTracker.open(at: path) }
        let message = (e as? StoreError)?.description ?? String(describing: e)
        #expect(message.contains("move \(path)-wal away"), "\(message)", sourceLocation: sourceLine)
        #expect(snapshot(path) == before, "every file must stay byte-identical", sourceLocation: sourceLine)
        #expect(thrown { _ = try SQLiteTracker.open(at: path, readOnly: true) } != nil, sourceLocation: sourceLine)
        #expect(snapshot(path) == before, sourceLocation: sourceLine)
    }

    @Test func aLogFromAnotherTrackerIsRefusedAndEveryFileStaysByteIdentical() throws {
        let dir = try TempDir()
        let a = try closedTracker(dir, "a.duban")
        let b = try trackerWithLog(dir, "b.duban", notes: "B 的修改")
        // B's log alone beside A…
        try copy(dir.file("b.duban-wal"), a + "-wal")
        expectRefusedUntouched(a)
        #expect(!Files.exists(a + "-shm"), "no -shm may be created beside a refused file")
        // …and with B's shared-memory file too.
        try copy(dir.file("b.duban-shm"), a + "-shm")
        expectRefusedUntouched(a)
        // Once the stray log is moved away, A opens as it was.
        unlink(a + "-wal")
        unlink(a + "-shm")
        #expect(try SQLiteTracker.open(at: a).loadPlan() == samplePlan())
        _ = b
    }

    @Test func aCopyPutInPlaceNextToTheOldLogIsRefused() throws {
        // The office restores a backup with `cp` while the tracker's log is still there.
        let dir = try TempDir()
        let t = try makeTracker(dir, "t.duban")
        try t.backup(to: dir.file("backup.duban"))
        for n in 1...3 { _ = try t.apply(.setNotes(task: n, notes: "备份之后 \(n)"), operatorName: "x") }
        let restored = dir.file("restored/t.duban")
        try FileManager.default.createDirectory(atPath: dir.file("restored"), withIntermediateDirectories: true)
        try copy(dir.file("backup.duban"), restored)
        try copy(dir.file("t.duban-wal"), restored + "-wal")
        try copy(dir.file("t.duban-shm"), restored + "-shm")
        expectRefusedUntouched(restored)
    }

    @Test func aLogThatBelongsIsReplayedAfterACrash() throws {
        // A copy of the three files while the tracker is open is what a crash leaves behind.
        let dir = try TempDir()
        let t = try trackerWithLog(dir, "t.duban")
        func crashCopy(_ name: String) throws -> String {
            try FileManager.default.createDirectory(atPath: dir.file(name), withIntermediateDirectories: true)
            for s in ["", "-wal", "-shm"] { try copy(dir.file("t.duban") + s, dir.file(name + "/t.duban") + s) }
            return dir.file(name + "/t.duban")
        }
        let plain = try crashCopy("crash1")
        #expect(try SQLiteTracker.open(at: plain).loadPlan() == t.loadPlan())
        // Also without the -shm, and after a checkpoint folded part of the log into the file.
        let noShm = try crashCopy("crash2")
        unlink(noShm + "-shm")
        #expect(try SQLiteTracker.open(at: noShm).loadPlan() == t.loadPlan())
        try rawSQL(dir.file("t.duban"), "PRAGMA wal_checkpoint(PASSIVE)")
        _ = try t.apply(.setNotes(task: 2, notes: "检查点之后"), operatorName: "x")
        let folded = try crashCopy("crash3")
        #expect(try SQLiteTracker.open(at: folded).loadPlan() == t.loadPlan())
        // And after a restore into the open tracker.
        let other = try makeTracker(dir, "other.duban", plan: widePlan(tasks: 5))
        try t.restore(from: other, operatorName: "x")
        let afterRestore = try crashCopy("crash4")
        #expect(try SQLiteTracker.open(at: afterRestore).loadPlan() == t.loadPlan())
    }

    /// The state a checkpoint leaves when the disk fills up: it writes page 1 (saying how
    /// many pages the file has) before the pages after it, so the file is shorter than its
    /// header says, while the log still holds every page.
    @Test func aCheckpointCutOffByAFullDiskDoesNotLockTheTrackerOut() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir, "t.duban")
        let long = String(repeating: "城乡一体化进展情况", count: 400)
        for n in 1...3 { _ = try t.apply(.setNotes(task: n, notes: long + "\(n)"), operatorName: "x") }
        let cut = dir.file("cut/t.duban")
        try FileManager.default.createDirectory(atPath: dir.file("cut"), withIntermediateDirectories: true)
        var file = try #require(bytes(dir.file("t.duban")))
        let log = try #require(bytes(dir.file("t.duban-wal")))
        let pageSize = Int(log[8]) << 24 | Int(log[9]) << 16 | Int(log[10]) << 8 | Int(log[11])
        var newestPageOne: Data?
        var at = 32
        while at + 24 + pageSize <= log.count {
            let page = log[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            if page == 1 { newestPageOne = log[(at + 24)..<(at + 24 + pageSize)] }
            at += 24 + pageSize
        }
        file.replaceSubrange(0..<pageSize, with: try #require(newestPageOne, "the edits must grow the file"))
        let claimed = file[28..<32].reduce(0) { $0 << 8 | Int($1) } * pageSize
        #expect(claimed > file.count, "the header must claim more pages than the file has")
        try file.write(to: URL(fileURLWithPath: cut))
        try copy(dir.file("t.duban-wal"), cut + "-wal")
        let reopened = try SQLiteTracker.open(at: cut)
        #expect(try reopened.loadPlan() == t.loadPlan())
        #expect(try reopened.integrityCheck() == ["ok"])
        _ = try reopened.apply(.setNotes(task: 3, notes: "空间释放之后"), operatorName: "x")
    }

    @Test func aFileReallyCutOffWithoutALogIsStillCalledCutOff() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir, "t.duban", plan: widePlan(tasks: 300))
        let data = try #require(bytes(path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        let e = thrown { _ = try SQLiteTracker.open(at: path) }
        #expect((e as? StoreError)?.description.contains("cut off") == true, "\(String(describing: e))")
    }
}
