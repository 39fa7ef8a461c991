import ArgumentParser
import DubanCore
import DubanImportFiles
import DubanStore
import Foundation

@main
struct Duban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duban",
        abstract: CommandText.duban.abstract.cli,
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
            Migrate.self, Grant.self, TaskCommand.self, UnitCommand.self, Keys.self,
            Sign.self, RequestClose.self, Close.self, Return.self, Suspend.self, Resume.self,
            Extend.self, Approve.self, Reject.self, Queue.self, Escalation.self,
            RequirePlan.self, SubmitPlan.self, Inbox.self, MeetingCommand.self,
            ReportTemplate.self, Collect.self, Missing.self,
        ],
        defaultSubcommand: Open.self
    )
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init",
        abstract: CommandText.initialize.abstract.cli,
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
                let named: [String?] = [office.map { _ in "--office" }, host.map { _ in "--host" }, members.map { _ in "--members" },
                                        directory.map { _ in "--directory" }, seedDirectory ? "--seed-directory" : nil,
                                        firstLeads ? "--first-leads" : nil, year.map { _ in "--year" }, format.map { _ in "--format" }]
                let given: [String] = named.compactMap { $0 }
                if !given.isEmpty {
                    throw CLIError(zh: "\(given.joined(separator: "、")) 只用于以 --from FILE 导入的表格；未建立任何文件。", en: "\(given.joined(separator: ", ")) apply only to a table imported with --from FILE; nothing was created.")
                }
            }
            if directory != nil && seedDirectory {
                throw CLIError(zh: "--directory FILE 和 --seed-directory 只能用其一；未建立任何文件。", en: "use either --directory FILE or --seed-directory, not both; nothing was created.")
            }
            if let year, !(1900...2200).contains(year) {
                throw CLIError(zh: "--year \(year) 不是 1900 到 2200 之间的年份；未建立任何文件。", en: "--year \(year) is not a year between 1900 and 2200; nothing was created.")
            }
            let toDatabase = try common.databaseURL() != nil
            if !toDatabase && SQLiteTracker.exists(at: path) && !force {
                throw CLIError(zh: "\(path) 已存在；如要替换请加 --force。", en: "\(path) already exists; use --force to replace it.")
            }
            if let from, SQLiteTracker.isTrackerOrSideFile(from, tracker: path) {
                throw CLIError(zh: "\(from) 就是督办文件本身；请从另一个文件导入表格（未替换任何内容）。", en: "\(from) is the tracker file itself; import the table from another file (nothing was replaced).")
            }
            var result: ImportResult
            var units: [DubanCore.Unit]
            var source: String?
            var bar: ProgressBar?
            if let from {
                var fmt: TableFormat?
                if let f = format {
                    guard let parsed = TableFormat(rawValue: f) ?? (f == "box" ? .boxDrawing : nil) else {
                        throw CLIError(zh: "未知表格格式“\(f)”；请用 box、csv、tsv 或 xlsx。", en: "unknown table format \"\(f)\"; use box, csv, tsv or xlsx.")
                    }
                    fmt = parsed
                }
                if let directory {
                    do {
                        units = try UnitDirectory.parse(try readTextFile(directory))
                    } catch let e as UnitDirectory.ParseError {
                        throw CLIError(zh: "\(directory)：\(e.spoken.zh)；未建立任何文件。", en: "\(directory): \(e.description); nothing was created.")
                    }
                } else {
                    units = seedDirectory ? try UnitDirectory.builtIn() : []
                }
                let data = try readFileBytes(from)
                // A table of a few hundred kilobytes imports in well under a second: no bar.
                bar = CLIProgress.bar(large: data.count >= 1 << 20)
                bar?.start(CLIProgress.label("读取表格", "reading the table"), total: 0)
                defer { bar?.finish() }
                do {
                    let imported = try TableFile.importFile(data, format: fmt, sheet: sheet, directory: units, office: .unnamed,
                                                            options: ImportOptions(firstLeads: firstLeads, year: year))
                    result = imported.result
                    source = imported.source.spoken.cli
                } catch let e as TableFileError {
                    throw CLIError(e.importError == nil
                        ? Localized(zh: "\(from)：\(e.spoken.zh)；未写入任何内容。", en: "\(from): \(e.description); nothing was written.")
                        : Localized(zh: "\(from) \(e.spoken.zh)；未写入任何内容。", en: "\(from) \(e.description); nothing was written."))
                }
                result.plan.office = try namedOffice(in: result.plan)
            } else {
                result = try TableImporter.builtIn()
                units = try UnitDirectory.builtIn()
            }
            if bar == nil { bar = CLIProgress.bar(large: result.plan.tasks.count >= CLIProgress.threshold) }
            let created = try common.createTracker(at: path, from: result, force: force, unitDirectory: units, progress: bar)
            if let from, let source { Console.line(say(zh: "\(from)：\(source)。", en: "\(from): \(source).")) }
            Console.line(say(zh: "已建立 \(created.location)：\(result.plan.tasks.count) 项任务，\(result.plan.units.count) 个单位。", en: "Created \(created.location): \(result.plan.tasks.count) tasks, \(result.plan.units.count) units."))
            let o = result.plan.office
            if o.name.isEmpty {
                Console.line(say(zh: "办公室：未命名（用 --office 名称 --host 单位 --members A,B,… 命名）。", en: "Office: not named (name it with --office NAME --host UNIT --members A,B,…)."))
            } else {
                Console.line(say(zh: "办公室：\(o.name)" + (o.hostUnit.isEmpty ? "" : "，设在\(o.hostUnit)") + "；成员单位 \(o.members.count) 个。",
                                 en: "Office: \(o.name)" + (o.hostUnit.isEmpty ? "" : " in \(o.hostUnit)")
                                     + "; \(o.members.count) member unit\(o.members.count == 1 ? "" : "s")."))
            }
            if result.repairs.isEmpty {
                Console.line(say(zh: "表格无需修正。", en: "The table needed no repairs."))
            } else {
                // One write for all of them (a large table has tens of thousands).
                var text = Catalog.Repairs.madeWhileImporting(result.repairs.count).cli + "\n"
                for r in result.repairs { text += "  - \(r.spoken.cli)\n" }
                Console.out(text)
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
                throw CLIError(zh: "--members：\(m) 不是表格中的单位；未建立任何文件。", en: "--members: \(m) is not a unit of the table; nothing was created.")
            }
            if !resolved.contains(u.name) { resolved.append(u.name) }
        }
        var hostName = host?.trimmingCharacters(in: .whitespaces) ?? ""
        if !hostName.isEmpty, let u = try? plan.resolveUnit(hostName) { hostName = u.name }
        return Office(name: office?.trimmingCharacters(in: .whitespaces) ?? "", hostUnit: hostName, members: resolved)
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: CommandText.export.abstract.cli)

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "json, csv or md.")
    var format: String = "json"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try guarded {
            guard let fmt = Exporter.Format(rawValue: format) else {
                throw CLIError(zh: "未知导出格式“\(format)”；请用 json、csv 或 md。", en: "unknown export format \"\(format)\"; use json, csv or md.")
            }
            let today = try common.resolvedToday()
            let store = try common.openTracker()
            // A large plan takes seconds: three steps on a bar (read, format, write), on a terminal only.
            let bar = CLIProgress.bar(large: try common.databaseURL() != nil || CLIProgress.fileSize(common.trackerPath()) >= 4 << 20)
            defer { bar?.finish() }
            bar?.start(CLIProgress.label("导出：读取", "export: reading"), total: 3)
            let plan = try store.loadPlan()
            bar?.start(CLIProgress.label("导出：生成", "export: formatting"), total: 3)
            bar?.update(1)
            let text = Exporter.export(plan, as: fmt, today: today)
            bar?.start(CLIProgress.label("导出：写出", "export: writing"), total: 3)
            bar?.update(2)
            bar?.finish()
            try writeOutput(text, to: output, kind: fmt == .json ? .json : fmt == .csv ? .csv : .text)
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: CommandText.list.abstract.cli)
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
    static let configuration = CommandConfiguration(commandName: "show",
        abstract: CommandText.show.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let (_, plan, settings) = try common.session().parts
            let t = try plan.resolveTask(task)
            let w = settings.warningDays
            let status = Supervision.status(of: t, today: today, settings: settings)
            let light: String
            switch status {
            case .overdue: light = say(zh: "●红 逾期", en: "●red overdue")
            case .dueSoon where Supervision.status(of: t, today: today, warningDays: w) != .dueSoon:
                light = say(zh: "●黄 需关注（签收逾期或反馈逾期）", en: "●yellow needs attention (late to sign or to report)")
            case .dueSoon: light = say(zh: "●黄 临期", en: "●yellow due soon")
            case .onTrack: light = say(zh: "●绿 正常", en: "●green on track")
            case .done: light = say(zh: "✓ 完成", en: "✓ done")
            case .noMilestones: light = say(zh: "○ 未设节点", en: "○ no milestones")
            }
            Console.line(say(zh: "任务 \(t.number)：", en: "Task \(t.number): ") + t.title)
            Console.line(say(zh: "状态：\(light)（截至 \(today)，临期窗口 \(w) 天）", en: "Status: \(light) (as of \(today), due-soon window \(w) days)"))
            Console.line(say(zh: "牵头部门：", en: "Lead: ") + (t.leads.isEmpty ? say(zh: "（无）", en: "(none)") : t.leads.joined(separator: "、")))
            Console.line(say(zh: "协同部门：", en: "Cooperating: ") + (t.cooperating.isEmpty ? say(zh: "（无）", en: "(none)") : t.cooperating.joined(separator: "、")))
            Console.line(say(zh: "跟进人：", en: "Follow-up: ") + (t.followUp ?? say(zh: "（未指定）", en: "(not set)")))
            let zh = CLI.language == .zh
            Console.line(say(zh: "办理状态：", en: "Handling: ") + t.assignments.map { a in
                "\(a.unit) \(FlowText.state(a.flow.state, chinese: zh))" + (a.flow.since.map { " \($0)" } ?? "")
            }.joined(separator: say(zh: "；", en: "; ")))
            if t.milestones.isEmpty {
                Console.line(say(zh: "时间节点：（无）", en: "Milestones: (none)"))
            } else {
                Console.line(say(zh: "时间节点（\(t.milestones.filter(\.isDone).count)/\(t.milestones.count) 已完成）：", en: "Milestones (\(t.milestones.filter(\.isDone).count)/\(t.milestones.count) done):"))
                for m in t.milestones {
                    var parts = [m.due.map { say(zh: "截止 \($0)", en: "due \($0)") } ?? say(zh: "无截止日期", en: "no due date")]
                    switch Supervision.light(of: m, today: today, warningDays: w) {
                    case .done: parts.append(say(zh: "已完成", en: "done") + (m.completed.map { " \($0)" } ?? ""))
                    case .overdue:
                        let late = m.due.map { $0.days(until: today) } ?? 0
                        parts.append(say(zh: "●红 逾期 \(late) 天", en: "●red \(late) days late"))
                    case .dueSoon:
                        let left = m.due.map { today.days(until: $0) } ?? 0
                        parts.append(left == 0 ? say(zh: "●黄 今日到期", en: "●yellow due today")
                                               : say(zh: "●黄 还有 \(left) 天", en: "●yellow \(left) days left"))
                    case .onTrack: parts.append(say(zh: "●绿 未完成", en: "●green open"))
                    case .undated: parts.append(say(zh: "未完成", en: "open"))
                    }
                    parts.append(say(zh: "负责单位：", en: "owner: ") + (m.owner.map(plan.label) ?? say(zh: "（未指定）", en: "(not set)")))
                    if let original = m.originalDue {
                        var e = say(zh: "已延期，原定 \(original)", en: "extended, originally due \(original)")
                        if case let .approved(d)? = m.extensionRequest?.decision { e += say(zh: "，\(d) 批准", en: ", approved \(d)") }
                        parts.append(e)
                    }
                    if let r = m.extensionRequest {
                        switch r.decision {
                        case nil: parts.append(say(zh: "延期申请待审批：\(r.unit) 申请延至 \(r.to)（\(r.reason)）",
                                                   en: "extension pending: \(r.unit) asks for \(r.to) (\(r.reason))"))
                        case let .rejected(d, why)?: parts.append(say(zh: "延期申请于 \(d) 驳回：\(why)", en: "extension rejected \(d): \(why)"))
                        case .approved?: break
                        }
                    }
                    let planMark = m.kind == .plan && m.title != "具体方案" ? say(zh: "［具体方案］", en: " [plan]") : ""
                    Console.line("  #\(m.id) \(m.title)\(planMark)" + say(zh: "（\(parts.joined(separator: "，"))）", en: " (\(parts.joined(separator: ", ")))"))
                }
            }
            if t.progress.isEmpty {
                Console.line(say(zh: "进展报送：（无）", en: "Progress reports: (none)"))
            } else {
                Console.line(say(zh: "进展报送（\(t.progress.count) 次，由早到晚）：", en: "Progress reports (\(t.progress.count), oldest first):"))
                let empty = say(zh: "（未填）", en: "(empty)")
                for r in t.progress {
                    Console.line("  #\(r.id) \(r.date) \(plan.label(r.unit))")
                    Console.line(say(zh: "    进展情况：", en: "    Progress: ") + (r.progress.isEmpty ? empty : r.progress))
                    Console.line(say(zh: "    存在问题：", en: "    Problems: ") + (r.problems.isEmpty ? empty : r.problems))
                    Console.line(say(zh: "    下一步措施：", en: "    Next steps: ") + (r.next.isEmpty ? empty : r.next))
                }
            }
            if t.notes.isEmpty {
                Console.line(say(zh: "备注：（无）", en: "Notes: (none)"))
            } else {
                let lines = t.notes.split(separator: "\n", omittingEmptySubsequences: false)
                let label = say(zh: "备注：", en: "Notes: ")
                Console.line(label + lines[0])
                let indent = String(repeating: " ", count: TextWidth.width(label))
                for l in lines.dropFirst() { Console.line(indent + l) }
            }
        }
    }
}

struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "units", abstract: CommandText.units.abstract.cli)
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
            Console.line(say(zh: "列  简称  单位" + String(repeating: " ", count: 22) + "牵头  协同  未完成节点  逾期",
                             en: "Col Abbr  Unit" + String(repeating: " ", count: 22) + "Lead  Coop  Open miles  Late"))
            for (i, r) in rows.enumerated() {
                let (u, l, c, o, od) = r
                Console.line(TextWidth.padLeft(String(i + 1), to: 2) + "  " + TextWidth.pad(u.abbr, to: 4) + "  "
                             + TextWidth.pad(u.name + (plan.isMember(u.name) ? " ◆" : ""), to: 26)
                             + TextWidth.padLeft(String(l), to: 4) + TextWidth.padLeft(String(c), to: 6)
                             + TextWidth.padLeft(String(o), to: 12) + TextWidth.padLeft(String(od), to: 6))
            }
            Console.line(say(zh: "◆ = 领导小组成员单位", en: "◆ = leading group member unit"))
        }
    }
}

struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "matrix", abstract: CommandText.matrix.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Flag(name: .long, help: "Use L / C and column numbers instead of 牵 / 协 and abbreviations.") var ascii = false
    @Option(name: .long, help: "Columns for the task title.") var titleWidth: Int = 24

    func run() throws {
        try guarded {
            guard (4...200).contains(titleWidth) else { throw CLIError(zh: "--title-width 必须在 4 到 200 之间。", en: "--title-width must be between 4 and 200.") }
            let plan = try common.openTracker().loadPlan()
            Console.out(MatrixText.render(plan, ascii: ascii, titleWidth: titleWidth))
        }
    }
}

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign",
        abstract: CommandText.assign.abstract.cli,
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
            default: throw CLIError(zh: "未知分工“\(role)”；请用 lead（牵头）、cooperating（协同）或 none（无）。", en: "unknown role \"\(role)\"; use lead, cooperating or none.")
            }
            let store = try common.openTracker()
            _ = try store.requireTask(task)
            let u = try store.resolveUnit(unit)
            do {
                _ = try store.apply(.assign(task: task, unit: u.name, role: newRole), operatorName: operatorName())
                Console.line(say(zh: "任务 \(task)：\(u.name)现为\(Catalog.role(newRole).zh)。", en: "Task \(task): \(u.name) is now \(newRole.map(\.rawValue) ?? "without a role")."))
            } catch DomainError.unchanged(let why) {
                Console.line(why)
            }
        }
    }
}

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: CommandText.note.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "The notes.") var text: String

    func run() throws {
        try guarded {
            try Limits.check(.notes, text)
            try applySimple(common, .setNotes(task: task, notes: text), done: say(zh: "任务 \(task)：备注已保存。", en: "Task \(task): notes saved."))
        }
    }
}

