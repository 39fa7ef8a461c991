import ArgumentParser
import DubanCore
import DubanImportFiles
import DubanStore
import Foundation

/// The joint meeting's words and refusals, in both languages (kept here, one file).
enum MeetingText {
    static let meeting = Localized(zh: "联席会议材料：某日以来新增红灯、办结销号、延期审批、红黄绿灯变化、缺报单位和上次会议议定事项（md 或带图表可打印的 html）；record 记录会议议定事项。",
                                   en: "The joint meeting's pack: new red items, closures, extension decisions, light changes, units that have not reported and the last meeting's decisions since a day (md, or printable html with charts); record stores a meeting's decisions.")
    static let pack = Localized(zh: "生成联席会议材料。", en: "Write the joint meeting's pack.")
    static let record = Localized(zh: "记录一次联席会议的议定事项，可转为新任务或新节点。",
                                  en: "Record a joint meeting's decision, optionally turned into a new task or milestone.")
    static func badFormat(_ f: String) -> CLIError {
        CLIError(zh: "未知格式“\(f)”；请用 md、html 或 xlsx。", en: "unknown format \"\(f)\"; use md, html or xlsx.")
    }
    static let taskOrNew = CLIError(zh: "--task 和 --new-task 只能给出其一。", en: "give either --task or --new-task, not both.")
    static let milestoneNeedsTask = CLIError(zh: "--milestone 需要 --task 或 --new-task 指明任务，并用 --due 给出时限。",
                                             en: "--milestone needs a task (--task or --new-task) and a due day (--due).")
    static let emptyDecision = CLIError(zh: "议定事项不能为空。", en: "the decision must not be empty.")
    static func recorded(_ date: Day, _ extra: String) -> Localized {
        Localized(zh: "已记录 \(date) 联席会议议定事项\(extra)。", en: "Recorded the decision of the joint meeting of \(date)\(extra).")
    }
    static func alreadyFrozen(_ p: String) -> CLIError {
        CLIError(zh: "\(p) 的考核结果已冻结公布，不能再次冻结或调整；用 duban score --period \(p) 查看。",
                 en: "the assessment of \(p) is already frozen and published; it cannot be frozen or adjusted again. See it with duban score --period \(p).")
    }
    static func notFrozen(_ p: String) -> CLIError {
        CLIError(zh: "\(p) 的考核结果尚未冻结；用 duban score --freeze \(p) 公布。",
                 en: "the assessment of \(p) is not frozen yet; publish it with duban score --freeze \(p).")
    }
    static func notEnded(_ p: Assessment.Period) -> CLIError {
        CLIError(zh: "\(p.name) 尚未结束（至 \(p.last)），不能冻结。", en: "\(p.name) has not ended (it runs to \(p.last)); it cannot be frozen yet.")
    }
    static let adjustNeeds = CLIError(zh: "--adjust 需要 --points、--reason 和 --period。",
                                      en: "--adjust needs --points, --reason and --period.")
    static func adjusted(_ a: Assessment.Adjustment) -> Localized {
        Localized(zh: "已记录 \(a.period) \(a.unit) 人工\(a.points >= 0 ? "加" : "减")\(abs(a.points))分：\(a.reason)",
                  en: "Recorded for \(a.period): \(a.unit) \(a.points >= 0 ? "+" : "")\(a.points) points: \(a.reason)")
    }
    static func frozen(_ p: String) -> Localized {
        Localized(zh: "\(p) 考核结果已冻结公布。", en: "The assessment of \(p) is frozen and published.")
    }
}

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: MeetingText.meeting.cli,
        subcommands: [Pack.self, Record.self], defaultSubcommand: Pack.self)

    struct Pack: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pack", abstract: MeetingText.pack.cli)
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: ArgumentHelp("Changes since this day (default: the last meeting's date).", valueName: "YYYY-MM-DD")) var since: String?
        @Option(name: .long, help: "md, html or xlsx (one sheet per section; needs -o).") var format: String = "md"
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?

        func run() throws {
            try guarded {
                guard ["md", "html", "xlsx"].contains(format) else { throw MeetingText.badFormat(format) }
                let today = try common.resolvedToday()
                let (store, plan, s) = try common.session().parts
                let meetings = try Meeting.decode(store.setting(Meeting.settingKey))
                let sinceDay = try since.map { try parseDay($0, today: today) }
                    ?? meetings.last(where: { $0.date <= today })?.date ?? OfficeQueue.previousMonth(today).first
                let pack = Meeting.pack(plan: plan, today: today, since: sinceDay, settings: s,
                                        changes: try store.log(limit: Int.max, task: nil), meetings: meetings)
                if format == "xlsx" {
                    try writeBytes(try MeetingWorkbook.data(pack), to: output ?? "-")
                } else {
                    try writeOutput(format == "html" ? Meeting.html(pack) : Meeting.markdown(pack), to: output)
                }
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: MeetingText.record.cli)
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: ArgumentHelp("The meeting's day (default today).", valueName: "YYYY-MM-DD")) var date: String?
        @Option(name: .long, help: "The decision (议定事项).") var decision: String
        @Option(name: .long, help: "The task the decision concerns.") var task: Int?
        @Option(name: .long, help: "Turn the decision into a new task with this title.") var newTask: String?
        @Option(name: .long, help: "Add a milestone with this title to the task.") var milestone: String?
        @Option(name: .long, help: ArgumentHelp("The milestone's due day.", valueName: "YYYY-MM-DD")) var due: String?

        func run() throws {
            try guarded {
                let today = try common.resolvedToday()
                let day = try date.map { try parseDay($0, today: today) } ?? today
                let text = decision.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw MeetingText.emptyDecision }
                if task != nil && newTask != nil { throw MeetingText.taskOrNew }
                if milestone != nil && ((task == nil && newTask == nil) || due == nil) { throw MeetingText.milestoneNeedsTask }
                let dueDay = try due.map { try parseDay($0, today: today) }
                let store = try common.openTracker()
                let meetings = try Meeting.decode(store.setting(Meeting.settingKey))
                var number = task
                if let n = task { _ = try store.requireTask(n) }
                var extra = ""
                if let title = newTask {
                    let applied = try store.apply(.addTask(number: 0, title: title), operatorName: operatorName())
                    guard case let .addTask(n, _, _, _) = applied.edit else { throw CLIError("the store did not return the task.") }
                    number = n
                    extra += CLI.language == .en ? ", new task \(n)" : "，新建任务\(n)"
                }
                if let title = milestone, let n = number, let d = dueDay {
                    _ = try store.apply(.addMilestone(task: n, milestone: Milestone(title: title, due: d)), operatorName: operatorName())
                    extra += CLI.language == .en ? ", milestone on task \(n) due \(d)" : "，任务\(n)新增节点（\(d)）"
                }
                let d = Meeting.Decision(text: text, task: number, milestone: milestone, due: milestone == nil ? nil : dueDay)
                try store.setSetting(Meeting.settingKey, Meeting.encode(Meeting.adding(d, on: day, to: meetings)),
                                     operatorName: operatorName())
                Console.line(MeetingText.recorded(day, extra).cli)
            }
        }
    }
}

