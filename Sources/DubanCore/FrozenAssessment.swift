import Foundation

/// Published assessments (考核结果公布): a period's ranking frozen once, with its rules and
/// each unit's deductions and manual adjustments, so later corrections do not change it.
public enum Assessment {
    /// An assessment period: a year (2027), a quarter (2027Q1) or a month (2027-03).
    public struct Period: Hashable, Sendable, CustomStringConvertible {
        public var name: String
        public var first: Day
        public var last: Day
        public var description: String { name }

        public init(_ text: String) throws(DomainError) {
            let t = text.trimmingCharacters(in: .whitespaces).uppercased()
            let bad = DomainError.unchanged("\"\(text)\" is not an assessment period like 2027, 2027Q1 or 2027-03.")
            func year(_ s: Substring) throws(DomainError) -> Int {
                guard s.count == 4, let y = Int(s), y >= 1900, y <= 9999 else { throw bad }
                return y
            }
            if t.count == 4 {
                let y = try year(t[...])
                self.init(name: t, first: Day(year: y, month: 1, day: 1)!, last: Day(year: y, month: 12, day: 31)!)
            } else if t.count == 6, t.dropFirst(4).first == "Q", let q = Int(t.suffix(1)), (1...4).contains(q) {
                let y = try year(t.prefix(4))
                let m = q * 3
                self.init(name: t, first: Day(year: y, month: m - 2, day: 1)!,
                          last: Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!)
            } else if t.count == 7, t.dropFirst(4).first == "-", let m = Int(t.suffix(2)), (1...12).contains(m) {
                let y = try year(t.prefix(4))
                self.init(name: t, first: Day(year: y, month: m, day: 1)!,
                          last: Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!)
            } else {
                throw bad
            }
        }

        init(name: String, first: Day, last: Day) { self.name = name; self.first = first; self.last = last }

        /// The setting key of the frozen result.
        public var frozenKey: String { "assessment_frozen_\(name)" }
    }

    public static let adjustmentsKey = "assessment_adjustments"

    /// A manual adjustment (加减分) of a unit's score for a period, with its reason.
    public struct Adjustment: Hashable, Sendable, Codable {
        public var period: String
        public var unit: String
        public var points: Int
        public var reason: String
        public var date: Day
        public init(period: String, unit: String, points: Int, reason: String, date: Day) {
            self.period = period; self.unit = unit; self.points = points; self.reason = reason; self.date = date
        }
    }

    /// One unit's frozen line: the score, rank and every rule's deduction.
    public struct Line: Hashable, Sendable, Codable {
        public var unit: String
        public var abbr: String
        public var score: Int
        public var rank: Int
        /// Rule name (overdue_milestones, silent_task_months, late_sign, notices, red_cards) → points taken off.
        public var deductions: [String: Int]
        /// Rule name → the count it was computed from.
        public var counts: [String: Int]
        public var adjustments: [Adjustment]
    }

    public struct Frozen: Hashable, Sendable, Codable {
        public var v: Int = 1
        public var period: String
        /// The day the scores were computed as of (the period's last day).
        public var asOf: Day
        public var frozenOn: Day
        public var rulesZh: String
        public var rulesEn: String
        public var lines: [Line]
    }

    /// Reads a stored adjustment list (nil: none).
    public static func decodeAdjustments(_ json: String?) throws(DomainError) -> [Adjustment] {
        guard let json, !json.isEmpty else { return [] }
        guard let a = try? JSONDecoder().decode([Adjustment].self, from: Data(json.utf8)) else {
            throw .unchanged("The stored assessment adjustments cannot be read.")
        }
        return a
    }

