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

/// What one time limit says: its due dates (one; four for 每季度; two for 每半年), whether it
/// is ongoing work (长期坚持, 持续推进), and whether a year had to come from elsewhere.
struct ImportDueReading: Equatable {
    var dues: [Day] = []
    /// 长期坚持, 持续推进, 常态化, 每月: work without an end date.
    var ongoing = false
    /// Dates were written without a year and read in the year given (`year:`).
    var usedGivenYear = false
    /// Dates were written without a year and no year was given: they could not be read.
    var needsYear = false
    /// The last four-digit year written in the text (for the next time limit of the same cell).
    var writtenYear: Int?
}

extension ImportDueDate {
    /// A quick check: every time form has one of 年月季长持常每半, or a digit before - / . ;
    /// most names have none.
    static func mayBeDue<S: Sequence>(_ scalars: S) -> Bool where S.Element == Unicode.Scalar {
        var previousDigit = false
        for u in scalars {
            switch u {
            case "年", "月", "季", "长", "持", "常", "每", "半": return true
            case "-", "/", ".": if previousDigit { return true }
            default: break
            }
            previousDigit = ("0"..."9").contains(u) || ("０"..."９").contains(u)
        }
        return false
    }

    private static let ongoingWords = ["长期坚持", "持续推进", "长期", "持续", "常态化", "长效", "每月", "按月", "逐月", "每年"]
    private static let quarterlyWords = ["每季度", "按季度", "每个季度", "逐季", "分季度"]

    /// Whether text in a unit cell is a time limit rather than a unit (年内持续推进, 2024年底前).
    static func looksLikeDue(_ text: String) -> Bool {
        guard mayBeDue(text.unicodeScalars) else { return false }
        let t = ImportColumn.normalize(text)
        if t.isEmpty { return false }
        if ImportUnitNames.isDepartment(t) { return false }
        for w in ongoingWords + quarterlyWords + ["年底", "年内", "年末", "月底", "上半年", "下半年", "季度", "年中", "完成"]
        where t.importContains(w) { return true }
        let r = read(t, year: 2000)
        return !r.dues.isEmpty
    }

