// The office's queue (待办): closure requests to review, extension requests to decide, units
// late to sign (签收逾期) and lead units late to report (反馈逾期).

public struct OfficeQueue: Hashable, Sendable {
    public struct Closure: Hashable, Sendable {
        public var task: Int
        public var unit: String
        public var since: Day?
        public var note: String?
    }

    public struct ExtensionItem: Hashable, Sendable {
        public var task: Int
        public var milestone: Milestone
        public var request: ExtensionRequest
    }

    public struct LateSign: Hashable, Sendable {
        public var task: Int
        public var unit: String
        /// The day the part was handed over (its state's day, else the tracking start).
        public var assigned: Day
        /// Days past the signing window.
        public var daysLate: Int
    }

    public struct LateReport: Hashable, Sendable {
        public var task: Int
        public var unit: String
        /// The month without a report, "2027-03".
        public var period: String
        /// The unit's last report on the task, if any.
        public var lastReport: Day?
    }

    public var closures: [Closure] = []
    public var extensions: [ExtensionItem] = []
    public var lateSign: [LateSign] = []
    public var lateReport: [LateReport] = []

    public var isEmpty: Bool { closures.isEmpty && extensions.isEmpty && lateSign.isEmpty && lateReport.isEmpty }

    /// The reporting period before `today`'s (monthly): its first and last day and its name.
    public static func previousMonth(_ today: Day) -> (first: Day, last: Day, name: String) {
        let (first, last) = previousMonthDays(today)
        return (first, last, String(first.description.prefix(7)))
    }

    /// The first and last day of the reporting period before `today`'s, without its name.
    public static func previousMonthDays(_ today: Day) -> (first: Day, last: Day) {
        let y = today.month == 1 ? today.year - 1 : today.year
        let m = today.month == 1 ? 12 : today.month - 1
        return (Day(year: y, month: m, day: 1)!, Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!)
    }

    /// The queue as of `today`. A part assigned with no recorded day counts from
    /// `settings.periodStart` (and is not judged when there is none). A lead unit owes one
    /// report per calendar month: it is late for last month when it has none dated in it,
    /// unless its part was handed over after that month began, or is closed or suspended.
    public static func build(_ plan: Plan, today: Day, settings: SupervisionSettings) -> OfficeQueue {
        var q = OfficeQueue()
        let month = previousMonth(today)
        for t in plan.tasks {
            for a in t.assignments {
                switch a.flow.state {
                case .closing:
                    q.closures.append(Closure(task: t.number, unit: a.unit, since: a.flow.since, note: a.flow.reason))
                case .assigned:
                    if let late = Supervision.daysLateToSign(a, today: today, settings: settings),
                       let from = a.flow.since ?? settings.periodStart {
                        q.lateSign.append(LateSign(task: t.number, unit: a.unit, assigned: from, daysLate: late))
                    }
                default: break
                }
                if Supervision.isLateToReport(a, of: t, today: today, settings: settings) {
                    q.lateReport.append(LateReport(task: t.number, unit: a.unit, period: month.name,
                                                   lastReport: t.progress.filter { $0.unit == a.unit }.map(\.date).max()))
                }
            }
            for m in t.milestones {
                if let r = m.extensionRequest, r.isPending { q.extensions.append(ExtensionItem(task: t.number, milestone: m, request: r)) }
            }
        }
        return q
    }

    /// The queue as text, in Chinese with the English words in brackets.
    public func text(chinese: Bool) -> String {
        var s = ""
        func section(_ zh: String, _ en: String, _ lines: [String]) {
            s += chinese ? "\(zh)（\(lines.count)）\n" : "\(en) (\(lines.count))\n"
            if lines.isEmpty { s += chinese ? "  （无）\n" : "  (none)\n" }
            for l in lines { s += "  " + l + "\n" }
        }
        section("申请办结待审核", "Closure requests", closures.map { c in
            (chinese ? "任务\(c.task) \(c.unit)" : "task \(c.task) \(c.unit)") + (c.since.map { " \($0)" } ?? "")
                + (c.note.map { (chinese ? "：" : ": ") + $0 } ?? "")
        })
        section("延期申请待审批", "Extension requests", extensions.map { e in
            chinese ? "任务\(e.task) 节点#\(e.milestone.id) \(e.milestone.title)：\(e.request.unit) 申请由 \(e.request.from) 延至 \(e.request.to)（\(e.request.reason)）"
                : "task \(e.task) milestone #\(e.milestone.id) \(e.milestone.title): \(e.request.unit) asks to move \(e.request.from) to \(e.request.to) (\(e.request.reason))"
        })
        section("签收逾期", "Late to sign", lateSign.map { l in
            chinese ? "任务\(l.task) \(l.unit)：\(l.assigned) 交办，逾期 \(l.daysLate) 天未签收"
                : "task \(l.task) \(l.unit): assigned \(l.assigned), \(l.daysLate) days late"
        })
        section("反馈逾期", "Late to report", lateReport.map { l in
            chinese ? "任务\(l.task) \(l.unit)：\(l.period) 未报送进展" + (l.lastReport.map { "（上次 \($0)）" } ?? "（从未报送）")
                : "task \(l.task) \(l.unit): no report for \(l.period)" + (l.lastReport.map { " (last \($0))" } ?? " (never)")
        })
        return s
    }

