import ArgumentParser
import DubanCore
import DubanImportFiles
import DubanStore
import Foundation

@main
struct Duban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duban",
        abstract: "督办 — track the 24 key tasks of the urban–rural integration plan: who leads, who cooperates, milestones and progress.",
        discussion: """
        Without a subcommand duban opens the interactive tracker (the task × department matrix).
        Every change is saved to the tracker file at once. The file is --file, else $DUBAN_FILE,
        else $XDG_DATA_HOME/duban/tracker.sqlite (~/.local/share/duban/tracker.sqlite). The default
        file is created from the built-in table on first use; a file named with --file or
        $DUBAN_FILE is created only by `duban init`.
        """,
        version: "0.1.0",
        subcommands: [
            Open.self, Init.self, Export.self, List.self, Show.self, Units.self, Matrix.self,
            Assign.self, MilestoneCommand.self, Progress.self, Note.self, FollowUp.self, Overdue.self, Notice.self, Notices.self,
            Report.self, Score.self, Config.self, Log.self, Check.self, Backup.self, Restore.self, Directory.self,
            Migrate.self, Grant.self, Sign.self, RequestClose.self, Close.self, Return.self, Suspend.self, Resume.self,
            Extend.self, Approve.self, Reject.self, Queue.self, Escalation.self,
            RequirePlan.self, SubmitPlan.self, Inbox.self,
        ],
        defaultSubcommand: Open.self
    )
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a tracker from the built-in table or from a table file (box-drawing text, CSV or TSV in UTF-8, UTF-16 or GB18030, or an .xlsx workbook).",
        discussion: """
        Without --from the tracker is the built-in table with its office and unit directory. With
        --from FILE the table's units keep their names as written unless a unit directory is given
        (--directory FILE, or --seed-directory for the built-in one, whose aliases then apply);
        the office is named with --office, --host and --members.
        """)

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("A table to import instead of the built-in one.", valueName: "table"))
    var from: String?

    @Option(name: .long, help: "The table's format: box, csv, tsv or xlsx (default: detected).")
    var format: String?

    @Option(name: .long, help: ArgumentHelp("The leading group office's name (with --from).", valueName: "name"))
    var office: String?

    @Option(name: .long, help: ArgumentHelp("The unit the office sits in (with --from).", valueName: "unit"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("The leading group's member units, separated by commas (with --from).", valueName: "A,B,…"))
    var members: String?

    @Option(name: .long, help: ArgumentHelp("A unit directory (units.tsv form) to read the table's names through (with --from).", valueName: "file"))
    var directory: String?

    @Flag(name: .long, help: "Read the table's names through the built-in unit directory and its aliases (with --from).")
    var seedDirectory = false

    @Flag(name: .long, help: "In a 责任单位 column without 牵头 marks, the first listed unit leads (with --from).")
    var firstLeads = false

    @Option(name: .long, help: ArgumentHelp("The year of dates written without one (6月底前, 年底前, 每季度); default: the year the document names most often (with --from).", valueName: "year"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("The workbook sheet to read (default: the first).", valueName: "name"))
    var sheet: String?

    @Flag(name: .long, help: "Replace an existing tracker.")
    var force = false

    func run() throws {
        try guarded {
            let path = common.trackerPath()
            if from == nil {
                let given = [office.map { _ in "--office" }, host.map { _ in "--host" }, members.map { _ in "--members" },
                             directory.map { _ in "--directory" }, seedDirectory ? "--seed-directory" : nil,
                             firstLeads ? "--first-leads" : nil, year.map { _ in "--year" }, format.map { _ in "--format" }]
                    .compactMap { $0 }
                if !given.isEmpty {
                    throw CLIError("\(given.joined(separator: ", ")) apply only to a table imported with --from FILE; nothing was created.")
                }
            }
            if directory != nil && seedDirectory {
                throw CLIError("use either --directory FILE or --seed-directory, not both; nothing was created.")
            }
            if let year, !(1900...2200).contains(year) {
                throw CLIError("--year \(year) is not a year between 1900 and 2200; nothing was created.")
            }
            let toDatabase = try common.databaseURL() != nil
            if !toDatabase && SQLiteTracker.exists(at: path) && !force {
                throw CLIError("\(path) already exists; use --force to replace it.")
            }
            if let from, SQLiteTracker.isTrackerOrSideFile(from, tracker: path) {
                throw CLIError("\(from) is the tracker file itself; import the table from another file (nothing was replaced).")
            }
            var result: ImportResult
            var units: [DubanCore.Unit]
            var source: String?
            if let from {
                var fmt: TableFormat?
                if let f = format {
                    guard let parsed = TableFormat(rawValue: f) ?? (f == "box" ? .boxDrawing : nil) else {
                        throw CLIError("unknown table format \"\(f)\"; use box, csv, tsv or xlsx.")
                    }
                    fmt = parsed
                }
                if let directory {
                    do {
                        units = try UnitDirectory.parse(try readTextFile(directory))
                    } catch let e as UnitDirectory.ParseError {
                        throw CLIError("\(directory): \(e.description); nothing was created.")
                    }
                } else {
                    units = seedDirectory ? try UnitDirectory.builtIn() : []
                }
                let data = try readFileBytes(from)
                do {
                    let imported = try TableFile.importFile(data, format: fmt, sheet: sheet, directory: units, office: .unnamed,
                                                            options: ImportOptions(firstLeads: firstLeads, year: year))
                    result = imported.result
                    source = imported.source.description
                } catch let e as TableFileError {
                    throw CLIError(e.importError == nil ? "\(from): \(e.description); nothing was written."
                                                        : "\(from) \(e.description); nothing was written.")
                }
                result.plan.office = try namedOffice(in: result.plan)
            } else {
                result = try TableImporter.builtIn()
                units = try UnitDirectory.builtIn()
            }
            let created = try common.createTracker(at: path, from: result, force: force, unitDirectory: units)
            if let from, let source { Console.line("\(from): \(source).") }
            Console.line("Created \(created.location): \(result.plan.tasks.count) tasks, \(result.plan.units.count) units.")
            let o = result.plan.office
            if o.name.isEmpty {
                Console.line("Office: not named (name it with --office NAME --host UNIT --members A,B,…).")
            } else {
                Console.line("Office: \(o.name)" + (o.hostUnit.isEmpty ? "" : " in \(o.hostUnit)")
                             + "; \(o.members.count) member unit\(o.members.count == 1 ? "" : "s").")
            }
            if result.repairs.isEmpty {
                Console.line("The table needed no repairs.")
            } else {
                Console.line("Repairs made while importing (\(result.repairs.count)):")
                for r in result.repairs { Console.line("  - \(r.message)") }
            }
        }
    }

    /// The office named by --office, --host and --members; host and members are resolved among
    /// the table's units (a host that is no column is kept as written).
    private func namedOffice(in plan: Plan) throws -> Office {
        let memberNames = (members ?? "").split(whereSeparator: { ",，、".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var resolved: [String] = []
        for m in memberNames {
            guard let u = try? plan.resolveUnit(m) else {
                throw CLIError("--members: \(m) is not a unit of the table; nothing was created.")
            }
            if !resolved.contains(u.name) { resolved.append(u.name) }
        }
        var hostName = host?.trimmingCharacters(in: .whitespaces) ?? ""
        if !hostName.isEmpty, let u = try? plan.resolveUnit(hostName) { hostName = u.name }
        return Office(name: office?.trimmingCharacters(in: .whitespaces) ?? "", hostUnit: hostName, members: resolved)
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the whole tracker as JSON, CSV (UTF-8 with BOM, for Excel/WPS) or Markdown.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "json, csv or md.")
    var format: String = "json"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try guarded {
            guard let fmt = Exporter.Format(rawValue: format) else {
                throw CLIError("unknown export format \"\(format)\"; use json, csv or md.")
            }
            let today = try common.resolvedToday()
            let plan = try common.openTracker().loadPlan()
            try writeOutput(Exporter.export(plan, as: fmt, today: today), to: output,
                            kind: fmt == .json ? .json : fmt == .csv ? .csv : .text)
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the tasks with their lead units.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try guarded {
            let plan = try common.openTracker().loadPlan()
            let numW = String(plan.tasks.map(\.number).max() ?? 0).count
            let leadText = plan.tasks.map { t -> String in
                let leads = t.leads.compactMap { plan.unit(named: $0)?.abbr }.joined(separator: "、")
                return leads.isEmpty ? "—" : leads
            }
            // Through a pipe there is no screen width to fit: nothing is cut. On a terminal a
            // very long list of leads is shortened with "…" to keep the titles readable.
            let widest = leadText.map { TextWidth.width($0) }.max() ?? 0
            let leadW = Console.stdoutIsTerminal ? min(max(12, widest), 30) : max(12, widest)
            for (t, leads) in zip(plan.tasks, leadText) {
                let done = t.milestones.filter(\.isDone).count
                let ms = t.milestones.isEmpty ? "" : "  [\(done)/\(t.milestones.count)]"
                Console.line(TextWidth.padLeft(String(t.number), to: numW) + "  " + TextWidth.pad(leads, to: leadW)
                             + "  " + t.title + ms)
            }
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one task in full: its light, units, milestones (lights, owners, completion), progress reports, follow-up, notes.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let (_, plan, settings) = try common.session().parts
            let t = try plan.resolveTask(task)
            let w = settings.warningDays
            let status = Supervision.status(of: t, today: today, warningDays: w)
            let light: String
            switch status {
            case .overdue: light = "●红 逾期"
            case .dueSoon: light = "●黄 临期"
            case .onTrack: light = "●绿 正常"
            case .done: light = "✓ 完成"
            case .noMilestones: light = "○ 未设节点"
            }
            Console.line("任务 \(t.number)：\(t.title)")
            Console.line("状态：\(light)（截至 \(today)，临期窗口 \(w) 天）")
            Console.line("牵头部门：\(t.leads.isEmpty ? "（无）" : t.leads.joined(separator: "、"))")
            Console.line("协同部门：\(t.cooperating.isEmpty ? "（无）" : t.cooperating.joined(separator: "、"))")
            Console.line("跟进人：\(t.followUp ?? "（未指定）")")
            Console.line("办理状态：" + t.assignments.map { a in
                "\(a.unit) \(FlowText.state(a.flow.state, chinese: true))" + (a.flow.since.map { " \($0)" } ?? "")
            }.joined(separator: "；"))
            if t.milestones.isEmpty {
                Console.line("时间节点：（无）")
            } else {
                Console.line("时间节点（\(t.milestones.filter(\.isDone).count)/\(t.milestones.count) 已完成）：")
                for m in t.milestones {
                    var parts = [m.due.map { "截止 \($0)" } ?? "无截止日期"]
                    switch Supervision.light(of: m, today: today, warningDays: w) {
                    case .done: parts.append("已完成" + (m.completed.map { " \($0)" } ?? ""))
                    case .overdue: parts.append("●红 逾期 \(m.due.map { $0.days(until: today) } ?? 0) 天")
                    case .dueSoon:
                        let left = m.due.map { today.days(until: $0) } ?? 0
                        parts.append(left == 0 ? "●黄 今日到期" : "●黄 还有 \(left) 天")
                    case .onTrack: parts.append("●绿 未完成")
                    case .undated: parts.append("未完成")
                    }
                    parts.append("负责单位：" + (m.owner.map(plan.label) ?? "（未指定）"))
                    if let original = m.originalDue {
                        var e = "已延期，原定 \(original)"
                        if case let .approved(d)? = m.extensionRequest?.decision { e += "，\(d) 批准" }
                        parts.append(e)
                    }
                    if let r = m.extensionRequest {
                        switch r.decision {
                        case nil: parts.append("延期申请待审批：\(r.unit) 申请延至 \(r.to)（\(r.reason)）")
                        case let .rejected(d, why)?: parts.append("延期申请于 \(d) 驳回：\(why)")
                        case .approved?: break
                        }
                    }
                    Console.line("  #\(m.id) \(m.title)\(m.kind == .plan && m.title != "具体方案" ? "［具体方案］" : "")（\(parts.joined(separator: "，"))）")
                }
            }
            if t.progress.isEmpty {
                Console.line("进展报送：（无）")
            } else {
                Console.line("进展报送（\(t.progress.count) 次，由早到晚）：")
                for r in t.progress {
                    Console.line("  #\(r.id) \(r.date) \(plan.label(r.unit))")
                    Console.line("    进展情况：\(r.progress.isEmpty ? "（未填）" : r.progress)")
                    Console.line("    存在问题：\(r.problems.isEmpty ? "（未填）" : r.problems)")
                    Console.line("    下一步措施：\(r.next.isEmpty ? "（未填）" : r.next)")
                }
            }
            if t.notes.isEmpty {
                Console.line("备注：（无）")
            } else {
                let lines = t.notes.split(separator: "\n", omittingEmptySubsequences: false)
                Console.line("备注：\(lines[0])")
                for l in lines.dropFirst() { Console.line("      \(l)") }
            }
        }
    }
}

struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the units (matrix columns) with their lead and cooperating counts.")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "text or json.") var format: String = "text"

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            let today = try common.resolvedToday()
            let plan = try common.openTracker().loadPlan()
            // Same counts as the workload view: one pass over the tasks.
            let rows = Supervision.workload(plan, today: today).map {
                ($0.unit, $0.lead, $0.cooperating, $0.openMilestones, $0.overdue)
            }
            if format == "json" {
                let items = rows.map { u, l, c, o, od in
                    "  {\"name\": \(Exporter.q(u.name)), \"abbr\": \(Exporter.q(u.abbr)), \"lead\": \(l), \"cooperating\": \(c), \"open_milestones\": \(o), \"overdue\": \(od)}"
                }
                Console.out("[\n" + items.joined(separator: ",\n") + "\n]\n")
                return
            }
            Console.line("列  简称  单位" + String(repeating: " ", count: 22) + "牵头  协同  未完成节点  逾期")
            for (i, r) in rows.enumerated() {
                let (u, l, c, o, od) = r
                Console.line(TextWidth.padLeft(String(i + 1), to: 2) + "  " + TextWidth.pad(u.abbr, to: 4) + "  "
                             + TextWidth.pad(u.name + (plan.isMember(u.name) ? " ◆" : ""), to: 26)
                             + TextWidth.padLeft(String(l), to: 4) + TextWidth.padLeft(String(c), to: 6)
                             + TextWidth.padLeft(String(o), to: 12) + TextWidth.padLeft(String(od), to: 6))
            }
            Console.line("◆ = 领导小组成员单位")
        }
    }
}

struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the task × unit matrix as text (CJK-aligned), for pipes and printing.")
    @OptionGroup var common: CommonOptions
    @Flag(name: .long, help: "Use L / C and column numbers instead of 牵 / 协 and abbreviations.") var ascii = false
    @Option(name: .long, help: "Columns for the task title.") var titleWidth: Int = 24

    func run() throws {
        try guarded {
            guard (4...200).contains(titleWidth) else { throw CLIError("--title-width must be between 4 and 200.") }
            let plan = try common.openTracker().loadPlan()
            Console.out(MatrixText.render(plan, ascii: ascii, titleWidth: titleWidth))
        }
    }
}

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give a unit a role on a task: lead (牵头), cooperating (协同) or none.",
        discussion: "UNIT may be the full name (省财政厅), the short name (财政厅), the abbreviation (财政) or an alias (建设厅).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "Unit name, short name, abbreviation or alias.") var unit: String
    @Option(name: .long, help: "lead, cooperating or none.") var role: String

    func run() throws {
        try guarded {
            let newRole: Role?
            switch role.lowercased() {
            case "lead", "牵头": newRole = .lead
            case "cooperating", "coop", "协同": newRole = .cooperating
            case "none", "无": newRole = nil
            default: throw CLIError("unknown role \"\(role)\"; use lead, cooperating or none.")
            }
            let store = try common.openTracker()
            _ = try store.requireTask(task)
            let u = try store.resolveUnit(unit)
            do {
                _ = try store.apply(.assign(task: task, unit: u.name, role: newRole), operatorName: operatorName())
                Console.line("Task \(task): \(u.name) is now \(newRole.map(\.rawValue) ?? "without a role").")
            } catch DomainError.unchanged(let why) {
                Console.line(why)
            }
        }
    }
}

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Set a task's notes (empty text clears them).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "The notes.") var text: String

    func run() throws {
        try guarded {
            try Limits.check(.notes, text)
            try applySimple(common, .setNotes(task: task, notes: text), done: "Task \(task): notes saved.")
        }
    }
}

