import Foundation

/// The joint meeting (联席会议): its pack (what changed since a day, who has not reported,
/// what the last meeting decided) and the record of its decisions.
public enum Meeting {
    // MARK: Records of meetings (stored as one versioned JSON setting)

    public static let settingKey = "meetings"

    public struct Decision: Hashable, Sendable, Codable {
        public var text: String
        /// The task the decision concerns or created.
        public var task: Int?
        /// The milestone the decision added, by title and due day.
        public var milestone: String?
        public var due: Day?
        public init(text: String, task: Int? = nil, milestone: String? = nil, due: Day? = nil) {
            self.text = text; self.task = task; self.milestone = milestone; self.due = due
        }
    }

    public struct Record: Hashable, Sendable, Codable {
        public var date: Day
        public var decisions: [Decision]
        public init(date: Day, decisions: [Decision]) { self.date = date; self.decisions = decisions }
    }

    private struct Stored: Codable { var v: Int; var meetings: [Record] }

    /// Reads the stored meetings (nil or empty: none); a newer or damaged value is refused.
    public static func decode(_ json: String?) throws(DomainError) -> [Record] {
        guard let json, !json.isEmpty else { return [] }
        guard let s = try? JSONDecoder().decode(Stored.self, from: Data(json.utf8)), s.v <= 1 else {
            throw .unchanged("The stored meeting records cannot be read (damaged or from a newer duban).")
        }
        return s.meetings
    }

