import ArgumentParser
import DubanCore
import DubanImportFiles
import DubanStore
import Foundation

// The monthly reporting round trip: template → (the unit fills it in) → collect, and missing.
// Rules in DubanCore/ReportRound.swift, the workbook in DubanImportFiles/XLSXWriter.swift.

private func resolvePeriod(_ text: String?, today: Day) throws -> ReportPeriod {
    guard let text else { return ReportPeriod.previous(today) }
    guard let p = ReportPeriod(text) else {
        throw CLIError(zh: "--period \(text) 不是月份（例如 2027-03）。", en: "--period \(text) is not a month (for example 2027-03).")
    }
    return p
}

private func deadlineDay(_ store: any TrackerStore) throws -> Int {
    guard let v = try store.setting(ReportRound.deadlineKey), !v.isEmpty else { return ReportRound.defaultDeadlineDay }
    guard let d = Int(v), (1...31).contains(d) else {
        throw CLIError(zh: "设置 \(ReportRound.deadlineKey) 应为 1 到 31 的整数，而不是“\(v)”。",
                       en: "setting \(ReportRound.deadlineKey) must be a whole number from 1 to 31, not \"\(v)\".")
    }
    return d
}

/// The tracker's identity for templates, made (and kept in the settings) on first use.
private func trackerID(_ store: any TrackerStore, create: Bool) throws -> String? {
    if let id = try store.setting(ReportRound.trackerIDKey), !id.isEmpty { return id }
    guard create else { return nil }
    let id = (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
    try store.setSetting(ReportRound.trackerIDKey, id, operatorName: operatorName())
    return id
}

/// Writes bytes to `path` atomically; never over the tracker or its side files.
func writeBytes(_ data: Data, to path: String) throws {
    guard path != "-" else {
        throw CLIError(zh: "工作簿不能写到标准输出；请用 -o 指定 .xlsx 文件。", en: "a workbook cannot go to standard output; name an .xlsx file with -o.")
    }
    try TrackerFiles.shared.refuseAsOutput(path)
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CLIError(Catalog.cannotWrite(path, whyNotWritable(path, error)))
    }
}

struct ReportTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: CommandText.reportTemplate.abstract.cli,
        discussion: """
        One row per task where the unit has a part (not closed or suspended): task number, title,
        role, open milestones with their dues, the last report, and the columns to fill in:
        进展情况, 存在问题, 下一步措施, 申请办结 (是/否). The sheet is protected (no password): only
        the fill-in columns can be edited. A hidden sheet names the tracker, the unit and the
        month, so that `duban collect` refuses a workbook made for another tracker or unit.
        The month defaults to the one before today.
        """)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "The unit (name, abbreviation or alias).") var unit: String
    @Option(name: .long, help: ArgumentHelp("The month reported on (default: last month).", valueName: "YYYY-MM")) var period: String?
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The workbook to write.", valueName: "file.xlsx")) var output: String

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let p = try resolvePeriod(period, today: today)
            let store = try common.openTracker()
            let plan = try store.loadPlan()
            let u = try store.resolveUnit(unit).name
            guard let id = try trackerID(store, create: true) else { return }
            let identity = ReportRound.Identity(tracker: id, office: plan.office.name, unit: u, period: p)
            let rows = ReportRound.templateRows(plan, unit: u)
            let deadline = p.deadline(day: try deadlineDay(store))
            try writeBytes(try RoundWorkbook.make(identity, rows: rows, deadline: deadline), to: output)
            Console.line(say(zh: "已写出 \(output)：\(u) \(p) 月报填报表，\(rows.count) 项任务，报送时限 \(deadline)。",
                             en: "wrote \(output): \(u)'s report for \(p), \(rows.count) tasks, due \(deadline)."))
        }
    }
}

enum RoundWorkbook {
    static let sheetName = "进展填报"
    static let identitySheet = "duban"

    static func make(_ identity: ReportRound.Identity, rows: [ReportRound.TemplateRow], deadline: Day) throws -> Data {
        var sheet = XLSXWriter.Sheet(name: sheetName)
        sheet.widths = ReportRound.Column.allCases.map { $0.width }
        sheet.frozenRows = 1
        sheet.protected = true
        sheet.rows.append(ReportRound.Column.allCases.map { XLSXWriter.Cell($0 == .close ? $0.header + "（是/否）" : $0.header, .header) })
        for r in rows {
            let cells = r.cells()
            sheet.rows.append(ReportRound.Column.allCases.map { c in XLSXWriter.Cell(cells[c.rawValue], c.isFillIn ? .unlocked : .locked) })
        }
        let col = XLSXWriter.column(ReportRound.Column.close.rawValue + 1)
        if !rows.isEmpty { sheet.lists = [("\(col)2:\(col)\(rows.count + 1)", ["是", "否"])] }
        var id = XLSXWriter.Sheet(name: identitySheet)
        id.hidden = true
        id.protected = true
        id.widths = [12, 40]
        id.rows = identity.rows.map { [XLSXWriter.Cell($0.0), XLSXWriter.Cell($0.1)] }
        id.rows.append([XLSXWriter.Cell("deadline"), XLSXWriter.Cell(deadline.description)])
        var wb = XLSXWriter()
        wb.sheets = [sheet, id]
        wb.definedNames = [("DUBAN_TRACKER", "'\(identitySheet)'!$B$2"), ("DUBAN_UNIT", "'\(identitySheet)'!$B$4"),
                           ("DUBAN_PERIOD", "'\(identitySheet)'!$B$5")]
        return try wb.data()
    }
}

