import DubanCanvas
import DubanCore
import Foundation

/// Sizes every screen agrees on. Each screen knows its own body rows (`bodyRows(height:)` in
/// its file) and scrolls through a `Viewport`.
enum Layout {
    static let minWidth = 40
    static let minHeight = 10
}

// MARK: Lines of the text screens

/// A run of text with a meaning the renderer turns into a style.
struct Span {
    enum Kind { case plain, bold, dim, heading, lead, cooperating, done, open, label
        case late, good }
    var text: String
    var kind: Kind
    init(_ text: String, _ kind: Kind = .plain) {
        self.text = text
        self.kind = kind
    }
}

/// One line of a scrolling text screen.
struct Line {
    var spans: [Span]
    /// Milestone shown on this line (selectable).
    var milestone: Int?
    init(_ spans: [Span] = [], milestone: Int? = nil) {
        self.spans = spans
        self.milestone = milestone
    }
    static let blank = Line()
}

// MARK: Whole-plan scans (once per open / query, never per keystroke)

enum Scan {
    /// Tasks a unit leads and cooperates on, in plan order.
    static func unitTasks(_ plan: Plan, unit: String) -> (leads: [Int], cooperating: [Int]) {
        var l: [Int] = [], c: [Int] = []
        for t in plan.tasks {
            switch t.role(of: unit) {
            case .lead?: l.append(t.number)
            case .cooperating?: c.append(t.number)
            case nil: break
            }
        }
        return (l, c)
    }

    /// Lead / cooperating counts of every unit, in one pass over all assignments.
    static func unitCounts(_ plan: Plan) -> [UnitListState.Counts] {
        var counts = Array(repeating: UnitListState.Counts(), count: plan.units.count)
        for t in plan.tasks {
            for a in t.assignments {
                guard let i = plan.unitIndex(name: a.unit) else { continue }
                if a.role == .lead { counts[i].lead += 1 } else { counts[i].cooperating += 1 }
            }
        }
        return counts
    }

    /// Task titles and unit names containing the query (case-insensitive), tasks first;
    /// a number also finds the task with that number.
    static func search(_ plan: Plan, _ query: String) -> [SearchMatch] {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        var out: [SearchMatch] = []
        var numbered: Int?
        if let n = Int(q), let i = plan.taskIndex(number: n) {
            numbered = i
            out.append(.task(i))
        }
        for (i, t) in plan.tasks.enumerated() where i != numbered {
            if t.title.range(of: q, options: [.caseInsensitive, .widthInsensitive]) != nil { out.append(.task(i)) }
        }
        for (i, u) in plan.units.enumerated() {
            if u.allNames.contains(where: { $0.range(of: q, options: [.caseInsensitive, .widthInsensitive]) != nil }) {
                out.append(.unit(i))
            }
        }
        return out
    }
}
