// PENDING — end-to-end tests of the duban TUI in tmux, written against the contract
// before the TUI (DubanTUI App + CLI wiring) was merged. This file is kept outside the
// test target (Tests/TUIEndToEndTests.swift.pending) so it is not compiled yet; once the
// TUI is merged, move it to Tests/EndToEndTests/TUIEndToEndTests.swift and run
// `swift test --filter TUIEndToEndTests`. It uses the harness in Tmux.swift and
// Subprocess.swift.
//
// The contract it assumes:
// - `duban init --file F` creates a tracker from the built-in table;
//   `duban init --file F --from T.csv` from a CSV table (format assumed below: header
//   `number,title,lead,cooperating`, units separated by 、 — adjust `evilCSV` if the
//   importer wants another);
// - `duban export --file F --format json` prints
//   {"tasks":[{"number":…,"title":…,"lead":[full names],"cooperating":[full names],
//              "milestones":[{"title":…,"due":"YYYY-MM-DD","status":"open"|"done","completed":…}]}]};
// - `duban --file F` opens the TUI: a matrix with tasks as rows and units as columns,
//   cells 牵 (lead) / 协 (cooperating); arrows/hjkl move; L lead, C cooperating,
//   x remove, u undo, Ctrl-R redo; Enter opens the task view; there `a` adds a milestone
//   (title field, Enter → due field, Enter → owner field, Enter saves), Space toggles done, q/Esc back;
//   q on the matrix quits; the status line says saved / 已保存 after an edit;
//   a terminal that is too small says so (too small / 太小).

import Foundation
import Testing

/// A tracker file in a fresh temporary directory and ways to run duban on it.
final class DubanFixture {
    let directory: URL
    let file: String
    let binary: String

    init() throws {
        binary = try DubanBinary.url().path
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("duban-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        file = directory.appendingPathComponent("督办.duban").path
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs duban to completion (not in a terminal) and requires success.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run(binary, arguments, environment: environment)
        guard result.status == 0 else {
            throw HarnessError(description: "duban \(arguments.joined(separator: " ")) exited \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)")
        }
        return result.stdout
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["USER"] = env["USER"] ?? "e2e"
        return env
    }

    /// The TUI on this file in tmux.
    func openTUI(width: Int = 120, height: Int = 32) throws -> Tmux {
        try Tmux(command: [binary, "--file", file], width: width, height: height,
                 environment: ["USER": environment["USER"] ?? "e2e"],
                 workingDirectory: directory.path)
    }

    func export() throws -> Export {
        let text = try run(["export", "--file", file, "--format", "json"])
        return try Export(json: text)
    }

    /// Polls `duban export` until `condition` holds (each edit is durable before the
    /// screen says saved, so this is quick); on timeout shows the screen and the export.
    @discardableResult
    func waitForExport(_ what: String, tmux: Tmux? = nil, timeout: Double = 10,
                       _ condition: (Export) -> Bool) throws -> Export {
        let deadline = Date().addingTimeInterval(timeout)
        var last: Export?
        while true {
            let e = try export()
            if condition(e) { return e }
            last = e
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let screen = (try? tmux?.capture()).map { "\nlast screen:\n" + Tmux.framed($0) } ?? ""
        throw HarnessError(description: "timed out waiting for \(what) in the export: \(last.map { $0.summary } ?? "none")\(screen)")
    }
}

/// The parts of `duban export --format json` the tests look at.
struct Export: Equatable {
    struct Milestone: Equatable {
        var title: String
        var due: String?
        var status: String?
        var completed: String?
        var isDone: Bool { status == "done" || completed != nil }
    }

    struct Task: Equatable {
        var number: Int
        var title: String
        var lead: [String]
        var cooperating: [String]
        var milestones: [Milestone]

        func role(of unit: String) -> String? {
            if lead.contains(unit) { return "lead" }
            if cooperating.contains(unit) { return "cooperating" }
            return nil
        }
    }

    var tasks: [Task]

    init(json: String) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            throw HarnessError(description: "duban export did not print JSON (\(error.localizedDescription)): \(json.prefix(400))")
        }
        guard let root = object as? [String: Any],
              let tasks = root["tasks"] as? [[String: Any]] else {
            throw HarnessError(description: "export is not {\"tasks\": [...]}: \(json.prefix(400))")
        }
        self.tasks = try tasks.enumerated().map { index, t in
            guard let lead = t["lead"] as? [String], let coop = t["cooperating"] as? [String] else {
                throw HarnessError(description: "task \(index) has no lead/cooperating arrays: \(t)")
            }
            let milestones = (t["milestones"] as? [[String: Any]] ?? []).map { m in
                Milestone(title: m["title"] as? String ?? "",
                          due: m["due"] as? String,
                          status: m["status"] as? String,
                          completed: (m["completed"] as? String) ?? ((m["completed"] as? Bool) == true ? "yes" : nil))
            }
            return Task(number: t["number"] as? Int ?? index + 1, title: t["title"] as? String ?? "",
                        lead: lead, cooperating: coop, milestones: milestones)
        }
    }

