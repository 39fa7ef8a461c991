/// Dates as people type them in forms and on the command line.
extension Day {
    /// Reads a date typed by a person, relative to `today` where the text leaves something out:
    /// 2027-03-31, 2027/3/31, 2027.3.31, 2027年3月31日 (日 may be left out), in full-width
    /// digits too; 3/31, 3-31, 3.31, 3月31日 (this year); +30 (30 days from today), 今天, 明天;
    /// 月底 (end of this month), 3月底, 2027年3月底, 季末 / 季度末 (end of this quarter),
    /// 年底 / 年末 (31 December). Nil for anything else, and for days that do not exist.
    public static func parseInput(_ text: String, today: Day) -> Day? {
        let s = normalizedInput(text)
        guard !s.isEmpty else { return nil }
        switch s {
        case "今天", "今日": return today
        case "明天", "明日": return Day(ordinal: today.ordinal + 1)
        case "月底", "月末", "本月底": return endOfMonth(today.year, today.month)
        case "季末", "季度末", "本季末", "本季度末": return endOfMonth(today.year, ((today.month - 1) / 3 + 1) * 3)
        case "年底", "年末", "今年底": return Day(year: today.year, month: 12, day: 31)
        default: break
        }
        if s.hasPrefix("+") {
            var rest = Substring(s.dropFirst())
            if rest.hasSuffix("天") || rest.hasSuffix("日") { rest = rest.dropLast() }
            guard let n = Int(rest), (0...36_500).contains(n) else { return nil }
            return Day(ordinal: today.ordinal + n)
        }
        // 2027年3月31日, 2027年3月底, 3月31日, 3月底
        if s.contains("月") {
            var rest = Substring(s)
            var year = today.year
            if let y = rest.firstIndex(of: "年") {
                guard let v = Int(rest[..<y]), (1000...9999).contains(v) else { return nil }
                year = v
                rest = rest[rest.index(after: y)...]
            }
            guard let m = rest.firstIndex(of: "月"), let month = Int(rest[..<m]) else { return nil }
            var day = rest[rest.index(after: m)...]
            if day == "底" || day == "末" { return endOfMonth(year, month) }
            if day.hasSuffix("日") || day.hasSuffix("号") { day = day.dropLast() }
            guard let d = Int(day) else { return nil }
            return Day(year: year, month: month, day: d)
        }
        // 2027-03-31, 2027/3/31, 2027.3.31, 3/31, 3-31, 3.31
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        guard s.allSatisfy({ $0.isASCII && ($0.isNumber || "-/.".contains($0)) }),
              parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        switch parts.count {
        case 3:
            guard parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  parts[1].count <= 2, parts[2].count <= 2 else { return nil }
            return Day(year: y, month: m, day: d)
        case 2:
            guard let m = Int(parts[0]), let d = Int(parts[1]), parts[0].count <= 2, parts[1].count <= 2 else { return nil }
            return Day(year: today.year, month: m, day: d)
        default:
            return nil
        }
    }

    private static func endOfMonth(_ year: Int, _ month: Int) -> Day? {
        guard (1...12).contains(month) else { return nil }
        return Day(year: year, month: month, day: daysIn(month: month, year: year))
    }

    /// Full-width digits and punctuation as ASCII, spaces removed.
    private static func normalizedInput(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0xFF0B: out.append("+")
            case 0xFF0D, 0x2212: out.append("-")
            case 0xFF0F: out.append("/")
            case 0xFF0E, 0x3002: out.append(".")
            case 0x20, 0x3000, 0x09: continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
