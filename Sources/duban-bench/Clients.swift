import DubanCore
import DubanStore
import DubanTUI
import Foundation

// duban-bench clients --server URL [--clients 1,5,20] [--seconds 5] [--tasks 1000]
//   N clients editing one tracker at once, on the SQLite file and on PostgreSQL (loopback):
//   edits per second, p50/p99 edit latency, and how long another session takes to see an
//   edit (a watcher polling every 10 ms: data_version + feed for the file, NOTIFY + feed for
//   the server).
// duban-bench refresh [--server URL] [--sizes 10000x300,100000x1000]
//   the receiving side of one outside edit: change feed + apply vs a whole reload.

final class Samples: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var latencies: [Double] = []
    private(set) var seen: [Double] = []
    private var committed: [Int: UInt64] = [:]
    private(set) var errors: [String] = []

    func edit(_ ms: Double, seq: Int, at t: UInt64) {
        lock.lock()
        latencies.append(ms)
        committed[seq] = t
        lock.unlock()
    }

    func saw(_ seq: Int, at t: UInt64) {
        lock.lock()
        if let c = committed[seq] { seen.append(Double(t &- c) / 1_000_000) }
        lock.unlock()
    }

    func error(_ e: String) {
        lock.lock()
        errors.append(e)
        lock.unlock()
    }
}

/// A fresh database on the server of `server` (an admin URL), named for the run.
func freshDatabase(_ server: String, _ name: String) throws -> String {
    try PostgresTracker.createDatabase(name, server: server)
    var u = URLComponents(string: server)!
    u.path = "/" + name
    return u.string!
}

func runClients(_ args: [String]) {
    let server = value(args, "--server")
    let counts = (value(args, "--clients") ?? "1,5,20").split(separator: ",").compactMap { Int($0) }
    let seconds = value(args, "--seconds").flatMap(Double.init) ?? 5
    let tasks = value(args, "--tasks").flatMap(Int.init) ?? 1000
    let synth = Synthetic(tasks: tasks, units: 100)
    let plan: Plan
    do { plan = try TableImporter.importTable(synth.csv(), format: .csv, directory: []).plan } catch { fail("\(error)") }
    let dir = NSTemporaryDirectory() + "duban-bench-clients-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }

    if let server, args.contains("--roundtrip") {
        do {
            let url = try freshDatabase(server, "duban_rt_\(getpid())")
            let store = try PostgresTracker.create(url: url, plan: plan, repairs: [], unitDirectory: [], operatorName: "bench", force: false)
            var times: [Double] = []
            for _ in 0..<200 {
                let t0 = now()
                _ = try store.setting("x")
                times.append(ms(now() - t0))
            }
            say(String(format: "one query: p50 %.3f ms, p99 %.3f ms", percentile(times, 0.5), percentile(times, 0.99)))
        } catch { print("\(error)") }
    }
    say("backend     clients  edits/s   edit p50   edit p99   seen by another p50 / p99   errors")
    for backend in ["sqlite", "postgres"] {
        if backend == "postgres" && server == nil { print("postgres    (no --server URL given)"); continue }
        for n in counts {
            do {
                let open: () throws -> any TrackerStore
                switch backend {
                case "sqlite":
                    let path = dir + "/c\(n).duban"
                    _ = try SQLiteTracker.create(at: path, plan: plan, repairs: [], unitDirectory: [], operatorName: "bench", force: true)
                    open = { try SQLiteTracker.open(at: path) }
                default:
                    let url = try freshDatabase(server!, "duban_bench_\(getpid())_\(n)")
                    _ = try PostgresTracker.create(url: url, plan: plan, repairs: [], unitDirectory: [], operatorName: "bench", force: false)
                    open = { try PostgresTracker.open(url: url) }
                }
                let samples = Samples()
                let stop = UnsafeFlag()
                // The watcher: another session, catching up from the feed.
                let watcherStore = try open()
                let w = Shared((store: watcherStore, seq: try watcherStore.snapshot().sequence))
                let opener = Shared(open)
                let watcher = Thread {
                    while !stop.isSet {
                        if (try? w.value.store.hasOutsideChanges()) == true,
                           let feed = try? w.value.store.changes(since: w.value.seq) {
                            let t = now()
                            for r in feed.records { samples.saw(r.seq, at: t) }
                            w.value.seq = feed.latest
                        }
                        usleep(10_000)
                    }
                }
                watcher.start()
                let group = DispatchGroup()
                let start = now()
                for c in 0..<n {
                    group.enter()
                    let t = Thread {
                        defer { group.leave() }
                        do {
                            let store = try opener.value()
                            var i = 0
                            while Double(now() - start) / 1e9 < seconds {
                                let task = plan.tasks[(c * 7919 + i * 104_729) % plan.tasks.count].number
                                let s = now()
                                let a = try store.apply(.setNotes(task: task, notes: "c\(c)-\(i)"), operatorName: "bench")
                                let e = now()
                                samples.edit(Double(e - s) / 1e6, seq: a.sequence, at: e)
                                i += 1
                            }
                        } catch {
                            samples.error("\(error)")
                        }
                    }
                    t.start()
                }
                group.wait()
                let elapsed = Double(now() - start) / 1e9
                Thread.sleep(forTimeInterval: 0.5)
                stop.set()
                let l = samples.latencies, seen = samples.seen
                say(String(format: "%-10@  %7d  %7.0f   %6.2f ms  %6.2f ms   %6.1f / %6.1f ms            %d",
                             backend as NSString, n, Double(l.count) / elapsed, percentile(l, 0.5), percentile(l, 0.99),
                             percentile(seen, 0.5), percentile(seen, 0.99), samples.errors.count))
                if let e = samples.errors.first { print("  first error: \(e)") }
            } catch {
                say("\(backend) \(n): \(error)")
            }
        }
    }
}

