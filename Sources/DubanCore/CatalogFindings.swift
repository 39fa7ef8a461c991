/// The catalog's section for `duban check`: the data-quality findings (`DataQuality`).
extension Catalog {
    public enum Findings {
        public static func noLead(_ task: Int) -> Localized {
            Localized(zh: "任务 \(task) 没有牵头单位。", en: "Task \(task) has no lead unit.")
        }
        public static func severalLeads(_ task: Int, _ count: Int, first: String) -> Localized {
            Localized(zh: "任务 \(task) 有 \(count) 个牵头单位；排在第一的\(first)视为第一牵头单位，请确认或调整顺序。",
                      en: "Task \(task) has \(count) lead units; the first listed, \(first), is taken as the first lead (第一牵头单位) — confirm or reorder.")
        }
        public static func unitWithoutTask(_ unit: String) -> Localized {
            Localized(zh: "\(unit)没有承担任何任务。", en: "\(unit) has no task.")
        }
        public static func overloaded(_ unit: String, _ leads: Int, threshold: Int) -> Localized {
            Localized(zh: "\(unit)牵头 \(leads) 项任务，超过 \(threshold) 项。", en: "\(unit) leads \(leads) tasks, more than \(threshold).")
        }
        public static func withoutMilestones(_ count: Int, _ tasks: String) -> Localized {
            Localized(zh: "\(count) 项任务没有时间节点：\(tasks)。", en: "\(count) task(s) have no milestone: \(tasks).")
        }

        /// One sample of each finding kind (the coverage test checks there is one per kind).
        public static var samples: [(DataQuality.Finding.Kind, Localized)] {
            [(.taskWithoutLead, noLead(3)), (.severalLeads, severalLeads(2, 2, first: "省发改委")),
             (.unitWithoutTask, unitWithoutTask("省水利厅")), (.overloadedLead, overloaded("省发改委", 9, threshold: 6)),
             (.taskWithoutMilestones, withoutMilestones(3, "1-3"))]
        }
    }
}
