import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// The tracker's supervision settings (warning window, deductions, …).
func supervisionSettings(_ store: any TrackerStore) throws -> SupervisionSettings {
    var values: [String: String] = [:]
    for k in SupervisionSettings.keys { values[k] = try store.setting(k) }
    return try SupervisionSettings(values: values)
}

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config",
        abstract: CommandText.config.abstract.cli,
        discussion: """
        Keys: warning_days (due-soon window, default 14), response_days (days to answer a 督办单, default 7),
        overload_threshold (lead tasks before a unit is flagged, default 8), overdue_penalty (points per overdue
        milestone, default 5), silent_month_penalty (points per task-month without a progress report, default 2),
        period_start (YYYY-MM-DD, when months without a report start to count; set to the day the tracker was created),
        sign_days (days a unit has to sign its part before it is late to sign, 签收逾期, default 5),
        late_sign_penalty (points per part late to sign, default 0: off), red_days (红牌 when overdue by more than this, default 30),
        notice_penalty (points per 督办单 on a led task, default 0: off), red_card_penalty (points per led task at 红牌, default 0: off).
        `duban config KEY VALUE` sets a key, `duban config KEY ""` restores its default.
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Setting key.") var key: String?
    @Argument(help: "New value.") var value: String?

    func run() throws {
        try guarded {
            let store = try common.openTracker()
            if let key, key == ReportRound.deadlineKey { return try configureReportDeadline(store, value) }
            if let key {
                guard SupervisionSettings.keys.contains(key) else {
                    throw CLIError(zh: "未知设置“\(key)”；可用的有：\(SupervisionSettings.keys.joined(separator: "、"))。", en: "unknown setting \"\(key)\"; known: \(SupervisionSettings.keys.joined(separator: ", ")).")
                }
                if let value {
                    var values: [String: String] = [:]
                    for k in SupervisionSettings.keys { values[k] = try store.setting(k) }
                    values[key] = value
                    _ = try SupervisionSettings(values: values)  // validate before writing
                    try store.setSetting(key, value.isEmpty ? nil : value, operatorName: operatorName())
                }
            }
            let s = try supervisionSettings(store)
            let shown: [(String, String)] = [
                ("warning_days", String(s.warningDays)), ("response_days", String(s.responseDays)),
                ("overload_threshold", String(s.overloadThreshold)), ("overdue_penalty", String(s.overduePenalty)),
                ("silent_month_penalty", String(s.silentMonthPenalty)), ("period_start", s.periodStart?.description ?? "(today)"),
            ]
            for (k, v) in shown where key == nil || key == k { Console.line("\(k) = \(v)") }
        }
    }
}

struct Overdue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: CommandText.overdue.abstract.cli)
    @OptionGroup var common: CommonOptions

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let (_, plan, s) = try common.session().parts
            let items = Supervision.overdueList(plan, today: today, warningDays: s.warningDays)
            if items.isEmpty {
                Console.line(say(zh: "截至 \(today)，没有逾期或 \(s.warningDays) 天内到期的时间节点。", en: "No milestone is overdue or due within \(s.warningDays) days (as of \(today))."))
                return
            }
            Console.line(Catalog.Lists.overdueHeading(today: today, window: s.warningDays).cli)
            for i in items {
                let leads = i.leads.compactMap { plan.unit(named: $0)?.abbr }.joined(separator: "、")
                Console.line(Catalog.Lists.overdueLine(red: i.light == .overdue, task: i.task, id: i.milestone.id, title: i.milestone.title,
                                                       due: i.milestone.due!, daysLate: i.daysLate, leads: leads).cli)
            }
        }
    }
}

struct Notice: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notice",
        abstract: CommandText.notice.abstract.cli,
        discussion: """
        Without --issue the notice is a preview marked 预览（未编号） and takes no number. With --issue the next
        number of the year is taken and recorded in the register (`duban notices`) and the audit log in one
        transaction, so numbers are never given twice; if the notice cannot be written (-o), no number is taken.
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Flag(name: .long, help: "Take the next serial number of the year and record the notice in the register.") var issue = false
    @Option(name: .long, help: "text or md.") var format: String = "text"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?

    /// The heading of a preview, so that it cannot be mistaken for an issued notice.
    static let previewHeading = "预览（未编号）：此为预览，未占用编号；正式编号印发请加 --issue。"

    func run() throws {
        try guarded {
            guard format == "text" || format == "md" else { throw CLIError(zh: "未知格式“\(format)”；请用 text 或 md。", en: "unknown format \"\(format)\"; use text or md.") }
            let today = try common.resolvedToday()
            let store = try common.openTracker()
            let plan = try store.loadPlan()
            _ = try plan.resolveTask(task)
            let s = try supervisionSettings(store)
            func render(_ serial: String) throws -> String {
                try Reports.notice(plan: plan, task: task, serial: serial, today: today, settings: s, markdown: format == "md")
            }
            guard issue else {
                try writeOutput(Self.previewHeading + "\n\n" + render("督办〔\(today.year)〕__号"), to: output)
                return
            }
            // The level it is issued at (催办), recorded in the register.
            let level = Supervision.escalation(of: try plan.resolveTask(task), today: today, settings: s,
                                               notices: try store.noticeRegister().notices)
            guard let output, output != "-" else {
                var text = ""
                try store.issueNotice(task: task, date: today, level: level, operatorName: operatorName()) { serial in
                    text = try render(IssuedNotice.number(year: today.year, serial: serial))
                }
                Console.out(text)
                return
            }
            // The file is written in full (to a hidden sibling) inside the transaction that takes
            // the number; a failed write rolls the number back. Only after the commit is the file
            // renamed into place, so a number on paper is always a number in the register.
            var staged: StagedOutput?
            let serial: Int
            do {
                serial = try store.issueNotice(task: task, date: today, level: level, operatorName: operatorName()) { serial in
                    staged = try StagedOutput(Console.safe(try render(IssuedNotice.number(year: today.year, serial: serial))),
                                              for: output)
                }
            } catch {
                staged?.discard()
                throw error
            }
            let number = IssuedNotice.number(year: today.year, serial: serial)
            guard let staged else { throw CLIError("\(number) was issued but its text was not staged; please report this.") }
            do {
                try staged.commit()
            } catch {
                let reason = ErrorText.sentence(error, CLI.language)
                throw CLIError(zh: "\(number) 已发出并登记，但无法放到 \(output)（\(reason)）；督办单在 \(staged.temp)。",
                               en: "\(number) was issued and recorded, but it could not be put at \(output) "
                                   + "(\(reason)); the notice is in \(staged.temp).")
            }
            Console.line(say(zh: "已为任务 \(task) 发出 \(number)：\(output)。", en: "Issued \(number) for task \(task): \(output)."))
        }
    }
}

