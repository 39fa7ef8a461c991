import DubanCore
import DubanStore
import DubanCanvas
import DubanTUI
import Foundation

// duban-bench: measures duban at growing sizes and prints a table plus JSON.
//   swift run -c release duban-bench [--sizes 24x31,1000x100,...] [--json FILE] [--moves N] [--edits N] [--keep DIR]
//   swift run -c release duban-bench generate --tasks N --units U [--format csv|box] -o FILE

/// A screen that never waits: the benchmark's terminal. Each draw does what the real
/// terminal layer does short of writing to a tty (normalize, diff against the previous grid,
/// encode the escape sequences: `TerminalBytes`) and records how many bytes it would send.
final class BenchScreen: Screen {
    var size: (width: Int, height: Int)
    var last: Grid?
    let terminal = TerminalBytes()
    var lastBytes = 0
    init(width: Int, height: Int) { size = (width, height) }
    func draw(_ grid: Grid) {
        last = grid
        lastBytes = terminal.frame(grid)
    }
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? { nil }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ ns: UInt64) -> Double { Double(ns) / 1_000_000 }

func percentile(_ xs: [Double], _ p: Double) -> Double {
    guard !xs.isEmpty else { return .nan }
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

/// Peak resident memory of this process so far, in MB (VmHWM).
func peakRSSMB() -> Double { statusMB("VmHWM:") }
/// Resident memory now, in MB (VmRSS).
func currentRSSMB() -> Double { statusMB("VmRSS:") }

private func statusMB(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in status.split(separator: "\n") where line.hasPrefix(field) {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
        return kb / 1024
    }
    return .nan
}

/// Resets the peak so each size reports its own (Linux: write 5 to clear_refs).
func resetPeakRSS() {
    if let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
        h.write(Data("5".utf8))
        try? h.close()
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("duban-bench: \(message)\n".utf8))
    exit(2)
}

struct Row: Codable {
    var size: String
    var tasks: Int
    var units: Int
    var importCSVms: Double
    var importBoxms: Double
    var createFilems: Double
    var openToFirstFramems: Double
    var firstRenderms: Double
    var moveMedianms: Double
    var moveP99ms: Double
    /// Bytes sent to the terminal per key of the move pattern (mean, pages and jumps included), at 120×40.
    var moveBytes: Double
    /// Bytes per one-cell cursor move (arrow keys only, mean), at 120×40.
    var arrowBytes: Double
    var editMedianms: Double
    var editP99ms: Double
    var exportJSONms: Double
    var peakRSSMB: Double
}

