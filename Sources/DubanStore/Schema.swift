import GRDB

/// The tracker file's schema: versioned GRDB migrations plus the checks that decide
/// whether a file is a tracker this duban can use.
enum Schema {
    /// `PRAGMA application_id` of every tracker: 'DUBA'.
    static let applicationID: Int32 = 0x4455_4241
    /// The newest file format (schema version) this duban reads and writes.
    static let currentVersion = 6

    /// Registered migrations, oldest first. Each one sets `PRAGMA user_version` and
    /// `meta.schema_version` to its number, so a newer file is recognisable without
    /// knowing its migrations.
    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT NOT NULL PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;

                -- The plan's units: the matrix columns, in column order.
                CREATE TABLE units (
                    name TEXT NOT NULL PRIMARY KEY,
                    short TEXT NOT NULL,
                    abbr TEXT NOT NULL,
                    full_form TEXT NOT NULL DEFAULT '',
                    aliases TEXT NOT NULL DEFAULT '[]',    -- JSON array of strings
                    position INTEGER NOT NULL UNIQUE
                );

                -- The leading group's member units (full names, need not be columns).
                CREATE TABLE members (
                    unit TEXT NOT NULL PRIMARY KEY,
                    position INTEGER NOT NULL UNIQUE
                );

                CREATE TABLE tasks (
                    number INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    follow_up TEXT,
                    notes TEXT NOT NULL DEFAULT '',
                    position INTEGER NOT NULL UNIQUE
                );

                -- A unit's role on a task. `position` orders a task's units; it is sparse
                -- (steps of 1024) so an edit can insert a unit without renumbering the others.
                CREATE TABLE assignments (
                    task INTEGER NOT NULL REFERENCES tasks(number),
                    unit TEXT NOT NULL REFERENCES units(name),
                    role TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (task, unit)
                ) WITHOUT ROWID;

                -- AUTOINCREMENT: an id is never handed out twice, so an undo that re-adds a
                -- removed milestone with its old id can never collide with a newer one.
                CREATE TABLE milestones (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    task INTEGER NOT NULL REFERENCES tasks(number),
                    title TEXT NOT NULL,
                    due TEXT,                              -- YYYY-MM-DD
                    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
                    completed TEXT,                        -- YYYY-MM-DD
                    owner TEXT REFERENCES units(name)
                );
                CREATE INDEX milestones_by_task ON milestones(task);

