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

    /// Sets the abbreviation of a unit the importer created (not one of its names).
    mutating func setAbbreviation(_ abbr: String, of unit: Int) { units[unit].abbr = abbr }

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
struct ImportListItem: Equatable {
    var text: String
    var line: Int
}

/// A cell's text as scalars, each with its physical line; fragments that are separate pieces
/// (lines a writer broke on purpose, or cells of merged rows) are joined with a line break.
struct ImportCellText {
    var scalars: [Unicode.Scalar] = []
    var lines: [Int] = []

    init(_ fragments: [ImportFragment], fragmentsAreWraps: Bool) {
        for (k, f) in fragments.enumerated() {
            if k > 0 && (!fragmentsAreWraps || f.separate) {
                scalars.append("\n")
                lines.append(f.line)
            }
            for u in f.text.unicodeScalars {
                scalars.append(u)
                lines.append(f.line)
            }
        }
    }

    init(_ text: String, line: Int) {
        scalars = Array(text.unicodeScalars)
        lines = Array(repeating: line, count: scalars.count)
    }

    var isEmpty: Bool { scalars.allSatisfy(\.isImportSpace) }

    func item(_ r: Range<Int>) -> ImportListItem {
        ImportListItem(text: Self.string(scalars[r]), line: r.isEmpty ? (lines.first ?? 0) : lines[r.lowerBound])
    }

