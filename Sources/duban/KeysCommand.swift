import ArgumentParser
import DubanCore
import DubanTUI
import Foundation

/// `duban keys`: the interactive program's key map, from the same table as its help screen.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys",
        abstract: CommandText.keys.abstract.cli)

    @Option(name: .long, help: "text or json.") var format: String = "text"

    @Option(name: .long, help: "Language of the descriptions: zh or en (default: from LANG / LC_ALL / LC_MESSAGES).")
    var lang: String?

    func run() throws {
        try guarded {
            try requireTextOrJSON(format)
            let language: Language
            if let lang {
                guard let l = Language(rawValue: lang) else { throw CLIError("unknown language \"\(lang)\"; use zh or en.") }
                language = l
            } else {
                language = Language.fromEnvironment(ProcessInfo.processInfo.environment)
            }
            let entries = KeyMap.published(language)
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Console.out(String(decoding: try encoder.encode(entries), as: UTF8.self) + "\n")
                return
            }
            for e in entries {
                Console.line(TextWidth.pad(e.context, to: 10) + TextWidth.pad(e.keys.joined(separator: " "), to: 22)
                             + TextWidth.pad(e.command, to: 18) + e.description)
            }
        }
    }
}
