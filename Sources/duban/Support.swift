import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(say(zh: "督办文件（默认：$DUBAN_FILE，否则 $XDG_DATA_HOME/duban/tracker.sqlite）。",
                                          en: "The tracker file (default: $DUBAN_FILE, else $XDG_DATA_HOME/duban/tracker.sqlite)."), valueName: "path"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp(say(zh: "使用 PostgreSQL 中共享的督办数据库而不是文件（默认：$DUBAN_DB）：postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=require]；密码也可来自 PGPASSWORD 或 ~/.pgpass。",
                                          en: "A shared tracker in PostgreSQL instead of a file (default: $DUBAN_DB): postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=require]; the password may also come from PGPASSWORD or ~/.pgpass."), valueName: "url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(say(zh: "指定“今天”的日期，用于一切与日期有关的计算（默认：$DUBAN_TODAY，否则取系统时钟）。",
                                          en: "Pin \"today\" for everything date-dependent (default: $DUBAN_TODAY, else the clock)."), valueName: "YYYY-MM-DD"))
    var today: String?

    @OptionGroup var language: LanguageOption

    /// The database URL (--db, else $DUBAN_DB), or nil for the file. --file wins over $DUBAN_DB.
    func databaseURL(environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let d = db, !d.isEmpty {
            if let f = file, !f.isEmpty { throw CLIError(zh: "--file 和 --db 只能给出其一。", en: "give either --file or --db, not both.") }
            return d
        }
        if let f = file, !f.isEmpty { _ = f; return nil }
        if let d = env["DUBAN_DB"], !d.isEmpty { return d }
        return nil
    }

    /// Where the tracker lives: --file, else $DUBAN_FILE, else the XDG data folder.
    func trackerPath(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let f = file, !f.isEmpty { return f }
        if let f = env["DUBAN_FILE"], !f.isEmpty { return f }
        let data: String
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") {
            data = x
        } else {
            let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            data = home + "/.local/share"
        }
        return data + "/duban/tracker.sqlite"
    }

    /// True when the tracker was named (--file or $DUBAN_FILE) rather than the default.
    func trackerPathIsExplicit(environment env: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(file ?? "").isEmpty || !(env["DUBAN_FILE"] ?? "").isEmpty
    }

    func resolvedToday() throws -> Day {
        try Day.today(override: today)
    }

    /// Opens the tracker. Only the default location is created (from the built-in table)
    /// when missing; a named file (--file, $DUBAN_FILE) that does not exist is refused, so a
    /// mistyped name never starts a second tracker. `duban init` creates named files.
    func openTracker(announce: Bool = true) throws -> any TrackerStore {
        if let url = try databaseURL() { return try PostgresTracker.open(url: url) }
        return try openTrackerFile(announce: announce)
    }

    /// The tracker file, for what only a file has (backup, restore, SQLite's integrity check).
    func openTrackerFile(announce: Bool = true) throws -> SQLiteTracker {
        if try databaseURL() != nil {
            throw CLIError(zh: "此命令只适用于督办文件；数据库请使用服务器自带的工具（pg_dump、pg_restore）。",
                           en: "this command works on a tracker file; for a database use the server's own tools (pg_dump, pg_restore).")
        }
        let path = trackerPath()
        FileSystemCheck.warnIfNetwork(path)
        TrackerFiles.shared.add(path)
        if trackerPathIsExplicit() {
            try refuseMissing(path)
        } else if !SQLiteTracker.exists(at: path) {
            let result = try TableImporter.builtIn()
            _ = try createTracker(at: path, from: result, force: false)
            if announce {
                Console.note(say(zh: "duban：已从内置表格建立 \(path)（\(result.plan.tasks.count) 项任务，\(result.plan.units.count) 个单位）。",
                                 en: "duban: created \(path) from the built-in table (\(result.plan.tasks.count) tasks, \(result.plan.units.count) units)."))
            }
        }
        return try SQLiteTracker.open(at: path)
    }
}

