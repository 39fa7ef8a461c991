/// The tables of a tracker in PostgreSQL: the same shape as the file's, plus the feed counter
/// that orders commits and the logins of units and office staff.
enum PostgresSchema {
    /// The format this duban writes and reads (kept in duban_meta.schema_version).
    static let version = 3

    /// Upgrades a tracker of an older format, oldest step first; each step is idempotent.
    /// 2: retired tasks (`tasks.retired`, the time a task left the plan; NULL while in it).
    /// 3: the 督办 workflow (`assignments.state`, `state_since`, `state_reason`, `state_prior`)
    /// and extensions (`milestones.original_due`, `milestones.extension`).
    static let upgrades: [(version: Int, sql: String)] = [
        (2, "ALTER TABLE tasks ADD COLUMN IF NOT EXISTS retired text"),
        (3, """
            ALTER TABLE assignments ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT 'assigned'
                CHECK (state IN ('assigned', 'signed', 'closing', 'closed', 'suspended'))
            """),
        (3, "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS state_since text"),
        (3, "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS state_reason text"),
        (3, "ALTER TABLE assignments ADD COLUMN IF NOT EXISTS state_prior text"),
        (3, "ALTER TABLE milestones ADD COLUMN IF NOT EXISTS original_due text"),
        (3, "ALTER TABLE milestones ADD COLUMN IF NOT EXISTS extension text"),
        (3, "ALTER TABLE notices ADD COLUMN IF NOT EXISTS level text"),
        (3, "ALTER TABLE milestones ADD COLUMN IF NOT EXISTS kind text"),
    ]

    static let create = """
        CREATE TABLE duban_meta (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE units (
            name text PRIMARY KEY, short text NOT NULL, abbr text NOT NULL,
            full_form text NOT NULL DEFAULT '', aliases text NOT NULL DEFAULT '[]', position integer NOT NULL UNIQUE);
        CREATE TABLE members (unit text PRIMARY KEY, position integer NOT NULL UNIQUE);
        CREATE TABLE tasks (
            number integer PRIMARY KEY, title text NOT NULL, follow_up text, notes text NOT NULL DEFAULT '',
            position integer NOT NULL UNIQUE, retired text);
        CREATE TABLE assignments (
            task integer NOT NULL REFERENCES tasks(number), unit text NOT NULL REFERENCES units(name),
            role text NOT NULL CHECK (role IN ('lead', 'cooperating')), position integer NOT NULL,
            state text NOT NULL DEFAULT 'assigned' CHECK (state IN ('assigned', 'signed', 'closing', 'closed', 'suspended')),
            state_since text, state_reason text, state_prior text,
            PRIMARY KEY (task, unit));
        -- Ids come from sequences and are never handed out twice (an undo re-adds an old id).
        CREATE SEQUENCE milestone_ids;
        CREATE TABLE milestones (
            id bigint PRIMARY KEY, task integer NOT NULL REFERENCES tasks(number), title text NOT NULL,
            due text, done boolean NOT NULL DEFAULT false, completed text, owner text REFERENCES units(name),
            original_due text, extension text, kind text);
        CREATE INDEX milestones_by_task ON milestones(task);
        CREATE SEQUENCE progress_ids;
        CREATE TABLE progress (
            id bigint PRIMARY KEY, task integer NOT NULL REFERENCES tasks(number), date text NOT NULL,
            unit text NOT NULL REFERENCES units(name), progress text NOT NULL, problems text NOT NULL, next text NOT NULL);
        CREATE INDEX progress_by_task ON progress(task);
        -- The change feed's counter: every write transaction locks and advances it, so
        -- sequence numbers are handed out in commit order and a reader never skips one.
        CREATE TABLE feed (one boolean PRIMARY KEY DEFAULT true CHECK (one), seq bigint NOT NULL);
        INSERT INTO feed (seq) VALUES (0);
        -- Writers lock and advance the counter only through these (no login may set it).
        CREATE FUNCTION duban_lock_feed() RETURNS bigint LANGUAGE sql SECURITY DEFINER
            SET search_path = public, pg_temp AS $$ SELECT seq FROM public.feed FOR UPDATE $$;
        CREATE FUNCTION duban_next_seq() RETURNS bigint LANGUAGE sql SECURITY DEFINER
            SET search_path = public, pg_temp AS $$ UPDATE public.feed SET seq = seq + 1 RETURNING seq $$;
        CREATE TABLE audit (
            id bigint PRIMARY KEY, time text NOT NULL, operator text NOT NULL,
            login text NOT NULL DEFAULT session_user, action text NOT NULL, task integer,
            before text NOT NULL, after text NOT NULL, record text);
        CREATE INDEX audit_by_task ON audit(task, id);
        CREATE TABLE repairs (id serial PRIMARY KEY, kind text NOT NULL, line integer, task integer, message text NOT NULL);
        CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE unit_directory (
            name text PRIMARY KEY, short text NOT NULL, abbr text NOT NULL,
            full_form text NOT NULL DEFAULT '', aliases text NOT NULL DEFAULT '[]', position integer NOT NULL UNIQUE);
        CREATE TABLE notices (
            year integer NOT NULL, serial integer NOT NULL CHECK (serial > 0), task integer NOT NULL,
            date text NOT NULL, issued text NOT NULL, operator text NOT NULL, level text, PRIMARY KEY (year, serial));
        CREATE TABLE notices_before_register (year integer PRIMARY KEY, last_serial integer NOT NULL);
        -- Who may write what: a unit's login (unit set) or office staff (unit NULL).
        CREATE TABLE logins (login text PRIMARY KEY, unit text REFERENCES units(name));
        """

    /// Every table a tracker has, for `init --force` (dropped in this order).
    static let tables = ["logins", "notices_before_register", "notices", "unit_directory", "settings", "repairs",
                         "audit", "feed", "progress", "milestones", "assignments", "tasks", "members", "units",
                         "duban_meta"]
    static let sequences = ["milestone_ids", "progress_ids"]
    static let functions = ["duban_lock_feed()", "duban_next_seq()", "duban_login_unit()", "duban_is_office()",
                            "duban_check_flow() CASCADE", "duban_check_extension() CASCADE"]
}
