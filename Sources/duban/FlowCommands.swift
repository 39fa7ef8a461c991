import ArgumentParser
import DubanCore
import DubanStore
import Foundation

// The 督办 workflow from the command line: one command per step of a unit's part in a task.
// The rules are `FlowRules` (DubanCore); on PostgreSQL a unit's login is further limited by
// the database to its own unit's steps.

/// Takes `step` for `unit` on `task` (today, or --today), reading only that task.
private func takeStep(_ common: CommonOptions, _ step: FlowStep, task: Int, unit: String, reason: String?) throws {
    if let reason { try Limits.check(.reason, reason) }
    let today = try common.resolvedToday()
    let store = try common.openTracker()
    let t = try store.requireTask(task)
    let u = try store.resolveUnit(unit).name
    guard let a = t.assignments.first(where: { $0.unit == u }) else { throw DomainError.noRole(task: task, unit: u) }
    let applied = try store.apply(.flowStep(task: task, unit: u, step: step, day: today, reason: reason, expect: .value(a.flow)),
                                  operatorName: operatorName())
    // The store's inverse expects the part as the step left it.
    let now: FlowState
    if case let .setFlow(_, _, _, .value(f)) = applied.inverse { now = f.state } else {
        now = FlowRules.transition(step, from: a.flow, role: a.role) ?? a.flow.state
    }
    Console.line(FlowText.done(step, task: task, unit: u, to: now))
}

struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: CommandText.sign.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit (name, abbreviation or alias).") var unit: String

    func run() throws { try guarded { try takeStep(common, .sign, task: task, unit: unit, reason: nil) } }
}

struct RequestClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-close",
        abstract: CommandText.requestClose.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The lead unit.") var unit: String
    @Option(name: .long, help: "A note for the office.") var note: String?

    func run() throws { try guarded { try takeStep(common, .requestClose, task: task, unit: unit, reason: note) } }
}

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close",
        abstract: CommandText.close.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String

    func run() throws { try guarded { try takeStep(common, .close, task: task, unit: unit, reason: nil) } }
}

struct Return: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return",
        abstract: CommandText.returnStep.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String
    @Option(name: .long, help: "Why (required).") var reason: String

    func run() throws { try guarded { try takeStep(common, .return, task: task, unit: unit, reason: reason) } }
}

struct Suspend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: CommandText.suspend.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String
    @Option(name: .long, help: "Why (required).") var reason: String

    func run() throws { try guarded { try takeStep(common, .suspend, task: task, unit: unit, reason: reason) } }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: CommandText.resume.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String

    func run() throws { try guarded { try takeStep(common, .resume, task: task, unit: unit, reason: nil) } }
}

// MARK: - 延期申请

/// The lead unit asking: --unit, else the task's only lead.
private func askingUnit(_ store: any TrackerStore, _ t: DubanCore.Task, _ unit: String?) throws -> String {
    if let unit { return try store.resolveUnit(unit).name }
    guard t.leads.count == 1 else {
        throw CLIError("task \(t.number) has \(t.leads.count) lead units (\(t.leads.joined(separator: "、"))); say which asks with --unit. "
                       + "任务\(t.number)有多个牵头单位，请用 --unit 指明申请单位。")
    }
    return t.leads[0]
}

struct Extend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extend",
        abstract: CommandText.extend.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "Milestone id.") var milestone: Int
    @Option(name: .long, help: ArgumentHelp("The due date asked for.", valueName: "YYYY-MM-DD")) var to: String
    @Option(name: .long, help: "Why (required).") var reason: String
    @Option(name: .long, help: "The lead unit asking (default: the task's only lead).") var unit: String?

    func run() throws {
        try guarded {
            try Limits.check(.reason, reason)
            let today = try common.resolvedToday()
            let day = try parseDay(to, today: today)
            let store = try common.openTracker()
            let t = try store.requireTask(task)
            let u = try askingUnit(store, t, unit)
            _ = try store.apply(.requestExtension(task: task, id: milestone, unit: u, to: day, reason: reason, day: today),
                                operatorName: operatorName())
            Console.line("任务\(task) 节点#\(milestone)：\(u) 申请延至 \(day)，待办公室审批。"
                         + " Task \(task) milestone #\(milestone): \(u) asks for \(day); the office decides.")
        }
    }
}

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve",
        abstract: CommandText.approve.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "Milestone id.") var milestone: Int

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let store = try common.openTracker()
            _ = try store.requireTask(task)
            _ = try store.apply(.decideExtension(task: task, id: milestone, approve: true, day: today), operatorName: operatorName())
            let m = try store.requireTask(task).milestone(id: milestone)
            Console.line("任务\(task) 节点#\(milestone)：延期已批准，完成时限改为 \(m?.due?.description ?? "-")（原定 \(m?.originalDue?.description ?? "-")）。"
                         + " Extension approved: due \(m?.due?.description ?? "-") (was \(m?.originalDue?.description ?? "-")).")
        }
    }
}

struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject",
        abstract: CommandText.reject.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Argument(help: "Milestone id.") var milestone: Int
    @Option(name: .long, help: "Why (required).") var reason: String

    func run() throws {
        try guarded {
            try Limits.check(.reason, reason)
            let today = try common.resolvedToday()
            let store = try common.openTracker()
            _ = try store.requireTask(task)
            _ = try store.apply(.decideExtension(task: task, id: milestone, approve: false, reason: reason, day: today),
                                operatorName: operatorName())
            Console.line("任务\(task) 节点#\(milestone)：延期申请已驳回，完成时限不变。 Extension rejected; the due date stays.")
        }
    }
}

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue",
        abstract: CommandText.queue.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "text or json.") var format = "text"
    @Flag(name: .long, help: "English text.") var english = false

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            let today = try common.resolvedToday()
            let (_, plan, settings) = try common.session().parts
            let q = OfficeQueue.build(plan, today: today, settings: settings)
            if format == "json" { Console.raw(q.json) } else { Console.out(q.text(chinese: !english)) }
        }
    }
}

// MARK: - 催办

struct Escalation: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "escalation",
        abstract: CommandText.escalation.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "text or json.") var format = "text"

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            let today = try common.resolvedToday()
            let (store, plan, s) = try common.session().parts
            let notices = try store.noticeRegister().notices
            let rows = plan.tasks.compactMap { t -> (DubanCore.Task, EscalationLevel, Int)? in
                guard let l = Supervision.escalation(of: t, today: today, settings: s, notices: notices) else { return nil }
                return (t, l, notices.filter { $0.task == t.number }.count)
            }.sorted { ($0.1, -$0.0.number) > ($1.1, -$1.0.number) }
            if format == "json" {
                let items = rows.map { t, l, n in
                    "  {\"task\": \(t.number), \"title\": \(Exporter.q(t.title)), \"level\": \(Exporter.q(l.rawValue)), "
                        + "\"lead\": [\(t.leads.map(Exporter.q).joined(separator: ", "))], \"notices\": \(n)}"
                }
                Console.raw(items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n")
                return
            }
            Console.line("催办等级（截至 \(today)；红牌：逾期超过 \(s.redDays) 天或督办单 \(s.responseDays) 天内未反馈）"
                         + " Escalation as of \(today) (red: overdue more than \(s.redDays) days, or a notice unanswered for \(s.responseDays) days)")
            if rows.isEmpty { Console.line("  （无）(none)") }
            for (t, l, n) in rows {
                Console.line("  \(l.word(chinese: true))  任务\(t.number) \(t.title)  牵头：\(t.leads.joined(separator: "、"))  督办单 \(n) 份")
            }
        }
    }
}

// MARK: - 具体方案

struct RequirePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "require-plan",
        abstract: CommandText.requirePlan.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: ArgumentHelp("When the plan is due.", valueName: "YYYY-MM-DD")) var due: String

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let day = try parseDay(due, today: today)
            let store = try common.openTracker()
            let t = try store.requireTask(task)
            let applied = try store.apply(.addMilestone(task: task, milestone: Milestone(title: "具体方案", due: day, owner: t.leads.first,
                                                                                          kind: .plan)),
                                          operatorName: operatorName())
            guard case let .addMilestone(_, m) = applied.edit else { return }
            Console.line("任务\(task)：具体方案须于 \(day) 前报送（节点#\(m.id)）。 Task \(task): the plan is due \(day) (milestone #\(m.id)).")
        }
    }
}

struct SubmitPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit-plan",
        abstract: CommandText.submitPlan.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: ArgumentHelp("The day it was submitted.", valueName: "YYYY-MM-DD")) var on: String?

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let day = try on.map { try parseDay($0, today: today) } ?? today
            let store = try common.openTracker()
            let t = try store.requireTask(task)
            guard let m = t.milestones.first(where: { $0.kind == .plan }) else {
                throw CLIError("task \(task) requires no plan (duban require-plan \(task) --due DATE). 任务\(task)未要求报送具体方案。")
            }
            let set = MilestoneField.done(true, completed: day)
            try set.checkDate(today: today)
            _ = try store.apply(.updateMilestone(task: task, id: m.id, set: [set], expect: [MilestoneField.of(.done, in: m)]),
                                operatorName: operatorName())
            Console.line("任务\(task)：具体方案已于 \(day) 报送。 Task \(task): plan submitted on \(day).")
        }
    }
}

struct Inbox: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inbox",
        abstract: CommandText.inbox.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "The unit.") var unit: String
    @Flag(name: .long, help: "English text.") var english = false

    func run() throws {
        try guarded {
            let today = try common.resolvedToday()
            let (store, plan, settings) = try common.session().parts
            let u = try store.resolveUnit(unit).name
            Console.out(UnitInbox.build(plan, unit: u, today: today, settings: settings).text(chinese: !english))
        }
    }
}