struct FollowUp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "followup", abstract: CommandText.followUp.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "Person's name.") var person: String

    func run() throws {
        try guarded {
            try Limits.check(.followUp, person)
            try applySimple(common, .setFollowUp(task: task, person: person.isEmpty ? nil : person),
                            done: say(zh: "任务 \(task)：跟进人员" + (person.isEmpty ? "已清除。" : "为\(person)。"), en: "Task \(task): follow-up \(person.isEmpty ? "cleared" : "is \(person)")."))
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
    static let configuration = CommandConfiguration(commandName: "log", abstract: CommandText.log.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "How many records.") var limit: Int = 50
    @Option(name: .long, help: "Only this task's records.") var task: Int?

    func run() throws {
        try guarded {
            guard limit > 0 else { throw CLIError(zh: "--limit 必须是正数。", en: "--limit must be positive.") }
            let records = try common.openTracker().log(limit: limit, task: task)
            if records.isEmpty { Console.line(Catalog.nothingRecorded.cli); return }
            // In words and in the machine's local time: never an action name or a setting key.
            let zone = TimeZone.current
            let operatorWidth = min(16, records.map { TextWidth.width($0.operatorName) }.max() ?? 0)
            let subjects = records.map { AuditWords.subject($0).cli }
            let subjectWidth = subjects.map { TextWidth.width($0) }.max() ?? 0
            for (r, subject) in zip(records, subjects) {
                Console.line(AuditWords.time(r.time, zone: zone) + "  " + TextWidth.pad(r.operatorName, to: operatorWidth) + "  "
                             + TextWidth.pad(subject, to: subjectWidth) + "  " + AuditWords.describe(r).cli)
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: CommandText.check.abstract.cli)
    @OptionGroup var common: CommonOptions

    func run() throws {
        try guarded {
            let (store, plan, s) = try common.session().parts
            let findings = DataQuality.check(plan, overloadThreshold: s.overloadThreshold)
            // The file's own integrity check; a database server keeps its own.
            let integrity = try (store as? FileMaintenance)?.integrityCheck() ?? ["ok"]
            if store is FileMaintenance {
                Console.line(say(zh: "文件：\(store.location) — " + (integrity == ["ok"] ? "完整性检查通过" : "已损坏："),
                                 en: "File: \(store.location) — " + (integrity == ["ok"] ? "integrity check ok" : "DAMAGED:")))
            } else {
                Console.line(say(zh: "数据库：\(store.location)（完整性由服务器保证，不检查文件）", en: "Database: \(store.location) (the server keeps its own integrity; no file check)"))
            }
            for line in integrity where integrity != ["ok"] { Console.line("  ! \(line)") }
            Console.line("")
            let repairs = try store.storedRepairs()
            Console.line(say(zh: "导入修正（\(repairs.count) 处）：", en: "Import repairs (\(repairs.count)):"))
            if repairs.isEmpty { Console.line(say(zh: "  无", en: "  none")) }
            for r in repairs { Console.line("  - \(r.message)") }
            Console.line("")
            Console.line(say(zh: "检查结果（\(findings.count) 项）：", en: "Checks (\(findings.count)):"))
            if findings.isEmpty { Console.line(say(zh: "  全部正常", en: "  all clear")) }
            for f in findings { Console.line("  - \(f.spoken.cli)") }
            if integrity != ["ok"] { throw ExitCode.failure }
        }
    }
}
