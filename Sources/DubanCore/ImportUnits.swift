/// Name → unit look-up for the importer: one dictionary over every name a unit answers to,
/// with and without the 省 prefix, so each name costs one hash look-up.
///
/// A unit's own names are its full name, short name, abbreviation and official full form
/// (and those with or without 省); its aliases are the other names listed for it. When two
/// units answer to one name, the stronger kind of name wins (full name, then own names, then
/// aliases); two units with the same kind of name make the name ambiguous.
struct UnitLookup {
    enum Match: Int, Comparable {
        case name = 0, own = 1, alias = 2
        static func < (a: Match, b: Match) -> Bool { a.rawValue < b.rawValue }
    }

    struct Entry {
        var unit: Int
        var match: Match
        /// Further units answering to the name with the same kind of name (ambiguity).
        var others: [Int] = []
    }

    private(set) var units: [Unit] = []
    private var table: [String: Entry] = [:]

    init(directory: [Unit]) {
        table.reserveCapacity(directory.count * 12)
        for u in directory { add(u) }
    }

    /// The index of a unit by its full name.
    func index(ofName name: String) -> Int? {
        guard let e = table[name], e.match == .name else { return nil }
        return e.unit
    }

    func find(_ key: String) -> Entry? { table[key] }

    /// Adds a unit and all its names; returns its index. A unit the importer creates has a
    /// made-up abbreviation, which must not become a name (it could shadow a directory unit's).
    @discardableResult
    mutating func add(_ u: Unit, abbreviationIsName: Bool = true) -> Int {
        if let i = index(ofName: u.name) { return i }
        let i = units.count
        units.append(u)
        let provincial = u.name.hasPrefix("省")
        func variants(_ x: String) -> [String] {
            if x.isEmpty { return [] }
            if x.hasPrefix("省") { return x.count > 1 ? [x, String(x.dropFirst())] : [x] }
            return provincial ? [x, "省" + x] : [x]
        }
        insert(u.name, i, .name)
        var own: Set<String> = [u.name]
        for x in [u.name, u.short, abbreviationIsName ? u.abbr : "", u.fullForm] {
            for v in variants(x) where own.insert(v).inserted { insert(v, i, .own) }
        }
        for a in u.aliases {
            for v in variants(a) where !own.contains(v) { insert(v, i, .alias) }
        }
        return i
    }

    private mutating func insert(_ key: String, _ unit: Int, _ match: Match) {
        guard let old = table[key] else {
            table[key] = Entry(unit: unit, match: match)
            return
        }
        if match < old.match { table[key] = Entry(unit: unit, match: match) }
        guard match == old.match, old.unit != unit, !old.others.contains(unit) else { return }
        table[key]!.others.append(unit)
    }
}

/// One name read from a unit list, with the line it starts on.
struct ListItem {
    var text: String
    var line: Int
}

enum UnitList {
    /// Separators of a unit list: 、 ， , ; ；
    static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "、", "，", ",", ";", "；": return true
        default: return false
        }
    }

    /// Splits a unit cell into names. With `fragmentsAreWraps` the fragments are joined
    /// (a name may wrap mid-word: 电 + 力公司); otherwise each fragment boundary separates names.
    static func split(_ fragments: [Fragment], fragmentsAreWraps: Bool) -> [ListItem] {
        var out: [ListItem] = []
        var cur = String.UnicodeScalarView()
        var curLine = 0
        func flush() {
            if !cur.isEmpty { out.append(ListItem(text: String(cur).trimmedSpace, line: curLine)) }
            cur = String.UnicodeScalarView()
        }
        for f in fragments {
            for u in f.text.unicodeScalars {
                if isSeparator(u) {
                    flush()
                } else if !cur.isEmpty {
                    cur.append(u)
                } else if !u.properties.isWhitespace {
                    // A name starts at its first visible character.
                    curLine = f.line
                    cur.append(u)
                }
            }
            if !fragmentsAreWraps { flush() }
        }
        flush()
        return out
    }
}
