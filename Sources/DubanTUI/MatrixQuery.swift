import DubanCanvas
import DubanCore

/// Which tasks the matrix shows and in which order: filters (all must hold) and a sort,
/// turned into the visible task order by one pure function of the plan. The matrix cursor
/// and viewport work on visible rows (`AppState.matrixRows`); the order is recomputed
/// whenever the plan changes (an edit, a reload, a change-feed catch-up) or the query does.
public struct MatrixQuery: Equatable, Sendable {
    /// Traffic lights as people name them: red = overdue, yellow = due soon, green = on
    /// track or all done, none = no milestones.
    public enum Light: String, CaseIterable, Sendable {
        case red, yellow, green, none

        public func contains(_ s: TaskStatus) -> Bool {
            switch self {
            case .red: return s == .overdue
            case .yellow: return s == .dueSoon
            case .green: return s == .onTrack || s == .done
            case .none: return s == .noMilestones
            }
        }
    }

    public enum Filter: Equatable, Sendable {
        case light(Light)
        /// Tasks the unit (full name) has a role on; with a role, only that role.
        case unit(String, role: Role?)
        /// Tasks whose follow-up person contains the text.
        case followUp(String)
        /// Tasks with a gap `duban check` reports: no lead, several leads, no milestone.
        case gaps

        /// Filters of one kind replace each other; different kinds combine.
        var kind: Int {
            switch self {
            case .light: return 0
            case .unit: return 1
            case .followUp: return 2
            case .gaps: return 3
            }
        }
    }

    public enum Sort: String, CaseIterable, Sendable {
        /// Task number (the plan's order).
        case number
        /// Most urgent light first: overdue, due soon, on track, no milestones, done.
        case light
        /// By the first lead unit's column; tasks without a lead last.
        case lead

        /// The next sort in the cycle the sort key steps through.
        public var next: Sort {
            let all = Sort.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    public var filters: [Filter] = []
    public var sort: Sort = .number

    public init(filters: [Filter] = [], sort: Sort = .number) {
        self.filters = filters
        self.sort = sort
    }

    /// False when the matrix shows every task in plan order.
    public var isActive: Bool { !filters.isEmpty || sort != .number }

    /// Adds a filter, replacing one of the same kind.
    public mutating func add(_ f: Filter) {
        filters.removeAll { $0.kind == f.kind }
        filters.append(f)
    }

    public func matches(_ t: DubanCore.Task, status: @autoclosure () -> TaskStatus) -> Bool {
        var st: TaskStatus?
        for f in filters {
            switch f {
            case .light(let l):
                if st == nil { st = status() }
                if !l.contains(st!) { return false }
            case let .unit(name, role):
                guard let r = t.role(of: name) else { return false }
                if let role, r != role { return false }
            case .followUp(let who):
                let q = who.trimmingCharacters(in: .whitespaces)
                guard let f = t.followUp, f.range(of: q, options: [.caseInsensitive, .widthInsensitive]) != nil else {
                    return false
                }
            case .gaps:
                if DataQuality.taskGaps(t).isEmpty { return false }
            }
        }
        return true
    }

    /// The visible rows as indices into `plan.tasks`, or nil when the query is inactive
    /// (every task, in plan order: nothing to compute or store).
    public func rows(_ plan: Plan, today: Day, warningDays: Int) -> [Int]? {
        rows(plan, today: today) { Supervision.status(of: $0, today: today, warningDays: warningDays) }
    }

    /// The same with the workflow's lateness in the light (as the matrix shows it).
    public func rows(_ plan: Plan, today: Day, settings: SupervisionSettings) -> [Int]? {
        rows(plan, today: today) { Supervision.status(of: $0, today: today, settings: settings) }
    }

    func rows(_ plan: Plan, today: Day, status: (Task) -> TaskStatus) -> [Int]? {
        guard isActive else { return nil }
        var rows = plan.tasks.indices.filter { matches(plan.tasks[$0], status: status(plan.tasks[$0])) }
        switch sort {
        case .number:
            rows.sort { plan.tasks[$0].number < plan.tasks[$1].number }
        case .light:
            let rank = Dictionary(uniqueKeysWithValues: rows.map { ($0, Self.urgency(status(plan.tasks[$0]))) })
            rows.sort { (rank[$0]!, plan.tasks[$0].number) < (rank[$1]!, plan.tasks[$1].number) }
        case .lead:
            let key = Dictionary(uniqueKeysWithValues: rows.map { i in
                (i, plan.tasks[i].leads.first.flatMap { plan.unitIndex(name: $0) } ?? Int.max)
            })
            rows.sort { (key[$0]!, plan.tasks[$0].number) < (key[$1]!, plan.tasks[$1].number) }
        }
        return rows
    }

    /// Sort rank of a light: the most urgent first.
    static func urgency(_ s: TaskStatus) -> Int {
        switch s {
        case .overdue: return 0
        case .dueSoon: return 1
        case .onTrack: return 2
        case .noMilestones: return 3
        case .done: return 4
        }
    }

    /// "筛选：红灯 · 发改牵头  排序：灯号", for the title bar; empty when inactive.
    public func label(_ plan: Plan, _ s: Strings) -> String {
        var parts: [String] = []
        for f in filters {
            switch f {
            case .light(let l): parts.append(s.lightName(l))
            case let .unit(name, role):
                let abbr = plan.unit(named: name)?.abbr ?? name
                parts.append(s.f(s.filterUnitLabel, abbr.clean, role.map { s.role($0) } ?? s.filterAnyRole))
            case .followUp(let who): parts.append(s.f(s.filterFollowUpLabel, who.clean))
            case .gaps: parts.append(s.filterGapsLabel)
            }
        }
        var out = ""
        if !parts.isEmpty { out = s.f(s.filterLabel, parts.joined(separator: " · ")) }
        if sort != .number {
            out += (out.isEmpty ? "" : "  ") + s.f(s.sortLabel, s.sortName(sort))
        }
        return out
    }
}

// MARK: - The matrix's visible rows

extension AppState {
    /// Rows the matrix shows.
    public var matrixRowCount: Int { matrixRows?.count ?? plan.tasks.count }