                -- Progress reports (进展填报): 进展情况, 存在问题, 下一步措施.
                CREATE TABLE progress (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    task INTEGER NOT NULL REFERENCES tasks(number),
                    date TEXT NOT NULL,                    -- YYYY-MM-DD
                    unit TEXT NOT NULL REFERENCES units(name),
                    progress TEXT NOT NULL,
                    problems TEXT NOT NULL,
                    next TEXT NOT NULL
                );
                CREATE INDEX progress_by_task ON progress(task);

                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,                    -- ISO 8601 UTC
                    operator TEXT NOT NULL,
                    action TEXT NOT NULL,
                    task INTEGER,
                    before TEXT NOT NULL,
                    after TEXT NOT NULL
                );
                CREATE INDEX audit_by_task ON audit(task, id);

                CREATE TABLE repairs (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    line INTEGER,
                    task INTEGER,
                    message TEXT NOT NULL
                );

                CREATE TABLE settings (
                    key TEXT NOT NULL PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;

                -- The office's editable copy of units.tsv (not necessarily all columns).
                CREATE TABLE unit_directory (
                    name TEXT NOT NULL PRIMARY KEY,
                    short TEXT NOT NULL,
                    abbr TEXT NOT NULL,
                    full_form TEXT NOT NULL DEFAULT '',
                    aliases TEXT NOT NULL DEFAULT '[]',
                    position INTEGER NOT NULL UNIQUE
                );

                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = 1;
                INSERT INTO meta (key, value) VALUES ('schema_version', '1');
                """)
        }
        m.registerMigration("v2") { db in
            // The register of issued supervision notices (督办单): one row per number, taken
            // inside the write transaction that records it, so no number is given twice.
            // Numbers issued before the register existed (the old notice_serial_YYYY
            // settings, which said only how many) are kept as the year's starting point.
            try db.execute(sql: """
                CREATE TABLE notices (
                    year INTEGER NOT NULL,
                    serial INTEGER NOT NULL CHECK (serial > 0),
                    task INTEGER NOT NULL,
                    date TEXT NOT NULL,                    -- YYYY-MM-DD, the date on the notice
                    issued TEXT NOT NULL,                  -- ISO 8601 UTC, when the number was taken
                    operator TEXT NOT NULL,
                    PRIMARY KEY (year, serial)
                ) WITHOUT ROWID;

                CREATE TABLE notices_before_register (
                    year INTEGER NOT NULL PRIMARY KEY,
                    last_serial INTEGER NOT NULL CHECK (last_serial >= 0)
                );
                INSERT INTO notices_before_register (year, last_serial)
                    SELECT CAST(substr(key, 15) AS INTEGER), CAST(value AS INTEGER) FROM settings
                    WHERE key GLOB 'notice_serial_[0-9][0-9][0-9][0-9]' AND CAST(value AS INTEGER) > 0;
                DELETE FROM settings WHERE key GLOB 'notice_serial_[0-9][0-9][0-9][0-9]';

                PRAGMA user_version = 2;
                UPDATE meta SET value = '2' WHERE key = 'schema_version';
                """)
        }
        m.registerMigration("v3") { db in
            // The change feed: each audit record carries the committed change as a typed,
            // versioned JSON record (`ChangeRecord`), so other sessions apply the edits since
            // the last id they saw instead of reloading the plan. Older records have none
            // and read as "reload".
            try db.execute(sql: """
                ALTER TABLE audit ADD COLUMN record TEXT;
                PRAGMA user_version = 3;
                UPDATE meta SET value = '3' WHERE key = 'schema_version';
                """)
        }
        m.registerMigration("v4") { db in
            // Retired tasks (`Edit.retireTask`): the row stays with everything it holds, and
            // `retired` says when it left the plan (NULL: in the plan). A reader of an older
            // file (no column) sees every task in the plan.
            try db.execute(sql: """
                ALTER TABLE tasks ADD COLUMN retired TEXT;
                PRAGMA user_version = 4;
                UPDATE meta SET value = '4' WHERE key = 'schema_version';
                """)
        }
        m.registerMigration("v5") { db in
            // The 督办 workflow (`Flow`): each unit's part in a task has a state, the day it
            // was reached, the reason or note of the step, and for a suspended part the state
            // it resumes to. Existing roles start at 已交办 with no day. A reader of an older
            // file (no columns) sees every part assigned.
            try db.execute(sql: """
                ALTER TABLE assignments ADD COLUMN state TEXT NOT NULL DEFAULT 'assigned'
                    CHECK (state IN ('assigned', 'signed', 'closing', 'closed', 'suspended'));
                ALTER TABLE assignments ADD COLUMN state_since TEXT;       -- YYYY-MM-DD
                ALTER TABLE assignments ADD COLUMN state_reason TEXT;
                ALTER TABLE assignments ADD COLUMN state_prior TEXT
                    CHECK (state_prior IS NULL OR state_prior IN ('assigned', 'signed', 'closing', 'closed'));
                -- 延期: the due date before the first approved extension, and the latest
                -- extension request (JSON of `ExtensionRequest`, pending or decided).
                ALTER TABLE milestones ADD COLUMN original_due TEXT;       -- YYYY-MM-DD
                ALTER TABLE milestones ADD COLUMN extension TEXT;
                -- NULL, or 'plan' for a task's 具体方案.
                ALTER TABLE milestones ADD COLUMN kind TEXT;
                -- 催办: the escalation level a notice was issued at (reminder, yellow, red).
                ALTER TABLE notices ADD COLUMN level TEXT;
                PRAGMA user_version = 5;
                UPDATE meta SET value = '5' WHERE key = 'schema_version';
                """)
        }
        m.registerMigration("v6") { db in
            // The first screen of a large tracker counts the tasks in the plan without
            // reading them: all rows by the position index, less the retired ones by this
            // (small) index.
            try db.execute(sql: """
                CREATE INDEX tasks_retired ON tasks(number) WHERE retired IS NOT NULL;
                PRAGMA user_version = 6;
                UPDATE meta SET value = '6' WHERE key = 'schema_version';
                """)
        }
        return m
    }

    /// Tables and columns a tracker of version 2 or later has (checked only on such files,
    /// so that an older tracker can still be validated before it is migrated).
    static let requiredColumnsSince2: [String: [String]] = [
        "notices": ["year", "serial", "task", "date", "issued", "operator"],
        "notices_before_register": ["year", "last_serial"],
    ]

    /// Tables and columns the code relies on, for the "is this really a tracker" check.
    static let requiredColumns: [String: [String]] = [
        "meta": ["key", "value"],
        "units": ["name", "short", "abbr", "full_form", "aliases", "position"],
        "members": ["unit", "position"],
        "tasks": ["number", "title", "follow_up", "notes", "position"],
        "assignments": ["task", "unit", "role", "position"],
        "milestones": ["id", "task", "title", "due", "done", "completed", "owner"],
        "progress": ["id", "task", "date", "unit", "progress", "problems", "next"],
        "audit": ["id", "time", "operator", "action", "task", "before", "after"],
        "repairs": ["id", "kind", "line", "task", "message"],
        "settings": ["key", "value"],
        "unit_directory": ["name", "short", "abbr", "full_form", "aliases", "position"],
    ]

    /// Tables every open or edit reads whatever the tracker's size, and which stay small
    /// (no row per task): the structural check of an ordinary open covers them and the schema.
    static let smallTables = ["sqlite_schema", "grdb_migrations", "meta", "units", "members", "settings",
                              "unit_directory", "notices_before_register"]

    /// Checks, on a read-only connection, that `db` is a tracker this duban can use.
    /// Throws `StoreError` (never writes). Order: cheap identity checks first, the
    /// structural check last but one, the table layout last.
    ///
    /// `thorough`: SQLite's `quick_check` of the whole file, O(file size), for a file that
    /// looks suspect. Otherwise `quick_check` of the schema and `smallTables` only (a few
    /// pages at any size); the rows of the large tables are checked as they are read (SQLite
    /// refuses a damaged page it reaches), and in full by `duban check`.
    static func validate(_ db: Database, path: String, thorough: Bool = true) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard appID == applicationID else {
            throw StoreError.notATracker(path: path, reason: "it is an SQLite database of another program")
        }
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        var metaVersion = 0
        if try db.tableExists("meta") {
            metaVersion = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
                .flatMap { Int($0) } ?? 0
        }
        var found = max(userVersion, metaVersion)
        if try db.tableExists("grdb_migrations"), try migrator().hasBeenSuperseded(db) {
            found = max(found, currentVersion + 1)
        }
        if found > currentVersion {
            throw StoreError.newerVersion(path: path, found: found, supported: currentVersion)
        }
        var check = ["ok"]
        if thorough {
            check = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
        } else {
            for table in smallTables {
                let exists = try table == "sqlite_schema" || db.tableExists(table)
                guard exists else { continue }
                check = try String.fetchAll(db, sql: "PRAGMA quick_check(\(table))")
                if check != ["ok"] { break }
            }
        }
        if check != ["ok"] {
            throw StoreError.damaged(path: path, reason: "SQLite's integrity check says: "
                                     + check.joined(separator: "; "))
        }
        guard found >= 1, try db.tableExists("grdb_migrations") else {
            throw StoreError.damaged(path: path, reason: "it has the tracker mark but no tracker tables")
        }
        var required = requiredColumns
        if found >= 2 { required.merge(requiredColumnsSince2) { a, _ in a } }
        if found >= 3 { required["audit", default: []].append("record") }
        if found >= 4 { required["tasks", default: []].append("retired") }
        if found >= 5 {
            required["assignments", default: []] += ["state", "state_since", "state_reason", "state_prior"]
            required["milestones", default: []] += ["original_due", "extension", "kind"]
            required["notices", default: []] += ["level"]
        }
        for (table, columns) in required.sorted(by: { $0.key < $1.key }) {
            guard try db.tableExists(table) else {
                throw StoreError.damaged(path: path, reason: "the table \(table) is missing")
            }
            let present = Set(try db.columns(in: table).map(\.name))
            if let missing = columns.first(where: { !present.contains($0) }) {
                throw StoreError.damaged(path: path, reason: "the table \(table) has no column \(missing)")
            }
        }
    }
}
