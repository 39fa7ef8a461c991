import DubanCore
import Foundation
import PostgresNIO

/// A tracker in a PostgreSQL database, shared by machines that cannot share one file.
///
/// Same behaviour as the file: `Plan.apply` judges every edit on the task as read inside
/// the write transaction (compare-and-set included), each edit gets an audit record and a
/// change-feed record, and the feed counter row, locked by every writer, orders commits so
/// readers never skip a sequence number. Other sessions hear of commits through
/// LISTEN/NOTIFY on the channel `duban`.
public final class PostgresTracker: TrackerStore, @unchecked Sendable {
    let session: PostgresSession
    public let isReadOnly: Bool
    private let listener: PostgresListener
    public var location: String { session.url.description }

    static let channel = "duban"

    private init(session: PostgresSession, readOnly: Bool) {
        self.session = session
        self.isReadOnly = readOnly
        self.listener = PostgresListener(session: session)
    }

    // MARK: - Opening and creating

    /// Opens the tracker in the database at `url` (refusing a database without one, or one
    /// from a newer duban).
    public static func open(url: String, readOnly: Bool = false,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresTracker {
        let parsed = try parse(url, environment)
        let session = PostgresSession(url: parsed)
        try session.probe()
        let found = try session.run { client, logger in
            try await client.withConnection { conn in try await Self.schemaVersion(conn, logger) }
        }
        guard let found else { throw ServerError.notATracker(database: parsed.database) }
        if found > PostgresSchema.version {
            throw ServerError.newerVersion(database: parsed.database, found: found, supported: PostgresSchema.version)
        }
        if found < PostgresSchema.version && !readOnly {
            // An older tracker: its owner upgrades it on open. Another login (which may not
            // alter tables) reads it as it is: a tracker without the column has no retired task.
            try? session.transaction { conn, logger in
                for step in PostgresSchema.upgrades where step.version > found {
                    try await conn.query(PostgresQuery(unsafeSQL: step.sql), logger: logger)
                }
                // Logins made before format 3 get the workflow's policies and their unit's
                // steps (otherwise only a new `duban grant` would give them).
                let hasLogins = try await conn.query("SELECT to_regclass('logins') IS NOT NULL AND to_regproc('duban_is_office') IS NOT NULL",
                                                     logger: logger).collect()
                if found < 3, try hasLogins.first?.decode(Bool.self) == true {
                    for statement in Self.policies.components(separatedBy: ";\n") {
                        let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                        if !sql.isEmpty { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
                    }
                    for row in try await conn.query("SELECT login FROM logins WHERE unit IS NOT NULL", logger: logger).collect() {
                        let login = try row.decode(String.self).replacingOccurrences(of: "\"", with: "\"\"")
                        try await conn.query(PostgresQuery(unsafeSQL:
                            "GRANT UPDATE (state, state_since, state_reason, state_prior) ON assignments TO \"\(login)\""), logger: logger)
                        try await conn.query(PostgresQuery(unsafeSQL: "GRANT UPDATE (done, completed, extension) ON milestones TO \"\(login)\""),
                                             logger: logger)
                    }
                }
                try await conn.query("UPDATE duban_meta SET value = \(String(PostgresSchema.version)) WHERE key = 'schema_version'",
                                     logger: logger)
            }
        }
        return PostgresTracker(session: session, readOnly: readOnly)
    }

    static func parse(_ url: String, _ env: [String: String]) throws -> PostgresURL {
        do { return try PostgresURL(url, environment: env) } catch let e as PostgresURL.ParseError {
            throw ServerError.other(e.description)
        }
    }

    /// The tracker's format version, or nil when the database holds no tracker.
    static func schemaVersion(_ conn: PostgresConnection, _ logger: Logger) async throws -> Int? {
        let exists = try await conn.query("SELECT to_regclass('duban_meta') IS NOT NULL", logger: logger).collect()
        guard try exists.first?.decode(Bool.self) == true else { return nil }
        let rows = try await conn.query("SELECT value FROM duban_meta WHERE key = 'schema_version'", logger: logger).collect()
        return try rows.first.flatMap { Int(try $0.decode(String.self)) } ?? 0
    }

    /// Creates the tracker's tables in the database at `url` and fills them with `plan`, in
    /// one transaction. A database that holds a tracker already is refused unless `force`
    /// (then its tables are replaced in the same transaction).
    public static func create(url: String, plan: Plan, repairs: [StoredRepair], unitDirectory: [DubanCore.Unit],
                              operatorName: String, force: Bool,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> PostgresTracker {
        let parsed = try parse(url, environment)
        let session = PostgresSession(url: parsed)
        try session.probe()
        try session.transaction { conn, logger in
            if try await schemaVersion(conn, logger) != nil {
                guard force else { throw ServerError.exists(database: parsed.database) }
                for t in PostgresSchema.tables {
                    try await conn.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(t) CASCADE"), logger: logger)
                }
                for s in PostgresSchema.sequences {
                    try await conn.query(PostgresQuery(unsafeSQL: "DROP SEQUENCE IF EXISTS \(s)"), logger: logger)
                }
                for f in PostgresSchema.functions {
                    try await conn.query(PostgresQuery(unsafeSQL: "DROP FUNCTION IF EXISTS \(f)"), logger: logger)
                }
            }
            try await createTables(conn, logger)
            try await insertAll(conn, logger, plan: plan, repairs: repairs, unitDirectory: unitDirectory, progress: progress)
            let summary = "\(plan.tasks.count) tasks, \(plan.units.count) units, \(repairs.count) repairs, "
                + "\(unitDirectory.count) units in the directory"
            _ = try await audit(conn, logger, operatorName: operatorName, action: "init", task: nil, change: .reload("init"),
                                before: "", after: summary)
        }
        return PostgresTracker(session: session, readOnly: false)
    }

    static func createTables(_ conn: PostgresConnection, _ logger: Logger) async throws {
        for statement in PostgresSchema.create.components(separatedBy: ";\n") {
            let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !sql.isEmpty else { continue }
            try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
        try await conn.query("""
            INSERT INTO duban_meta (key, value) VALUES ('app', 'duban'), ('schema_version', \(String(PostgresSchema.version)))
            """, logger: logger)
    }

    static func insertAll(_ conn: PostgresConnection, _ logger: Logger, plan: Plan, repairs: [StoredRepair],
                          unitDirectory: [DubanCore.Unit], progress: (@Sendable (Int, Int) -> Void)? = nil) async throws {
        try await conn.query("""
            INSERT INTO duban_meta (key, value) VALUES ('office_name', \(plan.office.name)), ('office_host', \(plan.office.hostUnit))
            """, logger: logger)
        try await insertUnits(conn, logger, table: "units", plan.units)
        try await insertUnits(conn, logger, table: "unit_directory", unitDirectory)
        for (i, m) in plan.office.members.enumerated() {
            try await conn.query("INSERT INTO members (unit, position) VALUES (\(m), \(i))", logger: logger)
        }
        var maxMilestone = 0, maxReport = 0
        // Tasks and assignments in batches: one INSERT … SELECT FROM unnest(arrays) per batch
        // instead of a round trip per row (1.1 million rows at 100,000 × 1,000).
        // Retired tasks follow the plan's, marked retired now (their history stays with them).
        let all = plan.tasks + plan.retired
        let total = all.count
        progress?(0, total)
        var start = 0
        while start < total {
            let end = min(total, start + bulkBatch)
            try await insertTasks(conn, logger, all[start..<end], firstPosition: start,
                                  retiredFrom: plan.tasks.count, retiredAt: SQLiteTracker.now())
            start = end
            progress?(end, total)
        }
        for t in all {
            for m in t.milestones {
                try await insertMilestone(conn, logger, task: t.number, m)
                maxMilestone = max(maxMilestone, m.id)
            }
            for r in t.progress {
                try await insertReport(conn, logger, task: t.number, r)
                maxReport = max(maxReport, r.id)
            }
        }
        // Ids of milestones or reports without one (0) are taken from the sequences after the stored ones.
        if maxMilestone > 0 { try await conn.query("SELECT setval('milestone_ids', \(maxMilestone))", logger: logger) }
        if maxReport > 0 { try await conn.query("SELECT setval('progress_ids', \(maxReport))", logger: logger) }
        start = 0
        while start < repairs.count {
            let batch = repairs[start..<min(repairs.count, start + bulkBatch * 10)]
            var q = PostgresQuery(unsafeSQL: """
                INSERT INTO repairs (kind, line, task, message)
                SELECT k, CASE WHEN hl THEN l END, CASE WHEN ht THEN t END, m
                FROM unnest($1::text[], $2::boolean[], $3::integer[], $4::boolean[], $5::integer[], $6::text[])
                    WITH ORDINALITY AS r(k, hl, l, ht, t, m, o) ORDER BY o
                """)
            q.binds.append(batch.map(\.kind))
            q.binds.append(batch.map { $0.line != nil })
            q.binds.append(batch.map { $0.line ?? 0 })
            q.binds.append(batch.map { $0.task != nil })
            q.binds.append(batch.map { $0.task ?? 0 })
            q.binds.append(batch.map(\.message))
            try await conn.query(q, logger: logger)
            start += batch.count
        }
    }

    /// Tasks per multi-row INSERT when a whole plan is written (`init`, `migrate`).
    static let bulkBatch = 2_000

    /// `tasks` (positions from `firstPosition`) and their assignments: two statements.
    /// Tasks at positions `firstPosition…`; those at `retiredFrom` and after are stored retired at `retiredAt`.
    static func insertTasks(_ conn: PostgresConnection, _ logger: Logger, _ tasks: ArraySlice<DTask>,
                            firstPosition: Int, retiredFrom: Int = .max, retiredAt: String = "") async throws {
        var q = PostgresQuery(unsafeSQL: """
            INSERT INTO tasks (number, title, follow_up, notes, position, retired)
            SELECT n, t, CASE WHEN hf THEN f END, x, p, CASE WHEN p >= $7 THEN $8 END
            FROM unnest($1::integer[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::integer[]) AS r(n, t, hf, f, x, p)
            """)
        q.binds.append(tasks.map(\.number))
        q.binds.append(tasks.map(\.title))
        q.binds.append(tasks.map { $0.followUp != nil })
        q.binds.append(tasks.map { $0.followUp ?? "" })
        q.binds.append(tasks.map(\.notes))
        q.binds.append(Array(firstPosition..<(firstPosition + tasks.count)))
        q.binds.append(retiredFrom)
        q.binds.append(retiredAt)
        try await conn.query(q, logger: logger)
        var numbers: [Int] = [], units: [String] = [], roles: [String] = [], positions: [Int] = []
        for t in tasks {
            for (j, a) in t.assignments.enumerated() {
                numbers.append(t.number)
                units.append(a.unit)
                roles.append(a.role.rawValue)
                positions.append(j)
            }
        }
        guard !numbers.isEmpty else { return }
        var a = PostgresQuery(unsafeSQL: """
            INSERT INTO assignments (task, unit, role, position)
            SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::integer[])
            """)
        a.binds.append(numbers)
        a.binds.append(units)
        a.binds.append(roles)
        a.binds.append(positions)
        try await conn.query(a, logger: logger)
    }

    static func insertUnits(_ conn: PostgresConnection, _ logger: Logger, table: String, _ units: [DubanCore.Unit]) async throws {
        for (i, u) in units.enumerated() {
            let aliases = String(decoding: try JSONEncoder().encode(u.aliases), as: UTF8.self)
            var q = PostgresQuery(unsafeSQL: "INSERT INTO \(table) (name, short, abbr, full_form, aliases, position) VALUES ($1, $2, $3, $4, $5, $6)")
            q.binds.append(u.name)
            q.binds.append(u.short)
            q.binds.append(u.abbr)
            q.binds.append(u.fullForm)
            q.binds.append(aliases)
            q.binds.append(i)
            try await conn.query(q, logger: logger)
        }
    }

    static func insertMilestone(_ conn: PostgresConnection, _ logger: Logger, task: Int, _ m: Milestone) async throws {
        let id = m.id > 0 ? m.id : try await nextID(conn, logger, "milestone_ids")
        try await conn.query("""
            INSERT INTO milestones (id, task, title, due, done, completed, owner)
            VALUES (\(id), \(task), \(m.title), \(m.due?.description), \(m.isDone), \(m.completed?.description), \(m.owner))
            """, logger: logger)
        if m.originalDue != nil || m.extensionRequest != nil || m.kind != nil {
            try await conn.query("""
                UPDATE milestones SET original_due = \(m.originalDue?.description), extension = \(SQLiteTracker.extensionJSON(m.extensionRequest)),
                    kind = \(m.kind?.rawValue)
                WHERE id = \(id)
                """, logger: logger)
        }
    }

    static func insertReport(_ conn: PostgresConnection, _ logger: Logger, task: Int, _ r: ProgressReport) async throws {
        let id = r.id > 0 ? r.id : try await nextID(conn, logger, "progress_ids")
        try await conn.query("""
            INSERT INTO progress (id, task, date, unit, progress, problems, next)
            VALUES (\(id), \(task), \(r.date.description), \(r.unit), \(r.progress), \(r.problems), \(r.next))
            """, logger: logger)
    }

    static func nextID(_ conn: PostgresConnection, _ logger: Logger, _ sequence: String) async throws -> Int {
        let rows = try await conn.query(PostgresQuery(unsafeSQL: "SELECT nextval('\(sequence)')"), logger: logger).collect()
        return try rows[0].decode(Int.self)
    }

    /// A task's assignments as the task lists them (its rows replaced).
    static func writeAssignments(_ conn: PostgresConnection, _ logger: Logger, task: DTask) async throws {
        try await conn.query("DELETE FROM assignments WHERE task = \(task.number)", logger: logger)
        let flows = try await hasFlowColumns(conn, logger)
        for (j, a) in task.assignments.enumerated() {
            if flows {
                try await conn.query("""
                    INSERT INTO assignments (task, unit, role, position, state, state_since, state_reason, state_prior)
                    VALUES (\(task.number), \(a.unit), \(a.role.rawValue), \(j), \(a.flow.state.rawValue), \(a.flow.since?.description),
                            \(a.flow.reason), \(a.flow.prior?.rawValue))
                    """, logger: logger)
            } else {
                try await conn.query("""
                    INSERT INTO assignments (task, unit, role, position) VALUES (\(task.number), \(a.unit), \(a.role.rawValue), \(j))
                    """, logger: logger)
            }
        }
    }

    /// False for a tracker of format 2 or older not yet upgraded: every part reads 已交办.
    static func hasFlowColumns(_ conn: PostgresConnection, _ logger: Logger) async throws -> Bool {
        try await !conn.query("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'assignments' AND column_name = 'state'
            """, logger: logger).collect().isEmpty
    }

    static func flow(_ state: String, _ since: String?, _ reason: String?, _ prior: String?) -> Flow {
        Flow(state: FlowState(rawValue: state) ?? .assigned, since: since.flatMap(Day.init), reason: reason,
             prior: prior.flatMap(FlowState.init(rawValue:)))
    }

    static func flowColumns(_ conn: PostgresConnection, _ logger: Logger) async throws -> String {
        try await hasFlowColumns(conn, logger) ? "state, state_since, state_reason, state_prior" : "'assigned'::text, NULL::text, NULL::text, NULL::text"
    }

    /// Appends an audit record with its feed record, advancing the (locked) feed counter.
    static func audit(_ conn: PostgresConnection, _ logger: Logger, operatorName: String, action: String, task: Int?,
                      change: ChangeRecord.Body, before: String, after: String) async throws -> Int {
        let rows = try await conn.query("SELECT duban_next_seq()", logger: logger).collect()
        let seq = try rows[0].decode(Int.self)
        try await conn.query("""
            INSERT INTO audit (id, time, operator, action, task, before, after, record)
            VALUES (\(seq), \(SQLiteTracker.now()), \(operatorName), \(action), \(task), \(before), \(after), \(ChangeRecord.encode(change)))
            """, logger: logger)
        try await conn.query("SELECT pg_notify('duban', \(String(seq)))", logger: logger)
        return seq
    }

    /// Creates an empty database `name` on the server of `url` (for tests and benchmarks).
    public static func createDatabase(_ name: String, server url: String) throws {
        let session = PostgresSession(url: try parse(url, ProcessInfo.processInfo.environment))
        try session.probe()
        try session.run { client, logger in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)
        }
    }

    // MARK: - Reading

    public func snapshot() throws -> (plan: Plan, sequence: Int) {
        try snapshot(progress: { _ in })
    }

    /// `body` in one read-only transaction that sees one state of the database throughout.
    private func readOnlySnapshot<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        try session.run { client, logger in
            try await client.withConnection { conn in
                try await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                let result = try await body(conn, logger)
                _ = try await conn.query("COMMIT", logger: logger)
                return result
            }
        }
    }

    public func firstTasks(_ limit: Int) throws -> PlanWindow {
        try readOnlySnapshot { conn, logger in
            let (plan, sequence) = try await Self.readPlan(conn, logger, window: max(0, limit))
            let active = try await Self.hasRetiredColumn(conn, logger) ? " WHERE retired IS NULL" : ""
            let total = try await conn.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM tasks" + active), logger: logger)
                .collect().first?.decode(Int.self) ?? plan.tasks.count
            return PlanWindow(plan: plan, totalTasks: total, sequence: sequence)
        }
    }

    public func snapshot(progress: @escaping (Double) -> Void) throws -> (plan: Plan, sequence: Int) {
        let report = UncheckedBox(progress)
        return try readOnlySnapshot { conn, logger in
            try await Self.readPlan(conn, logger, progress: { report.value($0) })
        }
    }

    /// The whole plan, or with `window` only the first that many active tasks in row order
    /// and what they hold.
    static func readPlan(_ conn: PostgresConnection, _ logger: Logger, window: Int? = nil,
                         progress: @escaping @Sendable (Double) -> Void = { _ in }) async throws -> (plan: Plan, sequence: Int) {
        var meta: [String: String] = [:]
        for row in try await conn.query("SELECT key, value FROM duban_meta", logger: logger).collect() {
            let (k, v) = try row.decode((String, String).self)
            meta[k] = v
        }
        var members: [String] = []
        for row in try await conn.query("SELECT unit FROM members ORDER BY position", logger: logger).collect() {
            members.append(try row.decode(String.self))
        }
        let units = try await readUnits(conn, logger, table: "units")
        var tasks: [DTask] = []
        var index = TaskNumberIndex()
        var isRetired: [Bool] = []
        let hasRetired = try await hasRetiredColumn(conn, logger)
        let retiredColumn = hasRetired ? "retired IS NOT NULL" : "false"
        let taskSQL = "SELECT number, title, follow_up, notes, \(retiredColumn) FROM tasks"
            + (window == nil ? " ORDER BY position" : (hasRetired ? " WHERE retired IS NULL" : "") + " ORDER BY position LIMIT \(window ?? 0)")
        for row in try await conn.query(PostgresQuery(unsafeSQL: taskSQL), logger: logger).collect() {
            let (n, title, follow, notes, retired) = try row.decode((Int, String, String?, String, Bool).self)
            index[n] = tasks.count
            tasks.append(DTask(number: n, title: title, followUp: follow, notes: notes))
            isRetired.append(retired)
        }
        // A window reads only its tasks' rows (integers, safe to write into the SQL).
        let whereOnly = window == nil ? "" : tasks.isEmpty ? " WHERE false"
            : " WHERE task IN (\(tasks.map { String($0.number) }.joined(separator: ",")))"
        progress(0.1)
        let flowColumns = try await flowColumns(conn, logger)
        var names = SharedUnitNames()
        for row in try await conn.query(PostgresQuery(unsafeSQL: "SELECT task, unit, role, \(flowColumns) FROM assignments\(whereOnly) ORDER BY task, position"),
                                        logger: logger).collect() {
            let (n, unit, role, state, since, reason, prior) = try row.decode((Int, String, String, String, String?, String?, String?).self)
            guard let i = index[n], let r = Role(rawValue: role) else { continue }
            tasks[i].assignments.append(names.assignment(unit: unit, role: r, flow: flow(state, since, reason, prior)))
        }
        progress(0.8)
        let extensionColumns = try await extensionColumns(conn, logger)
        for row in try await conn.query(PostgresQuery(unsafeSQL: "SELECT task, id, title, due, done, completed, owner, \(extensionColumns) FROM milestones\(whereOnly)"),
                                        logger: logger).collect() {
            let (n, m) = try milestone(row)
            if let i = index[n] { tasks[i].milestones.append(m) }
        }
        for i in tasks.indices where tasks[i].milestones.count > 1 { tasks[i].milestones.sort(by: Plan.milestoneOrder) }
        for row in try await conn.query(PostgresQuery(unsafeSQL: "SELECT task, id, date, unit, progress, problems, next FROM progress\(whereOnly) ORDER BY date, id"),
                                        logger: logger).collect() {
            let (n, r) = try report(row)
            if let i = index[n] { tasks[i].progress.append(r) }
        }
        let seq = try await conn.query("SELECT seq FROM feed", logger: logger).collect()
        defer { progress(1) }
        let office = Office(name: meta["office_name"] ?? "", hostUnit: meta["office_host"] ?? "", members: members)
        let active = zip(tasks, isRetired).filter { !$0.1 }.map(\.0)
        let retired = zip(tasks, isRetired).filter { $0.1 }.map(\.0)
        return (try Plan(trustedOffice: office, units: units, tasks: active, retired: retired), try seq[0].decode(Int.self))
    }

    /// False for a tracker of format 1 not yet upgraded (read by a login that may not upgrade it).
    static func hasRetiredColumn(_ conn: PostgresConnection, _ logger: Logger) async throws -> Bool {
        try await !conn.query("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'tasks' AND column_name = 'retired'
            """, logger: logger).collect().isEmpty
    }

    static func readUnits(_ conn: PostgresConnection, _ logger: Logger, table: String) async throws -> [DubanCore.Unit] {
        let rows = try await conn.query(PostgresQuery(unsafeSQL: "SELECT name, short, abbr, full_form, aliases FROM \(table) ORDER BY position"),
                                        logger: logger).collect()
        return try rows.map { row in
            let (name, short, abbr, full, aliases) = try row.decode((String, String, String, String, String).self)
            let list = (try? JSONDecoder().decode([String].self, from: Data(aliases.utf8))) ?? []
            return DubanCore.Unit(name: name, short: short, abbr: abbr, fullForm: full, aliases: list)
        }
    }

    static func milestone(_ row: PostgresRow) throws -> (Int, Milestone) {
        let (n, id, title, due, done, completed, owner, original, ext, kind) =
            try row.decode((Int, Int, String, String?, Bool, String?, String?, String?, String?, String?).self)
        return (n, Milestone(id: id, title: title, due: due.flatMap(Day.init), isDone: done,
                             completed: completed.flatMap(Day.init), owner: owner, originalDue: original.flatMap(Day.init),
                             extensionRequest: ext.flatMap { try? JSONDecoder().decode(ExtensionRequest.self, from: Data($0.utf8)) },
                             kind: kind.flatMap(MilestoneKind.init(rawValue:))))
    }

    static func extensionColumns(_ conn: PostgresConnection, _ logger: Logger) async throws -> String {
        try await !conn.query("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'milestones' AND column_name = 'extension'
            """, logger: logger).collect().isEmpty ? "original_due, extension, kind" : "NULL::text, NULL::text, NULL::text"
    }

    static func report(_ row: PostgresRow) throws -> (Int, ProgressReport) {
        let (n, id, date, unit, progress, problems, next) = try row.decode((Int, Int, String, String, String, String, String).self)
        return (n, ProgressReport(id: id, date: Day(date) ?? Day(ordinal: 0), unit: unit, progress: progress,
                                  problems: problems, next: next))
    }

    /// One task as stored now.
    static func readTask(_ conn: PostgresConnection, _ logger: Logger, _ number: Int) async throws -> DTask? {
        guard let (task, retired) = try await readTaskAndState(conn, logger, number), !retired else { return nil }
        return task
    }

    /// One task as stored now, retired or not.
    static func readTaskAndState(_ conn: PostgresConnection, _ logger: Logger, _ number: Int) async throws -> (task: DTask, retired: Bool)? {
        let retiredColumn = try await hasRetiredColumn(conn, logger) ? "retired IS NOT NULL" : "false"
        var q = PostgresQuery(unsafeSQL: "SELECT title, follow_up, notes, \(retiredColumn) FROM tasks WHERE number = $1")
        q.binds.append(number)
        let rows = try await conn.query(q, logger: logger).collect()
        guard let row = rows.first else { return nil }
        let (title, follow, notes, retired) = try row.decode((String, String?, String, Bool).self)
        var task = DTask(number: number, title: title, followUp: follow, notes: notes)
        let flowColumns = try await flowColumns(conn, logger)
        for row in try await conn.query(PostgresQuery(unsafeSQL: "SELECT unit, role, \(flowColumns) FROM assignments WHERE task = \(number) ORDER BY position"),
                                        logger: logger).collect() {
            let (unit, role, state, since, reason, prior) = try row.decode((String, String, String, String?, String?, String?).self)
            if let r = Role(rawValue: role) { task.assignments.append(Assignment(unit: unit, role: r, flow: flow(state, since, reason, prior))) }
        }
        let extensionColumns = try await extensionColumns(conn, logger)
        for row in try await conn.query(PostgresQuery(unsafeSQL: "SELECT task, id, title, due, done, completed, owner, \(extensionColumns) FROM milestones WHERE task = \(number)"),
                                        logger: logger).collect() {
            task.milestones.append(try milestone(row).1)
        }
        task.milestones.sort(by: Plan.milestoneOrder)
        for row in try await conn.query("""
            SELECT task, id, date, unit, progress, problems, next FROM progress WHERE task = \(number) ORDER BY date, id
            """, logger: logger).collect() {
            task.progress.append(try report(row).1)
        }
        return (task, retired)
    }

    public func log(limit: Int, task: Int?) throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        return try session.run { client, logger in
            let rows: [PostgresRow]
            if let task {
                rows = try await client.query("""
                    SELECT id, time, operator, action, task, before, after, record FROM audit WHERE task = \(task) ORDER BY id DESC LIMIT \(limit)
                    """, logger: logger).collect()
            } else {
                rows = try await client.query("""
                    SELECT id, time, operator, action, task, before, after, record FROM audit ORDER BY id DESC LIMIT \(limit)
                    """, logger: logger).collect()
            }
            return try rows.map { row in
                let (id, time, op, action, task, before, after, record) = try row.decode((Int, String, String, String, Int?, String, String, String?).self)
                return AuditRecord(id: id, time: time, operatorName: op, action: action, task: task, before: before, after: after,
                                   change: record.map { ChangeRecord.decode(seq: id, json: $0).body })
            }
        }
    }

    public func hasOutsideChanges() throws -> Bool { listener.takeNews() }

    public func changes(since sequence: Int) throws -> ChangeSet {
        try session.run { client, logger in
            try await client.withConnection { conn in
                try await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                let latest: Int, rows: [PostgresRow]
                do {
                    latest = try await conn.query("SELECT seq FROM feed", logger: logger).collect()[0].decode(Int.self)
                    // Records a unit's login wrote are not trusted as edits (a login could write
                    // any text there from psql): readers reload instead.
                    rows = try await conn.query("""
                        SELECT a.id, a.record, EXISTS (SELECT 1 FROM logins l WHERE l.login = a.login AND l.unit IS NOT NULL)
                        FROM audit a WHERE a.id > \(sequence) ORDER BY a.id
                        """, logger: logger).collect()
                    _ = try await conn.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await conn.query("ROLLBACK", logger: logger)
                    throw error
                }
                guard sequence <= latest else {
                    return ChangeSet(records: [ChangeRecord(seq: latest, body: .reload("the feed restarted"))], latest: latest)
                }
                let records = try rows.map { row -> ChangeRecord in
                    let (id, json, byUnit) = try row.decode((Int, String?, Bool).self)
                    guard let json, !byUnit else { return ChangeRecord(seq: id, body: .reload(byUnit ? "a unit's edit" : "no record")) }
                    return ChangeRecord.decode(seq: id, json: json)
                }
                return ChangeSet(records: records, latest: latest)
            }
        }
    }

    public func setting(_ key: String) throws -> String? {
        try session.run { client, logger in
            try await client.query("SELECT value FROM settings WHERE key = \(key)", logger: logger).collect().first?.decode(String.self)
        }
    }

    public func units() throws -> [DubanCore.Unit] {
        try session.run { client, logger in
            try await client.withConnection { conn in try await Self.readUnits(conn, logger, table: "units") }
        }
    }

    public func task(number: Int) throws -> DubanCore.Task? {
        try session.run { client, logger in
            try await client.withConnection { conn in
                // One snapshot for the task's four queries.
                try await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    let task = try await Self.readTask(conn, logger, number)
                    _ = try await conn.query("COMMIT", logger: logger)
                    return task
                } catch {
                    _ = try? await conn.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    public func unitDirectory() throws -> [DubanCore.Unit] {
        try session.run { client, logger in
            try await client.withConnection { conn in try await Self.readUnits(conn, logger, table: "unit_directory") }
        }
    }

    public func storedRepairs() throws -> [StoredRepair] {
        try session.run { client, logger in
            try await client.query("SELECT kind, line, task, message FROM repairs ORDER BY id", logger: logger).collect().map { row in
                let (kind, line, task, message) = try row.decode((String, Int?, Int?, String).self)
                return StoredRepair(kind: kind, line: line, task: task, message: message)
            }
        }
    }

    public func noticeRegister() throws -> NoticeRegister {
        try session.run { client, logger in
            let hasLevel = try await !client.query("""
                SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'notices' AND column_name = 'level'
                """, logger: logger).collect().isEmpty
            let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT year, serial, task, date, issued, operator, "
                                                            + (hasLevel ? "level" : "NULL::text") + " FROM notices ORDER BY year, serial"),
                                              logger: logger).collect()
            let notices = try rows.map { row -> IssuedNotice in
                let (year, serial, task, date, issued, op, level) = try row.decode((Int, Int, Int, String, String, String, String?).self)
                return IssuedNotice(year: year, serial: serial, task: task, date: Day(date) ?? Day(ordinal: 0), issued: issued,
                                    operatorName: op, level: level.flatMap(EscalationLevel.init(rawValue:)))
            }
            var before: [Int: Int] = [:]
            for row in try await client.query("SELECT year, last_serial FROM notices_before_register", logger: logger).collect() {
                let (y, s) = try row.decode((Int, Int).self)
                before[y] = s
            }
            return NoticeRegister(notices: notices, issuedBeforeRegister: before)
        }
    }

    // MARK: - Writing

    private func refuseReadOnly() throws {
        if isReadOnly { throw ServerError.notPermitted(login: session.url.user, what: "this session was opened read-only") }
    }

    public func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] {
        try refuseReadOnly()
        return try session.transaction { conn, logger in
            // Every writer queues here: commits (and so feed numbers) come in order.
            try await conn.query("SELECT duban_lock_feed()", logger: logger)
            var done: [AppliedEdit] = []
            for edit in edits { done.append(try await Self.apply(conn, logger, edit, operatorName: operatorName)) }
            return done
        }
    }

    /// Inside the transaction: reads the task, lets `Plan.apply` judge the edit on it, writes
    /// what differs, audits.
    static func apply(_ conn: PostgresConnection, _ logger: Logger, _ edit: Edit, operatorName: String) async throws -> AppliedEdit {
        if edit.isUnitEdit { return try await applyUnitEdit(conn, logger, edit, operatorName: operatorName) }
        var edit = edit
        if case let .addTask(n, title, notes, followUp) = edit {
            // The number is one above every task ever made (retired ones keep theirs).
            let top = try await conn.query("SELECT coalesce(max(number), 0) FROM tasks", logger: logger).collect()[0].decode(Int.self)
            let number = n > 0 ? n : top + 1
            if try await !conn.query("SELECT 1 FROM tasks WHERE number = \(number)", logger: logger).collect().isEmpty {
                throw DomainError.duplicateTaskNumber(number)
            }
            var plan = try Plan(office: .unnamed, units: [], tasks: [])
            let inverse = try plan.apply(.addTask(number: number, title: title, notes: notes, followUp: followUp))
            guard let t = plan.task(number: number) else { throw DomainError.unknownTask(number) }
            let position = try await conn.query("SELECT coalesce(max(position), -1) + 1 FROM tasks", logger: logger).collect()[0].decode(Int.self)
            try await conn.query("""
                INSERT INTO tasks (number, title, follow_up, notes, position) VALUES (\(number), \(t.title), \(t.followUp), \(t.notes), \(position))
                """, logger: logger)
            let applied = Edit.addTask(number: number, title: t.title, notes: t.notes, followUp: t.followUp)
            let (before, after) = AuditText.beforeAfter(applied, old: t, new: t)
            let seq = try await audit(conn, logger, operatorName: operatorName, action: edit.action, task: number,
                                      change: .edit(applied), before: before, after: after)
            return AppliedEdit(edit: applied, inverse: inverse, sequence: seq)
        }
        let number = edit.taskNumber
        guard let (old, wasRetired) = try await readTaskAndState(conn, logger, number) else { throw DomainError.unknownTask(number) }
        // New ids come from the sequences, so the one-task plan cannot pick a used one.
        switch edit {
        case .addMilestone(let t, var m):
            if m.id <= 0 { m.id = try await nextID(conn, logger, "milestone_ids") } else if try await exists(conn, logger, "milestones", m.id) {
                throw DomainError.unchanged("Milestone \(m.id) exists already.")
            }
            edit = .addMilestone(task: t, milestone: m)
        case .addProgress(let t, var r):
            if r.id <= 0 { r.id = try await nextID(conn, logger, "progress_ids") } else if try await exists(conn, logger, "progress", r.id) {
                throw DomainError.unchanged("Progress report \(r.id) exists already.")
            }
            edit = .addProgress(task: t, report: r)
        default: break
        }
        var names = Set(old.assignments.map(\.unit)).union(old.milestones.compactMap(\.owner))
        switch edit {
        case let .assign(_, unit, _, _, _): names.insert(unit)
        case let .addMilestone(_, m): if let o = m.owner { names.insert(o) }
        case let .updateMilestone(_, _, set, _): for case let .owner(o?) in set { names.insert(o) }
        case let .addProgress(_, r): names.insert(r.unit)
        case let .flowStep(_, unit, _, _, _, _), let .restoreRole(_, unit, _, _, _): names.insert(unit)
        default: break
        }
        // The units the one-task plan must know, in one round trip.
        var known: [DubanCore.Unit] = []
        for row in try await conn.query("SELECT name FROM units WHERE name = ANY(\(names.sorted()))", logger: logger).collect() {
            let name = try row.decode(String.self)
            known.append(DubanCore.Unit(name: name, short: name, abbr: ""))
        }
        known.sort { $0.name < $1.name }
        var plan = try Plan(office: Office(name: "", hostUnit: "", members: []), units: known,
                            tasks: wasRetired ? [] : [old], retired: wasRetired ? [old] : [])
        let inverse = try plan.apply(edit)
        let isRetired = plan.task(number: number) == nil
        guard let new = plan.task(number: number) ?? plan.retiredTask(number: number) else { throw DomainError.unknownTask(number) }
        if isRetired != wasRetired {
            let retired: String? = isRetired ? SQLiteTracker.now() : nil
            try await conn.query("UPDATE tasks SET retired = \(retired) WHERE number = \(number)", logger: logger)
        }
        let (before, after) = AuditText.beforeAfter(edit, old: old, new: new)

        if old.assignments.map({ [$0.unit, $0.role.rawValue] }) != new.assignments.map({ [$0.unit, $0.role.rawValue] }) {
            try await writeAssignments(conn, logger, task: new)
        } else {
            // Only workflow states changed: update those rows alone (a unit's login may, for
            // its own unit, by row-level security and the flow trigger).
            for (a, b) in zip(old.assignments, new.assignments) where a.flow != b.flow {
                let f = b.flow
                if try await conn.query("""
                    UPDATE assignments SET state = \(f.state.rawValue), state_since = \(f.since?.description), state_reason = \(f.reason),
                        state_prior = \(f.prior?.rawValue) WHERE task = \(number) AND unit = \(b.unit) RETURNING unit
                    """, logger: logger).collect().isEmpty {
                    throw ServerError.notPermitted(login: try await currentUser(conn, logger),
                                                   what: "the part of \(b.unit) in task \(number) belongs to a unit other than this login's")
                }
            }
        }
        if old.followUp != new.followUp || old.notes != new.notes || old.title != new.title {
            try await conn.query("""
                UPDATE tasks SET follow_up = \(new.followUp), notes = \(new.notes), title = \(new.title) WHERE number = \(number)
                """, logger: logger)
        }
        let oldMilestones = Dictionary(old.milestones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newMilestones = Dictionary(new.milestones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in oldMilestones.keys where newMilestones[id] == nil {
            if try await conn.query("DELETE FROM milestones WHERE id = \(id) RETURNING id", logger: logger).collect().isEmpty {
                throw ServerError.notPermitted(login: try await currentUser(conn, logger), what: "milestone #\(id) cannot be removed by this login")
            }
        }
        for m in new.milestones {
            guard let was = oldMilestones[m.id] else {
                try await insertMilestone(conn, logger, task: number, m)
                continue
            }
            // Only the columns that changed: a unit's login may update done/completed alone.
            // Row-level security hides a row it may not change (no error, no row): say so.
            for field in MilestoneField.changes(from: was, to: m) {
                let q: PostgresQuery
                switch field {
                case let .title(t): q = "UPDATE milestones SET title = \(t) WHERE id = \(m.id) RETURNING id"
                case let .due(d): q = "UPDATE milestones SET due = \(d?.description) WHERE id = \(m.id) RETURNING id"
                case let .done(done, day):
                    q = "UPDATE milestones SET done = \(done), completed = \(day?.description) WHERE id = \(m.id) RETURNING id"
                case let .owner(o): q = "UPDATE milestones SET owner = \(o) WHERE id = \(m.id) RETURNING id"
                case let .originalDue(d): q = "UPDATE milestones SET original_due = \(d?.description) WHERE id = \(m.id) RETURNING id"
                case let .extensionRequest(r):
                    q = "UPDATE milestones SET extension = \(SQLiteTracker.extensionJSON(r)) WHERE id = \(m.id) RETURNING id"
                }
                if try await conn.query(q, logger: logger).collect().isEmpty {
                    throw ServerError.notPermitted(login: try await currentUser(conn, logger),
                                                   what: "milestone #\(m.id) belongs to a unit other than this login's")
                }
            }
        }
        let oldReports = Set(old.progress.map(\.id))
        let newReports = Set(new.progress.map(\.id))
        for id in oldReports.subtracting(newReports) {
            if try await conn.query("DELETE FROM progress WHERE id = \(id) RETURNING id", logger: logger).collect().isEmpty {
                throw ServerError.notPermitted(login: try await currentUser(conn, logger), what: "progress report #\(id) cannot be removed by this login")
            }
        }
        for r in new.progress where !oldReports.contains(r.id) { try await insertReport(conn, logger, task: number, r) }
        let oldByID = Dictionary(old.progress.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for r in new.progress {
            guard let was = oldByID[r.id], was != r else { continue }
            // Row-level security lets a unit's login change only its own unit's reports.
            if try await conn.query("""
                UPDATE progress SET date = \(r.date.description), progress = \(r.progress), problems = \(r.problems), next = \(r.next)
                WHERE id = \(r.id) RETURNING id
                """, logger: logger).collect().isEmpty {
                throw ServerError.notPermitted(login: try await currentUser(conn, logger),
                                               what: "progress report #\(r.id) belongs to a unit other than this login's")
            }
        }

        let applied: Edit
        if case let .setFollowUp(t, _, expect) = edit { applied = .setFollowUp(task: t, person: new.followUp, expect: expect) } else {
            applied = edit
        }
        let seq = try await audit(conn, logger, operatorName: operatorName, action: edit.action, task: number,
                                  change: .edit(applied), before: before, after: after)
        return AppliedEdit(edit: applied, inverse: inverse, sequence: seq)
    }

    /// Adds, removes or edits a unit (a matrix column), as `SQLiteTracker` does; a renamed
    /// unit's roles, milestones, reports and membership follow it.
    static func applyUnitEdit(_ conn: PostgresConnection, _ logger: Logger, _ edit: Edit, operatorName: String) async throws -> AppliedEdit {
        let units = try await readUnits(conn, logger, table: "units")
        var members: [String] = []
        for row in try await conn.query("SELECT unit FROM members ORDER BY position", logger: logger).collect() {
            members.append(try row.decode(String.self))
        }
        var plan = try Plan(office: Office(name: "", hostUnit: "", members: members), units: units, tasks: [])
        if case let .removeUnit(name, _) = edit, plan.unit(named: name) != nil {
            let used = try await conn.query("""
                SELECT EXISTS (SELECT 1 FROM assignments WHERE unit = \(name)) OR EXISTS (SELECT 1 FROM milestones WHERE owner = \(name))
                    OR EXISTS (SELECT 1 FROM progress WHERE unit = \(name))
                """, logger: logger).collect()[0].decode(Bool.self)
            if used { throw DomainError.unitInUse(name) }
        }
        let inverse = try plan.apply(edit)
        var before = "", after = ""
        var applied = edit
        func aliases(_ u: DubanCore.Unit) throws -> String { String(decoding: try JSONEncoder().encode(u.aliases), as: UTF8.self) }
        switch edit {
        case .addUnit:
            guard let u = plan.units.last else { throw DomainError.unchanged("Nothing to change.") }
            let position = try await conn.query("SELECT coalesce(max(position), -1) + 1 FROM units", logger: logger).collect()[0].decode(Int.self)
            try await conn.query("""
                INSERT INTO units (name, short, abbr, full_form, aliases, position)
                VALUES (\(u.name), \(u.short), \(u.abbr), \(u.fullForm), \(try aliases(u)), \(position))
                """, logger: logger)
            after = AuditText.describe(u)
            applied = .addUnit(unit: u)
        case let .removeUnit(name, _):
            before = units.first { $0.name == name }.map(AuditText.describe) ?? name
            try await conn.query("DELETE FROM units WHERE name = \(name)", logger: logger)
        case let .editUnit(name, _, _):
            guard case let .editUnit(newName, _, _) = inverse, let u = plan.unit(named: newName) else {
                throw DomainError.unchanged("Nothing to change.")
            }
            before = units.first { $0.name == name }.map(AuditText.describe) ?? name
            after = AuditText.describe(u)
            if u.name == name {
                try await conn.query("""
                    UPDATE units SET short = \(u.short), abbr = \(u.abbr), full_form = \(u.fullForm), aliases = \(try aliases(u))
                    WHERE name = \(name)
                    """, logger: logger)
            } else {
                // A new row under the new name, the references moved to it, the old row gone.
                try await conn.query("UPDATE units SET position = -1 - position WHERE name = \(name)", logger: logger)
                try await conn.query("""
                    INSERT INTO units (name, short, abbr, full_form, aliases, position)
                    SELECT \(u.name), \(u.short), \(u.abbr), \(u.fullForm), \(try aliases(u)), -1 - position FROM units WHERE name = \(name)
                    """, logger: logger)
                try await conn.query("UPDATE assignments SET unit = \(u.name) WHERE unit = \(name)", logger: logger)
                try await conn.query("UPDATE milestones SET owner = \(u.name) WHERE owner = \(name)", logger: logger)
                try await conn.query("UPDATE progress SET unit = \(u.name) WHERE unit = \(name)", logger: logger)
                try await conn.query("UPDATE members SET unit = \(u.name) WHERE unit = \(name)", logger: logger)
                try await conn.query("UPDATE logins SET unit = \(u.name) WHERE unit = \(name)", logger: logger)
                try await conn.query("UPDATE duban_meta SET value = \(u.name) WHERE key = 'office_host' AND value = \(name)", logger: logger)
                try await conn.query("DELETE FROM units WHERE name = \(name)", logger: logger)
            }
        default:
            break
        }
        let seq = try await audit(conn, logger, operatorName: operatorName, action: edit.action, task: nil,
                                  change: .edit(applied), before: before, after: after)
        return AppliedEdit(edit: applied, inverse: inverse, sequence: seq)
    }

    static func exists(_ conn: PostgresConnection, _ logger: Logger, _ table: String, _ id: Int) async throws -> Bool {
        var q = PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE id = $1")
        q.binds.append(id)
        return try await !conn.query(q, logger: logger).collect().isEmpty
    }

    public func setSetting(_ key: String, _ value: String?, operatorName: String) throws {
        try refuseReadOnly()
        try session.transaction { conn, logger in
            try await conn.query("SELECT duban_lock_feed()", logger: logger)
            let old = try await conn.query("SELECT value FROM settings WHERE key = \(key)", logger: logger).collect()
                .first?.decode(String.self)
            guard old != value else { return }
            if let value {
                try await conn.query("""
                    INSERT INTO settings (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, logger: logger)
            } else {
                try await conn.query("DELETE FROM settings WHERE key = \(key)", logger: logger)
            }
            _ = try await Self.audit(conn, logger, operatorName: operatorName, action: "setting", task: nil,
                                     change: .other("setting \(key)"),
                                     before: old.map { "\(key) = \($0)" } ?? "\(key) unset",
                                     after: value.map { "\(key) = \($0)" } ?? "\(key) unset")
        }
    }

    public func replaceUnitDirectory(_ units: [DubanCore.Unit], operatorName: String) throws {
        try refuseReadOnly()
        var seen = Set<String>()
        for u in units where !seen.insert(u.name).inserted { throw DomainError.duplicateUnit(u.name) }
        try session.transaction { conn, logger in
            try await conn.query("SELECT duban_lock_feed()", logger: logger)
            let old = try await Self.readUnits(conn, logger, table: "unit_directory")
            guard old != units else { return }
            try await conn.query("DELETE FROM unit_directory", logger: logger)
            try await Self.insertUnits(conn, logger, table: "unit_directory", units)
            for u in units {
                let aliases = String(decoding: try JSONEncoder().encode(u.aliases), as: UTF8.self)
                try await conn.query("""
                    UPDATE units SET short = \(u.short), abbr = \(u.abbr), full_form = \(u.fullForm), aliases = \(aliases)
                    WHERE name = \(u.name)
                    """, logger: logger)
            }
            _ = try await Self.audit(conn, logger, operatorName: operatorName, action: "units", task: nil, change: .reload("units"),
                                     before: "\(old.count) units", after: "\(units.count) units")
        }
    }

    public func issueNotice(task: Int, date: Day, level: EscalationLevel?, operatorName: String,
                            beforeCommit: @escaping (_ serial: Int) throws -> Void) throws -> Int {
        try refuseReadOnly()
        // The caller stages its output inside the transaction: the number is recorded only
        // if that succeeds.
        let stage = UncheckedBox(beforeCommit)
        return try session.transaction { conn, logger in
            try await conn.query("SELECT duban_lock_feed()", logger: logger)
            guard try await !conn.query("SELECT 1 FROM tasks WHERE number = \(task)", logger: logger).collect().isEmpty else {
                throw DomainError.unknownTask(task)
            }
            let year = date.year
            let rows = try await conn.query("""
                SELECT greatest(coalesce((SELECT max(serial) FROM notices WHERE year = \(year)), 0),
                                coalesce((SELECT last_serial FROM notices_before_register WHERE year = \(year)), 0)) + 1
                """, logger: logger).collect()
            let serial = try rows[0].decode(Int.self)
            try await conn.query("""
                INSERT INTO notices (year, serial, task, date, issued, operator)
                VALUES (\(year), \(serial), \(task), \(date.description), \(SQLiteTracker.now()), \(operatorName))
                """, logger: logger)
            if let level {
                try await conn.query("UPDATE notices SET level = \(level.rawValue) WHERE year = \(year) AND serial = \(serial)", logger: logger)
            }
            _ = try await Self.audit(conn, logger, operatorName: operatorName, action: "notice", task: task, change: .other("notice"),
                                     before: "", after: "\(IssuedNotice.number(year: year, serial: serial)) → task \(task)")
            try stage.value(serial)
            return serial
        }
    }
}


extension PostgresTracker {
    /// Copies a whole tracker (plan, audit log with its change feed, settings, unit
    /// directory, repairs, notice register) into the empty database at `url`, in one
    /// transaction; a database that holds a tracker already is refused.
    public static func migrate(_ dump: TrackerDump, to url: String, operatorName: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> PostgresTracker {
        let parsed = try parse(url, environment)
        let session = PostgresSession(url: parsed)
        try session.probe()
        let box = UncheckedBox(dump)
        try session.transaction { conn, logger in
            let dump = box.value
            if try await schemaVersion(conn, logger) != nil { throw ServerError.exists(database: parsed.database) }
            try await createTables(conn, logger)
            try await insertAll(conn, logger, plan: dump.plan, repairs: dump.repairs, unitDirectory: dump.unitDirectory,
                                progress: progress)
            for (k, v) in dump.settings.sorted(by: { $0.key < $1.key }) {
                try await conn.query("INSERT INTO settings (key, value) VALUES (\(k), \(v))", logger: logger)
            }
            for n in dump.notices.notices {
                try await conn.query("""
                    INSERT INTO notices (year, serial, task, date, issued, operator)
                    VALUES (\(n.year), \(n.serial), \(n.task), \(n.date.description), \(n.issued), \(n.operatorName))
                    """, logger: logger)
            }
            for (year, last) in dump.notices.issuedBeforeRegister {
                try await conn.query("INSERT INTO notices_before_register (year, last_serial) VALUES (\(year), \(last))", logger: logger)
            }
            var last = 0
            var start = 0
            while start < dump.audit.count {
                // Many rows per statement (unnest of arrays), not a round trip per record.
                let batch = dump.audit[start..<min(dump.audit.count, start + bulkBatch * 5)]
                var q = PostgresQuery(unsafeSQL: """
                    INSERT INTO audit (id, time, operator, action, task, before, after, record)
                    SELECT i, tm, op, ac, CASE WHEN ht THEN t END, b, af, CASE WHEN hr THEN rc END
                    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::integer[],
                                $7::text[], $8::text[], $9::boolean[], $10::text[]) AS r(i, tm, op, ac, ht, t, b, af, hr, rc)
                    """)
                q.binds.append(batch.map { $0.0.id })
                q.binds.append(batch.map { $0.0.time })
                q.binds.append(batch.map { $0.0.operatorName })
                q.binds.append(batch.map { $0.0.action })
                q.binds.append(batch.map { $0.0.task != nil })
                q.binds.append(batch.map { $0.0.task ?? 0 })
                q.binds.append(batch.map { $0.0.before })
                q.binds.append(batch.map { $0.0.after })
                q.binds.append(batch.map { $0.1 != nil })
                q.binds.append(batch.map { $0.1 ?? "" })
                try await conn.query(q, logger: logger)
                last = max(last, batch.map { $0.0.id }.max() ?? 0)
                start += batch.count
            }
            try await conn.query("UPDATE feed SET seq = \(last)", logger: logger)
            _ = try await audit(conn, logger, operatorName: operatorName, action: "migrate", task: nil, change: .reload("migrate"),
                                before: "", after: "copied from a tracker file: \(dump.plan.tasks.count) tasks, \(dump.audit.count) audit records")
        }
        return PostgresTracker(session: session, readOnly: false)
    }
}

extension PostgresTracker {
    static func currentUser(_ conn: PostgresConnection, _ logger: Logger) async throws -> String {
        try await conn.query("SELECT session_user::text", logger: logger).collect()[0].decode(String.self)
    }

    /// Row-level security and the functions its policies use; idempotent.
    static let policies = """
        CREATE OR REPLACE FUNCTION duban_login_unit() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$ SELECT unit FROM public.logins WHERE login = session_user $$;
        CREATE OR REPLACE FUNCTION duban_is_office() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$ SELECT EXISTS (SELECT 1 FROM public.logins WHERE login = session_user AND unit IS NULL) $$;
        ALTER TABLE progress ENABLE ROW LEVEL SECURITY;
        ALTER TABLE milestones ENABLE ROW LEVEL SECURITY;
        ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS read_all ON progress;
        DROP POLICY IF EXISTS office_all ON progress;
        DROP POLICY IF EXISTS unit_reports ON progress;
        DROP POLICY IF EXISTS read_all ON milestones;
        DROP POLICY IF EXISTS office_all ON milestones;
        DROP POLICY IF EXISTS unit_marks ON milestones;
        DROP POLICY IF EXISTS read_all ON audit;
        DROP POLICY IF EXISTS own_records ON audit;
        CREATE POLICY read_all ON progress FOR SELECT USING (true);
        CREATE POLICY office_all ON progress FOR ALL USING (duban_is_office()) WITH CHECK (duban_is_office());
        CREATE POLICY unit_reports ON progress FOR INSERT WITH CHECK (
            unit = duban_login_unit()
            AND EXISTS (SELECT 1 FROM assignments a WHERE a.task = progress.task AND a.unit = duban_login_unit()));
        DROP POLICY IF EXISTS unit_corrections ON progress;
        CREATE POLICY unit_corrections ON progress FOR UPDATE
            USING (unit = duban_login_unit()) WITH CHECK (unit = duban_login_unit());
        CREATE POLICY read_all ON milestones FOR SELECT USING (true);
        CREATE POLICY office_all ON milestones FOR ALL USING (duban_is_office()) WITH CHECK (duban_is_office());
        CREATE POLICY unit_marks ON milestones FOR UPDATE
            USING (owner = duban_login_unit() OR EXISTS (SELECT 1 FROM assignments a
                   WHERE a.task = milestones.task AND a.unit = duban_login_unit() AND a.role = 'lead'))
            WITH CHECK (owner = duban_login_unit() OR EXISTS (SELECT 1 FROM assignments a
                   WHERE a.task = milestones.task AND a.unit = duban_login_unit() AND a.role = 'lead'));
        CREATE POLICY read_all ON audit FOR SELECT USING (true);
        CREATE POLICY own_records ON audit FOR INSERT WITH CHECK (login = session_user);
        ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS read_all ON assignments;
        DROP POLICY IF EXISTS office_all ON assignments;
        DROP POLICY IF EXISTS unit_steps ON assignments;
        CREATE POLICY read_all ON assignments FOR SELECT USING (true);
        CREATE POLICY office_all ON assignments FOR ALL USING (duban_is_office()) WITH CHECK (duban_is_office());
        CREATE POLICY unit_steps ON assignments FOR UPDATE
            USING (unit = duban_login_unit()) WITH CHECK (unit = duban_login_unit());
        CREATE OR REPLACE FUNCTION duban_check_flow() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$ BEGIN IF duban_login_unit() IS NULL OR duban_is_office() THEN RETURN NEW; END IF; IF (OLD.state = 'assigned' AND NEW.state = 'signed') OR (OLD.state = 'signed' AND NEW.state = 'assigned') OR (OLD.state = 'signed' AND NEW.state = 'closing' AND OLD.role = 'lead') THEN RETURN NEW; END IF; RAISE EXCEPTION 'permission denied: a unit''s login may only sign its part or, as lead, request closure (% to %)', OLD.state, NEW.state USING ERRCODE = '42501'; END $$;
        CREATE OR REPLACE FUNCTION duban_check_extension() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$ BEGIN IF duban_login_unit() IS NULL OR duban_is_office() OR NEW.extension IS NOT DISTINCT FROM OLD.extension THEN RETURN NEW; END IF; IF NEW.extension IS NOT NULL AND NOT (NEW.extension::jsonb ? 'decision') AND NEW.extension::jsonb->>'unit' = duban_login_unit() AND EXISTS (SELECT 1 FROM assignments a WHERE a.task = NEW.task AND a.unit = duban_login_unit() AND a.role = 'lead') THEN RETURN NEW; END IF; RAISE EXCEPTION 'permission denied: a unit''s login may only ask for an extension for its own unit' USING ERRCODE = '42501'; END $$;
        DROP TRIGGER IF EXISTS duban_check_extension ON milestones;
        CREATE TRIGGER duban_check_extension BEFORE UPDATE ON milestones FOR EACH ROW EXECUTE FUNCTION duban_check_extension();
        DROP TRIGGER IF EXISTS duban_check_flow ON assignments;
        CREATE TRIGGER duban_check_flow BEFORE UPDATE ON assignments FOR EACH ROW EXECUTE FUNCTION duban_check_flow()
        """

    /// Makes (or updates) a login: for a unit, it reads everything and writes only its own
    /// unit's part (progress reports on tasks where the unit has a role; marking milestones
    /// it owns or leads as done); for office staff (`unit` nil), everything. Enforced by the
    /// server's grants and row-level security, so psql as that login can do no more.
    public func grant(unit: String?, login: String, password: String?) throws -> String? {
        let database = session.url.database
        return try session.transaction { conn, logger in
            var unitName: String?
            if let unit {
                let rows = try await conn.query("SELECT name FROM units WHERE name = \(unit)", logger: logger).collect()
                guard let r = rows.first else { throw DomainError.unknownUnit(unit, candidates: []) }
                unitName = try r.decode(String.self)
            }
            func ident(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
            // A role that can do more on its own (a superuser, one that bypasses row-level
            // security, the tracker's owner, the login running this) is no unit's login.
            let powerful = try await conn.query("""
                SELECT rolsuper OR rolbypassrls OR rolname = current_user
                       OR rolname = (SELECT tableowner FROM pg_tables WHERE tablename = 'tasks' AND schemaname = 'public')
                FROM pg_roles WHERE rolname = \(login)
                """, logger: logger).collect()
            if try powerful.first?.decode(Bool.self) == true {
                throw ServerError.notPermitted(login: login, what:
                    "it is a superuser, bypasses row-level security or owns the tracker, so it cannot be limited; choose another login name")
            }
            let exists = try await !conn.query("SELECT 1 FROM pg_roles WHERE rolname = \(login)", logger: logger).collect().isEmpty
            let pw = password.map { " PASSWORD " + literal($0) } ?? ""
            try await conn.query(PostgresQuery(unsafeSQL: (exists ? "ALTER ROLE " : "CREATE ROLE ") + ident(login) + " LOGIN" + pw),
                                 logger: logger)
            for statement in Self.policies.components(separatedBy: ";\n") {
                let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                if !sql.isEmpty { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
            }
            let who = ident(login)
            var grants = [
                "GRANT CONNECT ON DATABASE \(ident(database)) TO \(who)",
                "GRANT USAGE ON SCHEMA public TO \(who)",
                "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \(who)",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(who)",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(who)",
                "GRANT INSERT ON audit TO \(who)",
            ]
            if unitName != nil {
                grants += ["GRANT INSERT ON progress TO \(who)", "GRANT UPDATE (date, progress, problems, next) ON progress TO \(who)",
                           "GRANT UPDATE (done, completed, extension) ON milestones TO \(who)",
                           "GRANT UPDATE (state, state_since, state_reason, state_prior) ON assignments TO \(who)"]
            } else {
                grants += ["GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(who)",
                           "REVOKE INSERT, UPDATE, DELETE ON logins FROM \(who)"]
            }
            for g in grants { try await conn.query(PostgresQuery(unsafeSQL: g), logger: logger) }
            try await conn.query("""
                INSERT INTO logins (login, unit) VALUES (\(login), \(unitName)) ON CONFLICT (login) DO UPDATE SET unit = excluded.unit
                """, logger: logger)
            return unitName
        }
    }
}
