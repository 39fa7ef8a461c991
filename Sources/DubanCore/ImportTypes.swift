/// The text forms of a task table that `TableImporter` reads.
public enum TableFormat: String, Sendable {
    /// The published form: box-drawing characters (┌ ┬ ┐ │ ├ ┼ ┤ └ ┴ ┘), cells wrapped over lines.
    case boxDrawing
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
    /// Tab-separated values with a header row (quoted like CSV when a field starts with `"`).
    case tsv
    /// An Excel/WPS workbook (.xlsx): one sheet's rows, merged cells copied into each of their cells.
    case xlsx
}

/// Something the importer read differently from the letter of the table, or noticed about it.
/// Repairs are never hidden: every one is returned with a sentence in both languages naming the task and line.
public struct ImportRepair: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A unit was named by one of its aliases (建设厅 → 省住房和城乡建设厅).
        case aliasApplied
        /// A unit was listed both as lead and as cooperating on a task; it is kept as lead.
        case leadAndCooperating
        /// An OCR-damaged task number was read as digits (`l` → 1, `2l` → 21).
        case numberRepaired
        /// A task has no lead unit (the task is kept).
        case noLead
        /// Task numbers are missing before this task.
        case numberGap
        /// A task number was used before; this task got the next free number.
        case duplicateNumber
        /// A unit not in the unit directory was added to the plan.
        case unitCreated
        /// A name written without 省 (and without a 省 list prefix) was read as a provincial unit.
        case provinceInherited
        /// The same unit was listed twice in one list; it is kept once.
        case duplicateUnit
        /// A column the importer does not read as units, title, number or dates; its text is
        /// kept in each task's notes.
        case unusedColumn
        /// Two header rows were read as one header (a group header above its sub-headers).
        case headerJoined
        /// A row without a 序号 was joined to the task above (merged cells).
        case rowContinued
        /// Text in a unit list that names no unit was dropped: a remark in brackets, 等/等单位.
        case textDropped
        /// A time limit written in a unit cell (年内持续推进) was moved to the milestones.
        case dueMoved
        /// The lead was taken from the list's order (the only unit, or the first with --first-leads
        /// or where the document says the first listed unit leads).
        case leadAssumed
        /// Two units' names are nearly the same (省农村农业厅, 省农业农村厅): perhaps one unit misspelt.
        case similarUnits
        /// A time limit without a readable date became a milestone without a due date.
        case undatedMilestone
        /// Dates written without a year (6月底前, 年底前) were read in a year taken from the document.
        case yearAssumed
    }

    public var kind: Kind
    /// Physical line of the input (1-based) the repair is about.
    public var line: Int?
    /// Number of the task (as imported) the repair is about.
    public var task: Int?
    /// One sentence in both languages, naming task and line (see `Catalog.Repairs`).
    public var spoken: Localized
    /// The English sentence (what a tracker stores).
    public var message: String { spoken.en }

    public init(kind: Kind, line: Int?, task: Int?, spoken: Localized) {
        self.kind = kind
        self.line = line
        self.task = task
        self.spoken = spoken
    }

    public var description: String { message }
}

/// A table the importer refuses, with the physical line (1-based) of the defect.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible, SpokenError {
    public var line: Int
    /// The defect in English (without the line).
    public var message: String
    /// The defect in Chinese (without the line).
    public var zh: String

    public init(line: Int, _ text: Localized) {
        self.line = line
        self.message = text.en
        self.zh = text.zh
    }

    /// For tests that compare errors: equality compares the line and the English.
    init(line: Int, message: String) {
        self.line = line
        self.message = message
        self.zh = message
    }

    public static func == (a: ImportError, b: ImportError) -> Bool { a.line == b.line && a.message == b.message }

    public var description: String { "line \(line): \(message)" }

    public var spoken: Localized { Localized(zh: "第 \(line) 行：\(zh)", en: description) }
}

/// An imported table: the plan, every repair made on the way, and the format read.
public struct ImportResult: Sendable {
    public var plan: Plan
    public var repairs: [ImportRepair]
    public var format: TableFormat

    public init(plan: Plan, repairs: [ImportRepair], format: TableFormat) {
        self.plan = plan
        self.repairs = repairs
        self.format = format
    }
}

/// How to read a table beyond its text.
public struct ImportOptions: Hashable, Sendable {
    /// In a 责任单位 column without 牵头 marks, the first listed unit leads (the document says so).
    public var firstLeads: Bool
    /// The year of dates written without one (6月底前, 年底前, 每季度); nil = the year the
    /// document writes most often.
    public var year: Int?

    public init(firstLeads: Bool = false, year: Int? = nil) {
        self.firstLeads = firstLeads
        self.year = year
    }
}
