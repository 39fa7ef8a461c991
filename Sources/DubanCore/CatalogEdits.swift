/// The catalog's section for the CLI's task, unit and progress-report edits (`duban task …`,
/// `duban unit …`, `duban progress edit/remove`): what each says when it is done or refused.
extension Catalog {
    public enum Edits {
        public static func taskAdded(_ n: Int) -> Localized { Localized(zh: "已新增任务 \(n)。", en: "Task \(n) added.") }
        public static func taskRenamed(_ n: Int) -> Localized { Localized(zh: "任务 \(n) 已改名。", en: "Task \(n) renamed.") }
        public static func taskRetired(_ n: Int) -> Localized {
            Localized(zh: "任务 \(n) 已撤销：不再出现在列表、矩阵和报表中，历史记录保留；`duban task restore \(n)` 可恢复。",
                      en: "Task \(n) retired: it leaves the lists, matrix and reports and keeps its history; `duban task restore \(n)` brings it back.")
        }
        public static func taskRestored(_ n: Int) -> Localized { Localized(zh: "任务 \(n) 已恢复。", en: "Task \(n) restored.") }
        public static let noRetiredTasks = Localized(zh: "没有已撤销的任务。", en: "No task is retired.")
        public static func unitAdded(_ u: String) -> Localized { Localized(zh: "已新增单位 \(u)。", en: "Unit \(u) added.") }
        public static func unitSaved(_ u: String) -> Localized { Localized(zh: "单位 \(u) 已保存。", en: "Unit \(u) saved.") }
        public static func reportSaved(_ id: Int, _ task: Int) -> Localized {
            Localized(zh: "任务 \(task) 的进展报告 #\(id) 已保存。", en: "Progress report #\(id) of task \(task) saved.")
        }
        public static func reportRemoved(_ id: Int, _ task: Int) -> Localized {
            Localized(zh: "任务 \(task) 的进展报告 #\(id) 已删除。", en: "Progress report #\(id) of task \(task) removed.")
        }
        public static func noReport(_ id: Int, _ task: Int) -> Localized {
            Localized(zh: "任务 \(task) 没有进展报告 #\(id)。", en: "Task \(task) has no progress report #\(id).")
        }
        public static let sayWhatUnit = Localized(
            zh: "请指明要修改的内容：--name、--short、--abbr、--full-form、--alias 或 --no-aliases。",
            en: "Say what to change: --name, --short, --abbr, --full-form, --alias or --no-aliases.")
        public static let sayWhatReport = Localized(
            zh: "请指明要修改的内容：--progress、--problems、--next 或 --date。",
            en: "Say what to change: --progress, --problems, --next or --date.")
        public static let numberMustBePositive = Localized(zh: "--number 必须是正数。", en: "--number must be positive.")
        /// An edit that would change nothing; `why` is the store's English explanation.
        public static func unchanged(_ why: String) -> Localized {
            Localized(zh: "未作修改。", en: why.isEmpty ? "Nothing changed." : why)
        }

        static var all: [Localized] {
            [taskAdded(3), taskRenamed(3), taskRetired(3), taskRestored(3), noRetiredTasks, unitAdded("省水利厅"),
             unitSaved("省水利厅"), reportSaved(2, 3), reportRemoved(2, 3), noReport(2, 3), sayWhatUnit, sayWhatReport,
             numberMustBePositive, unchanged(""), unchanged("The title is already that.")]
        }
    }
}