struct FollowUp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "followup", abstract: "Name the office staff member who follows up a task (empty clears).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "Person's name.") var person: String

    func run() throws {
        try guarded {
            try Limits.check(.followUp, person)
            try applySimple(common, .setFollowUp(task: task, person: person.isEmpty ? nil : person),
                            done: "Task \(task): follow-up \(person.isEmpty ? "cleared" : "is \(person)").")
        }
    }
}

/// Applies one edit, treating "nothing to change" as success.
func applySimple(_ common: CommonOptions, _ edit: Edit, done: String) throws {
    let store = try common.openTracker()
    do {
        _ = try store.apply(edit, operatorName: operatorName())
        Console.line(done)
    } catch DomainError.unchanged(let why) {
        Console.line(why)
    }
}

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the audit trail, newest first.")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "How many records.") var limit: Int = 50
    @Option(name: .long, help: "Only this task's records.") var task: Int?

    func run() throws {
        try guarded {
            guard limit > 0 else { throw CLIError("--limit must be positive.") }
            let records = try common.openTracker().log(limit: limit, task: task)
            if records.isEmpty { Console.line("No changes recorded."); return }
            for r in records {
                let t = r.task.map { "task \($0)" } ?? "tracker"
                Console.line("\(r.time)  \(r.operatorName)  \(r.action)  \(t)")
                if !r.before.isEmpty || !r.after.isEmpty {
                    Console.line("    \(r.before.isEmpty ? "—" : r.before) → \(r.after.isEmpty ? "—" : r.after)")
                }
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The data-quality report: import repairs and what needs the office's attention.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try guarded {
            let (store, plan, s) = try common.session().parts
            let findings = DataQuality.check(plan, overloadThreshold: s.overloadThreshold)
            // The file's own integrity check; a database server keeps its own.
            let integrity = try (store as? FileMaintenance)?.integrityCheck() ?? ["ok"]
            if store is FileMaintenance {
                Console.line("File: \(store.location) — " + (integrity == ["ok"] ? "integrity check ok" : "DAMAGED:"))
            } else {
                Console.line("Database: \(store.location) (the server keeps its own integrity; no file check)")
            }
            for line in integrity where integrity != ["ok"] { Console.line("  ! \(line)") }
            Console.line("")
            let repairs = try store.storedRepairs()
            Console.line("Import repairs (\(repairs.count)):")
            if repairs.isEmpty { Console.line("  none") }
            for r in repairs { Console.line("  - \(r.message)") }
            Console.line("")
            Console.line("Checks (\(findings.count)):")
            if findings.isEmpty { Console.line("  all clear") }
            for f in findings { Console.line("  - \(f.message)") }
            if integrity != ["ok"] { throw ExitCode.failure }
        }
    }
}
