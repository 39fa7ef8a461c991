/// Reads and writes the unit directory (units.tsv): one unit a line,
/// `name<TAB>short<TAB>abbr<TAB>full_form<TAB>aliases`, aliases separated by `|`.
public enum UnitDirectory {
    public struct ParseError: Error, Equatable, CustomStringConvertible, SpokenError {
        public var line: Int
        /// The defect in English (without the line).
        public var message: String
        /// The defect in Chinese (without the line).
        public var zh: String = ""
        public var description: String { "units.tsv line \(line): \(message)" }
        public var spoken: Localized { Localized(zh: "units.tsv 第 \(line) 行：\(zh)", en: description) }

        public init(line: Int, _ text: Localized) {
            self.line = line
            self.message = text.en
            self.zh = text.zh
        }

        public static func == (a: ParseError, b: ParseError) -> Bool { a.line == b.line && a.message == b.message }
    }

    public static let header = "name\tshort\tabbr\tfull_form\taliases"

    public static func parse(_ text: String) throws(ParseError) -> [Unit] {
        var units: [Unit] = []
        var seen = Set<String>()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let lineNo = i + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            if i == 0 && line.hasPrefix("name\t") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard f.count >= 3, f.count <= 5 else {
                throw ParseError(line: lineNo, Localized(zh: "应有 3 到 5 个以制表符分隔的字段，实有 \(f.count) 个",
                                                          en: "expected 3 to 5 tab-separated fields, found \(f.count)"))
            }
            guard !f[0].isEmpty else { throw ParseError(line: lineNo, Localized(zh: "单位名称是空的", en: "the unit name is empty")) }
            guard seen.insert(f[0]).inserted else {
                throw ParseError(line: lineNo, Localized(zh: "单位\(f[0])列出了两次", en: "unit \(f[0]) is listed twice"))
            }
            let aliases = f.count > 4 ? f[4].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            units.append(Unit(name: f[0], short: f[1].isEmpty ? f[0] : f[1], abbr: f[2],
                              fullForm: f.count > 3 ? f[3] : "", aliases: aliases))
        }
        return units
    }

    public static func format(_ units: [Unit]) -> String {
        var out = header + "\n"
        for u in units {
            out += [u.name, u.short, u.abbr, u.fullForm, u.aliases.joined(separator: "|")].joined(separator: "\t") + "\n"
        }
        return out
    }

    /// How a directory's units resolve in a plan (by full name, short name, abbreviation and
    /// aliases, as every command resolves them).
    public struct Resolution: Hashable, Sendable {
        /// Units that are matrix columns and resolve to themselves by every name they are given.
        public var resolving: [String] = []
        /// Units that are not matrix columns: no command can use them.
        public var notColumns: [String] = []
        /// Names of a column that do not resolve to it: (unit, name, why).
        public var failures: [Failure] = []

        public struct Failure: Hashable, Sendable {
            public var unit: String
            public var name: String
            public var reason: String
        }
    }

    public static func resolution(of units: [Unit], in plan: Plan) -> Resolution {
        var r = Resolution()
        for u in units {
            guard let column = plan.unit(named: u.name) else { r.notColumns.append(u.name); continue }
            var ok = true
            var seen = Set<String>()
            for name in [column.name, column.short, column.abbr] + column.aliases where !name.isEmpty && seen.insert(name).inserted {
                do {
                    let found = try plan.resolveUnit(name)
                    if found.name != column.name {
                        ok = false
                        r.failures.append(.init(unit: column.name, name: name, reason: "it finds \(found.name)"))
                    }
                } catch {
                    ok = false
                    r.failures.append(.init(unit: column.name, name: name, reason: error.description))
                }
            }
            if ok { r.resolving.append(column.name) }
        }
        return r
    }

    /// The bundled directory.
    public static func builtIn() throws -> [Unit] {
        try parse(try BuiltIn.unitsTSV())
    }
}
