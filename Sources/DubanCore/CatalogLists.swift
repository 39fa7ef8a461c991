/// The catalog's section for the CLI's lists around the official documents: the overdue
/// list (`duban overdue`), the register of notices (`duban notices`) and the ranking
/// (`duban score`). The 督办单 itself and the joint-meeting report stay Chinese on purpose.
extension Catalog {
    public enum Lists {
        public static func overdueHeading(today: Day, window: Int) -> Localized {
            Localized(zh: "督办清单（截至 \(today)，临期窗口 \(window) 天）",
                      en: "Overdue list (as of \(today), due soon within \(window) days)")
        }
        public static func daysLate(_ late: Int) -> Localized {
            if late > 0 { return Localized(zh: "逾期 \(late) 天", en: "\(late) day\(late == 1 ? "" : "s") late") }
            if late == 0 { return Localized(zh: "今日到期", en: "due today") }
            return Localized(zh: "还有 \(-late) 天", en: "\(-late) day\(late == -1 ? "" : "s") left")
        }
        public static func overdueLine(red: Bool, task: Int, id: Int, title: String, due: Day, daysLate: Int, leads: String) -> Localized {
            let when = Catalog.Lists.daysLate(daysLate)
            return Localized(zh: "\(red ? "●红" : "●黄")  任务\(task)  #\(id) \(title)  截止 \(due)  \(when.zh)  牵头：\(leads.isEmpty ? "—" : leads)",
                             en: "\(red ? "●red" : "●yellow")  task \(task)  #\(id) \(title)  due \(due)  \(when.en)  leads: \(leads.isEmpty ? "—" : leads)")
        }
        public static func registerHeading(_ n: Int) -> Localized {
            Localized(zh: "督办单登记簿（\(n) 份）", en: "Register of supervision notices (\(n))")
        }
        /// Year, number, task, date, operator.
        public static let registerColumns = [Localized(zh: "年度", en: "Year"), Localized(zh: "编号", en: "Number"),
                                             Localized(zh: "任务", en: "Task"), Localized(zh: "日期", en: "Date"),
                                             Localized(zh: "经办人", en: "Operator")]
        public static func numberedBeforeRegister(year: Int, last: Int) -> Localized {
            Localized(zh: "\(year)年 督办〔\(year)〕1号至\(last)号 编于登记簿建立之前，未记录任务与日期。",
                      en: "\(year): 督办〔\(year)〕1号 to \(last)号 were numbered before the register existed; their tasks and dates are not recorded.")
        }
        public static func rankingHeading(today: Day) -> Localized {
            Localized(zh: "考核排名（截至 \(today)）", en: "Assessment ranking (as of \(today))")
        }
        /// Rank, unit, score, led tasks, overdue milestones, task-months without a report.
        public static let rankingColumns = [Localized(zh: "名次", en: "Rank"), Localized(zh: "单位", en: "Unit"),
                                            Localized(zh: "得分", en: "Score"), Localized(zh: "牵头", en: "Led"),
                                            Localized(zh: "逾期节点", en: "Overdue"), Localized(zh: "未报送任务月数", en: "Silent task-months")]

        static var all: [Localized] {
            let d = Day(year: 2027, month: 3, day: 31)!
            return [overdueHeading(today: d, window: 7), daysLate(3), daysLate(0), daysLate(-2),
                    overdueLine(red: true, task: 1, id: 2, title: "一季度检查", due: d, daysLate: 3, leads: "住建"),
                    registerHeading(2), numberedBeforeRegister(year: 2027, last: 3), rankingHeading(today: d)]
                + registerColumns + rankingColumns
        }
    }
}