    /// Reads one time limit. Forms with a year (2024年6月底前, 2024年底前, 2024年12月31日前,
    /// 2024-12-31, 2024年6月, 2024年上半年, 2024年第三季度, 2024年) and without one (6月底前, 9月30日,
    /// 年底前, 年内, 上半年, 三季度, 每季度, 每半年), read in the year written last before them in
    /// the text, else in `year`. The latest date is the due; 每季度 gives the four quarter ends.
    static func read(_ text: String, year: Int?) -> ImportDueReading {
        let s: [Unicode.Scalar] = text.unicodeScalars.map { u in
            (0xFF10...0xFF19).contains(u.value) ? Unicode.Scalar(u.value - 0xFF10 + 0x30)! : u
        }
        var r = ImportDueReading()
        var dates: [Day] = []
        var written: Int?
        func has(_ w: String, at i: Int) -> Bool {
            var k = i
            for u in w.unicodeScalars {
                guard k < s.count, s[k] == u else { return false }
                k += 1
            }
            return true
        }
        func yearHere() -> Int? {
            if let w = written { return w }
            if let y = year {
                r.usedGivenYear = true
                return y
            }
            r.needsYear = true
            return nil
        }
        func quarter(at i: Int) -> (Int, Int)? {
            var k = i
            if has("第", at: k) { k += 1 }
            let q: Int
            switch k < s.count ? s[k] : " " {
            case "一", "1": q = 1
            case "二", "2": q = 2
            case "三", "3": q = 3
            case "四", "4": q = 4
            default: return nil
            }
            return has("季度", at: k + 1) ? (q, k + 3) : nil
        }
        func quarterEnd(_ y: Int, _ q: Int) -> Day? {
            let m = q * 3
            return Day(year: y, month: m, day: Day.daysIn(month: m, year: y))
        }
        /// After a year (written or not) at `i`: 底/末/内/中/上半年/下半年/第N季度/M月…; returns the day and end.
        func afterYear(_ y: Int?, _ i: Int) -> (Day?, Int)? {
            if has("底", at: i) || has("末", at: i) || has("内", at: i) { return (y.flatMap { Day(year: $0, month: 12, day: 31) }, i + 1) }
            if has("中", at: i) { return (y.flatMap { Day(year: $0, month: 6, day: 30) }, i + 1) }
            if has("上半年", at: i) { return (y.flatMap { Day(year: $0, month: 6, day: 30) }, i + 3) }
            if has("下半年", at: i) { return (y.flatMap { Day(year: $0, month: 12, day: 31) }, i + 3) }
            if let (q, e) = quarter(at: i) { return (y.flatMap { quarterEnd($0, q) }, e) }
            return nil
        }
        var i = 0
        var quarterly = false, halfYearly = false
        while i < s.count {
            if quarterlyWords.contains(where: { has($0, at: i) }) {
                quarterly = true
                i += 2
                continue
            }
            if has("每半年", at: i) {
                halfYearly = true
                i += 3
                continue
            }
            if let w = ongoingWords.first(where: { has($0, at: i) }) {
                r.ongoing = true
                i += w.unicodeScalars.count
                continue
            }
            guard digit(s[i]) != nil else {
                // 年底, 年内, 上半年, 三季度 without a year (not after digits: 2024年底 is read with its year).
                let afterDigit = i > 0 && digit(s[i - 1]) != nil
                if !afterDigit && s[i] == "年", i == 0 || s[i - 1] != "每", afterYear(nil, i + 1) != nil {
                    let (d, e) = afterYear(yearHere(), i + 1)!
                    if let d { dates.append(d) }
                    i = e
                    continue
                }
                if !afterDigit && (has("上半年", at: i) || has("下半年", at: i)) {
                    let y = yearHere()
                    if let y, let d = Day(year: y, month: has("上", at: i) ? 6 : 12, day: has("上", at: i) ? 30 : 31) { dates.append(d) }
                    i += 3
                    continue
                }
                if !afterDigit, i == 0 || s[i - 1] != "每", let (q, e) = quarter(at: i) {
                    if let y = yearHere(), let d = quarterEnd(y, q) { dates.append(d) }
                    i = e
                    continue
                }
                i += 1
                continue
            }
            var j = i
            while j < s.count, digit(s[j]) != nil { j += 1 }
            let n = number(s, i, j)
            if j - i == 4 {
                let y = n
                guard j < s.count else { i = j; continue }
                let sep = s[j]
                if sep == "-" || sep == "/" || sep == "." {
                    if case let (m, k)? = small(s, j + 1), at(s, k, sep), case let (d, e)? = small(s, k + 1) {
                        if let day = Day(year: y, month: m, day: d) { dates.append(day) }
                        written = y
                        i = e
                        continue
                    }
                    i = j + 1
                    continue
                }
                guard sep == "年" else { i = j; continue }
                written = y
                if let (d, e) = afterYear(y, j + 1) {
                    if let d { dates.append(d) }
                    i = e
                    continue
                }
                if let (d, e) = monthDay(s, j + 1, year: y) {
                    if let d { dates.append(d) }
                    i = e
                    continue
                }
                // 2024年 (起/以来/开始 mark a start, not a due).
                let next = j + 1 < s.count ? s[j + 1] : " "
                if !["起", "以", "开", "至", "到", "-", "—", "～", "~"].contains(next) {
                    if let d = Day(year: y, month: 12, day: 31) { dates.append(d) }
                }
                i = j + 1
                continue
            }
            if j - i <= 2, let (d, e) = monthDay(s, i, year: nil) {
                // 6月底前, 9月30日: the year written before, else the given one.
                if d == nil, let y = yearHere(), let (d2, _) = monthDay(s, i, year: y), let d2 { dates.append(d2) }
                i = e
                continue
            }
            i = j
        }
        r.writtenYear = written
        if quarterly, let y = written ?? yearHere() {
            r.dues = (1...4).compactMap { quarterEnd(y, $0) }
            return r
        }
        if halfYearly, let y = written ?? yearHere() {
            r.dues = [Day(year: y, month: 6, day: 30), Day(year: y, month: 12, day: 31)].compactMap { $0 }
            return r
        }
        if let latest = dates.max() {
            r.dues = [latest]
            r.ongoing = false
        }
        if !r.dues.isEmpty || r.ongoing { r.needsYear = false }
        return r
    }