func measure(tasks: Int, units: Int, moves: Int, edits: Int, dir: String) throws -> Row {
    resetPeakRSS()
    let dirUnits = try UnitDirectory.builtIn()
    let isSeed = tasks == 24 && units == 31
    let synth = Synthetic(tasks: tasks, units: units)
    let csv = isSeed ? nil : synth.csv()
    let box = isSeed ? try BuiltIn.seedTableText() : synth.boxDrawing()

    var t0 = now()
    let imported: ImportResult
    if let csv {
        imported = try TableImporter.importTable(csv, format: .csv, directory: dirUnits)
    } else {
        imported = try TableImporter.builtIn()
    }
    let importCSV = ms(now() - t0)
    t0 = now()
    _ = try TableImporter.importTable(box, format: .boxDrawing, directory: dirUnits)
    let importBox = ms(now() - t0)

    let path = dir + "/bench-\(tasks)x\(units).sqlite"
    t0 = now()
    _ = try SQLiteTracker.create(at: path, plan: imported.plan, repairs: [], unitDirectory: dirUnits,
                                 operatorName: "bench", force: true)
    let create = ms(now() - t0)

    let options = AppOptions(today: Day("2027-04-10")!, operatorName: "bench", trackerPath: path)
    let screen = BenchScreen(width: 120, height: 40)
    // Open: file → plan → state → first frame.
    t0 = now()
    let store = try SQLiteTracker.open(at: path)
    let app = try App(store: store, screen: screen, options: options)
    let frame = render(app.state, width: 120, height: 40)
    let open = ms(now() - t0)
    screen.draw(frame)
    t0 = now()
    _ = render(app.state, width: 120, height: 40)
    let firstRender = ms(now() - t0)

    // Cursor moves: right to the far end, down to the far end, pages, back home; each with a
    // render, the diff against the previous grid and the terminal bytes.
    var moveTimes: [Double] = []
    var moveBytes: [Double] = []
    var arrowBytes: [Double] = []
    let pattern: [Key] = [.right, .right, .right, .down, .down, .pageDown, .end, .pageDown, .char("G"), .left, .up,
                          .pageUp, .home, .char("g"), .down, .right]
    for i in 0..<moves {
        let key = pattern[i % pattern.count]
        let s = now()
        app.handle(.key(key))
        screen.draw(render(app.state, width: 120, height: 40))
        moveTimes.append(ms(now() - s))
        moveBytes.append(Double(screen.lastBytes))
        if [Key.right, .left, .up, .down].contains(key) { arrowBytes.append(Double(screen.lastBytes)) }
    }

    // Edits committed through the store: toggle a cooperating unit on a task far down.
    var editTimes: [Double] = []
    let plan = app.state.plan
    let lastUnit = plan.units[plan.units.count - 1].name
    for i in 0..<edits {
        let task = plan.tasks[(i * 7919) % plan.tasks.count]
        let current = task.role(of: lastUnit)
        guard current != .lead else { continue }
        let s = now()
        _ = try store.apply(.assign(task: task.number, unit: lastUnit, role: current == nil ? .cooperating : nil),
                            operatorName: "bench")
        editTimes.append(ms(now() - s))
        _ = try? store.apply(.assign(task: task.number, unit: lastUnit, role: current), operatorName: "bench")
    }

    t0 = now()
    let json = Exporter.json(try store.loadPlan(), today: options.today)
    let export = ms(now() - t0)
    precondition(json.count > 100)

    return Row(size: "\(tasks)×\(units)", tasks: tasks, units: units, importCSVms: importCSV, importBoxms: importBox,
               createFilems: create, openToFirstFramems: open, firstRenderms: firstRender,
               moveMedianms: percentile(moveTimes, 0.5), moveP99ms: percentile(moveTimes, 0.99),
               moveBytes: moveBytes.reduce(0, +) / Double(max(1, moveBytes.count)),
               arrowBytes: arrowBytes.reduce(0, +) / Double(max(1, arrowBytes.count)),
               editMedianms: percentile(editTimes, 0.5), editP99ms: percentile(editTimes, 0.99),
               exportJSONms: export, peakRSSMB: peakRSSMB())
}

func value(_ args: [String], _ name: String) -> String? {
    guard let i = args.firstIndex(of: name) else { return nil }
    guard i + 1 < args.count else { fail("\(name) needs a value") }
    return args[i + 1]
}

