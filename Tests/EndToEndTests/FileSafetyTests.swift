import Foundation
import Testing

/// Issue 9, "Files": no command creates a second tracker by a typo, overwrites the tracker
/// with its output, replaces a pipe, a device or its own input, or leaves hidden files
/// behind; backups can be replaced; permissions are honoured.
@Suite(.serialized) struct FileSafetyTests {
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Runs duban with exactly `args` (no --file added) and a private HOME/XDG_DATA_HOME.
    func raw(_ args: [String], home: String, env extra: [String: String] = [:]) throws -> Subprocess.Result {
        var env = TestLanguage.english(ProcessInfo.processInfo.environment)
        env["DUBAN_TODAY"] = "2027-04-10"
        env["HOME"] = home
        env["XDG_DATA_HOME"] = home + "/data"
        env.removeValue(forKey: "DUBAN_FILE")
        for (k, v) in extra { env[k] = v }
        return try Subprocess.run(try DubanBinary.url().path, args, environment: env)
    }

    /// Runs a shell command line (for umask and for running as another user).
    func shell(_ script: String, _ args: [String] = []) throws -> Subprocess.Result {
        var env = TestLanguage.english(ProcessInfo.processInfo.environment)
        env["DUBAN_TODAY"] = "2027-04-10"
        env.removeValue(forKey: "DUBAN_FILE")
        return try Subprocess.run("/bin/sh", ["-c", script, "sh"] + args, environment: env)
    }

    // MARK: - Point 9

