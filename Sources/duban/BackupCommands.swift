import ArgumentParser
import DubanCore
import DubanStore
import Foundation

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup",
        abstract: CommandText.backup.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The backup file to write.") var out: String
    @Flag(name: .long, help: "Replace OUT if it exists.") var force = false

    func run() throws {
        try guarded {
            let store = try common.openTrackerFile()
            if FileManager.default.fileExists(atPath: out) && !force {
                throw CLIError(zh: "\(out) 已存在；如要替换请加 --force。", en: "\(out) already exists; use --force to replace it.")
            }
            try store.backup(to: out, replace: force)
            // Check what was written before saying so.
            let copy = try SQLiteTracker.open(at: out)
            let n = try copy.loadPlan().tasks.count
            Console.line(say(zh: "已把 \(store.path) 备份到 \(out)（\(n) 项任务）。", en: "Backed up \(store.path) to \(out) (\(n) tasks)."))
        }
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: CommandText.restore.abstract.cli)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The backup file to restore from.") var backup: String
    @Flag(name: .long, help: "Restore even though the tracker has data (it is replaced).") var force = false

    func run() throws {
        try guarded {
            if try common.databaseURL() != nil {
                throw CLIError(zh: "restore 只适用于督办文件；数据库请使用服务器自带的工具（pg_restore），或用 duban migrate --from FILE --to URL 迁入空数据库。",
                               en: "restore works on a tracker file; for a database use the server's own tools (pg_restore), or duban migrate --from FILE --to URL into an empty database.")
            }
            let source = try SQLiteTracker.open(at: backup)   // refuses anything that is not a sound tracker
            let plan = try source.loadPlan()
            let path = common.trackerPath()
            if common.trackerPathIsExplicit() { try common.refuseMissing(path, action: "nothing was restored", actionZh: "未恢复任何内容") }
            if SQLiteTracker.exists(at: path) {
                guard force else {
                    throw CLIError(zh: "\(path) 已存在；恢复会替换其中的全部内容，如要继续请加 --force。", en: "\(path) exists; restoring replaces everything in it, so add --force to go ahead.")
                }
                if SQLiteTracker.isTrackerOrSideFile(backup, tracker: path) {
                    throw CLIError(zh: "\(backup) 就是督办文件本身；未恢复任何内容。", en: "\(backup) is the tracker itself; nothing was restored.")
                }
                // Opening refuses a file that is not a tracker, so it is never overwritten.
                let target = try SQLiteTracker.open(at: path)
                try target.restore(from: source, operatorName: operatorName())
                // Compared unless someone else saved an edit meanwhile (then the difference is theirs).
                if try !target.hasOutsideChanges(), try target.loadPlan() != plan {
                    throw CLIError("the restored tracker differs from the backup; please report this.")
                }
            } else {
                try source.backup(to: path)
                guard try SQLiteTracker.open(at: path).loadPlan() == plan else {
                    throw CLIError("the restored tracker differs from the backup; please report this.")
                }
            }
            Console.line(say(zh: "已从 \(backup) 恢复 \(path)（\(plan.tasks.count) 项任务）。", en: "Restored \(path) from \(backup) (\(plan.tasks.count) tasks)."))
        }
    }
}

struct Directory: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "directory",
        abstract: CommandText.directory.abstract.cli,
        discussion: "Edit a copy: `duban directory > units.tsv`, change it, then `duban directory --import units.tsv`.")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("Replace the directory with this units.tsv.", valueName: "file"))
    var `import`: String?

    func run() throws {
        try guarded {
            let store = try common.openTracker()
            if let path = `import` {
                let units: [DubanCore.Unit]
                do {
                    units = try UnitDirectory.parse(try readTextFile(path))
                } catch let e as UnitDirectory.ParseError {
                    throw CLIError(zh: "\(path) 第 \(e.line) 行：\(e.zh)；单位名录保持不变。",
                                   en: "\(path) line \(e.line): \(e.message); the directory was left as it was.")
                }
                guard !units.isEmpty else { throw CLIError(zh: "\(path) 中没有任何单位；单位名录保持不变。", en: "\(path) lists no unit; the directory was left as it was.") }
                try store.replaceUnitDirectory(units, operatorName: operatorName())
                // Report what commands will actually find, from the tracker as it now is.
                let r = UnitDirectory.resolution(of: units, in: try store.loadPlan())
                Console.line(say(zh: "从 \(path) 读入 \(units.count) 个单位；其中 \(r.resolving.count) 个是矩阵的列，且每个名称（全称、简称、缩写、别名）都能找到该单位。",
                                 en: "Read \(units.count) units from \(path); \(r.resolving.count) of \(units.count) are matrix columns "
                                     + "that resolve by every name given (full name, short name, abbreviation, aliases)."))
                if !r.notColumns.isEmpty {
                    Console.line(say(zh: "不是矩阵的列，任何命令都用不到（\(r.notColumns.count) 个）：", en: "Not matrix columns, so no command can use them (\(r.notColumns.count)): ")
                                 + r.notColumns.joined(separator: "、") + say(zh: "。", en: "."))
                }
                if !r.failures.isEmpty {
                    Console.line(say(zh: "找不到对应单位的名称（\(r.failures.count) 个）：", en: "Names that do not resolve to their unit (\(r.failures.count)):"))
                    for f in r.failures { Console.line("  \(f.unit): \"\(f.name)\": \(f.reason)") }
                }
                return
            }
            Console.out(UnitDirectory.format(try store.unitDirectory()))
        }
    }
}
