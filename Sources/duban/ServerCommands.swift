import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// `duban migrate --from FILE --to URL`: a tracker file into an empty PostgreSQL database.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate",
        abstract: CommandText.migrate.abstract.cli)
    @OptionGroup var language: LanguageOption
    @Option(name: .long, help: ArgumentHelp("The tracker file to copy.", valueName: "file")) var from: String
    @Option(name: .long, help: ArgumentHelp("The database (postgresql://…); it must hold no tracker yet.", valueName: "url")) var to: String

    func run() throws {
        try guarded {
            let source = try SQLiteTracker.open(at: from, readOnly: true)
            let bar = CLIProgress.bar()
            defer { bar?.finish() }
            bar?.start(CLIProgress.label("读取跟踪文件", "reading the tracker file"), total: 0)
            let dump = try source.dump()
            let report = CLIProgress.reporter(bar)
            let target = try PostgresTracker.migrate(dump, to: to, operatorName: operatorName(),
                                                     progress: report)
            bar?.finish()
            Console.line(say(zh: "已把 \(from) 复制到 \(target.location)：\(dump.plan.tasks.count) 项任务，\(dump.audit.count) 条修改记录，\(dump.notices.notices.count) 份督办单。",
                             en: "Copied \(from) to \(target.location): \(dump.plan.tasks.count) tasks, \(dump.audit.count) audit records, "
                                 + "\(dump.notices.notices.count) notices."))
        }
    }
}

/// `duban grant`: logins for units and office staff on a shared tracker.
struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant",
        abstract: CommandText.grant.abstract.cli,
        discussion: """
        Run as the database's owner with --db. A unit's login reads the whole tracker and writes only its
        own unit's part: progress reports on tasks where the unit has a role, and marking milestones the unit
        owns or leads as done. The server enforces this (grants and row-level security), in psql too.
        The password comes from --password or $DUBAN_NEW_PASSWORD; without one the login can only connect
        where the server trusts it (pg_hba.conf).
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The unit (name, abbreviation or alias); leave out with --office.") var unit: String?
    @Flag(name: .long, help: "A login for office staff (everything).") var office = false
    @Option(name: .long, help: ArgumentHelp("The login (PostgreSQL role) to make or update.", valueName: "role")) var login: String
    @Option(name: .long, help: ArgumentHelp("Its password (default: $DUBAN_NEW_PASSWORD).", valueName: "password")) var password: String?

    func validate() throws {
        if office == (unit != nil) { throw ValidationError("Name a unit, or give --office (not both).") }
    }

    func run() throws {
        try guarded {
            guard let url = try common.databaseURL() else {
                throw CLIError(zh: "grant 只用于 PostgreSQL 中的共享督办数据；请给出 --db URL（督办文件没有登录名）。", en: "grant is for a shared tracker in PostgreSQL; give --db URL (a tracker file has no logins).")
            }
            let store = try PostgresTracker.open(url: url)
            let unitName = try unit.map { try store.loadPlan().resolveUnit($0).name }
            let pw = password ?? ProcessInfo.processInfo.environment["DUBAN_NEW_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            _ = try store.grant(unit: unitName, login: login, password: pw)
            Console.line(unitName.map { "Login \(login) may now report for \($0) and mark its milestones done." }
                         ?? "Login \(login) may now do everything office staff do.")
        }
    }
}
