/// The interface language. Data (task titles, unit names) is Chinese either way.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// Chinese first: English only when the first non-empty of LC_ALL, LC_MESSAGES and LANG
    /// names English (en, en_US.UTF-8, …). C, POSIX and C.UTF-8 — what the office's servers
    /// usually have, zh_CN rarely being installed — and no setting at all mean Chinese.
    /// `override` (`--lang`) wins over the environment.
    public static func fromEnvironment(_ env: [String: String], override: Language? = nil) -> Language {
        if let override { return override }
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy
            .compactMap { env[$0] }
            .first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower == "en" || lower.hasPrefix("en_") || lower.hasPrefix("en.") || lower.hasPrefix("en@") ? .en : .zh
    }
}

/// One message in both interface languages: the unit of the message catalog (`Catalog`).
/// Both texts are required by the initializer, so a message cannot be added in one
/// language only; templates are functions returning a `Localized`, so their parameters
/// are checked by the compiler.
public struct Localized: Hashable, Sendable, CustomStringConvertible {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .zh ? zh : en }

    public func text(_ language: Language) -> String { self(language) }

    /// The Chinese text (the default language).
    public var description: String { zh }
}

/// An error that can say itself as a sentence in either language (see `ErrorText`).
public protocol SpokenError: Error {
    var spoken: Localized { get }
}
