// The monthly reporting round trip (月报填报): the office sends each unit a fill-in workbook
// (`duban template`), the unit fills in 进展情况/存在问题/下一步措施/申请办结 and sends it back,
// the office collects it (`duban collect`) and lists who has not reported (`duban missing`).
// This file holds the rules; the workbook bytes are DubanImportFiles', the commands duban's.

/// A monthly reporting period, "2027-03".
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              let y = Int(parts[0]), let m = Int(parts[1]), (1900...9999).contains(y), (1...12).contains(m) else { return nil }
        year = y
        month = m
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month before `today`'s: the one a unit reports on at the start of a month.
    public static func previous(_ today: Day) -> ReportPeriod {
        today.month == 1 ? ReportPeriod(year: today.year - 1, month: 12) : ReportPeriod(year: today.year, month: today.month - 1)
    }

    public var description: String { "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }
    public var first: Day { Day(year: year, month: month, day: 1)! }
    public var last: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }

    /// The reporting deadline: day `day` of the next month (clamped to its length).
    public func deadline(day: Int) -> Day {
        let (y, m) = month == 12 ? (year + 1, 1) : (year, month + 1)
        return Day(year: y, month: m, day: min(max(day, 1), Day.daysIn(month: m, year: y)))!
    }

    public func contains(_ d: Day) -> Bool { d >= first && d <= last }
}

public enum ReportRound {
    /// Setting: the day of the next month by which a month's report is due (default 5).
    public static let deadlineKey = "report_deadline_day"
    public static let defaultDeadlineDay = 5
    /// Setting: the tracker's identity written into every template, made on first use.
    public static let trackerIDKey = "tracker_id"
    /// Setting prefix: the day a unit's report for a period was first collected,
    /// `report_received:2027-03:省发展和改革委员会` = `2027-04-03`.
    public static let receivedPrefix = "report_received:"
    public static func receivedKey(_ period: ReportPeriod, unit: String) -> String { "\(receivedPrefix)\(period):\(unit)" }

    /// The fill-in sheet's columns, in order. `collect` finds them by these header names.
    public enum Column: Int, CaseIterable, Sendable {
        case task, title, role, milestones, lastReport, progress, problems, next, close
        public var header: String {
            switch self {
            case .task: return "任务编号"
            case .title: return "任务名称"
            case .role: return "本单位职责"
            case .milestones: return "未完成节点及时限"
            case .lastReport: return "上次报送"
            case .progress: return "进展情况"
            case .problems: return "存在问题"
            case .next: return "下一步措施"
            case .close: return "申请办结"
            }
        }
        /// Width in characters.
        public var width: Double {
            switch self {
            case .task: return 9
            case .title: return 36
            case .role: return 10
            case .milestones: return 30
            case .lastReport: return 30
            case .progress, .problems, .next: return 36
            case .close: return 10
            }
        }
        /// The unit fills these in; the others are locked.
        public var isFillIn: Bool { rawValue >= Column.progress.rawValue }
        /// Header texts accepted for the column (a CSV a unit typed itself may say 申请办结（是/否）).
        func matches(_ text: String) -> Bool {
            let t = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
            return t == header || t.hasPrefix(header + "（") || t.hasPrefix(header + "(")
        }
    }

    /// What identifies a workbook: the tracker, the unit and the period it was made for.
    public struct Identity: Hashable, Sendable {
        public var tracker: String
        public var office: String
        public var unit: String
        public var period: ReportPeriod
        public init(tracker: String, office: String, unit: String, period: ReportPeriod) {
            self.tracker = tracker
            self.office = office
            self.unit = unit
            self.period = period
        }
        /// The hidden identity sheet's rows (key, value).
        public var rows: [(String, String)] {
            [("duban", "1"), ("tracker", tracker), ("office", office), ("unit", unit), ("period", period.description)]
        }
        /// Reads the identity sheet's rows back; nil when a key is missing or wrong.
        public init?(rows: [[String]]) {
            var v: [String: String] = [:]
            for r in rows where r.count >= 2 { v[r[0].trimmingCharacters(in: .whitespaces)] = r[1].trimmingCharacters(in: .whitespaces) }
            guard v["duban"] == "1", let t = v["tracker"], !t.isEmpty, let u = v["unit"], !u.isEmpty,
                  let p = v["period"].flatMap(ReportPeriod.init) else { return nil }
            self.init(tracker: t, office: v["office"] ?? "", unit: u, period: p)
        }
    }