    public static func encode(_ records: [Record]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(Stored(v: 1, meetings: records))) ?? Data(), as: UTF8.self)
    }

    /// Adds `decision` to the meeting of `date` (created if new), kept in date order.
    public static func adding(_ decision: Decision, on date: Day, to records: [Record]) -> [Record] {
        var out = records
        if let i = out.firstIndex(where: { $0.date == date }) {
            out[i].decisions.append(decision)
        } else {
            out.append(Record(date: date, decisions: [decision]))
        }
        return out.sorted { $0.date < $1.date }
    }

    // MARK: Missing reports (缺报)

    /// Lead units without a progress report for the last reporting period (the month before
    /// `today`'s), as the office's queue computes them (反馈逾期).
    public static func missingReports(_ plan: Plan, today: Day, settings: SupervisionSettings) -> [OfficeQueue.LateReport] {
        OfficeQueue.build(plan, today: today, settings: settings).lateReport
    }

    // MARK: Lights as of a past day

    /// A task's light as of `day`: a milestone counts as done when it was completed on or
    /// before that day (a done milestone without a completion day counts as done); dues are
    /// today's (an approved extension is taken as always granted).
    public static func status(of task: Task, asOf day: Day, warningDays: Int) -> TaskStatus {
        var t = task
        for i in t.milestones.indices where t.milestones[i].isDone {
            if let c = t.milestones[i].completed, c > day { t.milestones[i].isDone = false }
        }
        return Supervision.status(of: t, today: day, warningDays: warningDays)
    }

    public struct MonthLights: Hashable, Sendable {
        /// "2027-03"
        public var month: String
        public var red: Int, yellow: Int, green: Int
    }

    /// Tasks by light at each month end over the last `months` months (the current month as
    /// of `today`): red overdue, yellow due soon, green on track or done; tasks without
    /// milestones are left out.
    public static func lightsPerMonth(_ plan: Plan, today: Day, warningDays: Int, months: Int = 12) -> [MonthLights] {
        var out: [MonthLights] = []
        for back in stride(from: months - 1, through: 0, by: -1) {
            var y = today.year, m = today.month - back
            while m < 1 { m += 12; y -= 1 }
            let end = back == 0 ? today : Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!
            var row = MonthLights(month: String(format: "%04d-%02d", y, m), red: 0, yellow: 0, green: 0)
            for t in plan.tasks {
                switch status(of: t, asOf: end, warningDays: warningDays) {
                case .overdue: row.red += 1
                case .dueSoon: row.yellow += 1
                case .onTrack, .done: row.green += 1
                case .noMilestones: break
                }
            }
            out.append(row)
        }
        return out
    }

    public struct OnTime: Hashable, Sendable {
        public var unit: Unit
        /// Milestones of tasks the unit leads that fell due by today.
        public var due: Int
        /// Of those, completed on or before their due day.
        public var onTime: Int
        public var rate: Double { due == 0 ? 0 : Double(onTime) / Double(due) }
    }

    /// Each lead unit's on-time rate (按期完成率), units with nothing due left out, in column order.
    public static func onTimeRates(_ plan: Plan, today: Day) -> [OnTime] {
        var out: [OnTime] = []
        for u in plan.units {
            var due = 0, ok = 0
            for t in plan.tasks where t.role(of: u.name) == .lead {
                for m in t.milestones {
                    guard let d = m.due, d <= today else { continue }
                    due += 1
                    if m.isDone, (m.completed ?? d) <= d { ok += 1 }
                }
            }
            if due > 0 { out.append(OnTime(unit: u, due: due, onTime: ok)) }
        }
        return out
    }

    // MARK: The pack

    public struct Pack: Sendable {
        public var title: String
        public var today: Day
        public var since: Day
        /// Open milestones that turned overdue since `since`.
        public var newRed: [[String]] = []
        /// Parts closed (销号) since `since`.
        public var closed: [[String]] = []
        /// Extensions approved or rejected since `since`.
        public var extensions: [[String]] = []
        /// Tasks whose light differs between `since` and today.
        public var lightChanges: [[String]] = []
        public var missing: [[String]] = []
        public var lastMeeting: Record?
        public var lights: [MonthLights] = []
        public var onTime: [OnTime] = []
    }

    public static func pack(plan: Plan, today: Day, since: Day, settings: SupervisionSettings,
                            changes: [AuditRecord], meetings: [Record]) -> Pack {
        let w = settings.warningDays
        var p = Pack(title: "\(plan.office.name)联席会议材料", today: today, since: since)
        func title(_ n: Int) -> String { plan.tasks.first { $0.number == n }?.title ?? "" }
        for t in plan.tasks {
            for m in t.milestones where !m.isDone {
                if let d = m.due, d >= since, d < today {
                    p.newRed.append([String(t.number), t.title, m.title, d.description, String(d.days(until: today))])
                }
            }
            let before = status(of: t, asOf: since, warningDays: w)
            let now = Supervision.status(of: t, today: today, warningDays: w)
            if before != now {
                p.lightChanges.append([String(t.number), t.title, Reports.statusName(before), Reports.statusName(now)])
            }
        }
        // By the day each step records (the office's day, which a pinned "today" also sets).
        for r in changes.sorted(by: { $0.id < $1.id }) {
            guard case let .edit(e)? = r.change else { continue }
            switch e {
            case let .flowStep(task, unit, step, day, _, _) where step == .close && day >= since && day <= today:
                p.closed.append([String(task), title(task), unit, day.description])
            case let .decideExtension(task, id, approve, reason, day) where day >= since && day <= today:
                let m = plan.tasks.first { $0.number == task }?.milestones.first { $0.id == id }
                p.extensions.append([String(task), title(task), m?.title ?? "#\(id)", approve ? "批准" : "不予批准",
                                     approve ? (m?.due?.description ?? "") : (reason ?? ""), day.description])
            default: break
            }
        }
        p.missing = missingReports(plan, today: today, settings: settings).map {
            [$0.unit, String($0.task), title($0.task), $0.period, $0.lastReport?.description ?? "从未报送"]
        }
        p.lastMeeting = meetings.filter { $0.date <= today }.max { $0.date < $1.date }
        p.lights = lightsPerMonth(plan, today: today, warningDays: w)
        p.onTime = onTimeRates(plan, today: today)
        return p
    }

    typealias Section = (name: String, header: [String], rows: [[String]])

    static func sections(_ p: Pack) -> [Section] {
        let s = Reports.chineseDate(p.since)
        let decisions = (p.lastMeeting?.decisions ?? []).map { d in
            [d.text, d.task.map { "第\($0)项" } ?? "", d.milestone ?? "", d.due?.description ?? ""]
        }
        return [
            ("一、\(s)以来新增红灯（逾期）节点", ["序号", "任务", "节点", "应完成", "逾期天数"], p.newRed),
            ("二、\(s)以来办结销号", ["序号", "任务", "单位", "销号日期"], p.closed),
            ("三、\(s)以来延期申请审批", ["序号", "任务", "节点", "结果", "新时限/理由", "日期"], p.extensions),
            ("四、\(s)以来红黄绿灯变化", ["序号", "任务", "原状态", "现状态"], p.lightChanges),
            ("五、未按期报送进展的单位（缺报）", ["单位", "序号", "任务", "报送期", "上次报送"], p.missing),
            ("六、上次会议" + (p.lastMeeting.map { "（\(Reports.chineseDate($0.date))）" } ?? "") + "议定事项",
             ["议定事项", "任务", "节点", "时限"], decisions),
        ]
    }

    /// One table of the pack for a spreadsheet: a short sheet name (Excel allows 31 characters and no
    /// `[]:*?/\\`), the section's full title, the header and the rows.
    public struct Table: Sendable {
        public var sheet: String
        public var title: String
        public var header: [String]
        public var rows: [[String]]
    }

    /// The pack as tables, in the order of the md/html pack: the six sections, then the two charts'
    /// data (lights per month, each lead unit's on-time rate) as tables.
    public static func tables(_ p: Pack) -> [Table] {
        let sheets = ["新增红灯", "办结销号", "延期审批", "红黄绿灯变化", "缺报单位", "上次会议议定事项"]
        var out = zip(sheets, sections(p)).map { Table(sheet: $0.0, title: $0.1.name, header: $0.1.header, rows: $0.1.rows) }
        out.append(Table(sheet: "各月红黄绿灯", title: "七、各月红黄绿灯任务数", header: ["月份", "红灯", "黄灯", "绿灯"],
                         rows: p.lights.map { [$0.month, String($0.red), String($0.yellow), String($0.green)] }))
        out.append(Table(sheet: "按期完成率", title: "八、各牵头单位节点按期完成率", header: ["单位", "到期节点", "按期完成", "按期完成率"],
                         rows: p.onTime.map { [$0.unit.name, String($0.due), String($0.onTime), "\(Int(($0.rate * 100).rounded()))%"] }))
        return out
    }

    public static func markdown(_ p: Pack) -> String {
        var s = "# \(Exporter.mdEscape(p.title))\n\n截至\(Reports.chineseDate(p.today))\n"
        for (name, header, rows) in sections(p) {
            s += "\n## \(name)\n\n"
            if rows.isEmpty { s += "（无）\n"; continue }
            s += "| " + header.map(Exporter.mdEscape).joined(separator: " | ") + " |\n"
            s += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
            for r in rows { s += "| " + r.map(Exporter.mdEscape).joined(separator: " | ") + " |\n" }
        }
        s += "\n## 七、各月红黄绿灯任务数\n\n| 月份 | 红灯 | 黄灯 | 绿灯 |\n|---|---|---|---|\n"
        for m in p.lights { s += "| \(m.month) | \(m.red) | \(m.yellow) | \(m.green) |\n" }
        s += "\n## 八、各牵头单位节点按期完成率\n\n"
        if p.onTime.isEmpty { s += "（无到期节点）\n" } else {
            s += "| 单位 | 到期节点 | 按期完成 | 按期完成率 |\n|---|---|---|---|\n"
            for o in p.onTime {
                s += "| \(Exporter.mdEscape(o.unit.name)) | \(o.due) | \(o.onTime) | \(Int((o.rate * 100).rounded()))% |\n"
            }
        }
        return s
    }

    // MARK: Charts (inline SVG, no script, no external resource)

    /// Text for SVG/XML: on one line, escaped (no `<br>`, which is not XML).
    static func xml(_ s: String) -> String { Reports.html(Reports.oneLine(s)) }

    /// Chart width in px (at 96 dpi 680 px ≈ 180 mm, the A4 text width with 15 mm margins).
    public static let chartWidth = 680

    /// Stacked bars per month: red at the bottom, then yellow, then green; the tallest month
    /// fills the plot height, each segment's height proportional to its count.
    public static func lightsChart(_ months: [MonthLights]) -> String {
        let w = chartWidth, h = 260, left = 40, top = 30, plotH = 180, bottom = top + plotH
        let maxTotal = max(1, months.map { $0.red + $0.yellow + $0.green }.max() ?? 1)
        let slot = Double(w - left - 10) / Double(max(1, months.count))
        let barW = slot * 0.6
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"各月红黄绿灯任务数\">"
        s += "<title>各月红黄绿灯任务数</title>"
        s += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(w - 10)\" y2=\"\(bottom)\" stroke=\"#333\"/>"
        s += "<text x=\"\(left - 6)\" y=\"\(bottom + 4)\" font-size=\"11\" text-anchor=\"end\">0</text>"
        s += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" font-size=\"11\" text-anchor=\"end\">\(maxTotal)</text>"
        for (i, m) in months.enumerated() {
            let x = Double(left) + slot * Double(i) + (slot - barW) / 2
            var y = Double(bottom)
            for (n, colour, cls) in [(m.red, "#c62828", "red"), (m.yellow, "#f9a825", "yellow"), (m.green, "#2e7d32", "green")] where n > 0 {
                let bh = Double(plotH) * Double(n) / Double(maxTotal)
                y -= bh
                s += "<rect class=\"\(cls)\" data-count=\"\(n)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(barW))\" height=\"\(f(bh))\" fill=\"\(colour)\"/>"
            }
            s += "<text x=\"\(f(x + barW / 2))\" y=\"\(bottom + 16)\" font-size=\"10\" text-anchor=\"middle\">\(xml(m.month))</text>"
        }
        // Legend
        for (i, (name, colour)) in [("红灯（逾期）", "#c62828"), ("黄灯（临期）", "#f9a825"), ("绿灯（正常/完成）", "#2e7d32")].enumerated() {
            let x = left + i * 160
            s += "<rect x=\"\(x)\" y=\"\(h - 22)\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
            s += "<text x=\"\(x + 18)\" y=\"\(h - 12)\" font-size=\"12\">\(name)</text>"
        }
        return s + "</svg>"
    }

    /// One horizontal bar per unit, length proportional to its on-time rate (100% = full width).
    public static func onTimeChart(_ rows: [OnTime]) -> String {
        let w = chartWidth, labelW = 200, rowH = 22, top = 10, barMax = w - labelW - 60
        let h = top + rowH * max(1, rows.count) + 10
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"各单位按期完成率\">"
        s += "<title>各单位按期完成率</title>"
        for (i, o) in rows.enumerated() {
            let y = top + i * rowH
            let len = Double(barMax) * o.rate
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\">\(xml(TextWidth.truncate(o.unit.name, to: 28)))</text>"
            s += "<rect class=\"rate\" x=\"\(labelW)\" y=\"\(y + 3)\" width=\"\(f(len))\" height=\"\(rowH - 6)\" fill=\"\(o.rate >= 0.8 ? "#2e7d32" : o.rate >= 0.5 ? "#f9a825" : "#c62828")\"/>"
            s += "<text x=\"\(f(Double(labelW) + len + 4))\" y=\"\(y + 15)\" font-size=\"11\">\(Int((o.rate * 100).rounded()))%（\(o.onTime)/\(o.due)）</text>"
        }
        return s + "</svg>"
    }

    static func f(_ d: Double) -> String { String(format: "%.1f", d) }

    public static func html(_ p: Pack) -> String {
        let h = Reports.html
        var s = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(h(p.title))</title>
        <style>
        @page { size: A4; margin: 15mm }
        body{font-family:"Noto Sans CJK SC","Noto Serif CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",SimSun,sans-serif;margin:0;color:#000;font-size:10.5pt}
        h1{font-size:18pt;text-align:center}
        h2{font-size:13pt;margin-top:1.2em;page-break-after:avoid;break-after:avoid}
        table{border-collapse:collapse;width:100%;max-width:180mm;margin-bottom:1em}
        @media screen{body{margin:15mm;max-width:180mm}}
        th,td{border:1px solid #444;padding:2px 5px;vertical-align:top;text-align:left;overflow-wrap:break-word}
        th{background:#eee}
        tr{page-break-inside:avoid;break-inside:avoid}
        thead{display:table-header-group}
        figure{margin:0 0 1em 0;page-break-inside:avoid;break-inside:avoid}
        svg.chart{display:block;max-width:180mm;width:100%;height:auto}
        </style></head><body>
        <h1>\(h(p.title))</h1><p style="text-align:center">截至\(h(Reports.chineseDate(p.today)))</p>

        """
        for (name, header, rows) in sections(p) {
            s += "<h2>\(h(name))</h2>\n"
            if rows.isEmpty { s += "<p>（无）</p>\n"; continue }
            s += "<table><thead><tr>" + header.map { "<th>\(h($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for r in rows { s += "<tr>" + r.map { "<td>\(h($0))</td>" }.joined() + "</tr>\n" }
            s += "</tbody></table>\n"
        }
        s += "<h2>七、各月红黄绿灯任务数</h2>\n<figure>\(lightsChart(p.lights))</figure>\n"
        s += "<h2>八、各牵头单位节点按期完成率</h2>\n"
        s += p.onTime.isEmpty ? "<p>（无到期节点）</p>\n" : "<figure>\(onTimeChart(p.onTime))</figure>\n"
        return s + "</body></html>\n"
    }
}
