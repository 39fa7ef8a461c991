/// Name → unit look-up for the importer: one dictionary over every name a unit answers to,
/// with and without the 省 prefix, so each name costs one hash look-up.
///
/// A unit's own names are its full name, short name, abbreviation and official full form
/// (and those with or without 省); its aliases are the other names listed for it. When two
/// units answer to one name, the stronger kind of name wins (full name, then own names, then
/// aliases); two units with the same kind of name make the name ambiguous.
struct ImportUnitLookup {
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
    /// The entries of names that start with 省, keyed without it: `prefixed["财政厅"]` is
    /// `table["省财政厅"]`. Saves building "省" + name for every name in a 省-prefixed list.
    private var prefixed: [String: Entry] = [:]

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

    /// The entry for a name read from a list: within a list whose first name starts with 省,
    /// a name without 省 is looked up with 省 first (`省发改委、财政厅` → 省财政厅), then as written.
    func find(_ name: String, listPrefix: Bool) -> Entry? {
        if listPrefix && !name.hasProvincePrefix { return prefixed[name] ?? table[name] }
        return table[name]
    }

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
        Self.insert(key, unit, match, into: &table)
        if key.hasProvincePrefix && key.unicodeScalars.count > 1 {
            Self.insert(String(key.unicodeScalars.dropFirst()), unit, match, into: &prefixed)
        }
    }

    private static func insert(_ key: String, _ unit: Int, _ match: Match, into table: inout [String: Entry]) {
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
struct ImportListItem {
    var text: String
    var line: Int
}

enum ImportUnitList {
    /// Separators of a unit list: 、 ， , ; ；
    static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "、", "，", ",", ";", "；": return true
        default: return false
        }
    }

    /// Splits a unit cell into names. With `fragmentsAreWraps` the fragments are joined
    /// (a name may wrap mid-word: 电 + 力公司); otherwise each fragment boundary separates names.
    /// Each name carries the line of its first character.
    static func split(_ fragments: [ImportFragment], fragmentsAreWraps: Bool) -> [ImportListItem] {
        var out: [ImportListItem] = []
        if fragmentsAreWraps && fragments.count > 1 {
            var text = ""
            var starts: [Int] = []
            for f in fragments {
                starts.append(text.utf8.count)
                text += f.text
            }
            split(text, into: &out) { offset in fragments[starts.lastIndex(where: { $0 <= offset })!].line }
        } else {
            for f in fragments { split(f.text, into: &out) { _ in f.line } }
        }
        return out
    }

    /// Splits one text at separators, trimming white space; `line` maps a UTF-8 offset to its line.
    private static func split(_ text: String, into out: inout [ImportListItem], line: (Int) -> Int) {
        let s = text.unicodeScalars
        var i = s.startIndex
        var start: String.Index?
        var end = i
        func flush() {
            guard let a = start else { return }
            out.append(ImportListItem(text: String(s[a..<end]), line: line(text.utf8.distance(from: text.startIndex, to: a))))
            start = nil
        }
        while i < s.endIndex {
            let u = s[i]
            let next = s.index(after: i)
            if isSeparator(u) {
                flush()
            } else if !u.isImportSpace {
                if start == nil { start = i }
                end = next
            }
            i = next
        }
        flush()
    }
}

extension String {
    /// Starts with 省 (U+7701, E7 9C 81 in UTF-8); cheaper than `hasPrefix("省")`.
    var hasProvincePrefix: Bool {
        var it = utf8.makeIterator()
        return it.next() == 0xE7 && it.next() == 0x9C && it.next() == 0x81
    }
}
