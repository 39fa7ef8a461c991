import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

typealias Task = DubanCore.Task
typealias Unit = DubanCore.Unit

/// A realistic plan built by hand: six tasks of the decomposition table (with their real
/// numbers 1, 2, 3, 5, 7, 8) and sixteen units in the office's column order.
enum Fixture {
    static let units: [Unit] = [
        Unit(name: "省住房和城乡建设厅", short: "住房和城乡建设厅", abbr: "住建", aliases: ["建设厅", "住建厅"]),
        Unit(name: "省发改委", short: "发改委", abbr: "发改", fullForm: "省发展和改革委员会"),
        Unit(name: "省财政厅", short: "财政厅", abbr: "财政"),
        Unit(name: "省国土资源厅", short: "国土资源厅", abbr: "国土"),
        Unit(name: "省人力资源和社会保障厅", short: "人力资源和社会保障厅", abbr: "人社"),
        Unit(name: "省公安厅", short: "公安厅", abbr: "公安"),
        Unit(name: "省民政厅", short: "民政厅", abbr: "民政"),
        Unit(name: "省工业和信息化委员会", short: "工信委", abbr: "工信"),
        Unit(name: "省交通运输厅", short: "交通运输厅", abbr: "交通"),
        Unit(name: "省教育厅", short: "教育厅", abbr: "教育"),
        Unit(name: "省环保厅", short: "环保厅", abbr: "环保", fullForm: "省环境保护厅"),
        Unit(name: "省卫生厅", short: "卫生厅", abbr: "卫生"),
        Unit(name: "省金融办", short: "金融办", abbr: "金融", fullForm: "省金融工作办公室"),
        Unit(name: "省农委", short: "农委", abbr: "农委"),
        Unit(name: "省农垦总局", short: "农垦总局", abbr: "农垦"),
        Unit(name: "省森工总局", short: "森工总局", abbr: "森工", fullForm: "省森林工业总局"),
    ]

    static func a(_ unit: String, _ role: Role) -> Assignment {
        Assignment(unit: "省" + unit, role: role)
    }

    static func leads(_ names: [String]) -> [Assignment] { names.map { a($0, .lead) } }
    static func coops(_ names: [String]) -> [Assignment] { names.map { a($0, .cooperating) } }

    static let today = Day("2026-11-24")!

    static func plan(task1Title: String? = nil, notes: String? = nil) -> Plan {
        let tasks = [
            Task(number: 1, title: task1Title ?? "推进百镇建设工程，增强城镇综合承载和集聚能力",
                 assignments: leads(["住房和城乡建设厅"])
                    + coops(["发改委", "财政厅", "国土资源厅", "人力资源和社会保障厅", "公安厅", "民政厅",
                             "工业和信息化委员会", "交通运输厅", "教育厅", "环保厅", "卫生厅", "金融办"]),
                 milestones: [
                    Milestone(id: 1, title: "完成百镇建设规划编制", due: Day("2027-03-31"), isDone: true,
                              completed: Day("2027-03-28")),
                    Milestone(id: 2, title: "启动首批重点镇基础设施项目", due: Day("2027-06-30")),
                 ],
                 followUp: "王建国",
                 notes: notes ?? "每月 5 日前报送进展情况、存在问题、下一步措施。\n联席会议每季度审议一次。"),
            Task(number: 2, title: "推进以“三棚一草”改造为主要内容的城乡住房建设，改善城乡居民居住条件和人居环境",
                 assignments: leads(["发改委", "住房和城乡建设厅"]) + coops(["财政厅", "农垦总局", "森工总局", "金融办"]),
                 milestones: [Milestone(id: 3, title: "完成“三棚一草”摸底调查", due: Day("2027-03-31"))]),
            Task(number: 3, title: "推进以“三供两治”为主要内容的市政基础设施建设，提高承载能力",
                 assignments: leads(["发改委", "住房和城乡建设厅"]) + coops(["财政厅", "国土资源厅", "环保厅"])),
            Task(number: 5, title: "推进统筹城乡规划工作，提高规划管理水平",
                 assignments: leads(["发改委"]) + coops(["住房和城乡建设厅", "国土资源厅", "人力资源和社会保障厅",
                                                      "环保厅", "卫生厅", "教育厅", "财政厅"])),
            Task(number: 7, title: "推进村镇水路电气房建设，提高新农村建设整体水平",
                 assignments: leads(["农委"]) + coops(["发改委", "住房和城乡建设厅", "交通运输厅", "环保厅", "财政厅"])),
            Task(number: 8, title: "推进符合条件的农业转移人口在城镇就业和落户工作，促进农村劳动力转移",
                 assignments: leads(["公安厅", "人力资源和社会保障厅"])
                    + coops(["发改委", "财政厅", "农委", "国土资源厅", "民政厅", "农垦总局", "森工总局", "教育厅", "金融办"])),
        ]
        return try! Plan(office: .seed, units: units, tasks: tasks)
    }