    /// M月底 / M月末 / M月D日 / M月D号 / M月 at `i`, in `year` (nil: the form is matched but no
    /// day made); nil when no month form is there.
    private static func monthDay(_ s: [Unicode.Scalar], _ i: Int, year: Int?) -> (Day?, Int)? {
        guard case let (m, k)? = small(s, i), at(s, k, "月") else { return nil }
        guard (1...12).contains(m) else { return (nil, k + 1) }
        if at(s, k + 1, "底") || at(s, k + 1, "末") {
            return (year.flatMap { Day(year: $0, month: m, day: Day.daysIn(month: m, year: $0)) }, k + 2)
        }
        if case let (d, e)? = small(s, k + 1), at(s, e, "日") || at(s, e, "号") {
            return (year.flatMap { Day(year: $0, month: m, day: d) }, e + 1)
        }
        return (year.flatMap { Day(year: $0, month: m, day: Day.daysIn(month: m, year: $0)) }, k + 1)
    }

    /// The year a document is about: the four-digit year (2000–2099) written before 年 most
    /// often; nil if none.
    static func documentYear(_ text: String) -> Int? {
        var counts: [Int: Int] = [:]
        var text = text
        text.withUTF8 { b in
            // 年 is E5 B9 B4 in UTF-8.
            var i = 0
            while i + 6 < b.count {
                if b[i] == 0x32, b[i + 1] == 0x30, (0x30...0x39).contains(b[i + 2]), (0x30...0x39).contains(b[i + 3]),
                   b[i + 4] == 0xE5, b[i + 5] == 0xB9, b[i + 6] == 0xB4, i == 0 || !(0x30...0x39).contains(b[i - 1]) {
                    counts[2000 + Int(b[i + 2] - 0x30) * 10 + Int(b[i + 3] - 0x30), default: 0] += 1
                    i += 7
                } else {
                    i += 1
                }
            }
        }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }

    /// A cell of time limits split into its entries: at line breaks, ；。，, — a piece
    /// without a time form stays with the entry before it (2024年底前，完成验收), unless a line
    /// break separates them.
    static func entries(_ cell: ImportCellText) -> [ImportListItem] {
        var out: [ImportListItem] = []
        var start = 0
        var depth = 0
        var before: Unicode.Scalar?
        func flush(_ end: Int) {
            var a = start, b = end
            while a < b && cell.scalars[a].isImportSpace { a += 1 }
            while b > a && cell.scalars[b - 1].isImportSpace { b -= 1 }
            guard a < b else { return }
            let piece = cell.item(a..<b)
            let r = read(piece.text, year: 2000)
            if let last = out.last, r.dues.isEmpty && !r.ongoing, let sep = before, sep != "\n", sep != "\r" {
                out[out.count - 1].text = last.text + String(sep) + piece.text
            } else {
                out.append(piece)
            }
        }
        for (k, u) in cell.scalars.enumerated() {
            if u == "（" || u == "(" { depth += 1 } else if u == "）" || u == ")" { depth = max(0, depth - 1) }
            if depth == 0 && ["\n", "\r", "；", ";", "。", "，", ","].contains(u) {
                flush(k)
                start = k + 1
                before = u
            }
        }
        flush(cell.scalars.count)
        return out
    }
}
