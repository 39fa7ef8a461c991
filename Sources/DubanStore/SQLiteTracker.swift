import DubanCore
import Foundation
import GRDB

typealias DUnit = DubanCore.Unit
typealias DTask = DubanCore.Task

/// The tracker file: one SQLite database, reached through GRDB.
///
/// Connection: one `DatabaseQueue` (a single SQLite connection) per instance, in WAL
/// mode with `synchronous = FULL` and a 15 s busy timeout (a colleague's commit is waited for, not refused). Writes are IMMEDIATE
/// transactions (GRDB's default for `write`), one per edit, so an edit is on disk before
/// `apply` returns and two processes never fail with SQLITE_BUSY on a lock upgrade.
///
/// Change detection: `PRAGMA data_version` is per connection and changes only when
/// *another* connection commits. Because every read and write of an instance goes through
/// the same single connection, our own edits never look like outside changes, and any
/// other process's (or other instance's) commit does. `loadPlan` records the value inside
/// its read transaction (so it matches the snapshot it loaded); `hasOutsideChanges`
/// compares with it: one tiny pragma, no table access.
///
/// Thread safety: every access goes through the serial `DatabaseQueue`, and the only
/// mutable state (`lastDataVersion`) is touched inside those accesses, so an instance
/// may be used from several threads.
public final class SQLiteTracker: TrackerStore, @unchecked Sendable {
    public let path: String
    public let isReadOnly: Bool
    private let dbQueue: DatabaseQueue
    private let fileID: FileID
    /// `PRAGMA data_version` at the last `loadPlan`/`hasOutsideChanges`; only read or
    /// written inside `dbQueue` accesses.
    private var lastDataVersion: Int = 0

    /// Seconds a connection waits for another process's lock before giving up.
    static let busyTimeout: TimeInterval = 15
    /// Gap between assignment positions, so inserting a unit rarely renumbers a task.
    static let positionStep = 1024

    /// Takes ownership of `dbQueue` and of one registration of `fileID` in `OpenTrackers`.
    private init(path: String, dbQueue: DatabaseQueue, fileID: FileID, isReadOnly: Bool, dataVersion: Int) {
        self.path = path
        self.dbQueue = dbQueue
        self.fileID = fileID
        self.isReadOnly = isReadOnly
        self.lastDataVersion = dataVersion
    }

    deinit {
        try? dbQueue.close()
        OpenTrackers.shared.unregister(fileID)
    }

    // MARK: - Opening