    static func options(_ language: Language = .zh, ascii: Bool = false, color: Bool = false) -> AppOptions {
        AppOptions(ascii: ascii, language: language, color: color, today: today, operatorName: "wang",
                   trackerPath: "/srv/duban/督办台账.sqlite")
    }

    static func state(_ language: Language = .zh, ascii: Bool = false, plan: Plan = Fixture.plan(),
                      width: Int = 80, height: Int = 24) -> AppState {
        var s = AppState(plan: plan, options: options(language, ascii: ascii), width: width, height: height)
        s.timeZone = TimeZone(identifier: "UTC")!
        return s
    }

    static let history: [AuditRecord] = [
        AuditRecord(id: 3, time: "2026-11-23T07:15:00Z", operatorName: "wang", action: "milestone.update", task: 1,
                    before: "完成百镇建设规划编制：未完成", after: "完成百镇建设规划编制：已完成"),
        AuditRecord(id: 2, time: "2026-11-20T02:40:00Z", operatorName: "li", action: "milestone.add", task: 1,
                    before: "", after: "启动首批重点镇基础设施项目（2027-06-30）"),
        AuditRecord(id: 1, time: "2026-11-18T01:05:00Z", operatorName: "li", action: "assign", task: 1,
                    before: "省金融办：无", after: "省金融办：协同"),
    ]

    static func tracker(_ plan: Plan = Fixture.plan()) -> InMemoryTracker {
        let t = InMemoryTracker(plan: plan)
        t.now = { "2026-11-24T08:00:00Z" }
        return t
    }
}

/// Presses a key through the key map and the reducer, returning the effects (not performed).
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    var effects: [Effect] = []
    for k in keys {
        if let a = KeyMap.action(for: k, in: state) { effects += reduce(&state, a) }
    }
    return effects
}

/// Types text into whatever input has the keys.
func typeText(_ state: inout AppState, _ text: String) {
    for ch in text { press(&state, .char(ch)) }
}

/// Performs effects against a tracker the way the App does, feeding results back.
func perform(_ state: inout AppState, _ effects: [Effect], _ tracker: InMemoryTracker) {
    var queue = effects
    while !queue.isEmpty {
        let e = queue.removeFirst()
        switch e {
        case let .persist(edits, purpose):
            do {
                let applied = try tracker.apply(edits, operatorName: "wang")
                queue += reduce(&state, .persisted(applied, purpose))
            } catch DomainError.conflict(let c) {
                queue += reduce(&state, .persistConflict(c, purpose))
            } catch {
                queue += reduce(&state, .persistFailed(state.strings.describe(error), purpose))
            }
        case let .loadHistory(task):
            queue += reduce(&state, .historyLoaded(task: task, records: try! tracker.log(limit: 20, task: task)))
        case .reload:
            queue += reduce(&state, .reloaded(try! tracker.loadPlan()))
        case let .issueNotice(task):
            do {
                let today = state.options.today
                let plan = state.plan
                let settings = state.options.settings
                var text = ""
                let serial = try tracker.issueNotice(task: task, date: today, operatorName: "wang") { serial in
                    text = try Reports.notice(plan: plan, task: task, serial: IssuedNotice.number(year: today.year, serial: serial),
                                              today: today, settings: settings)
                }
                queue += reduce(&state, .noticeIssued(task: task, number: IssuedNotice.number(year: today.year, serial: serial), text: text))
            } catch {
                queue += reduce(&state, .persistFailed(state.strings.describe(error), .edit))
            }
        case .quit, .reopen, .suspend, .redraw:
            break
        }
    }
}