struct Collect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "collect",
        abstract: CommandText.collect.abstract.cli,
        discussion: """
        Each file is checked whole (unknown task, a task where the unit has no part, another
        unit, tracker or month, 进展情况 empty on a filled-in row, 申请办结 not 是/否) and then
        added in one transaction, or not at all. Reports are dated the month's last day; a 是 in
        申请办结 asks for closure (签收 first when the part was not signed) dated today. A row
        already in the tracker (same unit, task, date and text) is left out, so collecting a file
        twice adds nothing. The first day a unit's report for a month is collected is kept
        (for 迟报 in `duban missing`). A CSV (UTF-8 or GB18030) with the same header needs
        --unit and --period.
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("Returned workbooks (.xlsx) or CSV files.", valueName: "file")) var files: [String]
    @Flag(name: .long, help: "Show what would be added; change nothing.") var dryRun = false
    @Option(name: .long, help: "The unit (required for CSV; for a workbook it must match the workbook's).") var unit: String?
    @Option(name: .long, help: ArgumentHelp("The month (required for CSV; for a workbook it must match).", valueName: "YYYY-MM")) var period: String?

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let store = try common.openTracker()
            var plan = try store.loadPlan()
            let givenUnit = try unit.map { try store.resolveUnit($0).name }
            let givenPeriod = try period.map { try resolvePeriod($0, today: today) }
            let myID = try trackerID(store, create: false)
            var failed = 0
            for file in files {
                do {
                    let data = try readFileBytes(file)
                    let u: String, p: ReportPeriod, sheet: String?
                    let records: [(line: Int, cells: [String])]
                    if TableFile.isZip(data) {
                        let reader: XLSXReader
                        do { reader = try XLSXReader(data: data) } catch let e as TableFileError { throw CLIError(zh: "无法读取：\(e.message)", en: "cannot be read: \(e.message)") }
                        guard reader.sheetNames.contains(RoundWorkbook.identitySheet),
                              let id = ReportRound.Identity(rows: try reader.records(sheet: RoundWorkbook.identitySheet).map(\.cellTexts)) else {
                            throw CLIError(ReportRoundText.notTemplate)
                        }
                        guard id.tracker == myID else { throw CLIError(ReportRoundText.otherTracker(id.office)) }
                        if let g = givenUnit, g != id.unit { throw CLIError(ReportRoundText.otherUnit(id.unit, g)) }
                        if let g = givenPeriod, g != id.period { throw CLIError(ReportRoundText.otherPeriod(id.period, g)) }
                        guard plan.unit(named: id.unit) != nil else { throw CLIError(ReportRoundText.unknownUnit(id.unit)) }
                        u = id.unit
                        p = id.period
                        let name = reader.sheetNames.contains(RoundWorkbook.sheetName) ? RoundWorkbook.sheetName : reader.firstSheet
                        sheet = name
                        records = try reader.records(sheet: name).map { ($0.recordLine, $0.cellTexts) }
                    } else {
                        guard let g = givenUnit, let gp = givenPeriod else { throw CLIError(ReportRoundText.csvNeedsIdentity) }
                        u = g
                        p = gp
                        sheet = nil
                        let text: String
                        do { text = try TableTextDecoder.decode(Array(data)).text } catch let e as TableFileError { throw CLIError(e.message) }
                        records = try ReportRound.delimitedRecords(text)
                    }
                    let result = ReportRound.collect(records: records, unit: u, period: p, plan: plan, today: today)
                    if !result.problems.isEmpty {
                        for pr in result.problems {
                            let at = sheet.map { say(zh: "工作表“\($0)”第\(pr.line)行", en: "sheet \($0) row \(pr.line)") }
                                ?? say(zh: "第\(pr.line)行", en: "line \(pr.line)")
                            let col = pr.column.map { say(zh: "“\($0)”列", en: "column \($0)") }
                            Console.note("duban: \(file): " + ([at, col].compactMap { $0 }.joined(separator: say(zh: "", en: ", ")))
                                         + say(zh: "：", en: ": ") + pr.message(CLI.language))
                        }
                        Console.note(say(zh: "duban: \(file)：有 \(result.problems.count) 处问题，本文件未收录任何内容。",
                                         en: "duban: \(file): \(result.problems.count) problem(s); nothing from this file was added."))
                        failed += 1
                        continue
                    }
                    Console.line(say(zh: "\(file)：\(u) \(p) 月报", en: "\(file): \(u), report for \(p)"))
                    for l in result.lines { Console.line("  " + l(CLI.language)) }
                    if result.duplicates > 0 {
                        Console.line("  " + say(zh: "\(result.duplicates) 行已收录过，略去", en: "\(result.duplicates) row(s) already collected, left out"))
                    }
                    if result.edits.isEmpty {
                        Console.line("  " + say(zh: "没有新内容", en: "nothing new"))
                        continue
                    }
                    if dryRun {
                        Console.line("  " + say(zh: "（试运行，未写入）", en: "(dry run: nothing written)"))
                        continue
                    }
                    _ = try store.apply(result.edits, operatorName: operatorName())
                    let key = ReportRound.receivedKey(p, unit: u)
                    if result.reports > 0, (try store.setting(key)) == nil {
                        try store.setSetting(key, today.description, operatorName: operatorName())
                    }
                    plan = try store.loadPlan()
                    Console.line("  " + say(zh: "已收录：\(result.reports) 条进展，\(result.closeRequests) 项办结申请",
                                            en: "added: \(result.reports) report(s), \(result.closeRequests) closure request(s)"))
                } catch {
                    Console.note("duban: \(file): " + errorSentence(error))
                    failed += 1
                }
            }
            if failed > 0 { throw ExitCode.failure }
        }
    }
}

struct Missing: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "missing",
        abstract: CommandText.missing.abstract.cli,
        discussion: """
        A lead unit (its part neither closed nor suspended) owes a report on each of its tasks
        dated in the month (缺报 lists the tasks without one). 迟报: the unit's report for the
        month was first collected after the deadline, day report_deadline_day (default 5) of the
        next month (`duban config report_deadline_day 10`). The month defaults to the one before today.
        """)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("The month (default: last month).", valueName: "YYYY-MM")) var period: String?
    @Option(name: .long, help: "text or json.") var format = "text"

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            let today = try common.resolvedToday()
            let p = try resolvePeriod(period, today: today)
            let store = try common.openTracker()
            let plan = try store.loadPlan()
            var received: [String: Day] = [:]
            for u in plan.units {
                if let v = try store.setting(ReportRound.receivedKey(p, unit: u.name)), let d = Day(v) { received[u.name] = d }
            }
            let m = ReportRound.missing(plan, period: p, deadlineDay: try deadlineDay(store), received: received)
            if format == "json" {
                func q(_ s: String) -> String { Exporter.q(s) }
                var s = "{\n  \"period\": \(q(p.description)),\n  \"deadline\": \(q(m.deadline.description)),\n  \"unreported\": ["
                s += m.unreported.map { "\n    {\"unit\": \(q($0.unit)), \"tasks\": [\($0.tasks.map(String.init).joined(separator: ", "))]}" }.joined(separator: ",")
                s += (m.unreported.isEmpty ? "" : "\n  ") + "],\n  \"late\": ["
                s += m.late.map { "\n    {\"unit\": \(q($0.unit)), \"received\": \(q($0.received.description))}" }.joined(separator: ",")
                s += (m.late.isEmpty ? "" : "\n  ") + "]\n}\n"
                Console.raw(s)
                return
            }
            Console.line(say(zh: "\(p) 月报（报送时限 \(m.deadline)）", en: "Reports for \(p) (due \(m.deadline))"))
            if m.unreported.isEmpty && m.late.isEmpty { Console.line(say(zh: "  全部按时报送。", en: "  all reported on time.")) }
            for x in m.unreported {
                let tasks = x.tasks.map(String.init).joined(separator: say(zh: "、", en: ", "))
                Console.line(say(zh: "  缺报 \(plan.label(x.unit))：任务 \(tasks)", en: "  not reported \(plan.label(x.unit)): task \(tasks)"))
            }
            for x in m.late {
                Console.line(say(zh: "  迟报 \(plan.label(x.unit))：\(x.received) 收到", en: "  late \(plan.label(x.unit)): received \(x.received)"))
            }
        }
    }
}


private func errorSentence(_ e: Error) -> String { message(for: e) }

/// `duban config report_deadline_day [VALUE]`: the day of the next month a month's report is due.
func configureReportDeadline(_ store: any TrackerStore, _ value: String?) throws {
    if let value {
        if !value.isEmpty {
            guard let d = Int(value), (1...31).contains(d) else {
                throw CLIError(zh: "\(ReportRound.deadlineKey) 应为 1 到 31 的整数，而不是“\(value)”。",
                               en: "\(ReportRound.deadlineKey) must be a whole number from 1 to 31, not \"\(value)\".")
            }
        }
        try store.setSetting(ReportRound.deadlineKey, value.isEmpty ? nil : value, operatorName: operatorName())
    }
    Console.line("\(ReportRound.deadlineKey) = \(try deadlineDay(store))")
}
