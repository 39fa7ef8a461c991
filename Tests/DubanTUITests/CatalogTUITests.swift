import Foundation
import Testing
@testable import DubanCore
@testable import DubanTUI

/// The TUI's section of the message catalog (`Strings`, with its `sup` section): every entry
/// in both languages, every command described, every screen's help section named.
@Suite struct CatalogTUITests {
    /// Every String and every dictionary value of a string table, by label.
    func entries(_ table: Any) -> [(String, String)] {
        var out: [(String, String)] = []
        for child in Mirror(reflecting: table).children {
            let label = child.label ?? "?"
            if let s = child.value as? String { out.append((label, s)) }
            if let d = child.value as? [Command: String] { out += d.map { ("\(label).\($0.key)", $0.value) } }
            if let d = child.value as? [KeyContext: String] { out += d.map { ("\(label).\($0.key)", $0.value) } }
            if let d = child.value as? [String: String] { out += d.map { ("\(label).\($0.key)", $0.value) } }
            if let section = child.value as? SupervisionStrings { out += entries(section).map { ("\(label).\($0.0)", $0.1) } }
        }
        return out
    }

    @Test func everyStringHasBothLanguages() {
        for (zh, en) in [(entries(Strings.zh), entries(Strings.en))] {
            #expect(Set(zh.map(\.0)) == Set(en.map(\.0)), "the languages have different entries")
            // The supervision screens are a section of the same tables.
            #expect(zh.contains { $0.0 == "sup.progressEmpty" })
            // The light column has no heading in either language, on purpose.
            for (label, text) in zh + en where label != "sup.columnLight" { #expect(!text.isEmpty, "\(label) is empty") }
            let english = Dictionary(en, uniquingKeysWith: { a, _ in a })
            let differing = zh.filter { english[$0.0] != $0.1 }.count
            // Apart from marks shared on purpose (牵 / 协, {1}×{2}), the two tables differ.
            #expect(differing > zh.count * 9 / 10)
        }
    }

    @Test func everyCommandIsDescribedAndEveryScreenNamed() {
        for s in [Strings.zh, Strings.en] {
            for c in Command.allCases { #expect(!(s.commandHelp[c] ?? "").isEmpty, "\(c) has no description") }
        }
        for (s, sup) in [(Strings.zh, Strings.zh.sup), (Strings.en, Strings.en.sup)] {
            for c in KeyMap.helpContexts { #expect(s.helpSections[c] ?? sup.helpSections[c] != nil, "\(c) has no help section") }
        }
    }

    /// No TUI text is chosen by a language test outside the tables: the sources hold no
    /// `isChinese ?` or `language == .zh ?` text branches (Strings.for is the one switch), no
    /// inline bilingual helpers (`EditForms.l(s, zh, en)`, `Forms.text(s, zh, en)` and their
    /// like) and no call that passes a Chinese and a non-Chinese literal side by side.
    @Test func noTextBranchesOutsideTheTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/DubanTUI").standardized
        var scanned = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: sources.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            scanned += 1
            for line in text.split(separator: "\n") where line.contains("isChinese ?") || line.contains("zhText ?")
                || (line.contains("language == .zh ?") && !line.contains("? .zh : .en")) {
                Issue.record("\(name): \(line.trimmingCharacters(in: .whitespaces))")
            }
            for line in text.split(separator: "\n") where Self.bilingualHelpers.contains(where: { line.contains($0) }) {
                Issue.record("\(name): inline bilingual helper: \(line.trimmingCharacters(in: .whitespaces))")
            }
            for pair in Self.literalPairs(text) { Issue.record("\(name): inline zh/en pair: \(pair)") }
        }
        #expect(scanned > 20)
    }

    /// The helpers merged code used for inline zh/en pairs, by name and by shape.
    static let bilingualHelpers = ["EditForms.l(", "Forms.text(", " l(s,", "(l(s,", " l(app.", "(l(app.",
                                   " l(v.app.", "(l(v.app.", "_ zh: String, _ en: String"]

    /// Call arguments `"…中文…", "english")`: a literal with CJK, then one without, then `)`.
    static func literalPairs(_ text: String) -> [String] {
        let pattern = #"\"[^"\n]*\p{Han}[^"\n]*\"\s*,\s*\"[^"\n\p{Han}]*\"\s*\)"#
        guard let re = try? NSRegularExpression(pattern: pattern) else { return ["(pattern)"] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    @Test func theScanFindsInlinePairs() {
        #expect(Self.literalPairs("let q = l(s, \"删除 {1}？\",\n      \"Delete {1}?\")").count == 1)
        #expect(Self.literalPairs(#"["init": "建立", "units": "单位"]"#).isEmpty)
        #expect(Self.bilingualHelpers.contains { #"title: l(s, "新增任务", "New task")"#.contains($0) })
    }

    @Test func milestoneToggleReadsDoneOrReopen() {
        #expect(Strings.zh.commandShort[.toggleMilestone] == "完成/重新打开")
        #expect(Strings.en.commandShort[.toggleMilestone] == "done/reopen")
    }

    @Test func errorsInTheStatusLineAreSentences() {
        #expect(Strings.zh.describe(DomainError.unknownTask(9) as Error) == "没有任务 9。")
        #expect(Strings.en.describe(DomainError.unknownTask(9) as Error) == "There is no task 9.")
        let e = CocoaError(.fileWriteOutOfSpace, userInfo: [:])
        #expect(Strings.zh.describe(e) == "操作失败：磁盘已满。")
        #expect(!Strings.en.describe(e).contains("NSCocoaErrorDomain"))
    }
}