struct Notices: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notices", abstract: CommandText.notices.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "text or json.") var format: String = "text"

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            let register = try common.openTracker().noticeRegister()
            let before = register.issuedBeforeRegister.sorted { $0.key < $1.key }
            if format == "json" {
                var items: [String] = []
                for (year, last) in before where last > 0 {
                    for k in 1...last {
                        items.append("  {\"year\": \(year), \"serial\": \(k), \"number\": \(Exporter.q(IssuedNotice.number(year: year, serial: k))), "
                                     + "\"task\": null, \"date\": null, \"issued\": null, \"operator\": null}")
                    }
                }
                for n in register.notices {
                    items.append("  {\"year\": \(n.year), \"serial\": \(n.serial), \"number\": \(Exporter.q(n.number)), \"task\": \(n.task), "
                                 + "\"date\": \(Exporter.q(n.date.description)), \"issued\": \(Exporter.q(n.issued)), "
                                 + "\"operator\": \(Exporter.q(n.operatorName)), \"level\": \(n.level.map { Exporter.q($0.rawValue) } ?? "null")}")
                }
                Console.raw(items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n")
                return
            }
            if register.notices.isEmpty && before.isEmpty {
                Console.line(say(zh: "还没有发出督办单（用 `duban notice N --issue` 发出）。", en: "No supervision notice has been issued yet (`duban notice N --issue` issues one)."))
                return
            }
            Console.line(Catalog.Lists.registerHeading(register.notices.count).cli)
            let c = Catalog.Lists.registerColumns
            Console.line(TextWidth.padLeft(c[0].cli, to: 5) + "  " + TextWidth.pad(c[1].cli, to: 18) + TextWidth.padLeft(c[2].cli, to: 4)
                         + "  " + TextWidth.pad(c[3].cli, to: 10) + "  " + c[4].cli)
            for n in register.notices {
                Console.line(TextWidth.padLeft(String(n.year), to: 5) + "  " + TextWidth.pad(n.number, to: 18)
                             + TextWidth.padLeft(String(n.task), to: 4) + "  " + n.date.description + "  " + n.operatorName
                             + (n.level.map { "  " + $0.word(chinese: true) } ?? ""))
            }
            for (year, last) in before {
                Console.line(Catalog.Lists.numberedBeforeRegister(year: year, last: last).cli)
            }
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report",
        abstract: CommandText.report.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "md, csv (UTF-8 BOM, CRLF) or html (self-contained, printable).") var format: String = "md"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?
    @Option(name: .long, help: ArgumentHelp("List the changes since this day.", valueName: "YYYY-MM-DD")) var since: String?

    func run() throws {
        try guarded {
            guard let fmt = Reports.Format(rawValue: format), fmt != .text else {
                throw CLIError(zh: "未知报告格式“\(format)”；请用 md、csv 或 html。", en: "unknown report format \"\(format)\"; use md, csv or html.")
            }
            let today = try common.resolvedToday()
            let sinceDay = try since.map { try parseDay($0, today: today) }
            let (store, plan, s) = try common.session().parts
            let changes = try store.log(limit: Int.max, task: nil)
            try writeOutput(Reports.meeting(plan: plan, today: today, settings: s, format: fmt, since: sinceDay, changes: changes),
                            to: output, kind: fmt == .csv ? .csv : .text)
        }
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score",
        abstract: CommandText.score.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "text or json.") var format: String = "text"
    @Option(name: .long, help: ArgumentHelp("Freeze and publish this period's ranking (2027, 2027Q1, 2027-03).", valueName: "period")) var freeze: String?
    @Option(name: .long, help: ArgumentHelp("Show this period's frozen ranking (with --adjust: the period adjusted).", valueName: "period")) var period: String?
    @Option(name: .long, help: ArgumentHelp("Adjust this unit's score before the period is frozen.", valueName: "unit")) var adjust: String?
    @Option(name: .long, help: "Points added (negative: taken off), with --adjust.") var points: Int?
    @Option(name: .long, help: "Why, with --adjust.") var reason: String?

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            if freeze != nil || period != nil || adjust != nil {
                return try FrozenScore.run(common: common, format: format, freeze: freeze, period: period,
                                           adjust: adjust, points: points, reason: reason)
            }
            let today = try common.resolvedToday()
            let (store, plan, s) = try common.session().parts
            let scores = Supervision.scores(plan, today: today, settings: s, notices: try store.noticeRegister().notices)
            if format == "json" {
                let items = scores.map { r in
                    "  {\"unit\": \(Exporter.q(r.unit.name)), \"abbr\": \(Exporter.q(r.unit.abbr)), \"score\": \(r.score), "
                        + "\"rank\": \(r.rank), \"led_tasks\": \(r.ledTasks), \"overdue_milestones\": \(r.overdueMilestones), "
                        + "\"silent_task_months\": \(r.silentTaskMonths), "
                        + "\"late_sign_parts\": \(r.lateSignParts), \"notices\": \(r.notices), \"red_cards\": \(r.redCards), "
                        + "\"deductions\": {\"overdue_milestones\": \(r.overdueDeduction), \"silent_task_months\": \(r.silentDeduction), "
                        + "\"late_sign\": \(r.lateSignDeduction), \"notices\": \(r.noticeDeduction), \"red_cards\": \(r.redCardDeduction)}}"
                }
                Console.raw(items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n")
                return
            }
            Console.line(Catalog.Lists.rankingHeading(today: today).cli)
            // Each column as wide as the Chinese layout, or wider when a heading needs it.
            let c = Catalog.Lists.rankingColumns.map(\.cli)
            let w = zip(c, [5, 28, 4, 6, 10, 16]).map { max($1, TextWidth.width($0) + ($1 == 28 ? 0 : 2)) }
            Console.line(TextWidth.padLeft(c[0], to: w[0]) + "  " + TextWidth.pad(c[1], to: w[1]) + TextWidth.padLeft(c[2], to: w[2])
                         + TextWidth.padLeft(c[3], to: w[3]) + TextWidth.padLeft(c[4], to: w[4]) + TextWidth.padLeft(c[5], to: w[5]))
            for r in scores {
                Console.line(TextWidth.padLeft(String(r.rank), to: w[0]) + "  " + TextWidth.pad(r.unit.name, to: w[1])
                             + TextWidth.padLeft(String(r.score), to: w[2]) + TextWidth.padLeft(String(r.ledTasks), to: w[3])
                             + TextWidth.padLeft(String(r.overdueMilestones), to: w[4])
                             + TextWidth.padLeft(String(r.silentTaskMonths), to: w[5]))
            }
            Console.line("")
            Console.line(Supervision.rulesText(s, chinese: CLI.language == .zh))
        }
    }
}

struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "progress",
        abstract: CommandText.progress.abstract.cli,
        subcommands: [Add.self, ListReports.self, EditReport.self, RemoveReport.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: CommandText.progressAdd.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Option(name: .long, help: "Reporting unit.") var unit: String
        @Option(name: .long, help: "进展情况.") var progress: String
        @Option(name: .long, help: "存在问题.") var problems: String = ""
        @Option(name: .long, help: "下一步措施.") var next: String = ""
        @Option(name: .long, help: ArgumentHelp("Report date (default today).", valueName: "YYYY-MM-DD")) var date: String?

        func run() throws {
            try guarded {
                try Limits.check(.progress, progress)
                try Limits.check(.problems, problems)
                try Limits.check(.next, next)
                let today = try common.resolvedToday()
                let day = try date.map { try parseDay($0, today: today) } ?? today
                let store = try common.openTracker()
                _ = try store.requireTask(task)
                let u = try store.resolveUnit(unit)
                let edit = Edit.addProgress(task: task, report: ProgressReport(date: day, unit: u.name, progress: progress,
                                                                               problems: problems, next: next))
                try edit.checkDates(today: common.resolvedToday())
                let applied = try store.apply(edit, operatorName: operatorName())
                guard case let .addProgress(_, r) = applied.edit else { throw CLIError("the store did not return the report.") }
                Console.line(String(r.id))
            }
        }
    }

    struct ListReports: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: CommandText.progressList.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int

        func run() throws {
            try guarded {
                let plan = try common.openTracker().loadPlan()
                let t = try plan.resolveTask(task)
                if t.progress.isEmpty { Console.line(say(zh: "任务 \(task) 还没有进展报送。", en: "Task \(task) has no progress report.")); return }
                for r in t.progress {
                    Console.line("#\(r.id) \(r.date) \(r.unit)")
                    Console.line("  进展情况：\(r.progress)")
                    Console.line("  存在问题：\(r.problems)")
                    Console.line("  下一步措施：\(r.next)")
                }
            }
        }
    }
}

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "template",
        abstract: CommandText.quarterly.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The template: quarterly.") var kind: String
    @Option(name: .long, help: "Year.") var year: Int
    @Option(name: .long, help: "Tasks, e.g. 1,3-5 (default: every task without a milestone).") var tasks: String?

    func run() throws {
        try guarded {
            guard kind == "quarterly" else { throw CLIError(zh: "未知模板“\(kind)”；目前只有 quarterly（季度）。", en: "unknown template \"\(kind)\"; the only one is quarterly.") }
            guard (2000...2100).contains(year) else { throw CLIError(zh: "--year 必须在 2000 到 2100 之间。", en: "--year must be between 2000 and 2100.") }
            let store = try common.openTracker()
            let plan = try store.loadPlan()
            let numbers = try tasks.map(Supervision.parseTaskList)
            let edits = try Supervision.quarterlyEdits(plan: plan, year: year, tasks: numbers)
            _ = try store.apply(edits, operatorName: operatorName())  // one transaction
            let touched = Set(edits.map(\.taskNumber)).sorted()
            Console.line(edits.isEmpty ? "Nothing to add: the chosen tasks already have these milestones."
                         : "Added \(edits.count) milestones to \(touched.count) task(s): \(DataQuality.ranges(touched)).")
        }
    }
}