    /// One row of a unit's template: a task where it has a part that is not closed or suspended.
    public struct TemplateRow: Hashable, Sendable {
        public var task: Int
        public var title: String
        public var role: Role
        /// Open milestones with their due dates, one a line ("6月底前完成方案 2027-06-30").
        public var milestones: String
        /// The unit's last report on the task: date and 进展情况.
        public var lastReport: String

        public func cells() -> [String] {
            [String(task), title, role == .lead ? "牵头" : "协同", milestones, lastReport, "", "", "", ""]
        }
    }

    public static func templateRows(_ plan: Plan, unit: String) -> [TemplateRow] {
        plan.tasks.compactMap { t in
            guard let a = t.assignments.first(where: { $0.unit == unit }),
                  a.flow.state != .closed, a.flow.state != .suspended else { return nil }
            let ms = t.milestones.filter { !$0.isDone }.map { m in m.title + (m.due.map { " \($0)" } ?? "") }.joined(separator: "\n")
            let last = t.progress.filter { $0.unit == unit }.max { ($0.date, $0.id) < ($1.date, $1.id) }
            return TemplateRow(task: t.number, title: t.title, role: a.role, milestones: ms,
                               lastReport: last.map { "\($0.date) \($0.progress)" } ?? "")
        }
    }

    /// A problem in a returned file: its sheet row (or CSV line) and column, in words.
    public struct Problem: Hashable, Sendable {
        public var line: Int
        public var column: String?
        public var message: Localized
        public init(line: Int, column: String?, message: Localized) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// What collecting a file adds.
    public struct Collected: Sendable {
        public var edits: [Edit] = []
        /// One line per report or step to add.
        public var lines: [Localized] = []
        /// Rows already in the tracker (same unit, task, date and text): left out.
        public var duplicates = 0
        public var problems: [Problem] = []
        public var reports = 0
        public var closeRequests = 0
    }