    /// The index into plan.tasks of a visible matrix row.
    public func taskIndex(atMatrixRow r: Int) -> Int? {
        if let rows = matrixRows { return rows.indices.contains(r) ? rows[r] : nil }
        return plan.tasks.indices.contains(r) ? r : nil
    }

    /// The visible row of a task (index into plan.tasks), nil when the query hides it.
    public func matrixRow(ofTaskIndex i: Int) -> Int? {
        guard let rows = matrixRows else { return plan.tasks.indices.contains(i) ? i : nil }
        return rows.firstIndex(of: i)
    }

    /// Recomputes the visible order from the plan and the query.
    mutating func refreshMatrixRows() {
        matrixRows = matrixQuery.rows(plan, today: options.today, settings: options.settings)
    }

    /// Sets the query and keeps the cursor on the same task when it is still shown.
    mutating func setMatrixQuery(_ q: MatrixQuery) {
        let number = cursorTask?.number
        matrixQuery = q
        refreshMatrixRows()
        if let number, let i = plan.taskIndex(number: number), let r = matrixRow(ofTaskIndex: i) {
            matrix.row = r
        } else {
            matrix.row = 0
        }
        matrix.rowOffset = 0
        layoutMatrix()
    }
}

// MARK: - Hit testing the matrix

extension MatrixLayout {
    /// Which visible row and unit column a screen cell of the matrix is, from the same layout
    /// and offsets (those the matrix's layout left in `m`) the matrix is drawn with: a row for the body rows (title included), a
    /// column for the unit slots (header rows included); nil where there is none.
    func hit(y: Int, x: Int, _ m: MatrixState, rows: Int, columns: Int) -> (row: Int?, col: Int?) {
        let (ro, co) = (m.rowOffset, m.colOffset)
        var row: Int?, col: Int?
        let top = MatrixLayout.topRows
        if y >= top, y < top + bodyRows, ro + (y - top) < rows { row = ro + (y - top) }
        if x >= gridX, x < width, y >= 1, y < top + bodyRows {
            let i = (x - gridX) / MatrixLayout.slotWidth
            if i < drawnColumns, co + i < columns { col = co + i }
        }
        return (row, col)
    }
}