/// A Screen in memory with scripted events.
final class FakeScreen: Screen {
    enum Step {
        case key(Key)
        case text(String)
        case resize(Int, Int)
        case timeout
        case run(() -> Void)
    }

    var size: (width: Int, height: Int)
    private var steps: [Step]
    private var pendingText: [Character] = []
    private(set) var frames: [Grid] = []
    private(set) var ranOut = false

    init(width: Int = 80, height: Int = 24, _ steps: [Step]) {
        size = (width, height)
        self.steps = steps
    }

    func draw(_ grid: Grid) { frames.append(grid) }
    private(set) var suspended = 0
    private(set) var invalidated = 0
    func suspend() { suspended += 1 }
    func invalidate() { invalidated += 1 }

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if !pendingText.isEmpty { return .key(.char(pendingText.removeFirst())) }
        while !steps.isEmpty {
            switch steps.removeFirst() {
            case .key(let k): return .key(k)
            case .text(let t):
                pendingText = Array(t)
                if !pendingText.isEmpty { return .key(.char(pendingText.removeFirst())) }
            case let .resize(w, h):
                size = (w, h)
                return .resize(width: w, height: h)
            case .timeout: return nil
            case .run(let f): f()
            }
        }
        // Ctrl-C cancels any input, then quits: a script that forgot to quit still ends.
        ranOut = true
        return .key(.ctrl("c"))
    }

    var screenText: String { frames.last.map { $0.lines().joined(separator: "\n") } ?? "" }
    func framesContaining(_ s: String) -> Int { frames.filter { $0.lines().joined().contains(s) }.count }
}

extension Grid {
    var text: String { lines().joined(separator: "\n") }

    /// A wide glyph is always followed by its continuation, and a continuation always
    /// follows a wide glyph: nothing was split.
    var isConsistent: Bool {
        for r in 0..<height {
            for c in 0..<width {
                let cell = self[r, c]
                if cell.width == 2 && (c + 1 >= width || !self[r, c + 1].isContinuation) { return false }
                if cell.isContinuation && (c == 0 || self[r, c - 1].width != 2) { return false }
            }
        }
        return true
    }
}

// MARK: Golden files

enum Golden {
    /// The styles of a screen, after its text: a legend naming each style used (a letter per
    /// style, in order of first use; "." is plain), then one row per screen row with a letter
    /// per column (trailing plain cells left out). A changed colour or attribute fails.
    static func styleBlock(_ grid: Grid) -> String {
        var codes: [Style: Character] = [.plain: "."]
        var legend: [String] = []
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var rows: [String] = []
        for r in 0..<grid.height {
            var row = ""
            for c in 0..<grid.width {
                let st = grid[r, c].style
                if codes[st] == nil {
                    let code = letters[min(codes.count - 1, letters.count - 1)]
                    codes[st] = code
                    legend.append("\(code) = \(describe(st))")
                }
                row.append(codes[st]!)
            }
            while row.last == "." { row.removeLast() }
            rows.append(row)
        }
        return "-- styles --\n" + legend.joined(separator: "\n") + (legend.isEmpty ? "" : "\n")
            + rows.joined(separator: "\n") + "\n"
    }