    /// Reads the filled rows of a returned sheet (`records`: its rows, the header first) for
    /// `unit` and `period`, against `plan`; `today` dates the closure requests. Reports are
    /// dated the period's last day, so they count for that month wherever a report is judged.
    public static func collect(records: [(line: Int, cells: [String])], unit: String, period: ReportPeriod,
                               plan: Plan, today: Day) -> Collected {
        var out = Collected()
        guard let header = records.first(where: { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }) else {
            out.problems.append(Problem(line: 1, column: nil, message: ReportRoundText.noHeader))
            return out
        }
        var index: [Column: Int] = [:]
        for (i, h) in header.cells.enumerated() {
            if let c = Column.allCases.first(where: { $0.matches(h) }), index[c] == nil { index[c] = i }
        }
        for c in [Column.task, .progress, .problems, .next, .close] where index[c] == nil {
            out.problems.append(Problem(line: header.line, column: c.header, message: ReportRoundText.missingColumn(c.header)))
        }
        if !out.problems.isEmpty { return out }
        func cell(_ r: [String], _ c: Column) -> String {
            guard let i = index[c], i < r.count else { return "" }
            return r[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var seen: [Int: Int] = [:]
        for rec in records where rec.line > header.line {
            let r = rec.cells
            let progress = cell(r, .progress), problems = cell(r, .problems), next = cell(r, .next), close = cell(r, .close)
            let taskText = cell(r, .task)
            let wantsClose: Bool
            switch close.lowercased() {
            case "", "否", "n", "no", "0": wantsClose = false
            case "是", "y", "yes", "1": wantsClose = true
            default:
                out.problems.append(Problem(line: rec.line, column: Column.close.header, message: ReportRoundText.yesNo(close)))
                continue
            }
            let filled = !progress.isEmpty || !problems.isEmpty || !next.isEmpty || wantsClose
            guard filled else { continue }
            guard let number = Int(taskText) else {
                out.problems.append(Problem(line: rec.line, column: Column.task.header, message: ReportRoundText.badTask(taskText)))
                continue
            }
            if let before = seen[number] {
                out.problems.append(Problem(line: rec.line, column: Column.task.header, message: ReportRoundText.twice(number, before)))
                continue
            }
            seen[number] = rec.line
            guard let t = plan.task(number: number) else {
                out.problems.append(Problem(line: rec.line, column: Column.task.header, message: ReportRoundText.unknownTask(number)))
                continue
            }
            guard let a = t.assignments.first(where: { $0.unit == unit }) else {
                out.problems.append(Problem(line: rec.line, column: Column.task.header, message: ReportRoundText.noRole(number, unit)))
                continue
            }
            if progress.isEmpty {
                out.problems.append(Problem(line: rec.line, column: Column.progress.header, message: ReportRoundText.progressRequired))
                continue
            }
            if wantsClose && a.role != .lead {
                out.problems.append(Problem(line: rec.line, column: Column.close.header, message: ReportRoundText.closeNotLead(number)))
                continue
            }
            if let e = [(progress, Column.progress), (problems, .problems), (next, .next)].first(where: { $0.0.count > Limits.reportField }) {
                out.problems.append(Problem(line: rec.line, column: e.1.header, message: ReportRoundText.tooLong(Limits.reportField)))
                continue
            }
            let report = ProgressReport(date: period.last, unit: unit, progress: progress, problems: problems, next: next)
            let dup = t.progress.contains { $0.unit == unit && $0.date == report.date && $0.progress == progress
                && $0.problems == problems && $0.next == next }
            if dup {
                out.duplicates += 1
            } else {
                out.edits.append(.addProgress(task: number, report: report))
                out.lines.append(ReportRoundText.willReport(number, progress))
                out.reports += 1
            }
            if wantsClose {
                switch a.flow.state {
                case .assigned:
                    out.edits.append(.flowStep(task: number, unit: unit, step: .sign, day: today, expect: .value(a.flow)))
                    out.edits.append(.flowStep(task: number, unit: unit, step: .requestClose, day: today,
                                               reason: ReportRoundText.closeNote(period)))
                    out.lines.append(ReportRoundText.willSignAndClose(number))
                    out.closeRequests += 1
                case .signed:
                    out.edits.append(.flowStep(task: number, unit: unit, step: .requestClose, day: today,
                                               reason: ReportRoundText.closeNote(period), expect: .value(a.flow)))
                    out.lines.append(ReportRoundText.willClose(number))
                    out.closeRequests += 1
                case .closing, .closed:
                    if !dup { out.lines.append(ReportRoundText.alreadyClosing(number)) }
                case .suspended:
                    out.problems.append(Problem(line: rec.line, column: Column.close.header, message: ReportRoundText.suspended(number)))
                }
            }
        }
        return out
    }

    /// Who has not reported for a period (缺报) and who reported late (迟报).
    public struct Missing: Hashable, Sendable {
        public struct Unreported: Hashable, Sendable {
            public var unit: String
            public var tasks: [Int]
        }
        public struct Late: Hashable, Sendable {
            public var unit: String
            public var received: Day
        }
        public var period: ReportPeriod
        public var deadline: Day
        public var unreported: [Unreported] = []
        public var late: [Late] = []
    }

    /// Lead units of the plan's tasks (parts not closed or suspended) without a report dated
    /// in `period` on some of their tasks (缺报), and units whose report for the period was
    /// collected after the deadline (迟报; `received` from the settings).
    public static func missing(_ plan: Plan, period: ReportPeriod, deadlineDay: Int, received: [String: Day]) -> Missing {
        var m = Missing(period: period, deadline: period.deadline(day: deadlineDay))
        var owed: [String: [Int]] = [:]
        var order: [String] = []
        for t in plan.tasks {
            for a in t.assignments where a.role == .lead && a.flow.state != .closed && a.flow.state != .suspended {
                if owed[a.unit] == nil { order.append(a.unit); owed[a.unit] = [] }
                if !t.progress.contains(where: { $0.unit == a.unit && period.contains($0.date) }) {
                    owed[a.unit]!.append(t.number)
                }
            }
        }
        for u in order where !(owed[u] ?? []).isEmpty { m.unreported.append(.init(unit: u, tasks: owed[u]!)) }
        for u in order.sorted() { if let d = received[u], d > m.deadline { m.late.append(.init(unit: u, received: d)) } }
        return m
    }
}

extension ReportRound {
    /// The records of a CSV (or, when its first line has tabs and no commas, TSV) text: each
    /// record's first line and its fields.
    public static func delimitedRecords(_ text: String) throws -> [(line: Int, cells: [String])] {
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: UInt8 = firstLine.contains("\t") && !firstLine.contains(",") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        var out: [(line: Int, cells: [String])] = []
        if let failure = DelimitedReader.forEachRecord(text, delimiter: delimiter, { rec in
            out.append((rec.recordLine, rec.cellTexts))
            return nil
        }) { throw failure }
        return out
    }
}
