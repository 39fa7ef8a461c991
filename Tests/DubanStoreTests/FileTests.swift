import DubanCore
@testable import DubanStore
import Foundation
import GRDB
import Testing

@Suite struct CreateTests {
    @Test func createRefusesAnExistingFileUnlessForced() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        let original = bytes(path)
        #expect(throws: StoreError.exists(path: path)) {
            _ = try SQLiteTracker.create(at: path, plan: widePlan(tasks: 2), repairs: [], unitDirectory: [],
                                         operatorName: "x", force: false)
        }
        #expect(bytes(path) == original)
        #expect(try SQLiteTracker.open(at: path).loadPlan() == samplePlan())

        let other = try widePlan(tasks: 2)
        do {
            let t = try SQLiteTracker.create(at: path, plan: other, repairs: [], unitDirectory: [],
                                             operatorName: "y", force: true)
            #expect(try t.loadPlan() == other)
            #expect(try t.storedRepairs().isEmpty)
            #expect(try t.log(limit: 10, task: nil).map(\.operatorName) == ["y"])
        }
        #expect(try SQLiteTracker.open(at: path).loadPlan() == other)
        #expect(dir.names() == ["t.duban"], "no temporary or side files are left behind")
    }

    /// The file is filled without SQLite's CHECK constraints (its values hold them by
    /// construction); the rows it holds pass them, and later connections enforce them.
    @Test func aCreatedFileHoldsAndKeepsItsCheckConstraints() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir, plan: widePlan(tasks: 30))
        #expect(try rawValue(path, "PRAGMA integrity_check", as: String.self) == "ok")
        #expect(try rawValue(path, "SELECT count(*) FROM assignments", as: Int.self) ?? 0 > 0)
        #expect(throws: DatabaseError.self) {
            try rawSQL(path, "UPDATE assignments SET state = 'nonsense'")
        }
        #expect(throws: DatabaseError.self) { try rawSQL(path, "UPDATE assignments SET role = 'boss'") }
    }

    @Test func forceReplacesAnyFileButNotOneOpenHere() throws {
        let dir = try TempDir()
        let junk = dir.file("junk")
        try Data("not a tracker".utf8).write(to: URL(fileURLWithPath: junk))
        _ = try SQLiteTracker.create(at: junk, plan: samplePlan(), repairs: [], unitDirectory: [],
                                     operatorName: "x", force: true)
        #expect(try SQLiteTracker.open(at: junk).loadPlan() == samplePlan())

        let open = try SQLiteTracker.open(at: junk)
        let e = thrown {
            _ = try SQLiteTracker.create(at: junk, plan: widePlan(tasks: 1), repairs: [], unitDirectory: [],
                                         operatorName: "x", force: true)
        }
        guard case .io? = e as? StoreError else { Issue.record("expected io, got \(String(describing: e))"); return }
        #expect(try open.loadPlan() == samplePlan())
    }

    @Test func createMakesMissingFoldersAndRefusesAFolder() throws {
        let dir = try TempDir()
        let deep = dir.file("a/b/c/t.duban")
        _ = try SQLiteTracker.create(at: deep, plan: samplePlan(), repairs: [], unitDirectory: [],
                                     operatorName: "x", force: false)
        #expect(SQLiteTracker.exists(at: deep))
        #expect(!SQLiteTracker.exists(at: dir.file("a/b")))
        #expect(!SQLiteTracker.exists(at: dir.file("nothing")))
        let e = thrown {
            _ = try SQLiteTracker.create(at: dir.file("a/b"), plan: samplePlan(), repairs: [], unitDirectory: [],
                                         operatorName: "x", force: true)
        }
        guard case .io? = e as? StoreError else { Issue.record("expected io, got \(String(describing: e))"); return }
    }

    @Test func createFailureLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        let original = bytes(path)
        // Two milestones with the same id: the insert fails inside the build.
        let bad = try Plan(office: .seed, units: sampleUnits, tasks: [
            PTask(number: 1, title: "一", milestones: [Milestone(id: 1, title: "a")]),
            PTask(number: 2, title: "二", milestones: [Milestone(id: 1, title: "b")]),
        ])
        #expect(throws: StoreError.self) {
            _ = try SQLiteTracker.create(at: path, plan: bad, repairs: [], unitDirectory: [], operatorName: "x", force: true)
        }
        #expect(bytes(path) == original)
        #expect(dir.names() == ["t.duban"])
    }

    @Test func openingAMissingFileIsAnIOError() throws {
        let dir = try TempDir()
        #expect(throws: StoreError.io(path: dir.file("none"), reason: "there is no such file")) {
            _ = try SQLiteTracker.open(at: dir.file("none"))
        }
        let e = thrown { _ = try SQLiteTracker.open(at: dir.path) }
        guard case .notATracker? = e as? StoreError else { Issue.record("got \(String(describing: e))"); return }
    }
}

