import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identity of a file on disk (device and inode), independent of the path used.
struct FileID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}

/// File-system helpers. The database file itself is only ever read by hand in
/// `Header.check`, and only while no SQLite connection of this process has it open
/// (see `OpenTrackers`): closing a descriptor drops every POSIX lock the process holds
/// on the file, SQLite's included.
enum Files {
    struct Status {
        var id: FileID
        var size: Int64
        var isRegular: Bool
        var hasWriteBits: Bool
        var mode: mode_t = 0
        var group: gid_t = 0
    }

    /// `stat(2)`, which never opens the file.
    static func status(_ path: String) -> Result<Status, StoreError> {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR {
                return .failure(.io(path: path, reason: "there is no such file"))
            }
            return .failure(.io(path: path, reason: String(cString: strerror(e))))
        }
        let kind = st.st_mode & S_IFMT
        return .success(Status(id: FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)),
                               size: Int64(st.st_size),
                               isRegular: kind == S_IFREG,
                               hasWriteBits: st.st_mode & 0o222 != 0,
                               mode: st.st_mode & 0o7777, group: st.st_gid))
    }

    /// Same file (device and inode) at both paths; false when either is missing.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        guard case let .success(x) = status(a), case let .success(y) = status(b) else { return false }
        return x.id == y.id
    }

    /// The process's umask (read by setting it and putting it back).
    static func currentUmask() -> mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }

    /// Gives a new file the mode and group of the file it replaces, or, for a file that
    /// replaces nothing, the mode the umask allows for a data file (0666 & ~umask), so
    /// that `umask 002` makes a tracker the group can write. Best effort: a group the user
    /// is not a member of cannot be given.
    static func setPermissions(_ path: String, like old: Status?) {
        if let old {
            _ = chown(path, uid_t.max, old.group)   // -1: keep the owner
            _ = chmod(path, old.mode)
        } else {
            _ = chmod(path, 0o666 & ~currentUmask())
        }
    }

    /// Removes hidden temporary files next to `path` (see `temporarySibling`) whose
    /// process is gone: what an `init --force` or `backup` killed half-way left behind.
    /// A file of a running process is never touched.
    static func removeStaleTemporaries(near path: String) {
        let dir = parent(of: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(".") {
            guard let pid = temporaryOwner(name), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { unlink(dir + "/" + name) }
        }
    }

    /// The process id in a name made by `temporarySibling` (with any side-file suffix), or nil.
    static func temporaryOwner(_ name: String) -> pid_t? {
        for purpose in [".new-", ".backup-"] {
            guard let r = name.range(of: purpose, options: .backwards) else { continue }
            let rest = name[r.upperBound...].split(separator: "-", maxSplits: 1)
            guard rest.count == 2, let pid = pid_t(rest[0]), pid > 0,
                  let nonce = rest[1].split(separator: ".").first?.split(separator: "-").first,
                  nonce.count >= 8, nonce.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            else { continue }
            return pid
        }
        return nil
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func parent(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// Can this process change the file? `access(W_OK)` alone is not enough: for root it
    /// always succeeds, yet a file with no write bit at all (chmod 0444) is meant to be
    /// left alone, so we honour the mode bits too. WAL also needs to create `-wal` and
    /// `-shm` next to the file, hence the folder check.
    static func isWritable(_ path: String, _ status: Status) -> Bool {
        status.hasWriteBits && access(path, W_OK) == 0 && access(parent(of: path), W_OK) == 0
    }

    /// Can SQLite use WAL's side files for `path`: create them in the folder, or read the
    /// ones that are there (SQLite then opens the shared memory read-only)?
    static func canUseSideFiles(of path: String) -> Bool {
        access(parent(of: path), W_OK) == 0
            || (access(path + "-wal", R_OK) == 0 && access(path + "-shm", R_OK) == 0)
    }

    /// Creates the folder and any missing parents.
    static func makeParentFolder(of path: String) throws {
        let dir = parent(of: path)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw StoreError.io(path: path, reason: "\(dir) is not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(path: path, reason: "the folder \(dir) cannot be created")
        }
    }

    /// A fresh hidden name in the same folder as `path`, so a rename is atomic.
    static func temporarySibling(of path: String, purpose: String) -> String {
        let dir = parent(of: path)
        let base = (path as NSString).lastPathComponent
        // At least 8 base-36 digits: `temporaryOwner` recognises the name by them.
        let nonce = String(UInt64.random(in: (1 << 48)...UInt64.max), radix: 36)
        return "\(dir)/.\(base).\(purpose)-\(getpid())-\(nonce)"
    }

    static let sideSuffixes = ["-wal", "-shm", "-journal"]

    /// Removes `-wal` and `-shm` when the log is empty and no process uses them (what a
    /// read-only SQLite connection leaves next to a WAL-mode file it only looked at).
    /// Only while no connection of this process has the file open.
    static func removeUnusedSideFiles(of path: String) {
        guard !WriteAheadLog.isInUse(path) else { return }
        if case let .success(wal) = status(path + "-wal"), wal.size > 0 { return }
        unlink(path + "-wal")
        unlink(path + "-shm")
    }

    /// Removes a file SQLite no longer has open, with its side files.
    static func removeDatabase(_ path: String) {
        for suffix in [""] + sideSuffixes { unlink(path + suffix) }
    }

    /// Atomically puts the closed database `temp` at `path`, replacing what is there.
    /// Stale side files of the replaced file are moved aside first (SQLite would replay an
    /// old `-wal` or `-journal` into the new file) and put back if the rename fails.
    static func replace(_ path: String, with temp: String) throws {
        var movedAside: [(String, String)] = []
        for suffix in sideSuffixes where exists(path + suffix) {
            let aside = temp + ".old" + suffix
            if rename(path + suffix, aside) == 0 { movedAside.append((path + suffix, aside)) }
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            for (original, aside) in movedAside { rename(aside, original) }
            throw StoreError.io(path: path, reason: reason)
        }
        for (_, aside) in movedAside { unlink(aside) }
        syncFolder(of: path)
    }

    /// Flushes a file's contents to the disk (fsync); throws when that fails.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Makes a rename durable (fsync of the containing folder; best effort).
    static func syncFolder(of path: String) {
        let fd = open(parent(of: path), O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// The first 100 bytes of an SQLite file, checked before SQLite sees the file, so that a
/// foreign or cut-off file is refused without SQLite creating `-wal`/`-shm` files next to it,
/// and a `-wal` that does not belong to the file is refused before SQLite can replay it.
enum Header {
    static let magic = Array("SQLite format 3\0".utf8)

    /// Refuses what is not a usable tracker by its first 100 bytes (and its log, and its
    /// size); returns true when the file looks suspect, so that opening it runs SQLite's
    /// whole `quick_check`: a log with commits no process is using (what a crash, a kill or
    /// a copy leaves, replayed on open), a rollback journal, or a header whose page count
    /// is not valid or is not the file's size. An ordinary tracker is not suspect.
    @discardableResult
    static func check(path: String, size: Int64) throws -> Bool {
        guard size > 0 else { throw StoreError.notATracker(path: path, reason: "the file is empty") }
        var bytes = try readHeader(path)
        guard Array(bytes[0..<16]) == magic else {
            throw StoreError.notATracker(path: path, reason: "it is not an SQLite database")
        }
        guard Int32(bitPattern: be32(bytes, 68)) == Schema.applicationID else {
            throw StoreError.notATracker(path: path, reason: "it is an SQLite database of another program")
        }
        // A log another process is using is live: SQLite reads it through the shared memory
        // and does not replay it. Otherwise SQLite would replay it: it must be this file's.
        let live = WriteAheadLog.isInUse(path)
        var replayed = false
        if !live {
            switch WriteAheadLog.verdict(path: path, header: bytes) {
            case let .foreign(reason): throw StoreError.foreignLog(path: path, reason: reason)
            case .belongs: replayed = true
            case .none: break
            }
        }
        // Cut off? Only SQLite's own view counts while a log holds pages: a checkpoint
        // (possibly cut off by a full disk, possibly under way in another process) writes
        // page 1 first and the pages after it later, and the log keeps them until it is
        // done. Then `validate` (SQLite's quick_check through the log) decides.
        if Files.exists(path + "-journal") { return true }
        if live || Files.exists(path + "-wal") { return replayed }
        // The size is taken after the header, so a file growing meanwhile is not short;
        // a header that changed meanwhile (a restore of a smaller tracker) is read again.
        for attempt in 0..<3 {
            // The in-header page count is valid when "version-valid-for" matches the change counter.
            let rawPageSize = Int64(bytes[16]) << 8 | Int64(bytes[17])
            let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
            let pages = Int64(be32(bytes, 28))
            guard pages > 0, be32(bytes, 92) == be32(bytes, 24) else { return true }
            let now = (try? Files.status(path).get())?.size ?? 0
            if now >= pages * pageSize { return now != pages * pageSize }
            let again = try readHeader(path)
            if again != bytes, attempt < 2 { bytes = again; continue }
            var reason = "the file is shorter than its header says (\(now) of \(pages * pageSize) bytes); it may have been cut off"
            if SQLiteTracker.diskIsFull(near: path) { reason += ", and the disk is full now" }
            throw StoreError.damaged(path: path, reason: reason)
        }
        return true
    }

    private static func readHeader(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StoreError.io(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 100)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, 100) }
        guard n == 100 else { throw StoreError.notATracker(path: path, reason: "it is not an SQLite database") }
        return bytes
    }

    private static func be32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// Files this process has open as trackers (or is opening), counted by identity.
/// The header is read by hand only for a file not in this set.
final class OpenTrackers: @unchecked Sendable {
    static let shared = OpenTrackers()
    private let lock = NSLock()
    private var counts: [FileID: Int] = [:]

    /// Counts `id` as open; runs `firstOpen` (under the lock) when no tracker of this
    /// process has it open yet. Nothing is counted when `firstOpen` throws.
    func register(_ id: FileID, firstOpen: () throws -> Void = {}) throws {
        lock.lock()
        defer { lock.unlock() }
        if counts[id, default: 0] == 0 { try firstOpen() }
        counts[id, default: 0] += 1
    }

    /// True when exactly one registration (the caller's) holds `id`.
    func isOnlyOpen(_ id: FileID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return counts[id] == 1
    }

    func isOpen(_ id: FileID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return counts[id] != nil
    }

    func unregister(_ id: FileID) {
        lock.lock()
        defer { lock.unlock() }
        if let n = counts[id] { counts[id] = n > 1 ? n - 1 : nil }
    }
}