extension CommonOptions {
    /// Refuses a named tracker that does not exist (nothing is created).
    func refuseMissing(_ path: String, action: String = "nothing was created", actionZh: String = "未建立任何文件") throws {
        var st = stat()
        if lstat(path, &st) != 0 && errno == ENOENT {
            throw CLIError(zh: "\(path) 不存在，因此\(actionZh)（文件名是否写错？）；如要在此新建督办文件，请运行：duban init --file \(path)",
                           en: "\(path) does not exist, so \(action) (is the name mistyped?); "
                               + "to start a new tracker there, run: duban init --file \(path)")
        }
    }

    /// Creates a tracker from an import; the assessment period starts today.
    func createTracker(at path: String, from result: ImportResult, force: Bool,
                       unitDirectory: [DubanCore.Unit]? = nil, progress: ProgressBar? = nil) throws -> any TrackerStore {
        defer { progress?.finish() }
        let report = CLIProgress.reporter(progress)
        let repairs = result.repairs.map(StoredRepair.init)
        let directory = try unitDirectory ?? UnitDirectory.builtIn()
        let t: any TrackerStore
        if let url = try databaseURL() {
            progress?.start(CLIProgress.label("写入数据库", "writing the database"), total: result.plan.tasks.count)
            t = try PostgresTracker.create(url: url, plan: result.plan, repairs: repairs, unitDirectory: directory,
                                           operatorName: operatorName(), force: force,
                                           progress: report)
        } else {
            progress?.start(CLIProgress.label("写入文件", "writing the file"), total: result.plan.tasks.count)
            t = try SQLiteTracker.create(at: path, plan: result.plan, repairs: repairs, unitDirectory: directory,
                                         operatorName: operatorName(), force: force,
                                         progress: report)
        }
        try t.setSetting("period_start", try resolvedToday().description, operatorName: operatorName())
        return t
    }
}

/// What most reporting commands need: the open tracker, its plan, its supervision settings.
struct Session {
    var store: any TrackerStore
    var plan: Plan
    var settings: SupervisionSettings
    var parts: (any TrackerStore, Plan, SupervisionSettings) { (store, plan, settings) }
}

extension CommonOptions {
    func session() throws -> Session {
        let store = try openTracker()
        return Session(store: store, plan: try store.loadPlan(), settings: try supervisionSettings(store))
    }
}

extension TrackerStore {
    /// The task `number` alone (a one-row edit needs no plan), or `unknownTask`.
    func requireTask(_ number: Int) throws -> DubanCore.Task {
        guard let t = try task(number: number) else { throw DomainError.unknownTask(number) }
        return t
    }

    /// The plan's unit a name, short name, abbreviation or alias means, found among the
    /// units alone (see `Unit.resolve(_:in:)`).
    func resolveUnit(_ query: String) throws -> DubanCore.Unit {
        try DubanCore.Unit.resolve(query, in: units())
    }
}

extension StoredRepair {
    init(_ r: ImportRepair) {
        self.init(kind: r.kind.rawValue, line: r.line, task: r.task, message: r.message)
    }
}

/// The login name of whoever runs duban, for the audit log.
func operatorName(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name {
        let s = String(cString: name)
        if !s.isEmpty { return s }
    }
    for k in ["LOGNAME", "USER"] { if let v = env[k], !v.isEmpty { return v } }
    return "uid\(geteuid())"
}