    static func describe(_ s: Style) -> String {
        var parts: [String] = []
        if s.fg != .default { parts.append("fg:\(s.fg)") }
        if s.bg != .default { parts.append("bg:\(s.bg)") }
        if s.bold { parts.append("bold") }
        if s.reverse { parts.append("reverse") }
        if s.underline { parts.append("underline") }
        if s.dim { parts.append("dim") }
        return parts.joined(separator: " ")
    }

    /// Compares the screen, as lines with trailing spaces removed, with Golden/<name>.txt.
    /// With DUBAN_UPDATE_GOLDEN=1 the file in the source tree is written instead.
    static func check(_ grid: Grid, _ name: String, filePath: String = #filePath,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(grid.isConsistent, "a wide character was split in \(name)", sourceLocation: sourceLocation)
        let actual = grid.lines().map { (line: String) -> String in
            var l = Substring(line)
            while l.last == " " { l.removeLast() }
            return String(l)
        }.joined(separator: "\n") + "\n" + styleBlock(grid)
        if ProcessInfo.processInfo.environment["DUBAN_UPDATE_GOLDEN"] == "1" {
            let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            do {
                try actual.write(to: dir.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not write golden file \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden"),
              let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file Golden/\(name).txt; run with DUBAN_UPDATE_GOLDEN=1",
                         sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            var diff: [String] = []
            for i in 0..<max(a.count, e.count) {
                let x = i < e.count ? String(e[i]) : "<none>"
                let y = i < a.count ? String(a[i]) : "<none>"
                if x != y { diff.append("line \(i + 1):\n  expected: \(x)\n  actual:   \(y)") }
            }
            let report = diff.joined(separator: "\n")
            Issue.record("screen \(name) differs from its golden file (DUBAN_UPDATE_GOLDEN=1 refreshes):\n\(report)",
                         sourceLocation: sourceLocation)
        }
    }
}

/// A store that passes everything to an in-memory tracker; test doubles override what they fake.
class ForwardingStore: TrackerStore {
    let inner: InMemoryTracker
    init(_ inner: InMemoryTracker) { self.inner = inner }
    var location: String { inner.location }
    var isReadOnly: Bool { inner.isReadOnly }
    func snapshot() throws -> (plan: Plan, sequence: Int) { try inner.snapshot() }
    func units() throws -> [DubanCore.Unit] { try inner.units() }
    func task(number: Int) throws -> DubanCore.Task? { try inner.task(number: number) }
    func apply(_ edits: [Edit], operatorName: String) throws -> [AppliedEdit] { try inner.apply(edits, operatorName: operatorName) }
    func log(limit: Int, task: Int?) throws -> [AuditRecord] { try inner.log(limit: limit, task: task) }
    func hasOutsideChanges() throws -> Bool { try inner.hasOutsideChanges() }
    func changes(since sequence: Int) throws -> ChangeSet { try inner.changes(since: sequence) }
    func setting(_ key: String) throws -> String? { try inner.setting(key) }
    func setSetting(_ key: String, _ value: String?, operatorName: String) throws {
        try inner.setSetting(key, value, operatorName: operatorName)
    }
    func unitDirectory() throws -> [DubanCore.Unit] { try inner.unitDirectory() }
    func replaceUnitDirectory(_ units: [DubanCore.Unit], operatorName: String) throws {
        try inner.replaceUnitDirectory(units, operatorName: operatorName)
    }
    func storedRepairs() throws -> [StoredRepair] { try inner.storedRepairs() }
    func issueNotice(task: Int, date: Day, level: EscalationLevel?, operatorName: String,
                     beforeCommit: @escaping (Int) throws -> Void) throws -> Int {
        try inner.issueNotice(task: task, date: date, level: level, operatorName: operatorName, beforeCommit: beforeCommit)
    }
    func noticeRegister() throws -> NoticeRegister { try inner.noticeRegister() }
}
