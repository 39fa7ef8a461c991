import Foundation
import Testing

/// The storage promises, tested against the real binary: kills at random moments, several
/// writers at once, a full disk.
@Suite(.serialized) struct ReliabilityTests {
    /// Titles of all milestones in the tracker, counted.
    func milestoneTitles(_ cli: CLI) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for t in try cli.json()["tasks"] as? [[String: Any]] ?? [] {
            for m in t["milestones"] as? [[String: Any]] ?? [] {
                counts[m["title"] as? String ?? "", default: 0] += 1
            }
        }
        return counts
    }

    @Test func killNineAtRandomMomentsLosesNoAcknowledgedEdit() throws {
        let cli = try CLI()
        try cli.run(["init"])
        var acknowledged: [String] = []
        var killed: [String] = []
        var rng = SystemRandomNumberGenerator()
        let runs = 40
        for i in 0..<runs {
            let title = "崩溃测试-\(i)"
            let p = Process()
            p.executableURL = try DubanBinary.url()
            p.arguments = ["milestone", "add", String(1 + i % 24), title, "--due", "2027-06-30", "--file", cli.file]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            var printed = Data()
            if i % 2 == 0 {
                // Half the runs: killed at the moment the edit is acknowledged (its id printed),
                // however long the machine takes to get there.
                while !printed.contains(UInt8(ascii: "\n")) {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    printed += chunk
                }
            } else {
                // The other half: killed at a random moment, most often before the acknowledgement.
                usleep(UInt32.random(in: 0...60_000, using: &rng))
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            printed += out.fileHandleForReading.readDataToEndOfFile()
            // Acknowledged = the user was told: the new milestone's id was printed.
            let said = String(decoding: printed, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            if Int(said) != nil { acknowledged.append(title) } else { killed.append(title) }
        }
        let check = try cli.run(["check"])
        #expect(check.status == 0, "integrity after kills: \(check.out) \(check.err)")
        #expect(check.out.contains("integrity check ok"))
        let titles = try milestoneTitles(cli)
        for t in acknowledged { #expect(titles[t] == 1, "acknowledged \(t) must be stored exactly once") }
        for t in killed { #expect((titles[t] ?? 0) <= 1, "killed \(t) must be stored at most once") }
        // The run must have exercised both outcomes to mean anything; report the split.
        print("crash test: \(acknowledged.count) acknowledged, \(killed.count) killed, "
              + "\(killed.filter { titles[$0] == 1 }.count) of the killed had committed before the kill")
        #expect(acknowledged.count >= runs / 2, "every run that waited for the acknowledgement got one")
        #expect(killed.count > 0)
        // Edits after the kills still work.
        #expect(try cli.run(["milestone", "add", "1", "之后"]).status == 0)
    }

    @Test func concurrentWritersAllSucceedAndNothingIsDuplicated() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let writers = 4, each = 8
        let results = Locked<[(String, Int32, String)]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for i in 0..<each {
                let title = "并发-\(w)-\(i)"
                let args = w % 2 == 0 ? ["milestone", "add", String(1 + (w * each + i) % 24), title]
                    : ["progress", "add", String(1 + (w * each + i) % 24), "--unit", "财政", "--progress", title]
                let r = try? cli.run(args)
                results.mutate { $0.append((title, r?.status ?? -1, r?.err ?? "did not run")) }
            }
        }
        let all = results.value
        #expect(all.count == writers * each)
        for (title, status, err) in all { #expect(status == 0, "\(title): \(err)") }
        let titles = try milestoneTitles(cli)
        var reports: [String: Int] = [:]
        for t in try cli.json()["tasks"] as? [[String: Any]] ?? [] {
            for p in t["progress"] as? [[String: Any]] ?? [] { reports[p["progress"] as? String ?? "", default: 0] += 1 }
        }
        for (title, _, _) in all {
            #expect((titles[title] ?? 0) + (reports[title] ?? 0) == 1, "\(title) stored exactly once")
        }
        #expect(try cli.run(["check"]).out.contains("integrity check ok"))
    }

    /// Runs `script` (with `bin` as $1) in a private mount namespace, where it may mount a
    /// small tmpfs; returns the exit status and everything it printed.
    static func runInPrivateMounts(_ script: String, _ bin: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-rm", "sh", "-c", script, "sh", bin]
        p.environment = TestLanguage.english(ProcessInfo.processInfo.environment)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    static let canMountTmpfs: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-rm", "sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\" && umount \"$d\""]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            print("full-disk test cannot run here: `unshare -rm` with a tmpfs mount is not allowed on this machine")
        }
        return p.terminationStatus == 0
    }()

    @Test(.enabled(if: ReliabilityTests.canMountTmpfs, "needs unshare -rm and a tmpfs mount"))
    func aFullDiskIsReportedAndNothingIsCorrupted() throws {
        let bin = try DubanBinary.url().path
        // Inside a private mount namespace: a 2 MB tmpfs, a tracker on it, the disk filled up,
        // then an edit that cannot be written.
        let script = """
            set -u
            err=$(mktemp); d=$(mktemp -d); mount -t tmpfs -o size=2m tmpfs "$d" || exit 90
            export DUBAN_TODAY=2027-04-10
            "$1" init --file "$d/t.sqlite" >/dev/null || exit 91
            "$1" milestone add 1 before --file "$d/t.sqlite" >/dev/null || exit 92
            dd if=/dev/zero of="$d/fill" bs=4k 2>/dev/null
            # Titles of 1,900 characters: large, and within the 2,000-character limit.
            i=0; while [ $i -lt 40 ]; do
              "$1" milestone add 2 "满盘-$i-$(head -c 1900 /dev/zero | tr '\\0' x)" --file "$d/t.sqlite" >/dev/null 2>"$err" || break
              i=$((i+1))
            done
            echo "refused-after=$i"
            echo "message=$(cat "$err")"
            rm -f "$d/fill"
            "$1" check --file "$d/t.sqlite" | head -1
            "$1" export --format json --file "$d/t.sqlite" | grep -c '"title": "before"'
            """
        let (status, text) = try Self.runInPrivateMounts(script, bin)
        #expect(status == 0, "\(text)")
        #expect(text.contains("refused-after="))
        #expect(!text.contains("refused-after=40"), "the disk never filled: \(text)")
        #expect(text.contains("the disk is full"), "\(text)")
        #expect(text.contains("integrity check ok"), "\(text)")
        #expect(text.split(separator: "\n").last == "1", "the edit made before the disk filled is still there: \(text)")
    }
}

/// A value shared between threads behind a lock.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.lock(); defer { lock.unlock() }; return v }
    func mutate(_ f: (inout T) -> Void) { lock.lock(); f(&v); lock.unlock() }
}
