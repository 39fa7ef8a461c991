import ArgumentParser
import DubanCore
import DubanStore
import DubanCanvas
import DubanTUI
import DubanTerminal
import Foundation

/// `duban` with no subcommand: the interactive tracker.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: CommandText.open.abstract.cli)

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Show L / C instead of 牵 / 协, for terminals without CJK fonts.")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp(
        "How wide the terminal draws East Asian ambiguous-width characters (│ … ○ “ ”): wide (Xshell, PuTTY with CJK settings), narrow, or auto: ask the terminal at start.",
        valueName: "wide|narrow|auto"))
    var ambiguous: String = "auto"

    func run() throws {
        try guarded {
            let env = ProcessInfo.processInfo.environment
            let language = Language.fromEnvironment(env, override: common.language.lang)
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError(zh: "交互式督办界面需要终端；脚本中请使用子命令（duban --help 列出全部子命令）。",
                               en: "the interactive tracker needs a terminal; for scripts use a subcommand (duban --help lists them).")
            }
            let ambiguousWide: Bool
            switch ambiguous {
            case "wide": ambiguousWide = true
            case "narrow": ambiguousWide = false
            case "auto": ambiguousWide = AmbiguousWidthProbe.detect() ?? false
            default: throw CLIError("unknown --ambiguous \"\(ambiguous)\"; use wide, narrow or auto.")
            }
            let today = try common.resolvedToday()
            let path = common.trackerPath()
            let store = try common.openTracker(announce: false)
            let options = AppOptions(ascii: ascii, language: language,
                                     color: (env["NO_COLOR"] ?? "").isEmpty, today: today,
                                     operatorName: operatorName(), trackerPath: store.location,
                                     settings: try supervisionSettings(store), ambiguousWide: ambiguousWide)
            let screen = try CursesScreen(color: options.color)
            screen.ambiguousWide = ambiguousWide
            defer { screen.close() }
            // After the file at the path was removed or replaced, R opens whatever is there now.
            // A large plan opens on its first tasks; the rest is read on a second connection
            // of its own (read-only for a file), in the background.
            let url = try common.databaseURL()
            let openReader: @Sendable () throws -> TrackerStore = {
                if let url { return try PostgresTracker.open(url: url) }
                return try SQLiteTracker.open(at: path, readOnly: true)
            }
            let app = try App(store: store, screen: screen, options: options,
                              reopen: { try common.openTracker(announce: false) },
                              backgroundReader: { BackgroundPlanReader(open: openReader) })
            try app.run()
        }
    }
}
