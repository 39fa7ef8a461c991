import DubanCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The CLI's progress bars: drawn on standard error only when it is a terminal, so a piped
/// or redirected run gets exactly the output it got before.
enum CLIProgress {
    /// Work smaller than this many tasks is quick: no bar.
    static let threshold = 2_000

    /// A bar for standard error, or nil when standard error is not a terminal or the work is
    /// small (`large` false).
    static func bar(large: Bool = true) -> ProgressBar? {
        guard large, isatty(STDERR_FILENO) == 1 else { return nil }
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        return ProgressBar(width: columns, clock: { DispatchTime.now().uptimeNanoseconds }, sink: { text in
            FileHandle.standardError.write(Data(text.utf8))
        })
    }

    /// Chinese unless the locale asks for English (LC_ALL, LC_MESSAGES, LANG starting with "en").
    static let english: Bool = {
        let env = ProcessInfo.processInfo.environment
        let locale = [env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("en")
    }()

    /// A store's progress callback (done, total) that moves `bar`, or nil without a bar.
    static func reporter(_ bar: ProgressBar?) -> (@Sendable (Int, Int) -> Void)? {
        guard let bar else { return nil }
        return { done, _ in bar.update(done) }
    }

    /// The size of the file at `path` in bytes (0 when there is none).
    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func label(_ zh: String, _ en: String) -> String { english ? en : zh }
}