/// Writing to standard output and error. Data is sanitized whatever stdout is — a terminal,
/// or a pipe into `less -R` or `grep` that ends on a terminal all the same — so stored
/// control characters can never move the cursor, set the title or write the clipboard.
/// TAB, LF and CR before LF pass (TSV and CSV keep their shape); every other C0 control,
/// DEL, C1 control and bidi control becomes a visible placeholder.
enum Console {
    /// Whether stdout is a terminal: only for layout (fitting a width), never for safety.
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(safe(text).utf8))
    }

    /// Only for text whose own escaping already makes it harmless (the JSON export).
    static func raw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String = "") { out(text + "\n") }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((Sanitizer.clean(text, keepNewlines: true) + "\n").utf8))
    }

    /// `text` with everything that acts on a terminal replaced (see `Console`).
    static func safe(_ text: String) -> String {
        // Fast path, one pass over the scalars: text whose only controls are tabs, newlines
        // and CR before LF is returned as it is (most output: the lines end in "\n").
        var fine = true, afterCR = false
        for u in text.unicodeScalars {
            let v = u.value
            if afterCR && v != 0x0A { fine = false; break }
            afterCR = v == 0x0D
            if v == 0x09 || v == 0x0A || v == 0x0D { continue }
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C {
                fine = false
                break
            }
        }
        if fine && !afterCR { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "\t", "\n": out.append(u)
            case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n": out.append(u)
            default:
                if Sanitizer.needsCleaning(String(u)) {
                    out.append(contentsOf: Sanitizer.clean(String(u)).unicodeScalars)
                } else {
                    out.append(u)
                }
            }
        }
        return String(out)
    }
}

/// The message a user sees for an error: one sentence in the user's language, no Swift
/// type names and no system domains and codes (see `ErrorText`).
func message(for error: Error) -> String {
    switch error {
    default: return ErrorText.sentence(error, CLI.language)
    }
}

/// A refusal of the CLI itself, in both languages (the English-only form is for messages
/// not yet in the catalog).
struct CLIError: Error, CustomStringConvertible, SpokenError {
    var spoken: Localized
    var description: String { spoken(CLI.language) }
    init(_ d: String) { spoken = Localized(zh: d, en: d) }
    init(zh: String, en: String) { spoken = Localized(zh: zh, en: en) }
    init(_ l: Localized) { spoken = l }
}

/// Runs a command body; any error becomes one line on stderr and exit status 1.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as CleanExit {
        throw e
    } catch {
        Console.note("duban: " + message(for: error))
        throw ExitCode.failure
    }
}

/// The tracker files this run has opened: output files must never replace them.
final class TrackerFiles: @unchecked Sendable {
    static let shared = TrackerFiles()
    private let lock = NSLock()
    private var paths: [String] = []

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if !paths.contains(path) { paths.append(path) }
    }

    /// Refuses `output` when it is a tracker this run opened or one of its side files
    /// (compared by file identity, so another spelling or a link is refused too).
    func refuseAsOutput(_ output: String) throws {
        lock.lock()
        let all = paths
        lock.unlock()
        for tracker in all where SQLiteTracker.isTrackerOrSideFile(output, tracker: tracker) {
            throw CLIError(zh: "\(output) 是督办文件 \(tracker) 或其附属文件，未写入任何内容（请另选输出文件）。",
                           en: "\(output) is the tracker \(tracker) or one of its side files; "
                               + "nothing was written (choose another output file).")
        }
    }
}

/// How output may carry stored data.
enum OutputKind {
    /// Text for people (lists, Markdown, HTML, notices): sanitized on stdout and in files.
    case text
    /// CSV: sanitized on stdout; a file (-o) keeps the data, its cells neutralised for spreadsheets.
    case csv
    /// JSON: its escaping makes it harmless anywhere, so it carries the data as stored.
    case json
}

/// Writes `text` to `path` atomically (temp file + rename) or to stdout when path is nil or "-".
/// Never over the tracker or its side files.
func writeOutput(_ text: String, to path: String?, kind: OutputKind = .text) throws {
    guard let path, path != "-" else {
        if kind == .json { Console.raw(text) } else { Console.out(text) }
        return
    }
    try TrackerFiles.shared.refuseAsOutput(path)
    let contents = kind == .text ? Console.safe(text) : text
    do {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CLIError(Catalog.cannotWrite(path, whyNotWritable(path, error)))
    }
}

/// A file written in full under a hidden name beside its destination (and flushed to disk),
/// put in place by `commit` (a rename, atomic) or removed by `discard`.
struct StagedOutput {
    let destination: String
    let temp: String