/// Files `open` must refuse, each left byte-identical.
enum Foreign: String, CaseIterable, CustomTestStringConvertible {
    case randomBytes, textFile, emptyFile, otherAppDatabase, markedButEmpty, truncatedTracker, corruptedTracker,
         newerSchemaVersion, newerMigration

    var testDescription: String { rawValue }

    /// Makes the file in `dir`; returns its path.
    func make(in dir: TempDir) throws -> String {
        let path = dir.file("f-\(rawValue)")
        switch self {
        case .randomBytes:
            try Data((0..<8192).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
        case .textFile:
            try Data("序号\t重点工作任务\t牵头部门\n1\t推进城乡规划一体化\t住房和城乡建设厅\n".utf8).write(to: URL(fileURLWithPath: path))
        case .emptyFile:
            try Data().write(to: URL(fileURLWithPath: path))
        case .otherAppDatabase:
            let q = try DatabaseQueue(path: path)
            try q.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO players (name) VALUES ('Arthur')")
            }
            try q.close()
        case .markedButEmpty:
            try rawSQL(path, "PRAGMA application_id = \(0x4455_4241); CREATE TABLE notes (x)")
        case .truncatedTracker, .corruptedTracker:
            let good = try closedTracker(dir, "good-\(rawValue)", plan: widePlan(tasks: 300))
            var data = try #require(bytes(good))
            if self == .truncatedTracker {
                data = data.prefix(data.count / 2)
            } else {
                // Garbage over pages 2… up to the middle; page 1 (header, schema root) intact.
                for i in 4096..<(data.count / 2) { data[i] = UInt8(truncatingIfNeeded: i &* 7919) }
            }
            try data.write(to: URL(fileURLWithPath: path))
        case .newerSchemaVersion:
            let good = try closedTracker(dir, "good-\(rawValue)")
            try FileManager.default.copyItem(atPath: good, toPath: path)
            let newer = Schema.currentVersion + 1
            try rawSQL(path, "PRAGMA user_version = \(newer); UPDATE meta SET value = '\(newer)' WHERE key = 'schema_version'")
        case .newerMigration:
            let good = try closedTracker(dir, "good-\(rawValue)")
            try FileManager.default.copyItem(atPath: good, toPath: path)
            try rawSQL(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v\(Schema.currentVersion + 1)')")
        }
        return path
    }

    func matches(_ e: StoreError, path: String) -> Bool {
        switch (self, e) {
        case (.randomBytes, .notATracker(path, "it is not an SQLite database")),
             (.textFile, .notATracker(path, "it is not an SQLite database")),
             (.emptyFile, .notATracker(path, "the file is empty")),
             (.otherAppDatabase, .notATracker(path, "it is an SQLite database of another program")),
             (.markedButEmpty, .damaged(path, _)),
             (.truncatedTracker, .damaged(path, _)),
             (.corruptedTracker, .damaged(path, _)),
             (.newerSchemaVersion, .newerVersion(path, Schema.currentVersion + 1, Schema.currentVersion)),
             (.newerMigration, .newerVersion(path, Schema.currentVersion + 1, Schema.currentVersion)):
            return true
        default:
            return false
        }
    }
}

@Suite struct RefusalTests {
    @Test(arguments: Foreign.allCases)
    func foreignFilesAreRefusedAndLeftByteIdentical(_ kind: Foreign) throws {
        let dir = try TempDir()
        let path = try kind.make(in: dir)
        let before = try #require(bytes(path))
        let e = thrown { _ = try SQLiteTracker.open(at: path) }
        let error = try #require(e as? StoreError, "expected a StoreError, got \(String(describing: e))")
        #expect(kind.matches(error, path: path), "\(error)")
        #expect(error.description.contains(path))
        #expect(bytes(path) == before, "the refused file must be byte-identical")
        // Forced read-only makes no difference to the checks.
        #expect(throws: StoreError.self) { _ = try SQLiteTracker.open(at: path, readOnly: true) }
        #expect(bytes(path) == before)
        // No refusal leaves SQLite's side files next to the refused file.
        #expect(!Files.exists(path + "-wal") && !Files.exists(path + "-shm"), "side files left beside a refused file")
    }

