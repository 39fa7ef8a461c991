#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW

// Puts the user's terminal back (endwin) whatever way the process ends while curses is
// active: a signal that kills (SIGINT, SIGTERM, SIGHUP, SIGQUIT), a crash (a Swift trap
// is SIGILL on x86-64 and SIGTRAP on arm64; also SIGABRT, SIGSEGV, SIGBUS, SIGFPE), or
// exit() from anywhere (atexit). The handler ends curses, puts the previous handler back
// (SIG_DFL, or the Swift runtime's crash backtracer) and lets the signal take its course,
// so the exit status and crash report are what they would have been. endwin() is not
// async-signal-safe; ncurses' own SIGINT handler makes the same trade, and the usual
// place to be interrupted is the read() inside wget_wch.
//
// These globals are only written on the main thread by CursesScreen, and read by the handler.

nonisolated(unsafe) private var cursesLive = false
nonisolated(unsafe) private var atexitInstalled = false
private let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT,
                                       SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]
private let signalSlots = 65
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
    p.initialize(repeating: sigaction(), count: signalSlots)
    return p
}()
nonisolated(unsafe) private let installed: UnsafeMutablePointer<Bool> = {
    let p = UnsafeMutablePointer<Bool>.allocate(capacity: signalSlots)
    p.initialize(repeating: false, count: signalSlots)
    return p
}()

private func isSynchronousFault(_ sig: Int32) -> Bool {
    sig == SIGILL || sig == SIGTRAP || sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE
}

private let restoreHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { sig, info, _ in
    if cursesLive {
        _ = endwin()
        cursesLive = false
    }
    guard sig > 0, Int(sig) < signalSlots else { return }
    _ = sigaction(sig, previousActions + Int(sig), nil)
    installed[Int(sig)] = false
    // A fault raised by the CPU (si_code > 0) happens again when we return, now under the
    // previous handler, with its real context. Anything sent (kill, raise, abort) is re-sent.
    if isSynchronousFault(sig), let info, info.pointee.si_code > 0 { return }
    _ = raise(sig)
}

private let atexitHandler: @convention(c) () -> Void = {
    if cursesLive {
        _ = endwin()
        cursesLive = false
    }
}

enum TerminalGuard {
    /// Installs the handlers (before newterm, so ncurses keeps its SIGTSTP and SIGWINCH
    /// handling but leaves SIGINT and SIGTERM to us). A signal the process ignores stays ignored.
    static func install() {
        if !atexitInstalled {
            atexitInstalled = true
            _ = atexit(atexitHandler)
        }
        for sig in handledSignals where !installed[Int(sig)] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_sigaction = restoreHandler
            #else
            action.__sigaction_u.__sa_sigaction = restoreHandler
            #endif
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            guard sigaction(sig, &action, &old) == 0 else { continue }
            if isIgnored(old) {
                _ = sigaction(sig, &old, nil)
                continue
            }
            previousActions[Int(sig)] = old
            installed[Int(sig)] = true
        }
    }

    /// Puts the previous handlers back.
    static func uninstall() {
        for sig in handledSignals where installed[Int(sig)] {
            _ = sigaction(sig, previousActions + Int(sig), nil)
            installed[Int(sig)] = false
        }
    }

    static func setLive(_ live: Bool) { cursesLive = live }

    private static func isIgnored(_ action: sigaction) -> Bool {
        guard action.sa_flags & SA_SIGINFO == 0 else { return false }
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        guard let handler else { return false }  // SIG_DFL is the null pointer
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
    }
}
