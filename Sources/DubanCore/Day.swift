import Foundation

/// A calendar day (no time, no zone), written YYYY-MM-DD. Milestone due dates,
/// completion dates and "today" are days.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day only if it exists in the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` and refuses days that do not exist (2027-02-30).
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// YYYY-MM-DD, as `String(format: "%04d-%02d-%02d")` would write it, without Foundation's
    /// formatting (a C varargs list and its dynamic casts on every call).
    public var description: String {
        // A valid day is ten ASCII bytes written in place (days are written for every row a
        // screen shows); anything else is padded like printf would.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
        }
        let (y, m, d) = (year, month, day)
        return String(unsafeUninitializedCapacity: 10) { b in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            b[0] = zero + UInt8(y / 1000); b[1] = zero + UInt8(y / 100 % 10)
            b[2] = zero + UInt8(y / 10 % 10); b[3] = zero + UInt8(y % 10)
            b[4] = dash; b[5] = zero + UInt8(m / 10); b[6] = zero + UInt8(m % 10)
            b[7] = dash; b[8] = zero + UInt8(d / 10); b[9] = zero + UInt8(d % 10)
            return 10
        }
    }

    /// `n` in decimal, zero-padded to `width` characters with the sign counted, like `%0*d`.
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        let zeros = width - sign.count - digits.count
        return zeros > 0 ? sign + String(repeating: "0", count: zeros) + digits : sign + digits
    }

    /// Days since 1970-01-01 (civil-from-days algorithm by Howard Hinnant).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Today in the local time zone of this process.
    public static func systemToday() -> Day {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// "Today" as the program should see it: `$DUBAN_TODAY` when set and valid, else the clock.
    /// An explicit `override` (the `--today` option) wins over both.
    public static func today(override: String? = nil,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Day {
        if let o = override {
            guard let d = Day(o) else { throw DomainError.invalidDate(o) }
            return d
        }
        if let e = environment["DUBAN_TODAY"], !e.isEmpty {
            guard let d = Day(e) else { throw DomainError.invalidDate(e) }
            return d
        }
        return systemToday()
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = Day(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