    /// True when a file (not a folder) is at `path`, tracker or not: `create` would need
    /// `force` there. Whether it is a usable tracker is for `open` to say.
    public static func exists(at path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    /// Opens an existing tracker; see `open(at:readOnly:)`.
    public static func open(at path: String) throws -> SQLiteTracker {
        try open(at: path, readOnly: false)
    }

    /// Opens an existing tracker, read-only when `readOnly` is true or the file cannot be
    /// written (no write permission, no write bit at all, or a folder we cannot write in).
    ///
    /// The file is checked before anything can change it: its header (by hand, before any
    /// SQLite connection exists), then on a read-only SQLite connection its application id,
    /// schema version, a structural check and tables. Only a file that passes is opened for
    /// writing (WAL switch, pending migrations of an older tracker). Every refusal leaves
    /// the file byte-identical.
    ///
    /// The structural check is SQLite's `quick_check` of the whole file only when the file
    /// looks suspect (`Header.check`: a log left by a crash, a journal, a header that does
    /// not match the size); an ordinary open checks the schema and the small tables every
    /// command reads (`Schema.validate`), so a one-row edit does not read a large tracker
    /// whole. `integrityCheck` (`duban check`) is the full check.
    public static func open(at path: String, readOnly forceReadOnly: Bool) throws -> SQLiteTracker {
        let status = try Files.status(path).get()
        guard status.isRegular else {
            throw StoreError.notATracker(path: path, reason: "it is not a regular file")
        }
        // A file this process has open already was checked when it was first opened.
        var suspect = false
        try OpenTrackers.shared.register(status.id) {
            suspect = try Header.check(path: path, size: status.size)
        }
        var registered = true
        defer { if registered { OpenTrackers.shared.unregister(status.id) } }

        let readOnly = forceReadOnly || !Files.isWritable(path, status)
        // Someone who may only read, in a folder they cannot write, with no `-wal`/`-shm`
        // to share: SQLite can neither create the shared memory nor do without it, so the
        // file is read as it stands on disk (`immutable`: no locks, no side files).
        let location = readOnly && !Files.canUseSideFiles(of: path) ? immutableURI(path) : path
        let hadSideFiles = Files.exists(path + "-wal") || Files.exists(path + "-shm")
        do {
            try validate(path: location, shownAs: path, thorough: suspect)
        } catch {
            // A refused file gets no side files: remove the empty ones the check's
            // read-only connection made, unless someone else has begun using them.
            if !hadSideFiles, OpenTrackers.shared.isOnlyOpen(status.id) { Files.removeUnusedSideFiles(of: path) }
            throw error
        }
        let queue = try connect(path: location, shownAs: path, readOnly: readOnly)
        do {
            let migrator = Schema.migrator()
            let complete = try queue.read { try migrator.hasCompletedMigrations($0) }
            // An older tracker: upgrade it now that it is known to be sound. Someone who may
            // only read it reads it as it is (later migrations only add tables, which the
            // readers of those tables treat as empty).
            if !complete && !readOnly { try migrator.migrate(queue) }
            if !readOnly { try ensureLogTie(queue) }
            let version = try queue.inDatabase { try dataVersion($0) }
            registered = false  // the tracker unregisters in deinit
            return SQLiteTracker(path: path, dbQueue: queue, fileID: status.id, isReadOnly: readOnly,
                                 dataVersion: version)
        } catch let e as DatabaseError {
            try? queue.close()
            throw storeError(e, path: path)
        } catch {
            try? queue.close()
            throw error
        }
    }

    /// `path` as an SQLite URI opening the file immutable.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for c in path.unicodeScalars {
            switch c {
            case "%": encoded += "%25"
            case "?": encoded += "%3F"
            case "#": encoded += "%23"
            default: encoded.unicodeScalars.append(c)
            }
        }
        return "file:" + encoded + "?immutable=1"
    }

    /// The read-only checks of `open` (`path` may be a URI; errors name `shownAs`).
    private static func validate(path location: String, shownAs path: String, thorough: Bool) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "duban.check"
        do {
            let queue = try DatabaseQueue(path: location, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in try Schema.validate(db, path: path, thorough: thorough) }
        } catch let e as DatabaseError {
            throw storeError(e, path: path)
        }
    }

    /// The working connection (`location` may be a URI; errors name `path`).
    private static func connect(path location: String, shownAs path: String, readOnly: Bool) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.label = "duban.tracker"
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            // WAL is persistent: on a tracker this is a no-op that writes nothing.
            // (GRDB's own `.wal` option would lower synchronous to NORMAL.)
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode?.lowercased() == "wal" else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not switch the file to WAL mode")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Every audited commit also writes the meta page with the next count, which ties
            // the write-ahead log to this file (see `WriteAheadLog`).
            try db.execute(sql: """
                CREATE TEMP TRIGGER IF NOT EXISTS duban_commit_count AFTER INSERT ON main.audit BEGIN
                    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(WriteAheadLog.commitCountKey)';
                END
                """)
        }
        do {
            return try DatabaseQueue(path: location, configuration: config)
        } catch let e as DatabaseError {
            throw storeError(e, path: path)
        }
    }

    /// Gives a tracker from before the log tie its `file_id` and `commit_count` (once).
    private static func ensureLogTie(_ queue: DatabaseQueue) throws {
        let keys = [WriteAheadLog.fileIDKey, WriteAheadLog.commitCountKey]
        let present = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM meta WHERE key IN (?, ?)", arguments: StatementArguments(keys)) ?? 0
        }
        guard present < keys.count else { return }
        try queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?), (?, '0')",
                           arguments: [keys[0], newFileID(), keys[1]])
        }
    }

    /// A random identity for a tracker file (a backup gets its own).
    static func newFileID() -> String {
        (0..<16).map { _ in
            let h = String(UInt8.random(in: 0...255), radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }

    /// True when `candidate` is the tracker at `tracker` or one of its side files (`-wal`,
    /// `-shm`, `-journal`), by file identity (hard links, symbolic links, `..` in the path),
    /// or, for a name that does not exist yet, by folder identity and name.
    public static func isTrackerOrSideFile(_ candidate: String, tracker: String) -> Bool {
        for suffix in [""] + Files.sideSuffixes {
            if Files.sameFile(candidate, tracker + suffix) { return true }
            let name = (candidate as NSString).lastPathComponent
            if name == (tracker as NSString).lastPathComponent + suffix,
               Files.sameFile(Files.parent(of: candidate), Files.parent(of: tracker)) {
                return true
            }
        }
        return false
    }

    // MARK: - Creating

    /// Creates a new tracker file holding `plan`, the importer's `repairs` and the
    /// office's `unitDirectory`, with an "init" audit record. Missing parent folders are
    /// created. An existing file is refused unless `force`; then it is replaced atomically:
    /// the new database is built in a hidden file of the same folder, closed, and renamed
    /// over the old one. On any failure the hidden file is removed and the old file stays.
    ///
    /// Do not force-replace a tracker another process has open: that process would keep
    /// writing into the replaced file.
    ///
    /// `progress`, if given, is called now and then with (tasks written, all tasks).
    public static func create(at path: String, plan: Plan, repairs: [StoredRepair], unitDirectory: [DubanCore.Unit],
                              operatorName: String, force: Bool,
                              progress: ((Int, Int) -> Void)? = nil) throws -> SQLiteTracker {
        var isDir: ObjCBool = false
        var keep: Files.Status?
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { throw StoreError.io(path: path, reason: "it is a folder") }
            if !force { throw StoreError.exists(path: path) }
            if case let .success(old) = Files.status(path) {
                guard old.isRegular else {
                    throw StoreError.io(path: path, reason: "it is not a regular file (a pipe or a device), so it was not replaced")
                }
                // Refuse to pull the file from under a tracker of this very process.
                if OpenTrackers.shared.isOpen(old.id) {
                    throw StoreError.io(path: path, reason: "it is open in this program; close it before replacing it")
                }
                keep = old
            }
        }
        try Files.makeParentFolder(of: path)
        Files.removeStaleTemporaries(near: path)
        let temp = Files.temporarySibling(of: path, purpose: "new")
        do {
            try build(at: temp, plan: plan, repairs: repairs, unitDirectory: unitDirectory, operatorName: operatorName,
                      progress: progress)
            // The replaced file's mode and group, else what the umask allows (SQLite alone
            // would make it 0644 whatever the umask, so a shared folder would not work).
            Files.setPermissions(temp, like: keep)
            try Files.replace(path, with: temp)
        } catch {
            Files.removeDatabase(temp)
            if let e = error as? DatabaseError { throw storeError(e, path: path) }
            throw error
        }
        let status = try Files.status(path).get()
        try OpenTrackers.shared.register(status.id)
        do {
            let queue = try connect(path: path, shownAs: path, readOnly: false)
            let version: Int
            do {
                version = try queue.inDatabase { try dataVersion($0) }
            } catch {
                try? queue.close()
                throw error
            }
            return SQLiteTracker(path: path, dbQueue: queue, fileID: status.id, isReadOnly: false, dataVersion: version)
        } catch {
            OpenTrackers.shared.unregister(status.id)
            if let e = error as? DatabaseError { throw storeError(e, path: path) }
            throw error
        }
    }

    /// Writes the whole new tracker into `temp` (schema, then one transaction of
    /// prepared-statement inserts), switches it to WAL and closes it.
    ///
    /// The hidden file is private until the rename, so it is written the fast way: the
    /// rollback journal in memory and no fsync while filling it (`synchronous = OFF`), the
    /// secondary indexes dropped during the inserts and built once at the end. A crash in
    /// the middle leaves only the hidden file, which the next create removes. Before the
    /// rename the file is made durable: WAL on with `synchronous = FULL`, closed (which
    /// checkpoints), then an explicit fsync of the file.
    private static func build(at temp: String, plan: Plan, repairs: [StoredRepair], unitDirectory: [DUnit],
                              operatorName: String, progress: ((Int, Int) -> Void)? = nil) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "duban.create"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -65536")
        }
        let queue = try DatabaseQueue(path: temp, configuration: config)
        do {
            try Schema.migrator().migrate(queue)
            try queue.write { db in
                // Secondary indexes (not the tables' keys) are built after the rows, from their own SQL.
                let indexes = try String.fetchAll(db, sql: """
                    SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name
                    """)
                for name in try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name
                    """) {
                    try db.execute(sql: "DROP INDEX \"\(name)\"")
                }
                // The CHECK constraints (role, state and prior state of an assignment, done of a
                // milestone) hold by construction here: every such value is an enum's raw value
                // or a Bool. SQLite 3.40 builds a temporary b-tree for `state IN (five values)`
                // on every row it checks, which at 1.1 million assignments was 40 % of the whole
                // `duban init --from` (callgrind, 10,000 × 300: 8.97 → 5.06 billion
                // instructions). Only this private connection skips them, only while filling;
                // every later connection checks them as before.
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                try insertAll(db, plan: plan, repairs: repairs, unitDirectory: unitDirectory, operatorName: operatorName,
                              progress: progress)
                try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
                for sql in indexes { try db.execute(sql: sql) }
            }
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode?.lowercased() == "wal" else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not switch the file to WAL mode")
                }
            }
            try queue.close()
        } catch {
            try? queue.close()
            throw error
        }
        // Closing the last connection checkpoints the WAL into the file and deletes it;
        // a leftover would hold data the rename would leave behind.
        if Files.exists(temp + "-wal") {
            throw StoreError.io(path: temp, reason: "SQLite did not fold its write-ahead log into the new file")
        }
        try Files.sync(temp)
    }

    private static func insertAll(_ db: Database, plan: Plan, repairs: [StoredRepair], unitDirectory: [DUnit],
                                  operatorName: String, progress: ((Int, Int) -> Void)?) throws {
        let now = Self.now()
        let meta = try db.makeStatement(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
        for (k, v) in [("created", now), ("created_by", operatorName), ("office_name", plan.office.name),
                       ("office_host", plan.office.hostUnit), ("app", "duban"),
                       (WriteAheadLog.fileIDKey, newFileID()), (WriteAheadLog.commitCountKey, "0")] {
            try meta.execute(arguments: [k, v])
        }
        try insertUnits(db, table: "units", plan.units)
        let member = try db.makeStatement(sql: "INSERT INTO members (unit, position) VALUES (?, ?)")
        for (i, m) in plan.office.members.enumerated() { try member.execute(arguments: [m, i]) }

        let task = try BulkInsert(db, sql: """
            INSERT INTO tasks (number, title, follow_up, notes, position, retired) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let assignment = try BulkInsert(db, sql: """
            INSERT INTO assignments (task, unit, role, position, state, state_since, state_reason, state_prior)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Retired tasks follow the plan's, marked retired now (their history stays with them).
        let all = plan.tasks + plan.retired
        let total = all.count
        progress?(0, total)
        for (i, t) in all.enumerated() {
            task.bind(1, t.number)
            task.bind(2, t.title)
            task.bind(3, t.followUp)
            task.bind(4, t.notes)
            task.bind(5, i)
            task.bind(6, i < plan.tasks.count ? nil : now)
            try task.step()
            assignment.bind(1, t.number)
            for (j, a) in t.assignments.enumerated() {
                assignment.bind(2, a.unit)
                assignment.bind(3, a.role.rawValue)
                assignment.bind(4, j * positionStep)
                assignment.bind(5, a.flow.state.rawValue)
                assignment.bind(6, a.flow.since?.description)
                assignment.bind(7, a.flow.reason)
                assignment.bind(8, a.flow.prior?.rawValue)
                try assignment.step()
            }
            if i & 1023 == 1023 { progress?(i + 1, total) }
        }
        progress?(total, total)
        // Milestones with an id first, so ids the store picks for the others cannot collide.
        let milestone = try db.makeStatement(sql: """
            INSERT INTO milestones (id, task, title, due, done, completed, owner) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for pass in [true, false] {
            for t in plan.tasks + plan.retired {
                for m in t.milestones where (m.id > 0) == pass {
                    milestone.setUncheckedArguments([m.id > 0 ? m.id : nil, t.number, m.title, m.due?.description,
                                                     m.isDone, m.completed?.description, m.owner])
                    try milestone.execute()
                    if m.originalDue != nil || m.extensionRequest != nil || m.kind != nil {
                        var stored = m
                        stored.id = Int(db.lastInsertedRowID)
                        try writeExtension(db, stored)
                    }
                }
            }
        }
        let report = try db.makeStatement(sql: """
            INSERT INTO progress (id, task, date, unit, progress, problems, next) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for pass in [true, false] {
            for t in plan.tasks + plan.retired {
                for r in t.progress where (r.id > 0) == pass {
                    report.setUncheckedArguments([r.id > 0 ? r.id : nil, t.number, r.date.description, r.unit,
                                                  r.progress, r.problems, r.next])
                    try report.execute()
                }
            }
        }
        let repair = try db.makeStatement(sql: "INSERT INTO repairs (kind, line, task, message) VALUES (?, ?, ?, ?)")
        for r in repairs { try repair.execute(arguments: [r.kind, r.line, r.task, r.message]) }
        try insertUnits(db, table: "unit_directory", unitDirectory)
        try insertAudit(db, time: now, operatorName: operatorName, action: "init", task: nil, change: .reload("init"), before: "",
                        after: "\(plan.tasks.count) tasks, \(plan.units.count) units, \(repairs.count) repairs, "
                            + "\(unitDirectory.count) units in the directory")
    }

    private static func insertUnits(_ db: Database, table: String, _ units: [DUnit]) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO \(table) (name, short, abbr, full_form, aliases, position) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (i, u) in units.enumerated() {
            statement.setUncheckedArguments([u.name, u.short, u.abbr, u.fullForm, try encodeAliases(u.aliases), i])
            try statement.execute()
        }
    }

    // MARK: - Reading

    public var location: String { path }

    public func snapshot() throws -> (plan: Plan, sequence: Int) {
        try snapshot(progress: { _ in })
    }

    public func snapshot(progress: @escaping (Double) -> Void) throws -> (plan: Plan, sequence: Int) {
        try guarded {
            try dbQueue.read { db in
                // One pass over every row: a page cache larger than a few hundred KB does
                // not help it, and at the peak of a large plan's read its 2 MB would count.
                let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -256")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
                let plan = try readPlan(db, progress: progress)
                // Same read transaction, so the version and the sequence match the snapshot.
                lastDataVersion = try Self.dataVersion(db)
                return (plan, try Self.latestSequence(db))
            }
        }
    }

    public func firstTasks(_ limit: Int) throws -> PlanWindow {
        try guarded {
            try dbQueue.read { db in
                let plan = try readPlan(db, window: max(0, limit))
                // All rows by the smallest index, less the retired by theirs (`tasks_retired`,
                // version 6; an older file read as it is scans for them).
                let retired = try Self.hasRetiredColumn(db) ? " - (SELECT count(*) FROM tasks WHERE retired IS NOT NULL)" : ""
                let total = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM tasks)" + retired) ?? plan.tasks.count
                lastDataVersion = try Self.dataVersion(db)
                return PlanWindow(plan: plan, totalTasks: total, sequence: try Self.latestSequence(db))
            }
        }
    }

    public func units() throws -> [DubanCore.Unit] {
        try guarded { try dbQueue.read { db in try readUnits(db, table: "units") } }
    }

    public func task(number: Int) throws -> DubanCore.Task? {
        try guarded {
            try dbQueue.read { db in
                guard let t = try readTask(db, number: number), !t.retired else { return nil }
                return t.task
            }
        }
    }

    static func latestSequence(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit") ?? 0
    }

    public func changes(since sequence: Int) throws -> ChangeSet {
        try guarded {
            try dbQueue.read { db in
                let latest = try Self.latestSequence(db)
                // A feed that went back (a restore from an older session's point of view is
                // placed after, but be safe): reload.
                guard sequence <= latest else {
                    return ChangeSet(records: [ChangeRecord(seq: latest, body: .reload("the feed restarted"))], latest: latest)
                }
                // A reader of an older tracker (no record column) reloads on any change.
                guard try db.columns(in: "audit").contains(where: { $0.name == "record" }) else {
                    return ChangeSet(records: sequence < latest ? [ChangeRecord(seq: latest, body: .reload("older tracker"))] : [],
                                     latest: latest)
                }
                let rows = try Row.fetchAll(db, sql: "SELECT id, record FROM audit WHERE id > ? ORDER BY id", arguments: [sequence])
                let records = rows.map { row -> ChangeRecord in
                    let id: Int = row[0]
                    guard let json: String = row[1] else { return ChangeRecord(seq: id, body: .reload("record without feed")) }
                    return ChangeRecord.decode(seq: id, json: json)
                }
                return ChangeSet(records: records, latest: latest)
            }
        }
    }

    /// The whole plan in six queries: meta, members, units, tasks, assignments, milestones.
    /// With `window`, only the first that many active tasks (in row order) and what they
    /// hold; `progress` hears how far the read has got (0…1), now and then.
    private func readPlan(_ db: Database, window: Int? = nil, progress: ((Double) -> Void)? = nil) throws -> Plan {
        var reported = 0.0
        func report(_ f: Double) {
            guard let progress, f >= reported + 0.01 || f == 1 else { return }
            reported = f
            progress(min(1, f))
        }
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[row[0]] = row[1] }
        let members = try String.fetchAll(db, sql: "SELECT unit FROM members ORDER BY position")
        let office = Office(name: meta["office_name"] ?? "", hostUnit: meta["office_host"] ?? "", members: members)
        let units = try readUnits(db, table: "units")

        // Sized once (the count is read from the smallest index): no array doubling, and a
        // dense index by number instead of a dictionary (`TaskNumberIndex`).
        let expected = try window ?? (Int.fetchOne(db, sql: "SELECT count(*) FROM tasks") ?? 0)
        var tasks: [DTask] = []
        tasks.reserveCapacity(expected)
        var index = TaskNumberIndex(minimumCapacity: expected)
        var isRetired: [Bool] = []
        isRetired.reserveCapacity(expected)
        let hasRetired = try Self.hasRetiredColumn(db)
        let retiredColumn = hasRetired ? "retired IS NOT NULL" : "0"
        // A window: the first active tasks by position (the unique index on position), and
        // every other query restricted to their numbers.
        let taskSQL = "SELECT number, title, follow_up, notes, \(retiredColumn) FROM tasks"
            + (window == nil ? " ORDER BY position" : (hasRetired ? " WHERE retired IS NULL" : "") + " ORDER BY position LIMIT \(window ?? 0)")
        let taskRows = try Row.fetchCursor(db, sql: taskSQL)
        while let row = try taskRows.next() {
            let number: Int = row[0]
            index[number] = tasks.count
            tasks.append(DTask(number: number, title: row[1], followUp: row[2], notes: row[3]))
            isRetired.append(row[4])
        }
        report(0.1)
        // A window's later queries are restricted to its tasks: "<joiner> <column> IN (…)".
        // Integers only, so the list is safe to write into the SQL; written once.
        let windowNumbers = window == nil ? nil : tasks.map { String($0.number) }.joined(separator: ",")
        func only(_ joiner: String, _ column: String) -> String {
            windowNumbers.map { " \(joiner) \(column) IN (\($0))" } ?? ""
        }

        // Read in key order (task, unit): the primary key's order, so ORDER BY a.task costs
        // no sort. Each task's rows are gathered in one reused buffer and stored, ordered by
        // position, in an array of exactly their size (no position array per task, no growth
        // slack: with a million assignments either costs megabytes at the peak).
        // Integers only per row (the unit as its column index, the role as a flag): with a
        // million assignments, decoding a string per row would dominate the open time.
        var current = -1
        var pending: [(assignment: Assignment, position: Int)] = []
        func storePending() {
            guard current >= 0, !pending.isEmpty else { return }
            if zip(pending, pending.dropFirst()).contains(where: { $0.position > $1.position }) {
                pending.sort { $0.position < $1.position }
            }
            tasks[current].assignments = pending.map(\.assignment)
            pending.removeAll(keepingCapacity: true)
        }
        var columnOfPosition: [Int: Int] = [:]
        for (i, p) in try Int.fetchAll(db, sql: "SELECT position FROM units ORDER BY position").enumerated() {
            columnOfPosition[p] = i
        }
        // One assignment per unit and role, copied for each row: the copies share the unit's
        // name box, so a million assignments are a million words.
        let leadOf = units.map { Assignment(unit: $0.name, role: .lead) }
        let cooperatingOf = leadOf.map { $0.shared(as: .cooperating) }
        let assignmentRows = try Row.fetchCursor(db, sql: """
            SELECT a.task, u.position, a.role = 'lead', a.role IN ('lead', 'cooperating'), a.position
            FROM assignments a LEFT JOIN units u ON u.name = a.unit\(only("WHERE", "a.task")) ORDER BY a.task
            """)
        var rowsRead = 0
        while let row = try assignmentRows.next() {
            let number: Int = row[0]
            guard let i = index[number] else { throw damaged("an assignment refers to the missing task \(number)") }
            rowsRead += 1
            // Rows come in task order: how far through the tasks, roughly.
            if rowsRead & 16383 == 0 { report(max(reported, 0.1 + 0.7 * Double(i) / Double(max(1, tasks.count)))) }
            guard let unitPosition: Int = row[1], let column = columnOfPosition[unitPosition] else {
                throw damaged("task \(number) names a unit that is not in the tracker")
            }
            guard row[3] as Bool else { throw damaged("task \(number) has an unknown role") }
            let isLead: Bool = row[2]
            if i != current {
                storePending()
                current = i
            }
            pending.append((isLead ? leadOf[column] : cooperatingOf[column], row[4]))
        }
        storePending()

        // Parts that moved on in the workflow (few): read by name and patched in.
        if try Self.hasFlowColumns(db) {
            let flowRows = try Row.fetchCursor(db, sql: """
                SELECT task, unit, state, state_since, state_reason, state_prior FROM assignments
                WHERE (state <> 'assigned' OR state_since IS NOT NULL OR state_reason IS NOT NULL OR state_prior IS NOT NULL)\(only("AND", "task"))
                """)
            while let row = try flowRows.next() {
                let number: Int = row[0]
                let unit: String = row[1]
                guard let i = index[number], let j = tasks[i].assignments.firstIndex(where: { $0.unit == unit }) else { continue }
                tasks[i].assignments[j].flow = try flow(row, from: 2, task: number)
            }
        }

        report(0.85)
        let milestoneRows = try Row.fetchCursor(db, sql: "SELECT task, id, title, due, done, completed, owner FROM milestones" + only("WHERE", "task"))
        var sortTasks = Set<Int>()
        while let row = try milestoneRows.next() {
            let number: Int = row[0]
            guard let i = index[number] else { throw damaged("a milestone refers to the missing task \(number)") }
            tasks[i].milestones.append(try milestone(row, from: 1))
            if tasks[i].milestones.count > 1 { sortTasks.insert(i) }
        }
        if try Self.hasExtensionColumns(db) {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT task, id, original_due, extension, kind FROM milestones
                WHERE (original_due IS NOT NULL OR extension IS NOT NULL OR kind IS NOT NULL)\(only("AND", "task"))
                """)
            while let row = try rows.next() {
                let number: Int = row[0], id: Int = row[1]
                guard let i = index[number], let j = tasks[i].milestones.firstIndex(where: { $0.id == id }) else { continue }
                try readExtension(row, from: 2, into: &tasks[i].milestones[j])
            }
        }
        for i in sortTasks { tasks[i].milestones.sort(by: Plan.milestoneOrder) }
        report(0.92)

        let progressRows = try Row.fetchCursor(db, sql: """
            SELECT task, id, date, unit, progress, problems, next FROM progress\(only("WHERE", "task")) ORDER BY date, id
            """)
        while let row = try progressRows.next() {
            let number: Int = row[0]
            guard let i = index[number] else { throw damaged("a progress report refers to the missing task \(number)") }
            tasks[i].progress.append(try progressReport(row, from: 1))
        }

        defer { report(1) }
        do {
            // Assignments were checked row by row above (known unit via the join; one role
            // per unit and task by the primary key).
            if !isRetired.contains(true) { return try Plan(trustedOffice: office, units: units, tasks: tasks) }
            let active = zip(tasks, isRetired).filter { !$0.1 }.map(\.0)
            let retired = zip(tasks, isRetired).filter { $0.1 }.map(\.0)
            return try Plan(trustedOffice: office, units: units, tasks: active, retired: retired)
        } catch {
            throw damaged(error.description)
        }
    }

    /// True for a tracker of version 5 or later (an older file has no extension).
    static func hasExtensionColumns(_ db: Database) throws -> Bool {
        try db.columns(in: "milestones").contains { $0.name == "extension" }
    }

    /// Sets a milestone's original due date and extension request from columns
    /// original_due, extension starting at `start`.
    private func readExtension(_ row: Row, from start: Int, into m: inout Milestone) throws {
        if let text: String = row[start] {
            guard let d = Day(text) else { throw damaged("milestone \(m.id) has the invalid original date \(text)") }
            m.originalDue = d
        }
        if let json: String = row[start + 1] {
            guard let r = try? JSONDecoder().decode(ExtensionRequest.self, from: Data(json.utf8)) else {
                throw damaged("milestone \(m.id) has an unreadable extension request")
            }
            m.extensionRequest = r
        }
        if let text: String = row[start + 2] { m.kind = MilestoneKind(rawValue: text) }
    }

    static func extensionJSON(_ r: ExtensionRequest?) -> String? {
        guard let r else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(r)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes a milestone's original due date and extension request.
    private static func writeExtension(_ db: Database, _ m: Milestone) throws {
        let update = try db.cachedStatement(sql: "UPDATE milestones SET original_due = ?, extension = ?, kind = ? WHERE id = ?")
        try update.execute(arguments: [m.originalDue?.description, extensionJSON(m.extensionRequest), m.kind?.rawValue, m.id])
    }

    /// True for a tracker of version 5 or later (an older file read without migration has
    /// every part at 已交办).
    static func hasFlowColumns(_ db: Database) throws -> Bool {
        try db.columns(in: "assignments").contains { $0.name == "state" }
    }

    /// A flow from columns state, state_since, state_reason, state_prior starting at `start`.
    private func flow(_ row: Row, from start: Int, task: Int) throws -> Flow {
        let stateText: String = row[start]
        guard let state = FlowState(rawValue: stateText) else { throw damaged("task \(task) has the unknown state \(stateText)") }
        var f = Flow(state: state, reason: row[start + 2])
        if let text: String = row[start + 1] {
            guard let d = Day(text) else { throw damaged("task \(task) has a state since the invalid date \(text)") }
            f.since = d
        }
        if let text: String = row[start + 3] { f.prior = FlowState(rawValue: text) }
        return f
    }

    /// True for a tracker of version 4 or later (an older file read without migration has
    /// no retired tasks).
    static func hasRetiredColumn(_ db: Database) throws -> Bool {
        try db.columns(in: "tasks").contains { $0.name == "retired" }
    }

    private func readUnits(_ db: Database, table: String) throws -> [DUnit] {
        var units: [DUnit] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT name, short, abbr, full_form, aliases FROM \(table) ORDER BY position")
        while let row = try rows.next() {
            guard let aliases = Self.decodeAliases(row[4]) else {
                throw damaged("unit \(row[0] as String) has unreadable aliases")
            }
            units.append(DUnit(name: row[0], short: row[1], abbr: row[2], fullForm: row[3], aliases: aliases))
        }
        return units
    }

    /// A milestone from columns id, title, due, done, completed, owner starting at `start`.
    private func progressReport(_ row: Row, from start: Int) throws -> ProgressReport {
        let text: String = row[start + 1]
        guard let date = Day(text) else { throw damaged("a progress report has the date \"\(text)\"") }
        return ProgressReport(id: row[start], date: date, unit: row[start + 2], progress: row[start + 3],
                              problems: row[start + 4], next: row[start + 5])
    }

    private func milestone(_ row: Row, from start: Int) throws -> Milestone {
        let id: Int = row[start]
        func day(_ column: Int) throws -> Day? {
            guard let text: String = row[start + column] else { return nil }
            guard let d = Day(text) else { throw damaged("milestone \(id) has the invalid date \(text)") }
            return d
        }
        return Milestone(id: id, title: row[start + 1], due: try day(2), isDone: row[start + 3],
                         completed: try day(4), owner: row[start + 5])
    }

    public func log(limit: Int, task: Int?) throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        return try guarded {
            try dbQueue.read { db in
                // A read-only session on a tracker older than the change feed has no record column.
                let hasRecord = try db.columns(in: "audit").contains { $0.name == "record" }
                let columns = "id, time, operator, action, task, before, after" + (hasRecord ? ", record" : ", NULL")
                let rows: [Row]
                if let task {
                    rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM audit WHERE task = ? ORDER BY id DESC LIMIT ?",
                                            arguments: [task, limit])
                } else {
                    rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM audit ORDER BY id DESC LIMIT ?",
                                            arguments: [limit])
                }
                return rows.map { row in
                    let id: Int = row[0]
                    return AuditRecord(id: id, time: row[1], operatorName: row[2], action: row[3], task: row[4],
                                       before: row[5], after: row[6],
                                       change: (row[7] as String?).map { ChangeRecord.decode(seq: id, json: $0).body })
                }
            }
        }
    }

    public func hasOutsideChanges() throws -> Bool {
        try checkStillAtPath()
        return try guarded {
            try dbQueue.inDatabase { db in
                let version = try Self.dataVersion(db)
                defer { lastDataVersion = version }
                return version != lastDataVersion
            }
        }
    }

    public func storedRepairs() throws -> [StoredRepair] {
        try guarded { try dbQueue.read { db in try Self.readRepairs(db) } }
    }

    static func readRepairs(_ db: Database) throws -> [StoredRepair] {
        try Row.fetchAll(db, sql: "SELECT kind, line, task, message FROM repairs ORDER BY id").map {
            StoredRepair(kind: $0[0], line: $0[1], task: $0[2], message: $0[3])
        }
    }

    public func unitDirectory() throws -> [DubanCore.Unit] {
        try guarded { try dbQueue.read { db in try readUnits(db, table: "unit_directory") } }
    }

    public func setting(_ key: String) throws -> String? {
        try guarded {
            try dbQueue.read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
        }
    }

    // MARK: - Writing

    public func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        return try guarded {
            try dbQueue.write { db in
                // Inside the write lock: an edit never goes into a file that is no longer
                // the one at the path (it would be lost while the screen said "saved").
                try checkStillAtPath()
                return try edits.map { try applyInTransaction(db, $0, operatorName: operatorName) }
            }
        }
    }

    /// Throws `TrackerReplaced` when the path no longer names the file this instance opened.
    public func checkStillAtPath() throws {
        switch Files.status(path) {
        case let .success(now) where now.id == fileID: return
        case .success: throw TrackerReplaced(path: path, removed: false)
        case .failure: throw TrackerReplaced(path: path, removed: !Files.exists(path))
        }
    }

    /// Inside the edits' IMMEDIATE transaction: loads only the edited task, lets
    /// `Plan.apply` judge the edit on a one-task plan (its compare-and-set included, so
    /// the check and the write see the same rows), then writes the rows that differ and
    /// the audit record. A refusal throws before anything is written.
    private func applyInTransaction(_ db: Database, _ edit: Edit, operatorName: String) throws -> AppliedEdit {
        if edit.isUnitEdit { return try applyUnitEdit(db, edit, operatorName: operatorName) }
        if case .addTask = edit { return try applyAddTask(db, edit, operatorName: operatorName) }
        let number = edit.taskNumber
        guard let stored = try readTask(db, number: number) else { throw DomainError.unknownTask(number) }
        let old = stored.task

        // Units the one-task plan must know: the task's own (valid by foreign key) and any
        // unit the edit names, if the tracker has it.
        var unitNames = Set(old.assignments.map(\.unit)).union(old.milestones.compactMap(\.owner))
        var asked: [String] = []
        switch edit {
        case let .assign(_, unit, _, _, _): asked.append(unit)
        case let .addMilestone(_, m): if let o = m.owner { asked.append(o) }
        case let .updateMilestone(_, _, set, _): for case let .owner(o?) in set { asked.append(o) }
        case let .addProgress(_, r): asked.append(r.unit)
        case let .flowStep(_, unit, _, _, _, _), let .restoreRole(_, unit, _, _, _): asked.append(unit)
        default: break
        }
        let unitExists = try db.cachedStatement(sql: "SELECT 1 FROM units WHERE name = ?")
        for name in asked where !unitNames.contains(name) {
            if try Bool.fetchOne(unitExists, arguments: [name]) != nil { unitNames.insert(name) }
        }
        var plan = try Plan(office: Office(name: "", hostUnit: "", members: []),
                            units: unitNames.sorted().map { DUnit(name: $0, short: $0, abbr: "") },
                            tasks: stored.retired ? [] : [old], retired: stored.retired ? [old] : [])
        var inverse = try plan.apply(edit)
        guard let new = plan.task(number: number) ?? plan.retiredTask(number: number) else {
            throw DomainError.unknownTask(number)
        }

        var applied = edit
        var before = "", after = ""
        switch edit {
        case let .assign(_, unit, _, _, _):
            try writeAssignments(db, task: number, old: old, new: new, positions: stored.positions, moved: unit)
            before = "\(unit): \(old.role(of: unit)?.rawValue ?? "none")"
            after = "\(unit): \(new.role(of: unit)?.rawValue ?? "none")"
        case let .addMilestone(_, m):
            let oldIDs = Set(old.milestones.map(\.id))
            guard var added = new.milestones.first(where: { !oldIDs.contains($0.id) }) else {
                throw DomainError.unchanged("Nothing to change.")
            }
            if m.id > 0 {
                let exists = try db.cachedStatement(sql: "SELECT 1 FROM milestones WHERE id = ?")
                if try Bool.fetchOne(exists, arguments: [m.id]) != nil {
                    throw DomainError.unchanged("Milestone \(m.id) exists already.")
                }
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO milestones (id, task, title, due, done, completed, owner) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            try insert.execute(arguments: [m.id > 0 ? m.id : nil, number, added.title, added.due?.description,
                                           added.isDone, added.completed?.description, added.owner])
            added.id = Int(db.lastInsertedRowID)
            if added.originalDue != nil || added.extensionRequest != nil || added.kind != nil { try Self.writeExtension(db, added) }
            applied = .addMilestone(task: number, milestone: added)
            inverse = .removeMilestone(task: number, id: added.id, expect: .value(added))
            after = AuditText.describe(added)
        case let .updateMilestone(_, id, _, _):
            guard let m = new.milestone(id: id) else { throw DomainError.unknownMilestone(task: number, id: id) }
            // The row as read in this transaction with the edit's fields set: the fields
            // the edit does not name keep what is stored, whoever wrote them.
            let update = try db.cachedStatement(sql: """
                UPDATE milestones SET title = ?, due = ?, done = ?, completed = ?, owner = ? WHERE id = ? AND task = ?
                """)
            try update.execute(arguments: [m.title, m.due?.description, m.isDone, m.completed?.description, m.owner,
                                           m.id, number])
            if let was = old.milestone(id: id), was.originalDue != m.originalDue || was.extensionRequest != m.extensionRequest {
                try Self.writeExtension(db, m)
            }
            before = old.milestone(id: id).map(AuditText.describe) ?? ""
            after = AuditText.describe(m)
        case let .requestExtension(_, id, _, _, _, _), let .decideExtension(_, id, _, _, _):
            guard let m = new.milestone(id: id) else { throw DomainError.unknownMilestone(task: number, id: id) }
            let update = try db.cachedStatement(sql: "UPDATE milestones SET due = ? WHERE id = ? AND task = ?")
            try update.execute(arguments: [m.due?.description, id, number])
            try Self.writeExtension(db, m)
            (before, after) = AuditText.beforeAfter(edit, old: old, new: new)
        case let .removeMilestone(_, id, _):
            let delete = try db.cachedStatement(sql: "DELETE FROM milestones WHERE id = ? AND task = ?")
            try delete.execute(arguments: [id, number])
            before = old.milestone(id: id).map(AuditText.describe) ?? ""
        case let .setFollowUp(_, _, expect):
            let update = try db.cachedStatement(sql: "UPDATE tasks SET follow_up = ? WHERE number = ?")
            try update.execute(arguments: [new.followUp, number])
            applied = .setFollowUp(task: number, person: new.followUp, expect: expect)
            before = old.followUp ?? ""
            after = new.followUp ?? ""
        case let .addProgress(_, r):
            let oldIDs = Set(old.progress.map(\.id))
            guard var added = new.progress.first(where: { !oldIDs.contains($0.id) }) else {
                throw DomainError.unchanged("Nothing to change.")
            }
            if r.id > 0 {
                let exists = try db.cachedStatement(sql: "SELECT 1 FROM progress WHERE id = ?")
                if try Bool.fetchOne(exists, arguments: [r.id]) != nil {
                    throw DomainError.unchanged("Progress report \(r.id) exists already.")
                }
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO progress (id, task, date, unit, progress, problems, next) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            try insert.execute(arguments: [r.id > 0 ? r.id : nil, number, added.date.description, added.unit,
                                           added.progress, added.problems, added.next])
            added.id = Int(db.lastInsertedRowID)
            applied = .addProgress(task: number, report: added)
            inverse = .removeProgress(task: number, id: added.id, expect: .value(added))
            after = AuditText.describe(added)
        case let .removeProgress(_, id, _):
            let delete = try db.cachedStatement(sql: "DELETE FROM progress WHERE id = ? AND task = ?")
            try delete.execute(arguments: [id, number])
            before = old.progress.first(where: { $0.id == id }).map(AuditText.describe) ?? ""
        case .setNotes:
            let update = try db.cachedStatement(sql: "UPDATE tasks SET notes = ? WHERE number = ?")
            try update.execute(arguments: [new.notes, number])
            before = old.notes
            after = new.notes
        case .editTask:
            let update = try db.cachedStatement(sql: "UPDATE tasks SET title = ? WHERE number = ?")
            try update.execute(arguments: [new.title, number])
            before = old.title
            after = new.title
        case .retireTask, .restoreTask:
            let retire: Bool
            if case .retireTask = edit { retire = true } else { retire = false }
            let update = try db.cachedStatement(sql: "UPDATE tasks SET retired = ? WHERE number = ?")
            try update.execute(arguments: [retire ? Self.now() : nil, number])
            (before, after) = AuditText.beforeAfter(edit, old: old, new: new)
        case let .updateProgress(_, id, _, _):
            guard let r = new.progress.first(where: { $0.id == id }) else { throw DomainError.unchanged("Nothing to change.") }
            let update = try db.cachedStatement(sql: """
                UPDATE progress SET date = ?, progress = ?, problems = ?, next = ? WHERE id = ? AND task = ?
                """)
            try update.execute(arguments: [r.date.description, r.progress, r.problems, r.next, id, number])
            (before, after) = AuditText.beforeAfter(edit, old: old, new: new)
        case let .flowStep(_, unit, _, _, _, _), let .setFlow(_, unit, _, _):
            try writeFlow(db, task: number, unit: unit, new.flow(of: unit))
            (before, after) = AuditText.beforeAfter(edit, old: old, new: new)
        case let .restoreRole(_, unit, _, _, _):
            try writeAssignments(db, task: number, old: old, new: new, positions: stored.positions, moved: unit)
            try writeFlow(db, task: number, unit: unit, new.flow(of: unit))
            (before, after) = AuditText.beforeAfter(edit, old: old, new: new)
        case .addTask, .addUnit, .removeUnit, .editUnit:
            throw DomainError.unchanged("Nothing to change.")  // handled above
        }
        try Self.insertAudit(db, time: Self.now(), operatorName: operatorName, action: edit.action, task: number,
                             change: .edit(applied), before: before, after: after)
        return AppliedEdit(edit: applied, inverse: inverse, sequence: Int(db.lastInsertedRowID))
    }

    /// A new task, at the end of the plan: its number is one above every task the file
    /// holds, retired ones included, unless the edit names one.
    private func applyAddTask(_ db: Database, _ edit: Edit, operatorName: String) throws -> AppliedEdit {
        guard case let .addTask(wanted, title, notes, followUp) = edit else { throw DomainError.unchanged("Nothing to change.") }
        let top = try Int.fetchOne(db, sql: "SELECT max(number) FROM tasks") ?? 0
        let number = wanted > 0 ? wanted : top + 1
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM tasks WHERE number = ?", arguments: [number]) != nil {
            throw DomainError.duplicateTaskNumber(number)
        }
        var plan = try Plan(office: .unnamed, units: [], tasks: [])
        let inverse = try plan.apply(.addTask(number: number, title: title, notes: notes, followUp: followUp))
        guard let t = plan.task(number: number) else { throw DomainError.unknownTask(number) }
        let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM tasks") ?? -1) + 1
        try db.execute(sql: "INSERT INTO tasks (number, title, follow_up, notes, position) VALUES (?, ?, ?, ?, ?)",
                       arguments: [number, t.title, t.followUp, t.notes, position])
        let applied = Edit.addTask(number: number, title: t.title, notes: t.notes, followUp: t.followUp)
        let (before, after) = AuditText.beforeAfter(applied, old: t, new: t)
        try Self.insertAudit(db, time: Self.now(), operatorName: operatorName, action: edit.action, task: number,
                             change: .edit(applied), before: before, after: after)
        return AppliedEdit(edit: applied, inverse: inverse, sequence: Int(db.lastInsertedRowID))
    }

    /// Adds, removes or edits a unit (a matrix column): judged by `Plan.apply` on the units
    /// and the office's members; a renamed unit's roles, milestones, reports and membership
    /// follow it (foreign keys checked at commit).
    private func applyUnitEdit(_ db: Database, _ edit: Edit, operatorName: String) throws -> AppliedEdit {
        let units = try readUnits(db, table: "units")
        let members = try String.fetchAll(db, sql: "SELECT unit FROM members ORDER BY position")
        var plan = try Plan(office: Office(name: "", hostUnit: "", members: members), units: units, tasks: [])
        if case let .removeUnit(name, _) = edit, plan.unit(named: name) != nil {
            let used = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM assignments WHERE unit = ?1) OR EXISTS (SELECT 1 FROM milestones WHERE owner = ?1)
                    OR EXISTS (SELECT 1 FROM progress WHERE unit = ?1)
                """, arguments: [name]) ?? true
            if used { throw DomainError.unitInUse(name) }
        }
        let inverse = try plan.apply(edit)
        var before = "", after = ""
        switch edit {
        case .addUnit:
            guard let u = plan.units.last else { throw DomainError.unchanged("Nothing to change.") }
            let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM units") ?? -1) + 1
            try db.execute(sql: """
                INSERT INTO units (name, short, abbr, full_form, aliases, position) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [u.name, u.short, u.abbr, u.fullForm, try Self.encodeAliases(u.aliases), position])
            after = AuditText.describe(u)
        case let .removeUnit(name, _):
            before = units.first { $0.name == name }.map(AuditText.describe) ?? name
            try db.execute(sql: "DELETE FROM units WHERE name = ?", arguments: [name])
        case let .editUnit(name, _, _):
            guard case let .editUnit(newName, _, _) = inverse, let u = plan.unit(named: newName) else {
                throw DomainError.unchanged("Nothing to change.")
            }
            before = units.first { $0.name == name }.map(AuditText.describe) ?? name
            after = AuditText.describe(u)
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try db.execute(sql: "UPDATE units SET name = ?, short = ?, abbr = ?, full_form = ?, aliases = ? WHERE name = ?",
                           arguments: [u.name, u.short, u.abbr, u.fullForm, try Self.encodeAliases(u.aliases), name])
            if u.name != name {
                for sql in ["UPDATE assignments SET unit = ?1 WHERE unit = ?2", "UPDATE milestones SET owner = ?1 WHERE owner = ?2",
                            "UPDATE progress SET unit = ?1 WHERE unit = ?2", "UPDATE members SET unit = ?1 WHERE unit = ?2"] {
                    try db.execute(sql: sql, arguments: [u.name, name])
                }
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'office_host' AND value = ?", arguments: [u.name, name])
            }
        default:
            break
        }
        let applied: Edit
        if case let .addUnit(u) = edit, let added = plan.unit(named: u.name.trimmingCharacters(in: .whitespaces)) {
            applied = .addUnit(unit: added)
        } else {
            applied = edit
        }
        try Self.insertAudit(db, time: Self.now(), operatorName: operatorName, action: edit.action, task: nil,
                             change: .edit(applied), before: before, after: after)
        return AppliedEdit(edit: applied, inverse: inverse, sequence: Int(db.lastInsertedRowID))
    }

    /// One task as stored, with its units' positions.
    private func readTask(_ db: Database, number: Int) throws -> (task: DTask, positions: [String: Int], retired: Bool)? {
        let retiredColumn = try Self.hasRetiredColumn(db) ? "retired IS NOT NULL" : "0"
        let taskStatement = try db.cachedStatement(sql: "SELECT title, follow_up, notes, \(retiredColumn) FROM tasks WHERE number = ?")
        guard let row = try Row.fetchOne(taskStatement, arguments: [number]) else { return nil }
        let retired: Bool = row[3]
        var task = DTask(number: number, title: row[0], followUp: row[1], notes: row[2])
        var positions: [String: Int] = [:]
        let flowColumns = try Self.hasFlowColumns(db) ? "state, state_since, state_reason, state_prior" : "'assigned', NULL, NULL, NULL"
        let assignments = try db.cachedStatement(sql: """
            SELECT unit, role, position, \(flowColumns) FROM assignments WHERE task = ? ORDER BY position
            """)
        for row in try Row.fetchAll(assignments, arguments: [number]) {
            let roleText: String = row[1]
            guard let role = Role(rawValue: roleText) else { throw damaged("task \(number) has the unknown role \(roleText)") }
            let unit: String = row[0]
            task.assignments.append(Assignment(unit: unit, role: role, flow: try flow(row, from: 3, task: number)))
            positions[unit] = row[2]
        }
        let milestones = try db.cachedStatement(sql: """
            SELECT id, title, due, done, completed, owner FROM milestones WHERE task = ?
            """)
        task.milestones = try Row.fetchAll(milestones, arguments: [number]).map { try milestone($0, from: 0) }
            .sorted(by: Plan.milestoneOrder)
        if try Self.hasExtensionColumns(db) {
            let extensions = try db.cachedStatement(sql: """
                SELECT id, original_due, extension, kind FROM milestones
                WHERE task = ? AND (original_due IS NOT NULL OR extension IS NOT NULL OR kind IS NOT NULL)
                """)
            for row in try Row.fetchAll(extensions, arguments: [number]) {
                let id: Int = row[0]
                if let j = task.milestones.firstIndex(where: { $0.id == id }) { try readExtension(row, from: 1, into: &task.milestones[j]) }
            }
        }
        let reports = try db.cachedStatement(sql: """
            SELECT id, date, unit, progress, problems, next FROM progress WHERE task = ? ORDER BY date, id
            """)
        task.progress = try Row.fetchAll(reports, arguments: [number]).map { try progressReport($0, from: 0) }
        return (task, positions, retired)
    }

    /// Writes one part's workflow state.
    private func writeFlow(_ db: Database, task number: Int, unit: String, _ flow: Flow?) throws {
        guard let flow else { throw DomainError.noRole(task: number, unit: unit) }
        let update = try db.cachedStatement(sql: """
            UPDATE assignments SET state = ?, state_since = ?, state_reason = ?, state_prior = ? WHERE task = ? AND unit = ?
            """)
        try update.execute(arguments: [flow.state.rawValue, flow.since?.description, flow.reason, flow.prior?.rawValue, number, unit])
    }

    /// Writes the assignment rows that differ between `old` and `new`. Only `moved` can
    /// have changed place; the others keep their stored positions.
    private func writeAssignments(_ db: Database, task number: Int, old: DTask, new: DTask,
                                  positions: [String: Int], moved: String) throws {
        let order = new.assignments.map(\.unit)
        let target = Self.positions(for: order, stored: positions, moved: moved)
        let oldRoles = Dictionary(old.assignments.map { ($0.unit, $0.role) }, uniquingKeysWith: { a, _ in a })
        let delete = try db.cachedStatement(sql: "DELETE FROM assignments WHERE task = ? AND unit = ?")
        for a in old.assignments where new.role(of: a.unit) == nil {
            try delete.execute(arguments: [number, a.unit])
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO assignments (task, unit, role, position) VALUES (?, ?, ?, ?)
            ON CONFLICT (task, unit) DO UPDATE SET role = excluded.role, position = excluded.position
            """)
        for (a, p) in zip(new.assignments, target) where oldRoles[a.unit] != a.role || positions[a.unit] != p {
            try upsert.execute(arguments: [number, a.unit, a.role.rawValue, p])
        }
    }

    /// Positions for `order`: stored ones kept, `moved` placed between its neighbours
    /// (keeping its old place if that still fits), everything renumbered only when there
    /// is no gap left.
    static func positions(for order: [String], stored: [String: Int], moved: String) -> [Int] {
        var result = order.map { stored[$0] }
        if let i = order.firstIndex(of: moved) {
            let prev = i > 0 ? result[i - 1] : nil
            let next = i + 1 < order.count ? result[i + 1] : nil
            if let p = stored[moved], prev.map({ $0 < p }) ?? true, next.map({ p < $0 }) ?? true {
                result[i] = p
            } else {
                switch (prev, next) {
                case let (a?, b?): result[i] = b - a >= 2 ? a + (b - a) / 2 : nil
                case let (a?, nil): result[i] = a + positionStep
                case let (nil, b?): result[i] = b - positionStep
                case (nil, nil): result[i] = 0
                }
            }
        }
        var last = Int.min
        for p in result {
            guard let p, p > last else { return order.indices.map { $0 * positionStep } }
            last = p
        }
        return result.map { $0! }
    }

    public func replaceUnitDirectory(_ units: [DubanCore.Unit], operatorName: String) throws {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        var seen = Set<String>()
        for u in units where !seen.insert(u.name).inserted { throw DomainError.duplicateUnit(u.name) }
        try guarded {
            try dbQueue.write { db in
                let old = try readUnits(db, table: "unit_directory")
                guard old != units else { return }
                let oldByName = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                let newNames = Set(units.map(\.name))
                let added = units.filter { oldByName[$0.name] == nil }.map(\.name)
                let changed = units.filter { u in oldByName[u.name].map { $0 != u } ?? false }.map(\.name)
                let removed = old.filter { !newNames.contains($0.name) }.map(\.name)

                try db.execute(sql: "DELETE FROM unit_directory")
                try Self.insertUnits(db, table: "unit_directory", units)
                // Matrix columns follow the directory's names for the units they share.
                let refresh = try db.makeStatement(sql: """
                    UPDATE units SET short = ?, abbr = ?, full_form = ?, aliases = ?
                    WHERE name = ? AND (short, abbr, full_form, aliases) IS NOT (?, ?, ?, ?)
                    """)
                for u in units {
                    let aliases = try Self.encodeAliases(u.aliases)
                    try refresh.execute(arguments: [u.short, u.abbr, u.fullForm, aliases, u.name,
                                                    u.short, u.abbr, u.fullForm, aliases])
                }
                func list(_ word: String, _ names: [String]) -> String? {
                    guard !names.isEmpty else { return nil }
                    let shown = names.prefix(10).joined(separator: ", ")
                    return "\(word) \(shown)" + (names.count > 10 ? " and \(names.count - 10) more" : "")
                }
                let summary = [list("added", added), list("changed", changed), list("removed", removed)]
                    .compactMap { $0 }.joined(separator: "; ")
                try Self.insertAudit(db, time: Self.now(), operatorName: operatorName, action: "units", task: nil, change: .reload("units"),
                                     before: "\(old.count) units",
                                     after: "\(units.count) units" + (summary.isEmpty ? "" : ": " + summary))
            }
        }
    }

    public func setSetting(_ key: String, _ value: String?, operatorName: String) throws {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        try guarded {
            try dbQueue.write { db in
                let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
                guard old != value else { return }
                if let value {
                    try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
                } else {
                    try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
                }
                try Self.insertAudit(db, time: Self.now(), operatorName: operatorName, action: "setting", task: nil,
                                     change: .other("setting \(key)"),
                                     before: old.map { "\(key) = \($0)" } ?? "\(key) unset",
                                     after: value.map { "\(key) = \($0)" } ?? "\(key) unset")
            }
        }
    }

    // MARK: - Supervision notices (督办单)

    /// Takes the next notice number of `date`'s year for `task`, records it in the register
    /// and records "督办〔YYYY〕K号 → task N" in the audit log, all in one write transaction:
    /// two processes can never get the same number, and numbers stay contiguous.
    /// `beforeCommit` runs inside that transaction with the number (to render and stage the
    /// notice); if it throws, nothing is recorded and the number is not taken.
    @discardableResult
    public func issueNotice(task: Int, date: Day, level: EscalationLevel?, operatorName: String,
                            beforeCommit: @escaping (_ serial: Int) throws -> Void) throws -> Int {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        return try guarded {
            try dbQueue.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tasks WHERE number = ?)", arguments: [task]) == true else {
                    throw DomainError.unknownTask(task)
                }
                let year = date.year
                let serial = try Int.fetchOne(db, sql: """
                    SELECT max(coalesce((SELECT max(serial) FROM notices WHERE year = ?1), 0),
                               coalesce((SELECT last_serial FROM notices_before_register WHERE year = ?1), 0)) + 1
                    """, arguments: [year]) ?? 1
                let time = Self.now()
                try db.execute(sql: """
                    INSERT INTO notices (year, serial, task, date, issued, operator, level) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [year, serial, task, date.description, time, operatorName, level?.rawValue])
                try Self.insertAudit(db, time: time, operatorName: operatorName, action: "notice", task: task,
                                     change: .other("notice"), before: "",
                                     after: "\(IssuedNotice.number(year: year, serial: serial)) → task \(task)")
                try beforeCommit(serial)
                return serial
            }
        }
    }

    /// The register of issued notices, oldest first.
    public func noticeRegister() throws -> NoticeRegister {
        try guarded { try dbQueue.read { db in try readNotices(db) } }
    }

    private func readNotices(_ db: Database) throws -> NoticeRegister {
        // A read-only session on a tracker older than the register.
        guard try db.tableExists("notices") else { return NoticeRegister(notices: [], issuedBeforeRegister: [:]) }
        let level = try db.columns(in: "notices").contains { $0.name == "level" } ? "level" : "NULL"
        let rows = try Row.fetchAll(db, sql: """
            SELECT year, serial, task, date, issued, operator, \(level) FROM notices ORDER BY year, serial
            """)
        let notices = try rows.map { row -> IssuedNotice in
            let text: String = row[3]
            guard let d = Day(text) else { throw damaged("the notice register holds the date \"\(text)\"") }
            return IssuedNotice(year: row[0], serial: row[1], task: row[2], date: d, issued: row[4], operatorName: row[5],
                                level: (row[6] as String?).flatMap(EscalationLevel.init(rawValue:)))
        }
        var before: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT year, last_serial FROM notices_before_register") {
            before[row[0]] = row[1]
        }
        return NoticeRegister(notices: notices, issuedBeforeRegister: before)
    }

    // MARK: - Backup

    /// Copies the tracker to a new file at `path` with SQLite's online backup (a consistent
    /// snapshot even while others write), never a file copy. Refuses an existing file
    /// unless `replace`, and never replaces the tracker itself, a folder, a pipe or a device.
    /// The copy is built under a hidden name in the destination folder and renamed when
    /// complete, so a partial backup never appears and a replaced one stays whole until
    /// then. The copy gets its own `file_id`, so this tracker's `-wal` can never be
    /// replayed into it (nor its `-wal` into this tracker).
    public func backup(to destination: String, replace: Bool = false) throws {
        if Self.isTrackerOrSideFile(destination, tracker: path) {
            throw StoreError.io(path: destination, reason: "it is the tracker being backed up (or one of its side files)")
        }
        if Files.exists(destination) {
            guard replace else { throw StoreError.exists(path: destination) }
            guard case let .success(old) = Files.status(destination), old.isRegular else {
                throw StoreError.io(path: destination, reason: "it is not a regular file, so it was not replaced")
            }
            if OpenTrackers.shared.isOpen(old.id) {
                throw StoreError.io(path: destination, reason: "it is open in this program; close it before replacing it")
            }
        }
        try Files.makeParentFolder(of: destination)
        Files.removeStaleTemporaries(near: destination)
        let temp = Files.temporarySibling(of: destination, purpose: "backup")
        do {
            var config = Configuration()
            config.busyMode = .timeout(Self.busyTimeout)
            config.label = "duban.backup"
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let target = try DatabaseQueue(path: temp, configuration: config)
            do {
                try dbQueue.backup(to: target)
                try target.writeWithoutTransaction { db in
                    try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?",
                                   arguments: [Self.newFileID(), WriteAheadLog.fileIDKey])
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                try target.close()
            } catch {
                try? target.close()
                throw error
            }
            if Files.exists(temp + "-wal") {
                throw StoreError.io(path: destination, reason: "SQLite did not fold its write-ahead log into the copy")
            }
            if !replace, Files.exists(destination) { throw StoreError.exists(path: destination) }
            Files.setPermissions(temp, like: nil)
            try Files.replace(destination, with: temp)
        } catch {
            Files.removeDatabase(temp)
            if let e = error as? DatabaseError { throw Self.storeError(e, path: destination) }
            throw error
        }
    }

    /// SQLite's full `integrity_check`: ["ok"] for a sound file, else what it found (at most 20 lines).
    public func integrityCheck() throws -> [String] {
        try guarded { try dbQueue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check(20)") } }
    }

    /// Replaces this tracker's whole contents with `source`'s, through SQLite's backup API
    /// into the live file (so other processes that have it open see the change and never
    /// write into a replaced file), then records a "restore" audit record.
    public func restore(from source: SQLiteTracker, operatorName: String) throws {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        try guarded {
            // The tracker keeps its own identity and count (the log tie): the backup's
            // values arrive with its pages and are put back in the audited commit.
            let keys = [WriteAheadLog.fileIDKey, WriteAheadLog.commitCountKey]
            let own = try dbQueue.read { db in
                try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN (?, ?)", arguments: StatementArguments(keys))
            }
            let lastSequence = try dbQueue.read { try Self.latestSequence($0) }
            try source.dbQueue.backup(to: dbQueue)
            try dbQueue.write { db in
                for row in own {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [row[0], row[1]])
                }
                // After every number other sessions have seen, so they notice and reload.
                let id = max(lastSequence, try Self.latestSequence(db)) + 1
                try Self.insertAudit(db, time: Self.now(), operatorName: operatorName, action: "restore", task: nil,
                                     change: .reload("restore"), before: "", after: "restored from \(source.path)", id: id)
            }
        }
    }

    // MARK: - Helpers

    private static func dataVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
    }

    /// One audit record with its change-feed record; `id` only to place a record after a
    /// restore (whose audit table came from the backup) so that sequence numbers never go back.
    private static func insertAudit(_ db: Database, time: String, operatorName: String, action: String, task: Int?,
                                    change: ChangeRecord.Body, before: String, after: String, id: Int? = nil) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit (id, time, operator, action, task, before, after, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [id, time, operatorName, action, task, before, after, ChangeRecord.encode(change)])
    }

    /// The current time as ISO 8601 UTC with seconds, e.g. 2026-11-24T15:52:04Z.
    static func now() -> String {
        let seconds = Int(Date().timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(ordinal: days))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// The aliases column: a JSON array of strings, or nil when it is not one. The usual
    /// form (`plainStringArray`) is read by hand: a one-row edit reads every unit's aliases to
    /// resolve a name, and a JSON decoder per unit costs more than the rest of the row.
    static func decodeAliases(_ text: String) -> [String]? {
        if let list = plainStringArray(text) { return list }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// The strings of `["a","b",…]` written without spaces and without escapes or control
    /// characters in the strings (what `encodeAliases` writes for most aliases); nil for any
    /// other text, which the JSON decoder then reads or refuses.
    static func plainStringArray(_ text: String) -> [String]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), close = UInt8(ascii: "]")
        let u = Array(text.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "["), u[u.count - 1] == close else { return nil }
        if u.count == 2 { return [] }
        var list: [String] = []
        var i = 1
        while i < u.count, u[i] == quote {
            var j = i + 1
            while j < u.count, u[j] != quote {
                if u[j] == UInt8(ascii: "\\") || u[j] < 0x20 { return nil }
                j += 1
            }
            guard j + 1 < u.count else { return nil }
            list.append(String(decoding: u[(i + 1)..<j], as: UTF8.self))
            if u[j + 1] == close { return j + 2 == u.count ? list : nil }
            guard u[j + 1] == comma else { return nil }
            i = j + 2
        }
        return nil
    }

    private static func encodeAliases(_ aliases: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(aliases), as: UTF8.self)
    }

    private func damaged(_ reason: String) -> StoreError {
        .damaged(path: path, reason: reason)
    }

    /// Runs `body`, turning SQLite failures into `StoreError`; `DomainError` and
    /// `StoreError` pass through unchanged.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DatabaseError {
            throw Self.storeError(e, path: path)
        }
    }

    static func storeError(_ e: DatabaseError, path: String) -> StoreError {
        switch e.resultCode {
        case .SQLITE_NOTADB:
            return .notATracker(path: path, reason: "it is not an SQLite database")
        case .SQLITE_CORRUPT:
            return .damaged(path: path, reason: e.message ?? "SQLite reports a malformed database")
        case .SQLITE_READONLY:
            return .readOnly(path: path)
        case .SQLITE_CANTOPEN:
            return .io(path: path, reason: "SQLite cannot open it (missing, unreadable, or its folder is not writable)")
        case .SQLITE_FULL:
            return .io(path: path, reason: "the disk is full")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .io(path: path, reason: "another program kept it locked for more than \(Int(busyTimeout)) seconds")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return .io(path: path, reason: "permission denied")
        case .SQLITE_IOERR where diskIsFull(near: path):
            return .io(path: path, reason: "the disk is full (no space left where the file is); nothing was saved")
        default:
            return .io(path: path, reason: e.message ?? "SQLite error \(e.resultCode.rawValue)")
        }
    }

    /// True when the file system holding `path` has (almost) no free space left: SQLite
    /// reports a full disk as a plain I/O error when it cannot grow its shared-memory file.
    public static func diskIsFull(near path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard let attrs = try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder),
              let free = (attrs[.systemFreeSize] as? NSNumber)?.int64Value else { return false }
        return free < 64 * 1024
    }
}

