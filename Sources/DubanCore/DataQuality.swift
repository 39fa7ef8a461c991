/// What `duban check` reports beyond the import repairs: gaps the office should close.
public enum DataQuality {
    public struct Finding: Hashable, Sendable {
        public enum Kind: String, Sendable, CaseIterable { case taskWithoutLead, severalLeads, unitWithoutTask, overloadedLead, taskWithoutMilestones }
        public var kind: Kind
        public var task: Int?
        public var unit: String?
        /// The finding as a sentence in both languages.
        public var spoken: Localized
        /// The English sentence.
        public var message: String { spoken.en }

        public init(kind: Kind, task: Int?, unit: String?, spoken: Localized) {
            self.kind = kind
            self.task = task
            self.unit = unit
            self.spoken = spoken
        }
    }

    /// RACI-style checks: tasks without lead, several leads (the first listed is taken as the
    /// first lead, 第一牵头单位 — confirm it), units with no task, units leading more tasks than
    /// the threshold, tasks without milestones.
    public static func check(_ plan: Plan, overloadThreshold: Int = SupervisionSettings().overloadThreshold) -> [Finding] {
        var out: [Finding] = []
        for t in plan.tasks {
            let leads = t.leads
            if leads.isEmpty {
                out.append(Finding(kind: .taskWithoutLead, task: t.number, unit: nil,
                                   spoken: Catalog.Findings.noLead(t.number)))
            } else if leads.count > 1 {
                out.append(Finding(kind: .severalLeads, task: t.number, unit: leads[0],
                                   spoken: Catalog.Findings.severalLeads(t.number, leads.count, first: leads[0])))
            }
        }
        var used = Set<String>()
        for t in plan.tasks { for a in t.assignments { used.insert(a.unit) } }
        for u in plan.units where !used.contains(u.name) {
            out.append(Finding(kind: .unitWithoutTask, task: nil, unit: u.name,
                               spoken: Catalog.Findings.unitWithoutTask(u.name)))
        }
        for load in Supervision.workload(plan, today: Day(ordinal: 0)) where load.lead > overloadThreshold {
            out.append(Finding(kind: .overloadedLead, task: nil, unit: load.unit.name,
                               spoken: Catalog.Findings.overloaded(load.unit.name, load.lead, threshold: overloadThreshold)))
        }
        let bare = plan.tasks.filter { $0.milestones.isEmpty }.map(\.number)
        if !bare.isEmpty {
            out.append(Finding(kind: .taskWithoutMilestones, task: nil, unit: nil,
                               spoken: Catalog.Findings.withoutMilestones(bare.count, ranges(bare))))
        }
        return out
    }

    /// The gaps `check` reports on one task (no lead, several leads, no milestone): what the
    /// matrix's "only tasks with gaps" filter shows.
    public static func taskGaps(_ t: Task) -> [Finding.Kind] {
        var out: [Finding.Kind] = []
        let leads = t.leads.count
        if leads == 0 { out.append(.taskWithoutLead) } else if leads > 1 { out.append(.severalLeads) }
        if t.milestones.isEmpty { out.append(.taskWithoutMilestones) }
        return out
    }

    /// "1-3, 5, 7-9"
    public static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let n = numbers.sorted()
        while i < n.count {
            var j = i
            while j + 1 < n.count && n[j + 1] == n[j] + 1 { j += 1 }
            parts.append(i == j ? "\(n[i])" : "\(n[i])-\(n[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