    /// Every (task number, unit, role).
    var assignments: Set<String> {
        Set(tasks.flatMap { t in
            t.lead.map { "\(t.number)|\($0)|lead" } + t.cooperating.map { "\(t.number)|\($0)|cooperating" }
        })
    }

    func task(_ number: Int) -> Task? { tasks.first { $0.number == number } }

    var summary: String {
        tasks.prefix(30).map { t in
            "#\(t.number) 牵:\(t.lead.joined(separator: "、")) 协:\(t.cooperating.joined(separator: "、")) 节点:\(t.milestones.map { "\($0.title)/\($0.due ?? "-")/\($0.status ?? "-")" })"
        }.joined(separator: "\n")
    }

    /// The (task, unit) whose role differs between two exports, when exactly one does.
    static func changedCell(from a: Export, to b: Export) -> (task: Int, unit: String, before: String?, after: String?)? {
        let changed = a.assignments.symmetricDifference(b.assignments)
        let cells = Set(changed.map { $0.split(separator: "|").prefix(2).joined(separator: "|") })
        guard cells.count == 1, let cell = cells.first else { return nil }
        let parts = cell.split(separator: "|", maxSplits: 1).map(String.init)
        guard let number = Int(parts[0]) else { return nil }
        return (number, parts[1], a.task(number)?.role(of: parts[1]), b.task(number)?.role(of: parts[1]))
    }
}

@Suite(.serialized) struct TUIEndToEndTests {
    static func isSaved(_ screen: String) -> Bool {
        screen.contains("已保存") || screen.lowercased().contains("saved")
    }

    static func showsMatrix(_ screen: String) -> Bool {
        screen.contains("牵") && screen.contains("协")
    }

    /// Makes the cell under the cursor lead and names it from the change between two
    /// exports. A cell that was lead already does not change; then C (lead → cooperating)
    /// names it, and L makes it lead again.
    func cellUnderCursor(_ fx: DubanFixture, _ tmux: Tmux) throws -> (task: Int, unit: String) {
        let start = try fx.export()
        try tmux.sendKeys("L")
        if let changed = try? fx.waitForExport("a new lead", tmux: tmux, timeout: 2, {
            Export.changedCell(from: start, to: $0) != nil
        }) {
            let cell = try #require(Export.changedCell(from: start, to: changed))
            #expect(cell.after == "lead")
            return (cell.task, cell.unit)
        }
        try tmux.sendKeys("C")
        let coop = try fx.waitForExport("lead → cooperating", tmux: tmux) { Export.changedCell(from: start, to: $0) != nil }
        let cell = try #require(Export.changedCell(from: start, to: coop))
        #expect(cell.before == "lead")
        #expect(cell.after == "cooperating")
        try tmux.sendKeys("L")
        // Lead again; it may now stand after the other leads, so compare roles, not order.
        try fx.waitForExport("lead again", tmux: tmux) { $0.assignments == start.assignments }
        return (cell.task, cell.unit)
    }

    @Test func openMoveAssignUndoMilestoneQuit() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let initial = try fx.export()
        #expect(initial.tasks.count == 24)
        // Full unit names, e.g. task 5's renamed 建设厅.
        #expect(initial.assignments.contains { $0.contains("省住房和城乡建设厅") })

        let tmux = try fx.openTUI()
        defer { tmux.kill() }
        try tmux.waitFor("the matrix (牵 and 协)") { Self.showsMatrix($0) }

