import ArgumentParser
import DubanCore
import DubanStore
import DubanTUI
import Foundation

// `duban task add/edit/retire/restore/retired`, `duban unit add/edit`, `duban progress
// edit/remove`: the CLI side of the edits that add, rename and retire tasks, add and edit
// units and correct progress reports. Each is one edit through the store (compare-and-set,
// audit record, change feed), undoable in the TUI.

/// Every user-facing sentence of these commands, in Chinese and English, in one place, so
/// that they move into the shared message catalog as they are.
enum EditMessages {
    static var zh: Bool { Language.fromEnvironment(ProcessInfo.processInfo.environment) == .zh }

    static func taskAdded(_ n: Int) -> String { zh ? "已新增任务 \(n)。" : "Task \(n) added." }
    static func taskRenamed(_ n: Int) -> String { zh ? "任务 \(n) 已改名。" : "Task \(n) renamed." }
    static func taskRetired(_ n: Int) -> String {
        zh ? "任务 \(n) 已撤销：不再出现在列表、矩阵和报表中，历史记录保留；`duban task restore \(n)` 可恢复。"
            : "Task \(n) retired: it leaves the lists, matrix and reports and keeps its history; `duban task restore \(n)` brings it back."
    }
    static func taskRestored(_ n: Int) -> String { zh ? "任务 \(n) 已恢复。" : "Task \(n) restored." }
    static var noRetiredTasks: String { zh ? "没有已撤销的任务。" : "No task is retired." }
    static func unitAdded(_ u: String) -> String { zh ? "已新增单位 \(u)。" : "Unit \(u) added." }
    static func unitSaved(_ u: String) -> String { zh ? "单位 \(u) 已保存。" : "Unit \(u) saved." }
    static func reportSaved(_ id: Int, _ task: Int) -> String {
        zh ? "任务 \(task) 的进展报告 #\(id) 已保存。" : "Progress report #\(id) of task \(task) saved."
    }
    static func reportRemoved(_ id: Int, _ task: Int) -> String {
        zh ? "任务 \(task) 的进展报告 #\(id) 已删除。" : "Progress report #\(id) of task \(task) removed."
    }
    static func noReport(_ id: Int, _ task: Int) -> String {
        zh ? "任务 \(task) 没有进展报告 #\(id)。" : "Task \(task) has no progress report #\(id)."
    }
    static var sayWhatUnit: String {
        zh ? "请指明要修改的内容：--name、--short、--abbr、--full-form、--alias 或 --no-aliases。"
            : "Say what to change: --name, --short, --abbr, --full-form, --alias or --no-aliases."
    }
    static var sayWhatReport: String {
        zh ? "请指明要修改的内容：--progress、--problems、--next 或 --date。"
            : "Say what to change: --progress, --problems, --next or --date."
    }
    static func unchanged(_ why: String) -> String { zh ? "未作修改。" : why }
}

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Add, rename, retire or restore a task (任务).",
        subcommands: [Add.self, EditTitle.self, Retire.self, Restore.self, Retired.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a task (no lead needed; `duban check` flags it); prints its number.")
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Title.") var title: String
        @Option(name: .long, help: "Number (default: the next free one; a retired task's number is never reused).") var number: Int?
        @Option(name: .long, help: "Notes.") var notes: String = ""
        @Option(name: .long, help: "Office staff member who follows it up.") var followUp: String?

        func run() throws {
            try guarded {
                if let number, number <= 0 { throw ValidationError("--number must be positive.") }
                let store = try common.openTracker()
                let applied = try store.apply(.addTask(number: number ?? 0, title: title, notes: notes, followUp: followUp),
                                              operatorName: operatorName())
                Console.line(String(applied.edit.taskNumber))
            }
        }
    }

    struct EditTitle: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Rename a task (its number stays).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Option(name: .long, help: "New title.") var title: String
        @Option(name: .long, help: "Refuse unless the title is still this (what you saw).") var expect: String?

        func run() throws {
            try guarded {
                let store = try common.openTracker()
                let edit = Edit.editTask(task: task, title: title, expect: expect.map { .value($0) } ?? .any)
                try applyReporting(store, edit, done: EditMessages.taskRenamed(task))
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a task: it leaves the plan (lists, matrix, reports, export) but keeps its history; restore brings it back.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int

        func run() throws {
            try guarded {
                try applyReporting(try common.openTracker(), .retireTask(task: task), done: EditMessages.taskRetired(task))
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring a retired task back with its units, milestones and reports.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int

        func run() throws {
            try guarded {
                try applyReporting(try common.openTracker(), .restoreTask(task: task), done: EditMessages.taskRestored(task))
            }
        }
    }

    struct Retired: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the retired tasks.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try guarded {
                let plan = try common.openTracker().loadPlan()
                if plan.retired.isEmpty { Console.line(EditMessages.noRetiredTasks); return }
                for t in plan.retired {
                    Console.line("\(t.number)\t\(t.title)\t\(t.leads.joined(separator: "、"))")
                }
            }
        }
    }
}

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Add a unit (a matrix column) or change its names.",
        subcommands: [Add.self, EditNames.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a unit as the last matrix column; no name may be another unit's.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Full name, with the province prefix: 省水利厅.") var name: String
        @Option(name: .long, help: "Short name (default: the name without 省).") var short: String?
        @Option(name: .long, help: "Two-character abbreviation.") var abbr: String = ""
        @Option(name: .long, help: "Official full form, if the name is itself an abbreviation.") var fullForm: String = ""
        @Option(name: .long, help: "Another name it answers to (repeatable).") var alias: [String] = []

        func run() throws {
            try guarded {
                let store = try common.openTracker()
                let u = DubanCore.Unit(name: name, short: short ?? "", abbr: abbr, fullForm: fullForm, aliases: alias)
                let applied = try store.apply(.addUnit(unit: u), operatorName: operatorName())
                Console.line(EditMessages.unitAdded(applied.edit.unitName ?? name))
            }
        }
    }

    struct EditNames: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change a unit's names; a new full name renames it everywhere (its roles stay).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The unit (name, abbreviation or alias).") var unit: String
        @Option(name: .long, help: "New full name.") var name: String?
        @Option(name: .long, help: "New short name.") var short: String?
        @Option(name: .long, help: "New abbreviation.") var abbr: String?
        @Option(name: .long, help: "New official full form.") var fullForm: String?
        @Option(name: .long, help: "The aliases (repeatable; replaces the list).") var alias: [String] = []
        @Flag(name: .long, help: "Remove every alias.") var noAliases = false

        func validate() throws {
            if name == nil && short == nil && abbr == nil && fullForm == nil && alias.isEmpty && !noAliases {
                throw ValidationError(EditMessages.sayWhatUnit)
            }
        }

        func run() throws {
            try guarded {
                let store = try common.openTracker()
                let old = try store.resolveUnit(unit)
                var u = old
                if let name { u.name = name }
                if let short { u.short = short }
                if let abbr { u.abbr = abbr }
                if let fullForm { u.fullForm = fullForm }
                if !alias.isEmpty { u.aliases = alias }
                if noAliases { u.aliases = [] }
                try applyReporting(store, .editUnit(name: old.name, set: u, expect: .value(old)),
                                   done: EditMessages.unitSaved(u.name))
            }
        }
    }
}

