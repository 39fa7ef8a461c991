// The monthly round trip's sentences (template, collect, missing), in Chinese and English.

public enum ReportRoundText {
    public static let noHeader = Localized(zh: "找不到表头行（任务编号、进展情况……）", en: "no header row (任务编号, 进展情况, …) was found")
    public static func missingColumn(_ h: String) -> Localized {
        Localized(zh: "缺少“\(h)”列", en: "the column \(h) is missing")
    }
    public static func yesNo(_ v: String) -> Localized {
        Localized(zh: "“\(v)”不是“是”或“否”", en: "\"\(v)\" is not 是 (yes) or 否 (no)")
    }
    public static func badTask(_ v: String) -> Localized {
        v.isEmpty ? Localized(zh: "已填写进展，但任务编号为空", en: "the row is filled in but its task number is empty")
            : Localized(zh: "“\(v)”不是任务编号", en: "\"\(v)\" is not a task number")
    }
    public static func twice(_ t: Int, _ line: Int) -> Localized {
        Localized(zh: "任务\(t)已在第\(line)行填报过", en: "task \(t) is already filled in on row \(line)")
    }
    public static func unknownTask(_ t: Int) -> Localized {
        Localized(zh: "督办表中没有任务\(t)", en: "the tracker has no task \(t)")
    }
    public static func noRole(_ t: Int, _ unit: String) -> Localized {
        Localized(zh: "\(unit)在任务\(t)中没有职责", en: "\(unit) has no part in task \(t)")
    }
    public static let progressRequired = Localized(zh: "填报的行必须填写进展情况", en: "a filled-in row needs 进展情况 (progress)")
    public static func closeNotLead(_ t: Int) -> Localized {
        Localized(zh: "只有牵头单位可以申请办结任务\(t)", en: "only a lead unit may ask to close task \(t)")
    }
    public static func suspended(_ t: Int) -> Localized {
        Localized(zh: "任务\(t)本单位部分已中止，不能申请办结", en: "this unit's part in task \(t) is suspended; it cannot ask for closure")
    }
    public static func tooLong(_ n: Int) -> Localized {
        Localized(zh: "超过 \(n) 字", en: "longer than \(n) characters")
    }
    public static func willReport(_ t: Int, _ progress: String) -> Localized {
        let short = progress.count > 40 ? String(progress.prefix(40)) + "…" : progress
        return Localized(zh: "任务\(t)：报送进展“\(short)”", en: "task \(t): progress report \"\(short)\"")
    }
    public static func willClose(_ t: Int) -> Localized {
        Localized(zh: "任务\(t)：申请办结", en: "task \(t): request closure")
    }
    public static func willSignAndClose(_ t: Int) -> Localized {
        Localized(zh: "任务\(t)：签收并申请办结", en: "task \(t): sign and request closure")
    }
    public static func alreadyClosing(_ t: Int) -> Localized {
        Localized(zh: "任务\(t)：已申请办结或已销号，不再重复申请", en: "task \(t): closure already requested or closed; not asked again")
    }
    public static func closeNote(_ p: ReportPeriod) -> String { "随\(p)月报申请办结" }

    // Whole-file refusals.
    public static let notTemplate = Localized(zh: "不是 duban 生成的填报表（缺少隐藏的“duban”标识表）；请用 duban template 生成的工作簿填写，或另存为 CSV 并给出 --unit 和 --period",
                                             en: "it is not a fill-in workbook made by duban (its hidden \"duban\" sheet is missing); fill in a workbook from duban template, or save it as CSV and give --unit and --period")
    public static func otherTracker(_ office: String) -> Localized {
        Localized(zh: "这份填报表是为另一个督办表（\(office)）生成的", en: "this workbook was made for another tracker (\(office))")
    }
    public static func otherUnit(_ file: String, _ given: String) -> Localized {
        Localized(zh: "这份填报表属于\(file)，不是\(given)", en: "this workbook belongs to \(file), not \(given)")
    }
    public static func otherPeriod(_ file: ReportPeriod, _ given: ReportPeriod) -> Localized {
        Localized(zh: "这份填报表是 \(file) 的，不是 \(given) 的", en: "this workbook is for \(file), not \(given)")
    }
    public static func unknownUnit(_ u: String) -> Localized {
        Localized(zh: "督办表中没有单位“\(u)”", en: "the tracker has no unit \"\(u)\"")
    }
    public static let csvNeedsIdentity = Localized(zh: "CSV 文件不带单位和月份，请给出 --unit 和 --period", en: "a CSV file does not say its unit and month: give --unit and --period")
}