    @Test func refusedNewerFileStillOpensAfterTheVersionIsSupported() throws {
        // The refusal must not have migrated anything: the version stays as written.
        let dir = try TempDir()
        let path = try Foreign.newerSchemaVersion.make(in: dir)
        _ = thrown { _ = try SQLiteTracker.open(at: path) }
        #expect(try rawValue(path, "PRAGMA user_version", as: Int.self) == Schema.currentVersion + 1)
        #expect(try rawValue(path, "SELECT count(*) FROM grdb_migrations", as: Int.self) == Schema.currentVersion)
    }

    /// An ordinary open checks the schema and the small tables, not every page of a large
    /// tracker: damage in a task page is left to `duban check` (and to SQLite, which refuses
    /// the page when it is read). A file that looks suspect (here: longer than its header
    /// says) gets the whole `quick_check` on open and is refused.
    @Test func onlyASuspectFileIsCheckedWholeOnOpen() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir, "t.duban", plan: widePlan(tasks: 300))
        let root = try #require(try rawValue(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'tasks'", as: Int.self))
        var data = try #require(bytes(path))
        let pageSize = Int(data[16]) << 8 | Int(data[17])
        for i in (root - 1) * pageSize..<root * pageSize { data[i] = UInt8(truncatingIfNeeded: i &* 7919) }
        try data.write(to: URL(fileURLWithPath: path))

        let t = try SQLiteTracker.open(at: path)
        #expect(try t.units() == widePlan(tasks: 300).units, "the small tables are sound")
        #expect(try t.integrityCheck() != ["ok"], "duban check finds the damage")
        #expect(throws: (any Error).self) { _ = try t.loadPlan() }

        let suspect = dir.file("suspect.duban")
        try (data + Data(count: pageSize)).write(to: URL(fileURLWithPath: suspect))
        let e = thrown { _ = try SQLiteTracker.open(at: suspect) }
        guard case .damaged(suspect, let reason)? = e as? StoreError else {
            Issue.record("expected damaged, got \(String(describing: e))"); return
        }
        #expect(reason.contains("integrity check"), "\(reason)")
    }

    @Test func messagesAreSentences() {
        let p = "/srv/duban/office.duban"
        let all: [StoreError] = [.notATracker(path: p, reason: "it is empty"), .damaged(path: p, reason: "cut off"),
                                 .newerVersion(path: p, found: 3, supported: 1), .exists(path: p), .readOnly(path: p),
                                 .io(path: p, reason: "the disk is full")]
        for e in all {
            #expect(e.description.contains(p))
            #expect(e.description.hasSuffix("."))
            #expect(e.description.first?.isUppercase == true || e.description.hasPrefix("/"))
        }
    }
}

