import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// The tracker's supervision settings (warning window, deductions, …).
func supervisionSettings(_ store: SQLiteTracker) throws -> SupervisionSettings {
    var values: [String: String] = [:]
    for k in SupervisionSettings.keys { values[k] = try store.setting(k) }
    return try SupervisionSettings(values: values)
}

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or change the tracker's supervision settings.",
        discussion: """
        Keys: warning_days (due-soon window, default 14), response_days (days to answer a 督办单, default 7),
        overload_threshold (lead tasks before a unit is flagged, default 8), overdue_penalty (points per overdue
        milestone, default 5), silent_month_penalty (points per month without a progress report, default 2),
        period_start (YYYY-MM-DD, when months without a report start to count; set to the day the tracker was created).
        `duban config KEY VALUE` sets a key, `duban config KEY ""` restores its default.
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Setting key.") var key: String?
    @Argument(help: "New value.") var value: String?

    func run() throws {
        try guarded {
            let store = try common.openTracker()
            if let key {
                guard SupervisionSettings.keys.contains(key) else {
                    throw CLIError("unknown setting \"\(key)\"; known: \(SupervisionSettings.keys.joined(separator: ", ")).")
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
    static let configuration = CommandConfiguration(abstract: "The supervision list (督办清单): open milestones past due or due soon, most late first.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let (_, plan, s) = try common.session().parts
            let items = Supervision.overdueList(plan, today: today, warningDays: s.warningDays)
            if items.isEmpty {
                Console.line("No milestone is overdue or due within \(s.warningDays) days (as of \(today)).")
                return
            }
            Console.line("督办清单（截至 \(today)，临期窗口 \(s.warningDays) 天）")
            for i in items {
                let when = i.daysLate > 0 ? "逾期 \(i.daysLate) 天" : (i.daysLate == 0 ? "今日到期" : "还有 \(-i.daysLate) 天")
                let leads = i.leads.compactMap { plan.unit(named: $0)?.abbr }.joined(separator: "、")
                Console.line("\(i.light == .overdue ? "●红" : "●黄")  任务\(i.task)  #\(i.milestone.id) \(i.milestone.title)  "
                             + "截止 \(i.milestone.due!)  \(when)  牵头：\(leads.isEmpty ? "—" : leads)")
            }
        }
    }
}

struct Notice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a supervision notice (督办单) for a task; each notice gets the next serial number of the year.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "text or md.") var format: String = "text"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?

    func run() throws {
        try guarded {
            guard format == "text" || format == "md" else { throw CLIError("unknown format \"\(format)\"; use text or md.") }
            let today = try common.resolvedToday()
            let store = try common.openTracker()
            let plan = try store.loadPlan()
            _ = try plan.resolveTask(task)
            let s = try supervisionSettings(store)
            let key = "notice_serial_\(today.year)"
            let next = (Int(try store.setting(key) ?? "0") ?? 0) + 1
            let text = try Reports.notice(plan: plan, task: task, serial: "督办〔\(today.year)〕\(next)号", today: today,
                                          settings: s, markdown: format == "md")
            try store.setSetting(key, String(next), operatorName: operatorName())
            try writeOutput(text, to: output)
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The joint-meeting report (联席会议): status counts, one row per task and per unit, changes since a date.")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "md, csv (UTF-8 BOM, CRLF) or html (self-contained, printable).") var format: String = "md"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?
    @Option(name: .long, help: ArgumentHelp("List the changes since this day.", valueName: "YYYY-MM-DD")) var since: String?

    func run() throws {
        try guarded {
            guard let fmt = Reports.Format(rawValue: format), fmt != .text else {
                throw CLIError("unknown report format \"\(format)\"; use md, csv or html.")
            }
            let sinceDay = try since.map(parseDay)
            let today = try common.resolvedToday()
            let (store, plan, s) = try common.session().parts
            let changes = try store.log(limit: Int.max, task: nil)
            try writeOutput(Reports.meeting(plan: plan, today: today, settings: s, format: fmt, since: sinceDay, changes: changes),
                            to: output)
        }
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The assessment ranking (考核) with the rules used.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let (_, plan, s) = try common.session().parts
            Console.line("考核排名（截至 \(today)）")
            Console.line(" 名次  单位" + String(repeating: " ", count: 24) + "得分  牵头  逾期节点  未报送月数")
            for (i, r) in Supervision.scores(plan, today: today, settings: s).enumerated() {
                Console.line(TextWidth.padLeft(String(i + 1), to: 5) + "  " + TextWidth.pad(r.unit.name, to: 28)
                             + TextWidth.padLeft(String(r.score), to: 4) + TextWidth.padLeft(String(r.ledTasks), to: 6)
                             + TextWidth.padLeft(String(r.overdueMilestones), to: 10) + TextWidth.padLeft(String(r.silentMonths), to: 12))
            }
            Console.line("")
            Console.line(Supervision.rulesText(s, chinese: true))
            Console.line(Supervision.rulesText(s, chinese: false))
        }
    }
}

struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Progress reports (进展填报): 进展情况, 存在问题, 下一步措施.",
        subcommands: [Add.self, ListReports.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a unit's progress report to a task.")
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
                let day = try date.map(parseDay) ?? common.resolvedToday()
                let store = try common.openTracker()
                let plan = try store.loadPlan()
                _ = try plan.resolveTask(task)
                let u = try plan.resolveUnit(unit)
                let applied = try store.apply(.addProgress(task: task, report: ProgressReport(date: day, unit: u.name, progress: progress,
                                                                                              problems: problems, next: next)),
                                              operatorName: operatorName())
                guard case let .addProgress(_, r) = applied else { throw CLIError("the store did not return the report.") }
                Console.line(String(r.id))
            }
        }
    }

    struct ListReports: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a task's progress reports, oldest first.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int

        func run() throws {
            try guarded {
                let plan = try common.openTracker().loadPlan()
                let t = try plan.resolveTask(task)
                if t.progress.isEmpty { Console.line("Task \(task) has no progress report."); return }
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
    static let configuration = CommandConfiguration(
        abstract: "Add the four quarterly milestones (YYYY-03-31, -06-30, -09-30, -12-31) to tasks.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The template: quarterly.") var kind: String
    @Option(name: .long, help: "Year.") var year: Int
    @Option(name: .long, help: "Tasks, e.g. 1,3-5 (default: every task without a milestone).") var tasks: String?

    func run() throws {
        try guarded {
            guard kind == "quarterly" else { throw CLIError("unknown template \"\(kind)\"; the only one is quarterly.") }
            guard (2000...2100).contains(year) else { throw CLIError("--year must be between 2000 and 2100.") }
            let store = try common.openTracker()
            let plan = try store.loadPlan()
            let numbers = try tasks.map(Supervision.parseTaskList)
            let edits = try Supervision.quarterlyEdits(plan: plan, year: year, tasks: numbers)
            for e in edits { _ = try store.apply(e, operatorName: operatorName()) }
            let touched = Set(edits.map(\.taskNumber)).sorted()
            Console.line(edits.isEmpty ? "Nothing to add: the chosen tasks already have these milestones."
                         : "Added \(edits.count) milestones to \(touched.count) task(s): \(DataQuality.ranges(touched)).")
        }
    }
}