        // Move into the matrix a little, with hjkl and with arrows.
        try tmux.sendKeys("j", "l", "Down", "Right")
        let first = try cellUnderCursor(fx, tmux)
        try tmux.waitFor("saved / 已保存 after an edit") { Self.isSaved($0) }

        // Right (l) changes the unit, not the task; down (j) the task, not the unit.
        try tmux.sendKeys("l")
        let right = try cellUnderCursor(fx, tmux)
        #expect(right.task == first.task)
        #expect(right.unit != first.unit)
        try tmux.sendKeys("j")
        let down = try cellUnderCursor(fx, tmux)
        #expect(down.unit == right.unit)
        #expect(down.task != right.task)
        try tmux.sendKeys("Left", "Up")
        let back = try cellUnderCursor(fx, tmux)
        #expect(back.task == first.task && back.unit == first.unit)

        // Cooperating, undo, redo on the cell under the cursor.
        try tmux.sendKeys("C")
        try fx.waitForExport("cooperating", tmux: tmux) { $0.task(back.task)?.role(of: back.unit) == "cooperating" }
        try tmux.sendKeys("u")
        try fx.waitForExport("undo back to lead", tmux: tmux) { $0.task(back.task)?.role(of: back.unit) == "lead" }
        try tmux.sendKeys("C-r")
        try fx.waitForExport("redo to cooperating", tmux: tmux) { $0.task(back.task)?.role(of: back.unit) == "cooperating" }
        try tmux.sendKeys("x")
        try fx.waitForExport("removed", tmux: tmux) { $0.task(back.task)?.role(of: back.unit) == nil }

        // A milestone with a Chinese title on this task, then done.
        let before = try fx.export()
        let matrixScreen = try tmux.capture()
        try tmux.sendKeys("Enter")
        let taskView = try tmux.waitFor("the task view") { $0 != matrixScreen }
        try tmux.sendKeys("a")
        try tmux.waitFor("the title field") { $0 != taskView }
        try tmux.type("季度检查")
        let titleTyped = try tmux.waitFor(text: "季度检查")
        try tmux.sendKeys("Enter")
        try tmux.waitFor("the due field") { $0 != titleTyped }
        // The due field may come pre-filled (say, the quarter's end): empty it first.
        try tmux.sendKeys(contentsOf: Array(repeating: "BSpace", count: 12))
        try tmux.type("2027-03-31")
        // Enter → the owner field (left empty), Enter saves.
        try tmux.sendKeys("Enter", "Enter")
        let added = try fx.waitForExport("the milestone 季度检查", tmux: tmux) { e in
            e.task(back.task)?.milestones.contains { $0.title == "季度检查" } == true
        }
        let milestone = try #require(added.task(back.task)?.milestones.first { $0.title == "季度检查" })
        #expect(milestone.due == "2027-03-31")
        #expect(!milestone.isDone)
        #expect(added.task(back.task)?.milestones.count == (before.task(back.task)?.milestones.count ?? 0) + 1)
        try tmux.waitFor("saved after adding the milestone") { $0.contains("季度检查") && Self.isSaved($0) }

        // Space toggles the selected (new) milestone.
        try tmux.sendKeys("Space")
        try fx.waitForExport("季度检查 done", tmux: tmux) { e in
            e.task(back.task)?.milestones.first { $0.title == "季度检查" }?.isDone == true
        }

        // q back to the matrix, q quits; the terminal is given back.
        try tmux.sendKeys("q")
        try tmux.waitFor("the matrix again") { Self.showsMatrix($0) }
        try tmux.sendKeys("q")
        let status = try tmux.waitForExit()
        #expect(status == 0, "exit status \(status); screen:\n\(Tmux.framed((try? tmux.capture()) ?? ""))")
        #expect(try tmux.display("#{alternate_on}") == "0")