func runRefresh(_ args: [String]) {
    let server = value(args, "--server")
    let sizes: [(Int, Int)] = (value(args, "--sizes") ?? "10000x300,100000x1000").split(separator: ",").compactMap {
        let p = $0.split(separator: "x").compactMap { Int($0) }
        return p.count == 2 ? (p[0], p[1]) : nil
    }
    let dir = NSTemporaryDirectory() + "duban-bench-refresh-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    say("backend   size              feed + apply   in the App (poll, catch up, draw)   whole reload")
    for (tasks, units) in sizes {
        do {
            let plan = try TableImporter.importTable(Synthetic(tasks: tasks, units: units).csv(), format: .csv, directory: []).plan
            var backends: [(String, () throws -> any TrackerStore)] = []
            let path = dir + "/r\(tasks).duban"
            _ = try SQLiteTracker.create(at: path, plan: plan, repairs: [], unitDirectory: [], operatorName: "bench", force: true)
            backends.append(("sqlite", { try SQLiteTracker.open(at: path) }))
            if let server, tasks <= (value(args, "--server-max").flatMap(Int.init) ?? 2_000) {
                let url = try freshDatabase(server, "duban_refresh_\(getpid())_\(tasks)")
                _ = try PostgresTracker.create(url: url, plan: plan, repairs: [], unitDirectory: [], operatorName: "bench", force: false)
                backends.append(("postgres", { try PostgresTracker.open(url: url) }))
            }
            for (name, open) in backends {
                let reader = try open(), writer = try open()
                var (mine, seq) = try reader.snapshot()
                var feedTimes: [Double] = [], reloadTimes: [Double] = []
                for i in 0..<20 {
                    let task = plan.tasks[(i * 7919) % plan.tasks.count].number
                    _ = try writer.apply(.setNotes(task: task, notes: "r\(i)"), operatorName: "bench")
                    var t0 = now()
                    let feed = try reader.changes(since: seq)
                    for r in feed.records { if case let .edit(e) = r.body { try mine.apply(e.withoutExpectations) } }
                    seq = feed.latest
                    feedTimes.append(ms(now() - t0))
                    t0 = now()
                    _ = try reader.snapshot()
                    reloadTimes.append(ms(now() - t0))
                }
                // The receiving side as the interactive program has it: an App on its own
                // session notices the edit, catches up from the feed and draws (120×40).
                let screen = BenchScreen(width: 120, height: 40)
                let app = try App(store: try open(), screen: screen,
                                  options: AppOptions(today: Day("2027-04-10")!, operatorName: "bench", trackerPath: path))
                screen.draw(render(app.state, width: 120, height: 40))
                var appTimes: [Double] = []
                for i in 0..<20 {
                    let task = plan.tasks[(i * 104_729) % plan.tasks.count].number
                    _ = try writer.apply(.setFollowUp(task: task, person: "p\(i)"), operatorName: "bench")
                    let t0 = now()
                    guard app.pollOutsideChanges() else { fail("the App did not see an outside edit") }
                    screen.draw(render(app.state, width: 120, height: 40))
                    appTimes.append(ms(now() - t0))
                }
                say(String(format: "%-8@  %-16@  %8.2f ms    %8.2f ms    %8.1f ms", name as NSString, "\(tasks) × \(units)" as NSString,
                             percentile(feedTimes, 0.5), percentile(appTimes, 0.5), percentile(reloadTimes, 0.5)))
            }
        } catch {
            say("\(tasks)x\(units): \(error)")
        }
    }
}

final class UnsafeFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

/// A value handed to a thread the benchmark starts (each is used by one thread at a time).
final class Shared<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// A line on standard output at once (not buffered), so a long run shows its progress.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
