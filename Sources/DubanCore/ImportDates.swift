/// Due dates in the free text of a 完成时限 / 时间节点 cell.
enum ImportDueDate {
    /// The latest date written in `text` in one of the forms YYYY-MM-DD (also with / or .),
    /// YYYY年M月D日 (or 号), YYYY年M月底 (last day of the month) and YYYY年底 (31 December);
    /// nil when there is none (长期坚持, 2027年上半年, 2027-02-30).
    static func find(in text: String) -> Day? {
        let s: [Unicode.Scalar] = text.unicodeScalars.map { u in
            // Full-width digits ０-９ read as ASCII digits.
            (0xFF10...0xFF19).contains(u.value) ? Unicode.Scalar(u.value - 0xFF10 + 0x30)! : u
        }
        var best: Day?
        var i = 0
        while i < s.count {
            guard digit(s[i]) != nil else {
                i += 1
                continue
            }
            var j = i
            while j < s.count, digit(s[j]) != nil { j += 1 }
            if j - i == 4, case let (day, end)? = afterYear(s, j, year: number(s, i, j)) {
                if let day, best.map({ day > $0 }) ?? true { best = day }
                i = end
            } else {
                i = j
            }
        }
        return best
    }

    private static func digit(_ u: Unicode.Scalar) -> Int? {
        (48...57).contains(u.value) ? Int(u.value) - 48 : nil
    }

    private static func number(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Int {
        var n = 0
        for k in a..<b { n = n * 10 + digit(s[k])! }
        return n
    }

    /// One or two digits at `i` (not followed by a third): the number and the index after it.
    private static func small(_ s: [Unicode.Scalar], _ i: Int) -> (Int, Int)? {
        var j = i
        while j < s.count, j - i < 3, digit(s[j]) != nil { j += 1 }
        guard j > i, j - i <= 2 else { return nil }
        return (number(s, i, j), j)
    }

    private static func at(_ s: [Unicode.Scalar], _ i: Int, _ u: Unicode.Scalar) -> Bool {
        i < s.count && s[i] == u
    }

    /// Reads what follows a four-digit year ending before `j`. Returns the day (nil if the
    /// form matched but the day does not exist) and the index after the form; nil if no form matched.
    private static func afterYear(_ s: [Unicode.Scalar], _ j: Int, year: Int) -> (Day?, Int)? {
        guard j < s.count else { return nil }
        let sep = s[j]
        if sep == "-" || sep == "/" || sep == "." {
            guard case let (m, k)? = small(s, j + 1), at(s, k, sep), case let (d, e)? = small(s, k + 1) else { return nil }
            return (Day(year: year, month: m, day: d), e)
        }
        guard sep == "年" else { return nil }
        if at(s, j + 1, "底") { return (Day(year: year, month: 12, day: 31), j + 2) }
        guard case let (m, k)? = small(s, j + 1), at(s, k, "月") else { return nil }
        if at(s, k + 1, "底") {
            guard (1...12).contains(m) else { return (nil, k + 2) }
            return (Day(year: year, month: m, day: Day.daysIn(month: m, year: year)), k + 2)
        }
        guard case let (d, e)? = small(s, k + 1), at(s, e, "日") || at(s, e, "号") else { return nil }
        return (Day(year: year, month: m, day: d), e + 1)
    }
}