let args = Array(CommandLine.arguments.dropFirst())
if args.first == "generate" {
    guard let t = value(args, "--tasks").flatMap(Int.init), let u = value(args, "--units").flatMap(Int.init),
          t > 0, u > 1 else { fail("usage: duban-bench generate --tasks N --units U [--format csv|box] -o FILE") }
    let synth = Synthetic(tasks: t, units: u)
    let text = value(args, "--format") == "box" ? synth.boxDrawing() : synth.csv()
    if let out = value(args, "-o") {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch { fail("cannot write \(out): \(error)") }
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    exit(0)
}
if args.first == "clients" {
    runClients(args)
    exit(0)
}
if args.first == "refresh" {
    runRefresh(args)
    exit(0)
}
/// The keys `open` times, in turn: arrows across and down and back (each one moves the
/// cursor), a page each way, the far ends and back to the start.
let openMoves: [Key] = Array(repeating: Key.right, count: 30) + Array(repeating: .down, count: 30) + [.pageDown, .pageUp]
    + Array(repeating: .left, count: 30) + Array(repeating: .up, count: 30) + [.end, .char("G"), .home, .char("g")]
if args.first == "open" {
    // A fresh process that only opens an existing tracker the way `duban` does: the
    // honest figure for open time and peak memory (no import or generation before it).
    guard args.count >= 2 else { fail("usage: duban-bench open FILE [--moves N]") }
    let moves = value(args, "--moves").flatMap(Int.init) ?? 1000
    do {
        let t0 = now()
        let store = try SQLiteTracker.open(at: args[1])
        let tOpen = ms(now() - t0)
        print(String(format: "(file checks and SQLite open: %.1f ms)", tOpen))
        let screen = BenchScreen(width: 120, height: 40)
        // As `duban` opens: the first tasks, then the rest on a second connection in the
        // background (`--whole` reads everything before the first frame, as before).
        let path = args[1]
        let whole = args.contains("--whole")
        let app = try App(store: store, screen: screen, options: AppOptions(today: Day("2027-04-10")!, operatorName: "bench",
                                                                          trackerPath: path),
                          backgroundReader: whole ? nil : { BackgroundPlanReader(open: { try SQLiteTracker.open(at: path, readOnly: true) }) })
        screen.draw(render(app.state, width: 120, height: 40))
        let open = ms(now() - t0)
        let rssFirst = currentRSSMB()
        if args.contains("--first-frame-only") {
            // For profiling the first frame alone (the background read is cut short).
            print(String(format: "first frame %.1f ms", open))
            exit(0)
        }
        // Keys are handled meanwhile; here the bench only waits for the rest.
        while app.isLoading {
            usleep(2000)
            app.checkLoading()
        }
        let loaded = ms(now() - t0)
        print(String(format: "first frame %.1f ms (RSS then %.0f MB), whole plan in after %.1f ms", open, rssFirst, loaded))
        var times: [Double] = []
        var bytes = 0
        for i in 0..<moves {
            let s = now()
            app.handle(.key(openMoves[i % openMoves.count]))
            screen.draw(render(app.state, width: 120, height: 40))
            times.append(ms(now() - s))
            bytes += screen.lastBytes
        }
        print(String(format: "open→first frame %.1f ms, move (with diff and output) p50 %.3f ms, p99 %.3f ms, %.0f bytes a move, peak RSS %.0f MB",
                     open, percentile(times, 0.5), percentile(times, 0.99), Double(bytes) / Double(max(1, moves)), peakRSSMB()))
    } catch {
        fail("\(error)")
    }
    exit(0)
}
if args.contains("--help") || args.contains("-h") {
    print("""
    usage: duban-bench open FILE [--moves N] [--whole] [--first-frame-only]  (open an existing tracker in a fresh process: first frame, whole plan in, moves, peak memory;
                                                         --whole reads the whole plan before the first frame)
           duban-bench [--sizes 24x31,1000x100,10000x300,100000x1000] [--moves N] [--edits N] [--json FILE] [--keep DIR]
           duban-bench generate --tasks N --units U [--format csv|box] [-o FILE]
           duban-bench clients --server URL [--clients 1,5,20] [--seconds 5] [--tasks 1000]  (edits/s, latency, seen by another)
           duban-bench refresh [--server URL] [--sizes 10000x300,100000x1000]  (change feed vs whole reload)
    """)
    exit(0)
}

let sizes: [(Int, Int)] = (value(args, "--sizes") ?? "24x31,1000x100,10000x300,100000x1000")
    .split(separator: ",").map { part in
        let p = part.split(separator: "x").compactMap { Int($0) }
        guard p.count == 2, p[0] > 0, p[1] > 1 else { fail("bad size \(part); use TASKSxUNITS") }
        return (p[0], p[1])
    }
let moves = value(args, "--moves").flatMap(Int.init) ?? 1000
let edits = value(args, "--edits").flatMap(Int.init) ?? 200
let keep = value(args, "--keep")
let dir = keep ?? (NSTemporaryDirectory() + "duban-bench-\(getpid())")
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }

var rows: [Row] = []
let header = ["size", "import CSV", "import box", "create", "open→frame", "render", "move p50", "move p99",
              "bytes/key", "bytes/arrow", "edit p50", "edit p99", "export", "peak RSS"]
print(header.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined(separator: " "))
for (t, u) in sizes {
    do {
        let r = try measure(tasks: t, units: u, moves: moves, edits: edits, dir: dir)
        rows.append(r)
        let times = { (xs: [Double]) in xs.map { String(format: "%.2f ms", $0) } }
        let cells = [r.size] + times([r.importCSVms, r.importBoxms, r.createFilems, r.openToFirstFramems, r.firstRenderms,
                                      r.moveMedianms, r.moveP99ms])
            + [String(format: "%.0f B", r.moveBytes), String(format: "%.0f B", r.arrowBytes)]
            + times([r.editMedianms, r.editP99ms, r.exportJSONms]) + [String(format: "%.0f MB", r.peakRSSMB)]
        print(cells.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined(separator: " "))
    } catch {
        fail("size \(t)x\(u): \(error)")
    }
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = try encoder.encode(rows)
if let out = value(args, "--json") {
    try json.write(to: URL(fileURLWithPath: out))
    print("figures written to \(out)")
} else {
    print(String(decoding: json, as: UTF8.self))
}