    /// The queue as JSON.
    public var json: String {
        let q = Exporter.q
        func day(_ d: Day?) -> String { d.map { q($0.description) } ?? "null" }
        var s = "{\n  \"closures\": ["
        s += closures.map { "{\"task\": \($0.task), \"unit\": \(q($0.unit)), \"since\": \(day($0.since)), \"note\": \($0.note.map(q) ?? "null")}" }
            .joined(separator: ", ")
        s += "],\n  \"extensions\": ["
        s += extensions.map { "{\"task\": \($0.task), \"milestone\": \($0.milestone.id), \"title\": \(q($0.milestone.title)), "
            + "\"due\": \(day($0.milestone.due)), \"request\": \(Exporter.extensionJSON($0.request))}" }.joined(separator: ", ")
        s += "],\n  \"late_sign\": ["
        s += lateSign.map { "{\"task\": \($0.task), \"unit\": \(q($0.unit)), \"assigned\": \(day($0.assigned)), \"days_late\": \($0.daysLate)}" }
            .joined(separator: ", ")
        s += "],\n  \"late_report\": ["
        s += lateReport.map { "{\"task\": \($0.task), \"unit\": \(q($0.unit)), \"period\": \(q($0.period)), \"last_report\": \(day($0.lastReport))}" }
            .joined(separator: ", ")
        s += "]\n}\n"
        return s
    }
}

/// A unit's inbox (待办): parts to sign, lead parts owing last month's report, and closure
/// requests the office sent back (退回, with the reason).
public struct UnitInbox: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var task: Int
        public var title: String
        public var since: Day?
        /// The return's reason, for a returned part.
        public var reason: String?
    }

    public var unit: String
    public var toSign: [Item] = []
    public var toReport: [Item] = []
    public var returned: [Item] = []

    public static func build(_ plan: Plan, unit: String, today: Day, settings: SupervisionSettings) -> UnitInbox {
        var box = UnitInbox(unit: unit)
        let late = Set(OfficeQueue.build(plan, today: today, settings: settings).lateReport.filter { $0.unit == unit }.map(\.task))
        for t in plan.tasks {
            guard let a = t.assignments.first(where: { $0.unit == unit }) else { continue }
            let item = Item(task: t.number, title: t.title, since: a.flow.since, reason: a.flow.reason)
            if a.flow.state == .assigned { box.toSign.append(item) }
            // A return leaves the part signed with the office's reason (a sign leaves none).
            if a.flow.state == .signed, a.flow.reason != nil { box.returned.append(item) }
            if late.contains(t.number) { box.toReport.append(item) }
        }
        return box
    }

    public func text(chinese: Bool) -> String {
        var s = chinese ? "\(unit) 待办\n" : "\(unit): to do\n"
        func section(_ zh: String, _ en: String, _ items: [Item], _ line: (Item) -> String) {
            s += chinese ? "\(zh)（\(items.count)）\n" : "\(en) (\(items.count))\n"
            if items.isEmpty { s += chinese ? "  （无）\n" : "  (none)\n" }
            for i in items { s += "  " + line(i) + "\n" }
        }
        section("待签收", "To sign", toSign) { i in (chinese ? "任务\(i.task) " : "task \(i.task) ") + i.title }
        section("待报送进展", "To report", toReport) { i in (chinese ? "任务\(i.task) " : "task \(i.task) ") + i.title }
        section("被退回", "Returned", returned) { i in
            (chinese ? "任务\(i.task) \(i.title)：\(i.reason ?? "")" : "task \(i.task) \(i.title): \(i.reason ?? "")")
                + (i.since.map { " (\($0))" } ?? "")
        }
        return s
    }
}