    init(_ text: String, for destination: String) throws {
        try TrackerFiles.shared.refuseAsOutput(destination)
        // A folder at the destination would make the final rename fail after the commit.
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDir), isDir.boolValue {
            throw CLIError(Catalog.cannotWrite(destination, Catalog.isFolder))
        }
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let dir = url.deletingLastPathComponent().path
        temp = dir + "/." + url.lastPathComponent + ".duban-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temp), options: .withoutOverwriting)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp))
            defer { try? handle.close() }
            try handle.synchronize()
        } catch {
            unlink(temp)
            throw CLIError(Catalog.cannotWrite(destination, whyNotWritable(destination, error)))
        }
    }

    func commit() throws {
        guard rename(temp, destination) == 0 else {
            throw CLIError(Localized(zh: ErrorText.posix(errno, path: destination, .zh), en: ErrorText.posix(errno, path: destination, .en)))
        }
    }

    func discard() { unlink(temp) }
}

/// The bytes of a file the user named, or a clear refusal. A file larger than
/// `Limits.tableBytes` is refused before it is read; from a pipe or a device, at most one
/// byte more than the limit is read.
func readFileBytes(_ path: String) throws -> Data {
    let tooLarge = { (size: Int) in
        CLIError(zh: "\(path) 大小为 \(TableImporter.megabytes(size)) MB；duban 只导入不超过 \(TableImporter.megabytes(Limits.tableBytes)) MB 的表格。",
                 en: "\(path) is \(TableImporter.megabytes(size)) MB; duban imports tables of at most \(TableImporter.megabytes(Limits.tableBytes)) MB.")
    }
    if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
       attributes[.type] as? FileAttributeType == .typeRegular,
       let size = (attributes[.size] as? NSNumber)?.intValue, size > Limits.tableBytes {
        throw tooLarge(size)
    }
    let data: Data
    do {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        data = try handle.read(upToCount: Limits.tableBytes + 1) ?? Data()
    } catch {
        throw CLIError(Catalog.cannotRead(path, FileManager.default.fileExists(atPath: path)
            ? Localized(zh: "没有权限或不是普通文件", en: "permission denied or not a regular file") : Catalog.noSuchFile))
    }
    if data.count > Limits.tableBytes { throw tooLarge(data.count) }
    return data
}

/// A text file in UTF-8 (with or without BOM), UTF-16 or GB18030, decoded.
func readTextFile(_ path: String) throws -> String {
    do {
        return try TableTextDecoder.decode(Array(readFileBytes(path))).text
    } catch let e as TableFileError {
        throw CLIError(zh: "\(path)：\(e.spoken.zh)。", en: "\(path): \(e.message).")
    }
}

extension Plan {
    /// Unit names shown to the user: abbreviation and full name.
    func label(_ unitName: String) -> String {
        guard let u = unit(named: unitName) else { return unitName }
        return "\(u.name)（\(u.abbr)）"
    }
}

/// Why a file could not be written, in words (never "NSCocoaErrorDomain error 512").
func whyNotWritable(_ path: String, _ error: Error) -> Localized {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
        return Catalog.isFolder
    }
    let folder = (path as NSString).deletingLastPathComponent
    let parent = folder.isEmpty ? "." : folder
    if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) || !isDir.boolValue {
        return Catalog.folderMissing(parent)
    }
    if access(parent, W_OK) != 0 { return Catalog.noPermissionIn(parent) }
    if SQLiteTracker.diskIsFull(near: path) { return Catalog.diskFull }
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let code = underlying.map({ Int32($0.code) }), underlying?.domain == NSPOSIXErrorDomain {
        return ErrorText.posixReason(code)
    }
    return Catalog.systemRefused
}

/// The listing commands print text or JSON.
func requireTextOrJSON(_ format: String) throws {
    guard format == "text" || format == "json" else { throw CLIError(zh: "未知格式“\(format)”；请用 text 或 json。", en: "unknown format \"\(format)\"; use text or json.") }
}