/// `duban score --freeze / --period / --adjust`.
enum FrozenScore {
    static func run(common: CommonOptions, format: String, freeze: String?, period: String?,
                    adjust: String?, points: Int?, reason: String?) throws {
        let today = try common.resolvedToday()
        let store = try common.openTracker()
        if let unit = adjust {
            guard let points, let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty, let period else { throw MeetingText.adjustNeeds }
            let p = try Assessment.Period(period)
            if try store.setting(p.frozenKey) != nil { throw MeetingText.alreadyFrozen(p.name) }
            let u = try store.resolveUnit(unit)
            let a = Assessment.Adjustment(period: p.name, unit: u.name, points: points, reason: reason, date: today)
            let all = try Assessment.decodeAdjustments(store.setting(Assessment.adjustmentsKey)) + [a]
            try store.setSetting(Assessment.adjustmentsKey, Assessment.encode(all), operatorName: operatorName())
            Console.line(MeetingText.adjusted(a).cli)
            return
        }
        if let name = freeze {
            let p = try Assessment.Period(name)
            if try store.setting(p.frozenKey) != nil { throw MeetingText.alreadyFrozen(p.name) }
            guard p.last <= today else { throw MeetingText.notEnded(p) }
            let plan = try store.loadPlan()
            let s = try supervisionSettings(store)
            let scores = Supervision.scores(Assessment.plan(plan, asOf: p.last), today: p.last, settings: s,
                                            notices: try store.noticeRegister().notices.filter { $0.date <= p.last })
            let f = Assessment.freeze(period: p, scores: scores,
                                      adjustments: try Assessment.decodeAdjustments(store.setting(Assessment.adjustmentsKey)),
                                      settings: s, today: today)
            try store.setSetting(p.frozenKey, Assessment.encode(f), operatorName: operatorName())
            if format != "json" { Console.line(MeetingText.frozen(p.name).cli) }
            Console.raw(format == "json" ? Assessment.json(f) : Console.safe(Assessment.text(f)))
            return
        }
        if let name = period {
            let p = try Assessment.Period(name)
            guard let f = try Assessment.decodeFrozen(store.setting(p.frozenKey)) else { throw MeetingText.notFrozen(p.name) }
            Console.raw(format == "json" ? Assessment.json(f) : Console.safe(Assessment.text(f)))
        }
    }
}