extension SQLiteTracker: FileMaintenance {}

/// Everything a tracker holds, for copying it into another store (`duban migrate`).
public struct TrackerDump: Sendable {
    public var plan: Plan
    public var sequence: Int
    public var repairs: [StoredRepair]
    public var unitDirectory: [DubanCore.Unit]
    public var settings: [String: String]
    /// The audit log, oldest first, each with its change-feed record (nil before the feed).
    public var audit: [(record: AuditRecord, change: String?)]
    public var notices: NoticeRegister
}

extension SQLiteTracker {
    /// The whole tracker in one read transaction.
    public func dump() throws -> TrackerDump {
        try guarded {
            try dbQueue.read { db in
                let plan = try readPlan(db)
                var settings: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings") { settings[row[0]] = row[1] }
                let hasRecord = try db.columns(in: "audit").contains { $0.name == "record" }
                let rows = try Row.fetchAll(db, sql: "SELECT id, time, operator, action, task, before, after"
                                            + (hasRecord ? ", record" : ", NULL") + " FROM audit ORDER BY id")
                let audit = rows.map { r in
                    (record: AuditRecord(id: r[0], time: r[1], operatorName: r[2], action: r[3], task: r[4], before: r[5],
                                         after: r[6]),
                     change: r[7] as String?)
                }
                return TrackerDump(plan: plan, sequence: try Self.latestSequence(db), repairs: try Self.readRepairs(db),
                                   unitDirectory: try readUnits(db, table: "unit_directory"), settings: settings,
                                   audit: audit, notices: try readNotices(db))
            }
        }
    }
}
