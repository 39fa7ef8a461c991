import ArgumentParser
import DubanCore
import Foundation

extension Language: ExpressibleByArgument {}

/// `--lang zh|en`, taken by every command (through `CommonOptions`, or directly).
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(say(zh: "界面语言：zh 或 en（默认中文，除非 LC_ALL / LC_MESSAGES / LANG 指定英文）。",
                                                en: "Interface language: zh or en (default: Chinese unless LC_ALL / LC_MESSAGES / LANG name English)."),
                                            valueName: "zh|en"))
    var lang: Language?

    /// The language the command speaks in.
    var language: Language { CLI.language }
}

/// The language of this run: `--lang` (read from the arguments before parsing, so that
/// `--help` and parse errors speak it too), else the environment (`Language.fromEnvironment`).
enum CLI {
    static let language: Language = {
        Language.fromEnvironment(ProcessInfo.processInfo.environment, override: languageArgument(CommandLine.arguments))
    }()

    /// The value of `--lang X` or `--lang=X` among the arguments (before a lone `--`).
    static func languageArgument(_ args: [String]) -> Language? {
        var found: Language?
        var i = 1
        while i < args.count, args[i] != "--" {
            if args[i] == "--lang", i + 1 < args.count {
                found = Language(rawValue: args[i + 1]) ?? found
                i += 1
            } else if args[i].hasPrefix("--lang=") {
                found = Language(rawValue: String(args[i].dropFirst(7))) ?? found
            }
            i += 1
        }
        return found
    }
}

extension Localized {
    /// The text in this run's language.
    var cli: String { self(CLI.language) }
}

/// Shorthand for a CLI message in both languages, in this run's language.
func say(zh: String, en: String) -> String { CLI.language == .zh ? zh : en }
