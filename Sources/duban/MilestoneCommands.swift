import ArgumentParser
import DubanCore
import DubanStore
import Foundation

struct MilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: "Add, complete, reopen, edit or remove a task's milestones (时间节点).",
        subcommands: [Add.self, Done.self, Reopen.self, EditMilestone.self, Remove.self, Template.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a milestone; prints its id.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Title.") var title: String
        @Option(name: .long, help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(name: .long, help: "Owner unit (name, abbreviation or alias).") var owner: String?

        func run() throws {
            try guarded {
                try Limits.check(.milestoneTitle, title)
                let dueDay = try due.map(parseDay)
                let store = try common.openTracker()
                let plan = try store.loadPlan()
                _ = try plan.resolveTask(task)
                let ownerName = try owner.map { try plan.resolveUnit($0).name }
                let applied = try store.apply(.addMilestone(task: task, milestone: Milestone(title: title, due: dueDay, owner: ownerName)),
                                              operatorName: operatorName())
                guard case let .addMilestone(_, m) = applied else { throw CLIError("the store did not return the new milestone.") }
                Console.line(String(m.id))
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a milestone done (today, or --on DATE).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int
        @Option(name: .long, help: ArgumentHelp("Completion date.", valueName: "YYYY-MM-DD")) var on: String?

        func run() throws {
            try guarded {
                let day = try on.map(parseDay) ?? common.resolvedToday()
                try updateMilestone(common, task, id, done: "Milestone \(id) of task \(task) is done (\(day)).") { m in
                    m.isDone = true
                    m.completed = day
                }
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a milestone open again.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int

        func run() throws {
            try guarded {
                try updateMilestone(common, task, id, done: "Milestone \(id) of task \(task) is open again.") { m in
                    m.isDone = false
                    m.completed = nil
                }
            }
        }
    }

    struct EditMilestone: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a milestone's title, due date or owner.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int
        @Option(name: .long, help: "New title.") var title: String?
        @Option(name: .long, help: ArgumentHelp("New due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Flag(name: .long, help: "Remove the due date.") var noDue = false
        @Option(name: .long, help: "New owner unit.") var owner: String?
        @Flag(name: .long, help: "Remove the owner.") var noOwner = false

        func validate() throws {
            if due != nil && noDue { throw ValidationError("--due and --no-due exclude each other.") }
            if owner != nil && noOwner { throw ValidationError("--owner and --no-owner exclude each other.") }
            if title == nil && due == nil && !noDue && owner == nil && !noOwner {
                throw ValidationError("Say what to change: --title, --due, --no-due, --owner or --no-owner.")
            }
        }

        func run() throws {
            try guarded {
                if let title { try Limits.check(.milestoneTitle, title) }
                let dueDay = try due.map(parseDay)
                try updateMilestone(common, task, id, done: "Milestone \(id) of task \(task) saved.") { m, plan in
                    if let title { m.title = title }
                    if let dueDay { m.due = dueDay }
                    if noDue { m.due = nil }
                    if let owner { m.owner = try plan.resolveUnit(owner).name }
                    if noOwner { m.owner = nil }
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a milestone.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int

        func run() throws {
            try guarded {
                try applySimple(common, .removeMilestone(task: task, id: id), done: "Milestone \(id) of task \(task) removed.")
            }
        }
    }
}

func parseDay(_ s: String) throws -> Day {
    guard let d = Day(s) else { throw DomainError.invalidDate(s) }
    return d
}

private func updateMilestone(_ common: CommonOptions, _ task: Int, _ id: Int, done: String,
                             _ change: (inout Milestone) throws -> Void) throws {
    try updateMilestone(common, task, id, done: done) { m, _ in try change(&m) }
}

private func updateMilestone(_ common: CommonOptions, _ task: Int, _ id: Int, done: String,
                             _ change: (inout Milestone, Plan) throws -> Void) throws {
    let store = try common.openTracker()
    let plan = try store.loadPlan()
    let t = try plan.resolveTask(task)
    guard var m = t.milestone(id: id) else { throw DomainError.unknownMilestone(task: task, id: id) }
    try change(&m, plan)
    do {
        _ = try store.apply(.updateMilestone(task: task, milestone: m), operatorName: operatorName())
        Console.line(done)
    } catch DomainError.unchanged(let why) {
        Console.line(why)
    }
}