    /// Scalars as a string, encoded once (faster than appending scalar by scalar).
    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount * 3)
        for u in scalars { UTF8.encode(u) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A unit cell read as a clause: the units with the role the text gives them, time limits
/// written into the cell, and text that names no unit (dropped, to be reported).
///
/// Forms: `X牵头，Y、Z按职责分工负责`; `由X牵头，会同Y、Z等单位负责落实`; `牵头单位：X；配合单位：Y`;
/// `X（牵头）、Y、Z`; plain lists `X、Y、Z`. Collectives stay whole (`各县、市、区政府`,
/// `各县（市、区）政府`); 、 inside brackets does not split.
struct ImportClause: Equatable {
    enum Role: Equatable { case lead, cooperating, unmarked }

    struct Unit: Equatable {
        var item: ImportListItem
        var role: Role
    }

    var units: [Unit] = []
    /// Time limits written in the cell (年内持续推进).
    var dues: [ImportListItem] = []
    /// Text dropped from names: remarks in brackets, 等/等单位/等部门 (with the name it followed).
    var dropped: [(item: ImportListItem, text: String)] = []

    static func == (a: ImportClause, b: ImportClause) -> Bool {
        a.units == b.units && a.dues == b.dues && a.dropped.map(\.text) == b.dropped.map(\.text)
    }

    private enum Separators { case clause, list }

    private static func isOpen(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "（", "(", "【", "[", "〔", "《", "“": return true
        default: return false
        }
    }

    private static func isClose(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "）", ")", "】", "]", "〕", "》", "”": return true
        default: return false
        }
    }

    private static func isSeparator(_ u: Unicode.Scalar, _ kind: Separators) -> Bool {
        switch (kind, u) {
        case (.clause, "，"), (.clause, ","), (.clause, "；"), (.clause, ";"), (.clause, "。"), (.clause, "\n"), (.clause, "\r"),
             (.list, "、"), (.list, "/"), (.list, "／"): return true
        default: return false
        }
    }

    private typealias Word = [Unicode.Scalar]
    private static func words(_ w: [String]) -> [Word] { w.map { Array($0.unicodeScalars) } }

    private static let leadWords = words(["牵头负责", "牵头落实", "牵头抓总", "牵头组织", "牵头推进", "为牵头单位", "牵头"])
    private static let cooperatingWords = words(["按职责分工负责", "按职责分工落实", "按职能分工负责", "按职责分工", "按职责负责",
                                           "分工负责", "配合落实", "配合推进", "协同推进", "共同推进", "共同负责", "配合",
                                           "参与", "协同", "协助", "协办"])
    private static let neutralWords = words(["负责落实", "负责实施", "组织实施", "具体实施", "具体负责", "负责推进", "抓好落实",
                                       "落实", "负责", "分别", "共同", "按职责"])
    /// Words after a list that mean "and others": dropped and reported.
    private static let etcWords = words(["等有关单位", "等相关单位", "等有关部门", "等相关部门", "等单位", "等部门", "等"])

    private static func hasSuffix(_ s: ArraySlice<Unicode.Scalar>, _ ws: Word) -> Bool {
        s.count >= ws.count && s.suffix(ws.count).elementsEqual(ws)
    }

    private static func hasPrefix(_ s: ArraySlice<Unicode.Scalar>, _ w: String) -> Bool {
        // No array per call: this runs for every item of every cell.
        s.starts(with: w.unicodeScalars)
    }

    private static func text(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    /// Splits `r` of `cell` at scalars in `separators` outside brackets.
    private static func split(_ cell: ImportCellText, _ r: Range<Int>, at separators: Separators) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var depth = 0
        var start = r.lowerBound
        for i in r {
            let u = cell.scalars[i]
            if isOpen(u) { depth += 1 } else if isClose(u) { depth = max(0, depth - 1) }
            if depth == 0 && isSeparator(u, separators) {
                out.append(start..<i)
                start = i + 1
            }
        }
        out.append(start..<r.upperBound)
        return out
    }

    /// `r` without white space at either end.
    private static func trim(_ cell: ImportCellText, _ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound, b = r.upperBound
        while a < b && cell.scalars[a].isImportSpace { a += 1 }
        while b > a && cell.scalars[b - 1].isImportSpace { b -= 1 }
        return a..<b
    }

    /// The role a label before ：names (牵头单位, 配合部门, 责任单位); nil if the text is no label.
    private static func labelRole(_ s: String) -> Role? {
        let h = ImportColumn.normalize(s)
        guard h.count <= 12 else { return nil }
        if h.contains("牵头") || h.contains("主办") || h.contains("主责") { return .lead }
        if ["协同", "协办", "配合", "参与", "协助", "会同", "支持"].contains(where: { h.contains($0) }) { return .cooperating }
        if h.contains("责任") || h.hasSuffix("单位") || h.hasSuffix("部门") { return .unmarked }
        return nil
    }

    static func parse(_ cell: ImportCellText) -> ImportClause {
        var out = ImportClause()
        var labelRole: Role?
        for seg in split(cell, 0..<cell.scalars.count, at: .clause) {
            var r = trim(cell, seg)
            if r.isEmpty { continue }
            // 牵头单位：X
            if let colon = r.first(where: { cell.scalars[$0] == "：" || cell.scalars[$0] == ":" }),
               let role = Self.labelRole(text(cell.scalars[r.lowerBound..<colon])) {
                labelRole = role
                r = trim(cell, (colon + 1)..<r.upperBound)
            }
            for w in ["分别由", "由", "请"] where hasPrefix(cell.scalars[r], w) {
                r = (r.lowerBound + w.count)..<r.upperBound
                break
            }
            // X会同Y、Z: X leads, Y and Z cooperate.
            var parts: [(Range<Int>, Role?)] = [(r, nil)]
            for w in ["会同"] {
                let ws = Array(w.unicodeScalars)
                if let k = (r.lowerBound..<max(r.lowerBound, r.upperBound - ws.count + 1)).first(where: {
                    cell.scalars[$0..<($0 + ws.count)].elementsEqual(ws)
                }) {
                    parts = [(r.lowerBound..<k, .lead), ((k + ws.count)..<r.upperBound, .cooperating)]
                    break
                }
            }
            for (part, partRole) in parts {
                var role = partRole
                var p = trim(cell, part)
                if p.isEmpty { continue }
                // Role words at the end: X牵头, Y、Z按职责分工负责.
                var changed = true
                while changed && !p.isEmpty {
                    changed = false
                    let s = cell.scalars[p]
                    if let w = leadWords.first(where: { hasSuffix(s, $0) }) {
                        role = .lead
                        p = trim(cell, p.lowerBound..<(p.upperBound - w.count))
                        changed = true
                    } else if let w = cooperatingWords.first(where: { hasSuffix(s, $0) }) {
                        if role == nil { role = .cooperating }
                        p = trim(cell, p.lowerBound..<(p.upperBound - w.count))
                        changed = true
                    } else if let w = neutralWords.first(where: { hasSuffix(s, $0) }), s.count > w.count {
                        p = trim(cell, p.lowerBound..<(p.upperBound - w.count))
                        changed = true
                    } else if let w = etcWords.first(where: { hasSuffix(s, $0) }), s.count > w.count {
                        let q = p.lowerBound..<(p.upperBound - w.count)
                        out.dropped.append((cell.item(p), text(w[...])))
                        p = trim(cell, q)
                        changed = true
                    }
                }
                if p.isEmpty { continue }
                if ImportDueDate.mayBeDue(cell.scalars[p]) {
                    let whole = cell.item(p)
                    if ImportDueDate.looksLikeDue(whole.text) {
                        out.dues.append(whole)
                        continue
                    }
                }
                for item in items(cell, p, into: &out) {
                    out.units.append(Unit(item: item.0, role: item.1 ?? role ?? labelRole ?? .unmarked))
                }
            }
        }
        return out
    }

    /// A plain list read without `parse`'s general machinery: one line of text that is nothing
    /// but names separated by 、 or /, each unmarked. Returns nil (read it with `parse`) unless
    /// the text is plainly such a list, which it decides in one pass over the UTF-8 bytes: no
    /// brackets, clause separators, colons or white space; no 会同, no 和/及/与 before a level
    /// character, no 分别由/由/请 at the start, nothing a time limit may hold (`mayBeDue`); no
    /// name ends with the last character of a role word or of 等…, and none could be level
    /// words (各县、市). For such text `parse` reads exactly these names (tested on tricky
    /// inputs against `parse`), with much less work: a synthetic or real table is mostly these.
    static func plainList(_ text: String, line: Int) -> ImportClause? {
        var text = text
        return text.withUTF8 { b -> ImportClause? in
            let n = b.count
            guard n > 0 else { return nil }
            var out = ImportClause()
            var i = 0
            var pieceStart = 0
            var previous: UInt32 = 0
            var previousDigit = false
            // Whether every scalar of the current piece could belong to level words (各县、有关市).
            var allLevel = true
            var pieceScalars = 0
            var first = true
            func endPiece(_ end: Int) -> Bool {
                guard end > pieceStart else { return true }
                if allLevel && pieceScalars <= 9 { return false }
                if Self.roleWordEnds.contains(previous) { return false }
                let name = String(decoding: UnsafeBufferPointer(rebasing: b[pieceStart..<end]), as: UTF8.self)
                out.units.append(Unit(item: ImportListItem(text: name, line: line), role: .unmarked))
                return true
            }
            while i < n {
                // Decode one scalar (the text is valid UTF-8).
                let start = i
                let c0 = UInt32(b[i])
                var u: UInt32
                if c0 < 0x80 {
                    u = c0
                    i += 1
                } else if c0 < 0xE0 {
                    u = (c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                    i += 2
                } else if c0 < 0xF0 {
                    u = (c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                    i += 3
                } else {
                    u = (c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                }
                if first {
                    first = false
                    if u == 0x5206 || u == 0x7531 || u == 0x8BF7 { return nil }  // 分(别由) 由 请
                }
                switch u {
                case 0x3001, 0x2F, 0xFF0F:  // 、 / ／
                    // mayBeDue: a digit before / (2024/6).
                    if u == 0x2F && previousDigit { return nil }
                    guard endPiece(start) else { return nil }
                    pieceStart = i
                    allLevel = true
                    pieceScalars = 0
                    previousDigit = false
                    previous = u
                    continue
                case 0x5E74, 0x6708, 0x5B63, 0x957F, 0x6301, 0x5E38, 0x6BCF, 0x534A:  // 年月季长持常每半 (mayBeDue)
                    return nil
                case 0x2D, 0x2E:  // - . after a digit (mayBeDue)
                    if previousDigit { return nil }
                case 0x540C:  // 会同
                    if previous == 0x4F1A { return nil }
                case 0x7701, 0x5E02, 0x53BF, 0x533A, 0x5404:  // 省市县区各 after 和/及/与
                    if previous == 0x548C || previous == 0x53CA || previous == 0x4E0E { return nil }
                default:
                    if Self.isOpen(Unicode.Scalar(u)!) || Self.isClose(Unicode.Scalar(u)!)
                        || Self.isSeparator(Unicode.Scalar(u)!, .clause) || u == 0xFF1A || u == 0x3A
                        || Unicode.Scalar(u)!.isImportSpace {
                        return nil
                    }
                }
                previousDigit = (0x30...0x39).contains(u) || (0xFF10...0xFF19).contains(u)
                if allLevel && !Self.levelWordOrPrefixScalars.contains(u) { allLevel = false }
                pieceScalars += 1
                previous = u
            }
            guard endPiece(n) else { return nil }
            return out
        }
    }

    /// The last characters of role words and of 等…: a name ending with one may carry a role.
    private static let roleWordEnds: Set<UInt32> = Set((leadWords + cooperatingWords + neutralWords + etcWords).map { $0.last!.value })
    /// The characters of level words and their prefixes (各县, 有关市, 全省各): text made only
    /// of these may be level words that join the next name.
    private static let levelWordOrPrefixScalars: Set<UInt32> = Set(
        (levelWordScalars.map(\.value)) + levelWordPrefixes.flatMap { $0.map(\.value) })

    /// The names of one part of a clause, split at 、 (and at 和/及 between two names that each
    /// start with a level prefix); collectives kept whole; a trailing remark in brackets read
    /// as a role mark (（牵头）), a time limit, or dropped.
    private static func items(_ cell: ImportCellText, _ r: Range<Int>, into out: inout ImportClause)
        -> [(ImportListItem, Role?)] {
        var pieces = split(cell, r, at: .list).map { trim(cell, $0) }.filter { !$0.isEmpty }
        // 各县、市、区政府: level words before a collective are one name.
        var k = 0
        while k + 1 < pieces.count {
            if isLevelWords(cell.scalars[pieces[k]]) {
                pieces[k] = pieces[k].lowerBound..<pieces[k + 1].upperBound
                pieces.remove(at: k + 1)
            } else {
                k += 1
            }
        }
        var result: [(ImportListItem, Role?)] = []
        for piece in pieces {
            for var p in splitConjunction(cell, piece) {
                var role: Role?
                // A remark in brackets at the end: （牵头）, （2024年底前）, or a note.
                while p.count > 2, isClose(cell.scalars[p.upperBound - 1]),
                      let o = bracketOpen(cell, p), o > p.lowerBound {
                    let inner = trim(cell, (o + 1)..<(p.upperBound - 1))
                    let note = cell.item(inner)
                    let mark = ImportColumn.normalize(note.text)
                    if ["牵头", "牵头单位", "牵头部门", "主办", "主责", "牵头负责"].contains(mark) {
                        role = .lead
                    } else if ["配合", "配合单位", "协同", "协办", "参与"].contains(mark) {
                        role = .cooperating
                    } else if ImportDueDate.looksLikeDue(note.text) {
                        out.dues.append(note)
                    } else if !note.text.isEmpty {
                        out.dropped.append((cell.item(p), text(cell.scalars[o..<p.upperBound])))
                    }
                    p = trim(cell, p.lowerBound..<o)
                }
                // X牵头 inside a list.
                for w in leadWords where hasSuffix(cell.scalars[p], w) && p.count > w.count {
                    role = .lead
                    p = trim(cell, p.lowerBound..<(p.upperBound - w.count))
                    break
                }
                if let w = etcWords.first(where: { hasSuffix(cell.scalars[p], $0) }), p.count > w.count {
                    out.dropped.append((cell.item(p), text(w[...])))
                    p = trim(cell, p.lowerBound..<(p.upperBound - w.count))
                }
                // 省 商 务 厅: spaces inside a name are dropped (kept between two ASCII letters or digits).
                if p.isEmpty { continue }
                var name: [Unicode.Scalar] = []
                name.reserveCapacity(p.count)
                for i in p {
                    let u = cell.scalars[i]
                    if u.isImportSpace {
                        let before = i > p.lowerBound ? cell.scalars[i - 1] : " "
                        let after = i + 1 < p.upperBound ? cell.scalars[i + 1] : " "
                        guard before.isASCII && after.isASCII && !before.isImportSpace && !after.isImportSpace else { continue }
                        name.append(" ")
                        continue
                    }
                    name.append(u)
                }
                if name.isEmpty { continue }
                result.append((ImportListItem(text: ImportCellText.string(name), line: cell.lines[p.lowerBound]), role))
            }
        }
        return result
    }

    /// The index of the bracket that the bracket closing `r` opens.
    private static func bracketOpen(_ cell: ImportCellText, _ r: Range<Int>) -> Int? {
        var depth = 0
        var i = r.upperBound - 1
        while i >= r.lowerBound {
            let u = cell.scalars[i]
            if isClose(u) { depth += 1 } else if isOpen(u) {
                depth -= 1
                if depth == 0 { return i }
            }
            i -= 1
        }
        return nil
    }

    /// 各县, 市, 有关市 (before 、): level words that name no unit by themselves.
    private static func isLevelWords(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard s.count <= 9, let f = s.first, levelWordStarts.contains(f) else { return false }
        var t = s[...]
        for w in levelWordPrefixes where t.starts(with: w) {
            t = t.dropFirst(w.count)
            break
        }
        guard !t.isEmpty, t.count <= 6 else { return false }
        return t.allSatisfy { levelWordScalars.contains($0) }
    }
    private static let levelWordStarts = Set("各有相所全省市县区乡镇旗州盟村".unicodeScalars)
    private static let levelWordPrefixes = ["全省各", "全市各", "各", "有关", "相关", "所有"].map { Array($0.unicodeScalars) }
    private static let levelWordScalars = Set("省市县区乡镇旗州盟村、".unicodeScalars)

    /// 省财政厅和省教育厅: splits at 和/及/与 when both sides look like names of their own
    /// (the right one starts with a level prefix and the left one ends like a department).
    private static func splitConjunction(_ cell: ImportCellText, _ r: Range<Int>) -> [Range<Int>] {
        var i = r.lowerBound + 2
        while i < r.upperBound - 2 {
            let u = cell.scalars[i]
            if u == "和" || u == "及" || u == "与",
               "省市县区各".unicodeScalars.contains(cell.scalars[i + 1]),
               ImportUnitNames.isDepartment(text(cell.scalars[r.lowerBound..<i])) {
                return [r.lowerBound..<i] + splitConjunction(cell, (i + 1)..<r.upperBound)
            }
            i += 1
        }
        return [r]
    }
}

/// Rules about unit names: which are departments of a level (to lend a 省/市/县 prefix to),
/// which are collectives, and abbreviations for new units.
enum ImportUnitNames {
    /// Level prefixes a list lends to the names after its first.
    static let levels: [Character] = ["省", "市", "县", "区"]

    /// The level prefix a name starts with (省财政厅: 省), not counting words that merely start
    /// with the character (市场监管局, 市政公用局, 区域协调办).
    static func levelPrefix(_ name: String) -> Character? {
        guard let f = name.first, levels.contains(f) else { return nil }
        for w in ["市场", "市政", "市容", "区域", "县域", "省级", "市级", "县级"] where name.hasPrefix(w) { return nil }
        return f
    }

    private static let departmentSuffixes = ["委员会", "办公室", "厅", "委", "局", "办", "部", "署", "社", "会", "院", "所"]
    /// Words of bodies that are not departments of a government level: no prefix is lent to them.
    private static let notDepartments = ["海关", "人民银行", "银行", "分行", "支行", "银保监", "金融监管", "证监", "邮政",
                                         "铁路", "电力", "电网", "公司", "集团", "政府", "党委", "法院", "检察院", "军",
                                         "武警", "大学", "学院", "有关", "相关", "各", "国家", "中国", "中央", "全国",
                                         "气象", "地震", "烟草", "盐业"]

    /// A department of a government level (厅/委/局/办/…), not a collective, a vertical or central
    /// body, or a company: 财政厅 yes; 海关, 人民银行…支行, 各设区市政府 no.
    static func isDepartment(_ name: String) -> Bool {
        guard name.count >= 2, departmentSuffixes.contains(where: { name.hasSuffix($0) }) else { return false }
        return !notDepartments.contains(where: { name.importContains($0) })
    }

    /// A body that stands for several (各设区市政府, 各县（市、区）政府, 省直有关部门).
    static func isCollective(_ name: String) -> Bool {
        name.hasPrefix("各") || name.importContains("有关") || name.importContains("相关") || name.importContains("各级")
            || name.importContains("所有")
    }

    /// The distinctive part of a name: without level prefix (省/市/县/区), 各/有关, remarks in
    /// brackets, and the department suffix (委员会/办公室/厅/局/委/办) where enough is left.
    static func distinctive(_ name: String) -> String {
        var s = ""
        var depth = 0
        for c in name {
            if c == "（" || c == "(" { depth += 1; continue }
            if c == "）" || c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 && c != "、" { s.append(c) }
        }
        for w in ["有关", "相关"] { s = s.replacingOccurrences(of: w, with: "") }
        // A collective keeps its 各: 各县（市、区）政府 → 各县.
        let collective = s.hasPrefix("各")
        if collective {
            for suffix in ["人民政府", "政府", "党委", "部门", "单位"] where s.hasSuffix(suffix) && s.count - suffix.count >= 2 {
                s.removeLast(suffix.count)
                break
            }
            return s
        }
        if levelPrefix(s) != nil, s.count > 2 { s.removeFirst() }
        for suffix in ["委员会办公室", "委员会", "办公室", "人民政府", "政府", "部门", "厅", "局", "委", "办"]
        where s.hasSuffix(suffix) && s.count - suffix.count >= 2 {
            s.removeLast(suffix.count)
            break
        }
        return s
    }

    /// A two-character abbreviation for a new unit, from the distinctive part of its name and
    /// not in `used`: its first two characters, else the first with a later one, else the
    /// first with a number.
    static func abbreviation(for name: String, avoiding used: Set<String>) -> String {
        let d = Array(distinctive(name))
        guard let first = d.first else { return name }
        var candidates: [String] = []
        func pairs(_ d: [Character]) {
            guard d.count >= 2 else { return }
            for k in 1..<d.count { candidates.append(String([d[0], d[k]])) }
            for a in 1..<d.count { for b in (a + 1)..<max(a + 1, d.count) { candidates.append(String([d[a], d[b]])) } }
        }
        pairs(d)
        if d.count < 2 { candidates.append(String(first)) }
        // Then with the suffix the distinctive part left out: 省教育局 → 教局 beside 教育 (省教育厅).
        var whole = Array(name.filter { $0 != "（" && $0 != "）" })
        if levelPrefix(String(whole)) != nil, whole.count > 2 { whole.removeFirst() }
        if whole.first == first { pairs(whole) }
        if let c = candidates.first(where: { !used.contains($0) }) { return c }
        var n = 2
        while used.contains("\(first)\(n)") { n += 1 }
        return "\(first)\(n)"
    }

    /// Two names that are probably one unit misspelt: the same characters in another order, or
    /// (for names of six characters or more) one or two characters different.
    static func areSimilar(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        return areSimilar(x, y, x.sorted { $0.value < $1.value }, y.sorted { $0.value < $1.value })
    }

    /// `areSimilar` on names as scalars, with their scalars sorted.
    static func areSimilar(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], _ xs: [Unicode.Scalar], _ ys: [Unicode.Scalar]) -> Bool {
        guard x != y else { return false }
        if x.count == y.count && x.count >= 3 && xs == ys { return true }
        let shorter = min(x.count, y.count)
        guard shorter >= 6, abs(x.count - y.count) <= 2 else { return false }
        let limit = shorter >= 8 ? 2 : 1
        return editDistance(x, y, limit: limit) <= limit
    }

    /// Levenshtein distance, stopping early above `limit`.
    static func editDistance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int {
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...max(1, x.count) where !x.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}

enum ImportUnitList {
    /// Splits a unit cell into names (see `ImportClause`). With `fragmentsAreWraps` the
    /// fragments are joined (a name may wrap mid-word: 电 + 力公司); otherwise each fragment
    /// boundary separates names. Each name carries the line of its first character.
    static func split(_ fragments: [ImportFragment], fragmentsAreWraps: Bool) -> [ImportListItem] {
        ImportClause.parse(ImportCellText(fragments, fragmentsAreWraps: fragmentsAreWraps)).units.map(\.item)
    }
}

extension String {
    /// Whether `word` occurs in the text, compared byte by byte in UTF-8 (no locale, no
    /// Foundation: the importer asks this for every name).
    func importContains(_ word: String) -> Bool {
        var a = self, b = word
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard !y.isEmpty else { return true }
                guard y.count <= x.count else { return false }
                let first = y[0]
                var i = 0
                while i <= x.count - y.count {
                    if x[i] == first {
                        var k = 1
                        while k < y.count && x[i + k] == y[k] { k += 1 }
                        if k == y.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Starts with 省 (U+7701, E7 9C 81 in UTF-8); cheaper than `hasPrefix("省")`.
    var hasProvincePrefix: Bool {
        var it = utf8.makeIterator()
        return it.next() == 0xE7 && it.next() == 0x9C && it.next() == 0x81
    }
}