        let final = try fx.export()
        #expect(final.task(first.task)?.role(of: first.unit) == nil)  // x, then u/C-r/x above
        #expect(final.task(right.task)?.role(of: right.unit) == "lead")
        #expect(final.task(down.task)?.role(of: down.unit) == "lead")
        let done = try #require(final.task(back.task)?.milestones.first { $0.title == "季度检查" })
        #expect(done.isDone)
        #expect(done.due == "2027-03-31")
    }

    @Test func escapeGoesBackFromTaskView() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try fx.openTUI()
        defer { tmux.kill() }
        let matrix = try tmux.waitFor("the matrix") { Self.showsMatrix($0) }
        try tmux.sendKeys("Enter")
        try tmux.waitFor("the task view") { $0 != matrix }
        try tmux.sendKeys("Escape")
        try tmux.waitFor("the matrix after Esc") { Self.showsMatrix($0) }
        try tmux.sendKeys("q")
        let status = try tmux.waitForExit()
        #expect(status == 0, "exit status \(status); screen:\n\(Tmux.framed((try? tmux.capture()) ?? ""))")
    }

    @Test func tooSmallThenResized() throws {
        let fx = try DubanFixture()
        try fx.run(["init", "--file", fx.file])
        let tmux = try fx.openTUI(width: 20, height: 5)
        defer { tmux.kill() }
        try tmux.waitFor("a too-small message") { $0.contains("太小") || $0.lowercased().contains("too small") }
        try tmux.resize(width: 80, height: 24)
        let screen = try tmux.waitFor("the matrix after resizing to 80×24") { Self.showsMatrix($0) }
        #expect(!screen.contains("太小"))
        try tmux.resize(width: 20, height: 5)
        try tmux.waitFor("too small again") { $0.contains("太小") || $0.lowercased().contains("too small") }
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("the matrix at 100×30") { Self.showsMatrix($0) }
        try tmux.sendKeys("q")
        let status = try tmux.waitForExit()
        #expect(status == 0, "exit status \(status); screen:\n\(Tmux.framed((try? tmux.capture()) ?? ""))")
    }

    /// A table whose task title carries escape sequences: OSC 0 (set the window title),
    /// BEL, and CSI 2 J (clear the screen). They must show as harmless placeholders.
    static let evilTitle = "恶意\u{1B}]0;pwned\u{07}标题\u{1B}[2J完"
    static var evilCSV: String {
        """
        序号,名称,牵头部门,协同部门
        1,\(evilTitle),省住房和城乡建设厅,省发展和改革委员会、省财政厅
        2,普通任务,省财政厅,省住房和城乡建设厅

        """
    }

    @Test func escapeSequencesInDataAreShownSafely() throws {
        let fx = try DubanFixture()
        let csv = fx.directory.appendingPathComponent("evil.csv")
        try Data(Self.evilCSV.utf8).write(to: csv)
        try fx.run(["init", "--file", fx.file, "--from", csv.path])
        #expect(try fx.export().tasks.first?.title.contains("恶意") == true)

        let tmux = try fx.openTUI()
        defer { tmux.kill() }
        let titleBefore = try tmux.paneTitle()
        try tmux.waitFor("the matrix with the evil title") { $0.contains("恶意") && Self.showsMatrix($0) }
        try checkSafe(tmux, titleBefore: titleBefore)
        #expect(Self.showsMatrix(try tmux.capture()))  // CSI 2 J did not clear the screen

        // The task view shows the whole title, escapes as control pictures.
        try tmux.sendKeys("Enter")
        let view = try tmux.waitFor("the task view with the title") { $0.contains("标题") && $0.contains("完") }
        try checkSafe(tmux, titleBefore: titleBefore)
        #expect(view.contains("␛"))  // ESC drawn as its control picture

        try tmux.sendKeys("q")
        try tmux.waitFor("the matrix") { Self.showsMatrix($0) }
        try tmux.sendKeys("q")
        let status = try tmux.waitForExit()
        #expect(status == 0, "exit status \(status); screen:\n\(Tmux.framed((try? tmux.capture()) ?? ""))")
    }

    func checkSafe(_ tmux: Tmux, titleBefore: String) throws {
        let title = try tmux.paneTitle()
        #expect(title == titleBefore)
        #expect(!title.contains("pwned"))
        let plain = try tmux.capture()
        #expect(Tmux.controlCharacters(in: plain, allowEscape: false).isEmpty)
        let withAttributes = try tmux.capture(escapes: true)
        #expect(Tmux.nonSGREscapes(in: withAttributes).isEmpty, "raw escapes reached the terminal: \(Tmux.nonSGREscapes(in: withAttributes))")
    }
}
