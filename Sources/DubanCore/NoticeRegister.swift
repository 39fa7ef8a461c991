
/// One issued supervision notice (督办单) in the tracker's register.
public struct IssuedNotice: Hashable, Sendable {
    public var year: Int
    /// The number within the year: 督办〔year〕serial号.
    public var serial: Int
    public var task: Int
    /// The date printed on the notice.
    public var date: Day
    /// When the number was taken, ISO 8601 UTC.
    public var issued: String
    public var operatorName: String
    /// The escalation level (催办) it was issued at; nil for notices issued before levels existed.
    public var level: EscalationLevel?

    public init(year: Int, serial: Int, task: Int, date: Day, issued: String, operatorName: String, level: EscalationLevel? = nil) {
        self.year = year
        self.serial = serial
        self.task = task
        self.date = date
        self.issued = issued
        self.operatorName = operatorName
        self.level = level
    }

    /// 督办〔2027〕3号
    public var number: String { Self.number(year: year, serial: serial) }

    public static func number(year: Int, serial: Int) -> String { "督办〔\(year)〕\(serial)号" }
}

/// The register: every notice issued through it, and per year how many numbers were given
/// before the register existed (only their count was kept, not their tasks).
public struct NoticeRegister: Hashable, Sendable {
    public var notices: [IssuedNotice]
    public var issuedBeforeRegister: [Int: Int]

    public init(notices: [IssuedNotice], issuedBeforeRegister: [Int: Int]) {
        self.notices = notices
        self.issuedBeforeRegister = issuedBeforeRegister
    }
}