    public static func encode<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(value)) ?? Data(), as: UTF8.self)
    }

    public static func decodeFrozen(_ json: String?) throws(DomainError) -> Frozen? {
        guard let json, !json.isEmpty else { return nil }
        guard let f = try? JSONDecoder().decode(Frozen.self, from: Data(json.utf8)), f.v <= 1 else {
            throw .unchanged("The frozen assessment cannot be read (damaged or from a newer duban).")
        }
        return f
    }

    /// The plan as it stood at the end of `day` for scoring: milestones completed later are
    /// open, progress reports dated later are left out (due dates are today's).
    public static func plan(_ plan: Plan, asOf day: Day) -> Plan {
        let tasks = plan.tasks.map { t -> Task in
            var t = t
            for i in t.milestones.indices where t.milestones[i].isDone {
                if let c = t.milestones[i].completed, c > day { t.milestones[i].isDone = false; t.milestones[i].completed = nil }
            }
            t.progress = t.progress.filter { $0.date <= day }
            return t
        }
        return (try? Plan(trustedOffice: plan.office, units: plan.units, tasks: tasks, retired: plan.retired)) ?? plan
    }

    /// The ranking of `period` with adjustments applied (score kept within 0…100 after them),
    /// re-ranked with shared ranks for equal scores, ties in the order of `scores`.
    public static func freeze(period: Period, scores: [Supervision.Score], adjustments: [Adjustment],
                              settings: SupervisionSettings, today: Day) -> Frozen {
        var lines: [Line] = scores.map { r in
            let adj = adjustments.filter { $0.period == period.name && $0.unit == r.unit.name }
            let score = min(100, max(0, r.score + adj.reduce(0) { $0 + $1.points }))
            return Line(unit: r.unit.name, abbr: r.unit.abbr, score: score, rank: 0,
                        deductions: ["overdue_milestones": r.overdueDeduction, "silent_task_months": r.silentDeduction,
                                     "late_sign": r.lateSignDeduction, "notices": r.noticeDeduction, "red_cards": r.redCardDeduction],
                        counts: ["overdue_milestones": r.overdueMilestones, "silent_task_months": r.silentTaskMonths,
                                 "late_sign": r.lateSignParts, "notices": r.notices, "red_cards": r.redCards],
                        adjustments: adj)
        }
        let order = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1.unit, $0) })
        lines.sort { ($0.score, -(order[$0.unit] ?? 0)) > ($1.score, -(order[$1.unit] ?? 0)) }
        for i in lines.indices {
            lines[i].rank = i > 0 && lines[i].score == lines[i - 1].score ? lines[i - 1].rank : i + 1
        }
        return Frozen(period: period.name, asOf: min(period.last, today), frozenOn: today,
                      rulesZh: Supervision.rulesText(settings, chinese: true) + "人工加减分逐项注明理由。",
                      rulesEn: Supervision.rulesText(settings, chinese: false) + " Manual adjustments each carry a reason.",
                      lines: lines)
    }

    static let ruleNames: [(key: String, zh: String)] = [
        ("overdue_milestones", "逾期节点"), ("silent_task_months", "未报送任务月"), ("late_sign", "签收逾期"),
        ("notices", "督办单"), ("red_cards", "红牌"),
    ]

    /// The published ranking as text, rule by rule for every unit.
    public static func text(_ f: Frozen) -> String {
        var s = "\(f.period) 考核结果（已冻结，\(f.frozenOn)公布，计分截至\(f.asOf)）\n"
        for l in f.lines {
            s += "\(TextWidth.padLeft(String(l.rank), to: 3))  \(TextWidth.pad(Reports.oneLine(l.unit), to: 28))\(TextWidth.padLeft(String(l.score), to: 4))分\n"
            var parts: [String] = []
            for (k, zh) in ruleNames where (l.deductions[k] ?? 0) != 0 {
                parts.append("\(zh)\(l.counts[k] ?? 0)项扣\(l.deductions[k] ?? 0)分")
            }
            for a in l.adjustments {
                parts.append("人工\(a.points >= 0 ? "加" : "减")\(abs(a.points))分（\(Reports.oneLine(a.reason))）")
            }
            s += "       " + (parts.isEmpty ? "无扣分" : parts.joined(separator: "；")) + "\n"
        }
        return s + "\n" + f.rulesZh + "\n" + f.rulesEn + "\n"
    }

    public static func json(_ f: Frozen) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(f)) ?? Data(), as: UTF8.self) + "\n"
    }
}
