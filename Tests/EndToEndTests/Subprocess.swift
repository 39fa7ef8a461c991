import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion with posix_spawn + waitpid, its output in temporary files.
///
/// Not Foundation's `Process`: on Linux it learns that a child ended when a socket the
/// child inherited closes, and `tmux new-session` forks a server that keeps every
/// descriptor it inherited — so `waitUntilExit()` would wait for the server, for ever.
/// Here the child gets only stdin (/dev/null), stdout and stderr (files); every other
/// descriptor is closed in it.
/// The language duban speaks in a test: English unless the test names a locale itself
/// (LANG=C.UTF-8 for Chinese), so every test is explicit about the language it asserts.
enum TestLanguage {
    static func english(_ env: [String: String]) -> [String: String] { with(env, lang: "en_US.UTF-8") }
    static func chinese(_ env: [String: String]) -> [String: String] { with(env, lang: "C.UTF-8") }

    static func with(_ env: [String: String], lang: String) -> [String: String] {
        var e = env
        e.removeValue(forKey: "LC_ALL")
        e.removeValue(forKey: "LC_MESSAGES")
        e["LANG"] = lang
        return e
    }
}

enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String],
                    environment: [String: String]? = nil, stdin: String? = nil) throws -> Result {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("duban-e2e-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err", inPath = base + ".in"
        defer {
            for p in [outPath, errPath, inPath] { try? fm.removeItem(atPath: p) }
        }
        if let stdin { try Data(stdin.utf8).write(to: URL(fileURLWithPath: inPath)) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin == nil ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The test runner's threads block most signals, and a spawned child inherits the
        // mask: a tmux server would then never see SIGCHLD or SIGTERM, nor its panes SIGHUP.
        // Start the child with nothing blocked and every signal at its default action.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #else
        closeOtherDescriptors(&actions)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let env = (environment ?? TestLanguage.english(ProcessInfo.processInfo.environment)).map { strdup("\($0.key)=\($0.value)") }
        defer { env.forEach { free($0) } }
        var argvC = argv + [nil]
        var envC = env + [nil]

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, &argvC, &envC)
        guard rc == 0 else {
            throw HarnessError(description: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw HarnessError(description: "waitpid failed for \(executable)") }
        }
        let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let read = { (p: String) in String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: p))) ?? Data(), as: UTF8.self) }
        return Result(status: exitCode, stdout: read(outPath), stderr: read(errPath))
    }

    #if !canImport(Darwin)
    /// glibc ≥ 2.34 has posix_spawn_file_actions_addclosefrom_np; Swift's Glibc module
    /// does not declare it (it needs _GNU_SOURCE), so look it up.
    private static func closeOtherDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
            _ = addCloseFrom(&actions, 3)
        }
    }
    #endif
}