    @Test func aMistypedFileIsRefusedAndNothingIsCreated() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let typo = cli.dir.appendingPathComponent("t.sqllite").path
        for args in [["assign", "3", "财政", "--role", "lead"], ["list"], ["milestone", "add", "1", "x"],
                     ["backup", cli.dir.appendingPathComponent("b.sqlite").path]] {
            let r = try cli.run(args, file: typo)
            #expect(r.status != 0, "\(args)")
            #expect(r.err.contains("\(typo) does not exist"), "\(args): \(r.err)")
            #expect(r.err.contains("duban init --file \(typo)"), "\(args): \(r.err)")
            #expect(!exists(typo) && !exists(typo + "-wal") && !exists(typo + "-shm"), "\(args) created \(typo)")
        }
        // The same through $DUBAN_FILE, and a missing folder is not created either.
        let nested = cli.dir.appendingPathComponent("no/such/t.sqlite").path
        let r = try raw(["list"], home: cli.dir.path, env: ["DUBAN_FILE": nested])
        #expect(r.status != 0 && r.stderr.contains("does not exist"), "\(r.stderr)")
        #expect(!exists(cli.dir.appendingPathComponent("no").path))
        // Restoring into a mistyped name does not start a second tracker either.
        let restore = try cli.run(["restore", cli.file], file: typo)
        #expect(restore.status != 0 && restore.err.contains("does not exist"), "\(restore.err)")
        #expect(!exists(typo))
        // `init` is what creates a named file.
        #expect(try cli.run(["init"], file: typo).status == 0)
        #expect(try cli.run(["list"], file: typo).status == 0)
    }

    @Test func theDefaultLocationIsStillCreatedOnFirstUse() throws {
        let cli = try CLI()
        let r = try raw(["list"], home: cli.dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 24)
        #expect(exists(cli.dir.path + "/data/duban/tracker.sqlite"))
    }

    // MARK: - Point 8

    @Test func outputNeverReplacesTheTrackerOrItsSideFiles() throws {
        let cli = try CLI()
        try cli.run(["init"])
        try cli.run(["note", "1", "必须保留的备注"])
        let link = cli.dir.appendingPathComponent("link.sqlite").path
        try FileManager.default.linkItem(atPath: cli.file, toPath: link)
        let symlink = cli.dir.appendingPathComponent("sym.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: cli.file)
        let sub = cli.dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let before = bytes(cli.file)
        let spellings = [cli.file, link, symlink, sub.path + "/../t.sqlite", cli.file + "-wal", cli.file + "-shm"]
        for out in spellings {
            // (`notice` is checked below: it may record a serial number before it writes.)
            for args in [["export", "--format", "csv", "-o", out], ["report", "-o", out]] {
                let r = try cli.run(args)
                #expect(r.status != 0, "\(args) was not refused")
                #expect(r.err.contains("is the tracker") && r.err.contains("nothing was written"), "\(args): \(r.err)")
            }
        }
        #expect(bytes(cli.file) == before)
        #expect(!exists(cli.file + "-wal") && !exists(cli.file + "-shm"))
        for out in spellings {
            let r = try cli.run(["notice", "1", "-o", out])
            #expect(r.status != 0 && r.err.contains("is the tracker") && r.err.contains("nothing was written"), "\(r.err)")
        }
        #expect(try cli.task(1)["notes"] as? String == "必须保留的备注")
        #expect(try cli.run(["check"]).out.contains("integrity check ok"))
        // Another file is fine.
        #expect(try cli.run(["export", "-o", cli.dir.appendingPathComponent("out.json").path]).status == 0)
    }

    @Test func initForceRefusesAPipeADeviceAFolderAndItsOwnTable() throws {
        let cli = try CLI()
        let fifo = cli.dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try cli.run(["init", "--force"], file: fifo)
        #expect(r.status != 0 && r.err.contains("not a regular file"), "\(r.err)")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the pipe must stay a pipe")
        // A device node (root can make one; otherwise this part is skipped with a note).
        let device = cli.dir.appendingPathComponent("null").path
        if mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
            let d = try cli.run(["init", "--force"], file: device)
            #expect(d.status != 0 && d.err.contains("not a regular file"), "\(d.err)")
            #expect(lstat(device, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR, "the device must stay a device")
        } else {
            print("init --force on a device: skipped, mknod is not allowed here")
        }
        let folder = cli.dir.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try cli.run(["init", "--force"], file: folder).status != 0)
        // The table it imports from, named the same or another way.
        let table = try cli.write("table.csv", "序号,重点工作任务,牵头部门,协同部门\n1,推进城乡规划一体化,住房和城乡建设厅,发改委\n")
        let before = bytes(table)
        for spelling in [table, cli.dir.path + "/./table.csv"] {
            let t = try cli.run(["init", "--force", "--from", spelling], file: table)
            #expect(t.status != 0 && t.err.contains("is the tracker file itself"), "\(t.err)")
        }
        #expect(bytes(table) == before)
        #expect(!exists(table + "-wal") && !exists(table + "-shm"))
        #expect(try cli.run(["init", "--force", "--from", table]).status == 0)
    }

    /// A process id that is surely not running: a child that has exited and been reaped.
    func deadPid() throws -> Int32 {
        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(argv[0]) }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, &argv, nil) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return pid
    }

    @Test func hiddenFilesOfAKilledInitOrBackupAreCleanedUp() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let dead = try deadPid()
        let alive = getpid()
        let stale = [".t.sqlite.new-\(dead)-k3j2x8q1m0", ".t.sqlite.new-\(dead)-k3j2x8q1m0-journal",
                     ".t.sqlite.new-\(dead)-k3j2x8q1m0.old-wal", ".b.sqlite.backup-\(dead)-zz9abcdef1-wal", ".b.sqlite.backup-\(dead)-zz9abcdef1"]
        let kept = [".t.sqlite.new-\(alive)-a1b2c3d4e5", ".notes", ".t.sqlite.new-x-y", ".plan.new-\(dead)-final"]
        for name in stale + kept { try Data("x".utf8).write(to: cli.dir.appendingPathComponent(name)) }
        #expect(try cli.run(["init", "--force"]).status == 0)
        for name in stale where name.hasPrefix(".t.") { #expect(!exists(cli.dir.path + "/" + name), "\(name) left") }
        #expect(try cli.run(["backup", cli.dir.appendingPathComponent("b.sqlite").path]).status == 0)
        for name in stale { #expect(!exists(cli.dir.path + "/" + name), "\(name) left") }
        for name in kept { #expect(exists(cli.dir.path + "/" + name), "\(name) of a running process (or not ours) removed") }
    }

    @Test func backupForceReplacesAnExistingBackupButNeverTheTracker() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let out = cli.dir.appendingPathComponent("backup.sqlite").path
        #expect(try cli.run(["backup", out]).status == 0)
        try cli.run(["note", "2", "第二次备份之前"])
        let again = try cli.run(["backup", out])
        #expect(again.status != 0 && again.err.contains("--force"))
        let forced = try cli.run(["backup", out, "--force"])
        #expect(forced.status == 0, "\(forced.err)")
        #expect(try cli.run(["show", "2"], file: out).out.contains("第二次备份之前"))
        let before = bytes(cli.file)
        for target in [cli.file, cli.dir.path + "/./t.sqlite"] {
            let own = try cli.run(["backup", target, "--force"])
            #expect(own.status != 0 && own.err.contains("the tracker being backed up"), "\(own.err)")
        }
        #expect(bytes(cli.file) == before)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: cli.dir.path)).contains { $0.hasPrefix(".") })
    }

    // MARK: - Point 10

    @Test func newTrackersHonourTheUmaskAndInitForceKeepsModeAndGroup() throws {
        let cli = try CLI()
        let bin = try DubanBinary.url().path
        let r = try shell("umask 002 && \"$1\" init --file \"$2\" && \"$1\" note 1 x --file \"$2\"", [bin, cli.file])
        #expect(r.status == 0, "\(r.stderr)")
        var st = stat()
        #expect(stat(cli.file, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o664, "mode \(String(st.st_mode & 0o777, radix: 8)) under umask 002")
        let b = try shell("umask 002 && \"$1\" backup \"$2\" --file \"$3\"", [bin, cli.dir.path + "/b.sqlite", cli.file])
        #expect(b.status == 0 && stat(cli.dir.path + "/b.sqlite", &st) == 0 && st.st_mode & 0o777 == 0o664)
        // init --force keeps the replaced file's mode and group.
        #expect(chmod(cli.file, 0o640) == 0)
        let group: gid_t = 65534
        let canChown = chown(cli.file, uid_t.max, group) == 0
        let f = try shell("umask 022 && \"$1\" init --force --file \"$2\"", [bin, cli.file])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(stat(cli.file, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o640, "mode \(String(st.st_mode & 0o777, radix: 8)) after init --force")
        if canChown { #expect(st.st_gid == group) } else { print("group part skipped: cannot chown here") }
    }

    /// Runs `duban ARGS` as the user nobody (setpriv), or nil when that is not possible.
    func asNobody(_ args: [String]) throws -> Subprocess.Result? {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        let bin = try DubanBinary.url().path
        var env = TestLanguage.english(ProcessInfo.processInfo.environment)
        env["DUBAN_TODAY"] = "2027-04-10"
        env["HOME"] = "/nonexistent"
        env.removeValue(forKey: "DUBAN_FILE")
        return try Subprocess.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", bin] + args,
                                  environment: env)
    }

    @Test func aUserWhoMayOnlyReadCanRunEveryReadCommand() throws {
        // The folder and file belong to root; nobody can read both and write neither.
        let dir = "/tmp/duban-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(chmod(dir, 0o755) == 0)
        let file = dir + "/t.sqlite"
        let cli = try CLI()
        #expect(try cli.run(["init"], file: file).status == 0)
        try cli.run(["milestone", "add", "1", "只读测试", "--due", "2027-06-30"], file: file)
        #expect(chmod(file, 0o644) == 0)
        guard try asNobody(["list", "--file", file]) != nil else {
            print("read-only user test skipped: not root, or no setpriv to run as nobody")
            return
        }
        let before = bytes(file)
        for args in [["list"], ["show", "1"], ["matrix"], ["units"], ["export", "--format", "json"], ["overdue"],
                     ["log"], ["check"], ["score"], ["report"]] {
            let r = try #require(try asNobody(args + ["--file", file]))
            #expect(r.status == 0, "\(args) as nobody: \(r.stderr)")
            #expect(!r.stderr.contains("read-only, so changes cannot be saved"), "\(args): \(r.stderr)")
        }
        #expect(try #require(try asNobody(["show", "1", "--file", file])).stdout.contains("只读测试"))
        // An edit is refused with the read-only message, and nothing changes.
        let edit = try #require(try asNobody(["note", "1", "x", "--file", file]))
        #expect(edit.status != 0 && edit.stderr.contains("read-only"), "\(edit.stderr)")
        #expect(bytes(file) == before)
        #expect(!exists(file + "-wal") && !exists(file + "-shm"))
    }

    @Test func aUserWhoMayOnlyReadGetsTheTUIWithTheReadOnlyBanner() throws {
        let dir = "/tmp/duban-ro-tui-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/t.sqlite"
        let cli = try CLI()
        #expect(try cli.run(["init"], file: file).status == 0)
        #expect(chmod(dir, 0o755) == 0 && chmod(file, 0o644) == 0)
        guard try asNobody(["list", "--file", file]) != nil else {
            print("read-only TUI test skipped: not root, or no setpriv to run as nobody")
            return
        }
        let before = bytes(file)
        let tmux = try Tmux(command: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                     try DubanBinary.url().path, "--file", file, "--lang", "en"],
                            width: 100, height: 30, environment: ["HOME": "/nonexistent", "DUBAN_TODAY": "2027-04-10"],
                            workingDirectory: "/tmp")
        defer { tmux.kill() }
        try tmux.waitFor("the read-only banner") { $0.contains("只读：无法修改此文件") || $0.contains("read-only: this file cannot be changed") }
        try tmux.sendKeys("L")
        try tmux.waitFor("the refusal of L") { $0.contains("The file is read-only.") }
        // Polls come and go (every 0.5 s without a key): the message stays.
        usleep(2_500_000)
        let screen = try tmux.capture()
        #expect(screen.contains("The file is read-only."), "\(screen)")
        #expect(!screen.contains("Loaded changes made by someone else"), "\(screen)")
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(bytes(file) == before)
        #expect(!exists(file + "-wal") && !exists(file + "-shm"))
    }
}
