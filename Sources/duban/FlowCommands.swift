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
    guard case let .setFlow(_, _, _, .value(now)) = applied.inverse else {
        Console.line(FlowText.done(step, task: task, unit: u, to: FlowRules.transition(step, from: a.flow, role: a.role) ?? a.flow.state))
        return
    }
    Console.line(FlowText.done(step, task: task, unit: u, to: now.state))
}

struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "签收: a unit acknowledges its part in a task (assigned → signed).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit (name, abbreviation or alias).") var unit: String

    func run() throws { try guarded { try takeStep(common, .sign, task: task, unit: unit, reason: nil) } }
}

struct RequestClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-close",
        abstract: "申请办结: a lead unit asks the office to close its part (signed → closing).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The lead unit.") var unit: String
    @Option(name: .long, help: "A note for the office.") var note: String?

    func run() throws { try guarded { try takeStep(common, .requestClose, task: task, unit: unit, reason: note) } }
}

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "销号: the office closes a unit's part (closing → closed; a cooperating unit's from signed once a lead asked).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String

    func run() throws { try guarded { try takeStep(common, .close, task: task, unit: unit, reason: nil) } }
}

struct Return: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "退回: the office sends a closure request back, with a reason (closing → signed).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String
    @Option(name: .long, help: "Why (required).") var reason: String

    func run() throws { try guarded { try takeStep(common, .return, task: task, unit: unit, reason: reason) } }
}

struct Suspend: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "中止: the office suspends a unit's part, with a reason.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String
    @Option(name: .long, help: "Why (required).") var reason: String

    func run() throws { try guarded { try takeStep(common, .suspend, task: task, unit: unit, reason: reason) } }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "恢复: the office resumes a suspended part (back to its state before).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Task number.") var task: Int
    @Option(name: .long, help: "The unit.") var unit: String

    func run() throws { try guarded { try takeStep(common, .resume, task: task, unit: unit, reason: nil) } }
}
