/// The catalog's section for the importer's repairs (`ImportRepair.spoken`): the shared
/// frames; each repair's own sentence is written beside the code that makes it.
extension Catalog {
    public enum Repairs {
        /// "任务 3（第 12 行）：…" / "task 3 (line 12): …".
        public static func at(task: Int, line: Int, _ what: Localized) -> Localized {
            Localized(zh: "任务 \(task)（第 \(line) 行）：\(what.zh)", en: "task \(task) (line \(line)): \(what.en)")
        }
        public static func headerJoined(line: Int, header: Int, _ joined: [String]) -> Localized {
            let names = joined.filter { !$0.isEmpty }
            return Localized(zh: "第 \(line) 行：视为第 \(header) 行表头的第二行（\(names.joined(separator: "、"))）",
                             en: "line \(line): read as the second row of the header on line \(header) (\(names.joined(separator: ", ")))")
        }
        public static func sectionHeading(line: Int, _ heading: String) -> Localized {
            Localized(zh: "第 \(line) 行：“\(heading)”没有任务编号和单位，视为分节标题，不作为任务",
                      en: "line \(line): \"\(heading)\" has no task number and no units: read as a section heading, not a task")
        }
        /// A table refused because it has a header and nothing under it.
        public static let noDataRows = Localized(zh: "表格没有数据行", en: "the table has no data rows")
        /// The headings of the CLI's lists of repairs.
        public static func madeWhileImporting(_ n: Int) -> Localized {
            Localized(zh: "导入时所作的修正（\(n) 处）：", en: "Repairs made while importing (\(n)):")
        }

        static var all: [Localized] {
            [at(task: 3, line: 12, Localized(zh: "编号“l”读作 1", en: "number \"l\" read as 1")),
             headerJoined(line: 2, header: 1, ["序号", "牵头单位"]), sectionHeading(line: 4, "一、稳增长"), madeWhileImporting(4), noDataRows]
        }
    }
}
