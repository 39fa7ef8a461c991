import ArgumentParser
import DubanCore
import DubanStore
import Foundation

struct MilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: CommandText.milestone.abstract.cli,
        subcommands: [Add.self, Done.self, Reopen.self, EditMilestone.self, Remove.self, Template.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: CommandText.milestoneAdd.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Title.") var title: String
        @Option(name: .long, help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(name: .long, help: "Owner unit (name, abbreviation or alias).") var owner: String?

        func run() throws {
            try guarded {
                try Limits.check(.milestoneTitle, title)
                let today = try common.resolvedToday()
                let dueDay = try due.map { try parseDay($0, today: today) }
                let store = try common.openTracker()
                _ = try store.requireTask(task)
                let ownerName = try owner.map { try store.resolveUnit($0).name }
                let applied = try store.apply(.addMilestone(task: task, milestone: Milestone(title: title, due: dueDay, owner: ownerName)),
                                              operatorName: operatorName())
                guard case let .addMilestone(_, m) = applied.edit else { throw CLIError("the store did not return the new milestone.") }
                Console.line(String(m.id))
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: CommandText.milestoneDone.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int
        @Option(name: .long, help: ArgumentHelp("Completion date.", valueName: "YYYY-MM-DD")) var on: String?

        func run() throws {
            try guarded {
                let today = try common.resolvedToday()
                let day = try on.map { try parseDay($0, today: today) } ?? today
                let set = MilestoneField.done(true, completed: day)
                try set.checkDate(today: common.resolvedToday())
                try updateMilestone(common, task, id, done: say(zh: "任务 \(task) 的时间节点 \(id) 已完成（\(day)）。", en: "Milestone \(id) of task \(task) is done (\(day)).")) { m, _ in
                    // Done already: keep its date unless another one is asked for.
                    if m.isDone, on == nil {
                        throw DomainError.unchanged(say(zh: "任务 \(task) 的时间节点 \(id) 已经完成（\(m.completed?.description ?? "无日期")）。", en: "Milestone \(id) of task \(task) is already done (\(m.completed?.description ?? "no date"))."))
                    }
                    return [set]
                }
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: CommandText.milestoneReopen.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int

        func run() throws {
            try guarded {
                try updateMilestone(common, task, id, done: say(zh: "任务 \(task) 的时间节点 \(id) 已重新打开。", en: "Milestone \(id) of task \(task) is open again.")) { _, _ in
                    [.done(false, completed: nil)]
                }
            }
        }
    }

    struct EditMilestone: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: CommandText.milestoneEdit.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int
        @Option(name: .long, help: "New title.") var title: String?
        @Option(name: .long, help: ArgumentHelp("New due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Flag(name: .long, help: "Remove the due date.") var noDue = false
        @Option(name: .long, help: "New owner unit.") var owner: String?
        @Flag(name: .long, help: "Remove the owner.") var noOwner = false
        @Option(name: .long, help: ArgumentHelp("Mark it done on this date.", valueName: "YYYY-MM-DD")) var completed: String?

        func validate() throws {
            if due != nil && noDue { throw ValidationError("--due and --no-due exclude each other.") }
            if owner != nil && noOwner { throw ValidationError("--owner and --no-owner exclude each other.") }
            if title == nil && due == nil && !noDue && owner == nil && !noOwner && completed == nil {
                throw ValidationError("Say what to change: --title, --due, --no-due, --owner, --no-owner or --completed.")
            }
        }

        func run() throws {
            try guarded {
                if let title { try Limits.check(.milestoneTitle, title) }
                let today = try common.resolvedToday()
                let dueDay = try due.map { try parseDay($0, today: today) }
                try updateMilestone(common, task, id, done: say(zh: "任务 \(task) 的时间节点 \(id) 已保存。", en: "Milestone \(id) of task \(task) saved.")) { _, store in
                    // Only the fields asked for: a colleague's change to the others stays.
                    var set: [MilestoneField] = []
                    if let title { set.append(.title(title)) }
                    if let dueDay { set.append(.due(dueDay)) }
                    if noDue { set.append(.due(nil)) }
                    if let owner { set.append(.owner(try store.resolveUnit(owner).name)) }
                    if noOwner { set.append(.owner(nil)) }
                    if let completed {
                        let field = MilestoneField.done(true, completed: try parseDay(completed, today: today))
                        try field.checkDate(today: today)
                        set.append(field)
                    }
                    return set
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: CommandText.milestoneRemove.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Milestone id.") var id: Int

        func run() throws {
            try guarded {
                try applySimple(common, .removeMilestone(task: task, id: id), done: say(zh: "任务 \(task) 的时间节点 \(id) 已删除。", en: "Milestone \(id) of task \(task) removed."))
            }
        }
    }
}

/// A date from the command line: YYYY-MM-DD, or as people type it (2027/3/31, 2027年3月31日,
/// 3/31, +30, 月底, 季末 …), relative to "today".
func parseDay(_ s: String, today: Day) throws -> Day {
    guard let d = Day.parseInput(s, today: today) else { throw DomainError.invalidDate(s) }
    return d
}

/// Sets the fields `fields` picks (from the milestone as read, names resolved by the
/// store) and nothing else: the store applies them to the row as it is inside its write
/// transaction. Reads the one task, never the plan.
private func updateMilestone(_ common: CommonOptions, _ task: Int, _ id: Int, done: String,
                             _ fields: (Milestone, any TrackerStore) throws -> [MilestoneField]) throws {
    let store = try common.openTracker()
    let t = try store.requireTask(task)
    guard let m = t.milestone(id: id) else { throw DomainError.unknownMilestone(task: task, id: id) }
    do {
        let set = try fields(m, store)
        _ = try store.apply(.updateMilestone(task: task, id: id, set: set), operatorName: operatorName())
        Console.line(done)
    } catch DomainError.unchanged(let why) {
        Console.line(why)
    }
}
