import ArgumentParser
import DubanCore
import DubanStore
import DubanTUI
import Foundation

// `duban task add/edit/retire/restore/retired`, `duban unit add/edit`, `duban progress
// edit/remove`: the CLI side of the edits that add, rename and retire tasks, add and edit
// units and correct progress reports. Each is one edit through the store (compare-and-set,
// audit record, change feed), undoable in the TUI.

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: CommandText.task.abstract.cli,
        subcommands: [Add.self, EditTitle.self, Retire.self, Restore.self, Retired.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: CommandText.taskAdd.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Title.") var title: String
        @Option(name: .long, help: "Number (default: the next free one; a retired task's number is never reused).") var number: Int?
        @Option(name: .long, help: "Notes.") var notes: String = ""
        @Option(name: .long, help: "Office staff member who follows it up.") var followUp: String?

        func run() throws {
            try guarded {
                if let number, number <= 0 { throw ValidationError(Catalog.Edits.numberMustBePositive.cli) }
                let store = try common.openTracker()
                let applied = try store.apply(.addTask(number: number ?? 0, title: title, notes: notes, followUp: followUp),
                                              operatorName: operatorName())
                Console.line(String(applied.edit.taskNumber))
            }
        }
    }

    struct EditTitle: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: CommandText.taskEdit.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Option(name: .long, help: "New title.") var title: String
        @Option(name: .long, help: "Refuse unless the title is still this (what you saw).") var expect: String?

        func run() throws {
            try guarded {
                let store = try common.openTracker()
                let edit = Edit.editTask(task: task, title: title, expect: expect.map { .value($0) } ?? .any)
                try applyReporting(store, edit, done: Catalog.Edits.taskRenamed(task).cli)
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retire",
            abstract: CommandText.taskRetire.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int

        func run() throws {
            try guarded {
                try applyReporting(try common.openTracker(), .retireTask(task: task), done: Catalog.Edits.taskRetired(task).cli)
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", abstract: CommandText.taskRestore.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int

        func run() throws {
            try guarded {
                try applyReporting(try common.openTracker(), .restoreTask(task: task), done: Catalog.Edits.taskRestored(task).cli)
            }
        }
    }

    struct Retired: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retired", abstract: CommandText.taskRetired.abstract.cli)
        @OptionGroup var common: CommonOptions

        func run() throws {
            try guarded {
                let plan = try common.openTracker().loadPlan()
                if plan.retired.isEmpty { Console.line(Catalog.Edits.noRetiredTasks.cli); return }
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
        abstract: CommandText.unit.abstract.cli,
        subcommands: [Add.self, EditNames.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: CommandText.unitAdd.abstract.cli)
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
                Console.line(Catalog.Edits.unitAdded(applied.edit.unitName ?? name).cli)
            }
        }
    }

    struct EditNames: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: CommandText.unitEdit.abstract.cli)
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
                throw ValidationError(Catalog.Edits.sayWhatUnit.cli)
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
                                   done: Catalog.Edits.unitSaved(u.name).cli)
            }
        }
    }
}

extension Progress {
    struct EditReport: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: CommandText.progressEdit.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Report id (see `duban progress list`).") var id: Int
        @Option(name: .long, help: "进展情况.") var progress: String?
        @Option(name: .long, help: "存在问题.") var problems: String?
        @Option(name: .long, help: "下一步措施.") var next: String?
        @Option(name: .long, help: ArgumentHelp("Report date.", valueName: "YYYY-MM-DD")) var date: String?

        func validate() throws {
            if progress == nil && problems == nil && next == nil && date == nil { throw ValidationError(Catalog.Edits.sayWhatReport.cli) }
        }

        func run() throws {
            try guarded {
                let today = try common.resolvedToday()
                let store = try common.openTracker()
                let t = try store.requireTask(task)
                guard let r = t.progress.first(where: { $0.id == id }) else { throw CLIError(Catalog.Edits.noReport(id, task)) }
                // Only the parts asked for, each expecting what was read.
                var set: [ProgressField] = []
                if let progress { set.append(.progress(progress)) }
                if let problems { set.append(.problems(problems)) }
                if let next { set.append(.next(next)) }
                if let date { set.append(.date(try parseDay(date, today: today))) }
                let edit = Edit.updateProgress(task: task, id: id, set: set,
                                               expect: set.map { ProgressField.of($0.key, in: r) })
                try edit.checkDates(today: today)
                try applyReporting(store, edit, done: Catalog.Edits.reportSaved(id, task).cli)
            }
        }
    }

    struct RemoveReport: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: CommandText.progressRemove.abstract.cli)
        @OptionGroup var common: CommonOptions
        @Argument(help: "Task number.") var task: Int
        @Argument(help: "Report id.") var id: Int

        func run() throws {
            try guarded {
                let store = try common.openTracker()
                let t = try store.requireTask(task)
                guard let r = t.progress.first(where: { $0.id == id }) else { throw CLIError(Catalog.Edits.noReport(id, task)) }
                try applyReporting(store, .removeProgress(task: task, id: id, expect: .value(r)),
                                   done: Catalog.Edits.reportRemoved(id, task).cli)
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
        Console.line(Catalog.Edits.unchanged(why).cli)
    }
}