@Suite struct ReadOnlyTests {
    @Test func aFileWithoutWritePermissionOpensReadOnly() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        #expect(chmod(path, 0o444) == 0)
        let before = try #require(bytes(path))
        // Root passes access(W_OK) for any file, but duban also treats a file without any
        // write bit as read-only, so this holds for root and ordinary users alike.
        do {
            let t = try SQLiteTracker.open(at: path)
            #expect(t.isReadOnly)
            #expect(try t.loadPlan() == samplePlan())
            #expect(try t.log(limit: 5, task: nil).count == 1)
            #expect(try t.hasOutsideChanges() == false)
            #expect(throws: StoreError.readOnly(path: path)) {
                try t.apply(.setNotes(task: 1, notes: "x"), operatorName: "x")
            }
            #expect(throws: StoreError.readOnly(path: path)) { try t.setSetting("k", "v", operatorName: "x") }
            #expect(throws: StoreError.readOnly(path: path)) { try t.replaceUnitDirectory([], operatorName: "x") }
        }
        // Bytes are compared only once no connection has the file open (reading a file by
        // hand while SQLite has it open would drop SQLite's locks).
        #expect(bytes(path) == before)
    }

    @Test func readOnlyCanBeForcedOnAWritableFile() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        let before = try #require(bytes(path))
        do {
            let t = try SQLiteTracker.open(at: path, readOnly: true)
            #expect(t.isReadOnly)
            #expect(try t.loadPlan() == samplePlan())
            #expect(throws: StoreError.readOnly(path: path)) {
                try t.apply(.assign(task: 1, unit: "省财政厅", role: .lead), operatorName: "x")
            }
        }
        #expect(bytes(path) == before)
        // A read-only reader still sees another writer's edits.
        let reader = try SQLiteTracker.open(at: path, readOnly: true)
        let writer = try SQLiteTracker.open(at: path)
        _ = try writer.apply(.setNotes(task: 2, notes: "已更新"), operatorName: "x")
        #expect(try reader.hasOutsideChanges())
        #expect(try reader.loadPlan().task(number: 2)?.notes == "已更新")
    }
}

@Suite struct BackupTests {
    @Test func backupIsAnOpenableEqualTracker() throws {
        let dir = try TempDir()
        let t = try makeTracker(dir)
        _ = try t.apply(.setNotes(task: 1, notes: "备份前的修改"), operatorName: "x")
        try t.setSetting("warning.days", "10", operatorName: "x")
        let copy = dir.file("backups/2026/t-copy.duban")
        try t.backup(to: copy)
        do {
            let b = try SQLiteTracker.open(at: copy)
            #expect(try b.loadPlan() == t.loadPlan())
            #expect(try b.log(limit: 100, task: nil) == t.log(limit: 100, task: nil))
            #expect(try b.storedRepairs() == sampleRepairs)
            #expect(try b.unitDirectory() == sampleDirectory)
            #expect(try b.setting("warning.days") == "10")
            #expect(try rawValue(copy, "PRAGMA application_id", as: Int.self) == 0x4455_4241)
            // The copy is independent of the original.
            _ = try b.apply(.setNotes(task: 1, notes: "只改副本"), operatorName: "x")
            #expect(try t.loadPlan().task(number: 1)?.notes == "备份前的修改")
        }
        // An existing destination is refused and left alone (compared once nothing has it open).
        let before = bytes(copy)
        #expect(throws: StoreError.exists(path: copy)) { try t.backup(to: copy) }
        #expect(bytes(copy) == before)
        #expect(!dir.names().contains { $0.hasPrefix(".") })
    }
}

@Suite struct AliasColumnTests {
    /// The hand reading of the aliases column gives what the JSON decoder gives, and refuses
    /// (nil) what it refuses.
    @Test func readsAliasesAsTheJSONDecoderDoes() throws {
        let lists: [[String]] = [[], [""], ["建设厅"], ["a", "b"], ["a/b", "say \"hi\"", "back\\slash", "tab\there", "é\u{301}", "[x]", "a,b"]]
        for list in lists {
            let text = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
            #expect(SQLiteTracker.decodeAliases(text) == list, "\(text)")
        }
        for text in ["[]", "[\"a\"]", "[\"a\",\"\"]", "[ \"a\" ]", "[\"a\" , \"b\"]", "[\"\\u5efa\"]", "[\"a\"]x", "[\"a\",]", "[,]",
                     "[\"a\"\"b\"]", "[\"a", "[", "]", "", "\"a\"", "[1]", "[\"a\",1]", "[\"a\u{1}\"]", "[\"a\u{7f}\"]", "{}", "[[\"a\"]]"] {
            let expected = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
            #expect(SQLiteTracker.decodeAliases(text) == expected, "\(text)")
        }
        #expect(SQLiteTracker.plainStringArray("[\"a\",\"b\"]") == ["a", "b"])
        #expect(SQLiteTracker.plainStringArray("[\"a\\\"b\"]") == nil)
    }
}