extension Progress {
    struct EditReport: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Correct a progress report's parts or date.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Report id (see `duban progress list`).") var id: Int
        @Option(name: .long, help: "进展情况.") var progress: String?
        @Option(name: .long, help: "存在问题.") var problems: String?
        @Option(name: .long, help: "下一步措施.") var next: String?
        @Option(name: .long, help: ArgumentHelp("Report date.", valueName: "YYYY-MM-DD")) var date: String?

        func validate() throws {
            if progress == nil && problems == nil && next == nil && date == nil { throw ValidationError(EditMessages.sayWhatReport) }
        }

        func run() throws {
            try guarded {
                let today = try common.resolvedToday()
                let store = try common.openTracker()
                let t = try store.requireTask(task)
                guard let r = t.progress.first(where: { $0.id == id }) else { throw CLIError(EditMessages.noReport(id, task)) }
                // Only the parts asked for, each expecting what was read.
                var set: [ProgressField] = []
                if let progress { set.append(.progress(progress)) }
                if let problems { set.append(.problems(problems)) }
                if let next { set.append(.next(next)) }
                if let date { set.append(.date(try parseDay(date, today: today))) }
                let edit = Edit.updateProgress(task: task, id: id, set: set,
                                               expect: set.map { ProgressField.of($0.key, in: r) })
                try edit.checkDates(today: today)
                try applyReporting(store, edit, done: EditMessages.reportSaved(id, task))
            }
        }
    }

    struct RemoveReport: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a progress report.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Report id.") var id: Int

        func run() throws {
            try guarded {
                let store = try common.openTracker()
                let t = try store.requireTask(task)
                guard let r = t.progress.first(where: { $0.id == id }) else { throw CLIError(EditMessages.noReport(id, task)) }
                try applyReporting(store, .removeProgress(task: task, id: id, expect: .value(r)),
                                   done: EditMessages.reportRemoved(id, task))
            }
        }
    }
}

/// Applies one edit and says it is done; "nothing to change" is said, not an error.
private func applyReporting(_ store: any TrackerStore, _ edit: Edit, done: String) throws {
    do {
        _ = try store.apply(edit, operatorName: operatorName())
        Console.line(done)
    } catch DomainError.unchanged(let why) {
        Console.line(EditMessages.unchanged(why))
    }
}
