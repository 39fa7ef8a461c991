import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SQLite's write-ahead log (`-wal`) and the database pages, read by hand before SQLite
/// opens the file (https://sqlite.org/fileformat2.html#the_write_ahead_log).
///
/// Why: SQLite replays any `-wal` whose own header and checksums are valid into the file
/// next to it; nothing ties a log to its database. A log left over from another tracker
/// (or from before a copy was put in place with `cp`) would be merged silently. duban
/// ties them itself: every tracker has a random `file_id` and a `commit_count` in its
/// `meta` table, and every writing connection bumps the count with each audit record
/// (a temporary trigger, see `SQLiteTracker.connect`), so every commit of a tracker
/// writes the `meta` page into the log. A log belongs to the file when the `meta` values
/// it carries continue the file's own: the same id, and a count that is the file's
/// (already checkpointed) or follows it.
///
/// Only read, never written; only used while no SQLite connection of this process has
/// the file open (see `OpenTrackers`).
enum WriteAheadLog {
    struct Frame {
        var page: UInt32
        /// Database size in pages after this commit; 0 for a frame that is not a commit.
        var sizeAfterCommit: UInt32
        /// Offset of the page image in the log.
        var offset: Int
    }

    struct Log {
        var pageSize: Int
        /// The frames SQLite's recovery would replay: valid salts and checksums, up to
        /// the last commit frame.
        var committed: [Frame]
        var bytes: [UInt8]

        func image(_ f: Frame) -> ArraySlice<UInt8> { bytes[f.offset..<f.offset + pageSize] }
    }

    /// The log at `path` as SQLite's recovery would see it; nil when there is none, or
    /// its header is invalid (SQLite then ignores and resets it).
    static func read(_ path: String) -> Log? {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 32 else { return nil }
        let b = [UInt8](data)
        let magic = be32(b, 0)
        guard magic & 0xFFFF_FFFE == 0x377F_0682 else { return nil }
        let bigEndian = magic & 1 == 1
        let pageSize = Int(be32(b, 8))
        guard be32(b, 4) == 3_007_000, pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            return nil
        }
        var s = checksum(b, 0..<24, bigEndian: bigEndian, seed: (0, 0))
        guard s.0 == be32(b, 24), s.1 == be32(b, 28) else { return nil }
        let salt1 = be32(b, 16), salt2 = be32(b, 20)
        var frames: [Frame] = []
        var committed = 0
        var at = 32
        while at + 24 + pageSize <= b.count {
            guard be32(b, at + 8) == salt1, be32(b, at + 12) == salt2 else { break }
            s = checksum(b, at..<at + 8, bigEndian: bigEndian, seed: s)
            s = checksum(b, at + 24..<at + 24 + pageSize, bigEndian: bigEndian, seed: s)
            guard s.0 == be32(b, at + 16), s.1 == be32(b, at + 20) else { break }
            let f = Frame(page: be32(b, at), sizeAfterCommit: be32(b, at + 4), offset: at + 24)
            frames.append(f)
            if f.sizeAfterCommit != 0 { committed = frames.count }
            at += 24 + pageSize
        }
        return Log(pageSize: pageSize, committed: Array(frames.prefix(committed)), bytes: b)
    }

    /// SQLite's WAL checksum over `range` (a multiple of 8 bytes).
    private static func checksum(_ b: [UInt8], _ range: Range<Int>, bigEndian: Bool,
                                 seed: (UInt32, UInt32)) -> (UInt32, UInt32) {
        var s0 = seed.0, s1 = seed.1
        var i = range.lowerBound
        b.withUnsafeBufferPointer { p in
            func word(_ at: Int) -> UInt32 {
                let v = UInt32(p[at]) << 24 | UInt32(p[at + 1]) << 16 | UInt32(p[at + 2]) << 8 | UInt32(p[at + 3])
                return bigEndian ? v : v.byteSwapped
            }
            while i < range.upperBound {
                s0 = s0 &+ word(i) &+ s1
                s1 = s1 &+ word(i + 4) &+ s0
                i += 8
            }
        }
        return (s0, s1)
    }

    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    static func be32(_ b: ArraySlice<UInt8>, _ at: Int) -> UInt32 {
        let s = b.startIndex + at
        return UInt32(b[s]) << 24 | UInt32(b[s + 1]) << 16 | UInt32(b[s + 2]) << 8 | UInt32(b[s + 3])
    }

    /// True when another process has the database open through SQLite: it holds a lock on
    /// the dead-man-switch byte of the `-shm` file. Such a log is live and served from the
    /// shared memory; SQLite does not replay it. `F_GETLK` only asks; it takes no lock.
    static func isInUse(_ path: String) -> Bool {
        let fd = open(path + "-shm", O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128      // UNIX_SHM_DMS: 120 + SQLITE_SHM_NLOCK
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    // MARK: - Does the log belong to the file?

    static let fileIDKey = "file_id"
    static let commitCountKey = "commit_count"

    /// The log's verdict for the database at `path` (whose first 100 bytes are `header`).
    enum Verdict: Equatable {
        /// No log, or nothing in it SQLite would replay.
        case none
        /// Committed frames that belong to the file (or that cannot be tied to it, from a
        /// duban older than the tie: accepted as before).
        case belongs
        /// Committed frames from another database, or from before the file was replaced.
        case foreign(String)
    }

    static func verdict(path: String, header: [UInt8]) -> Verdict {
        guard let log = read(path + "-wal"), !log.committed.isEmpty else { return .none }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        guard log.pageSize == pageSize else {
            return .foreign("its page size (\(log.pageSize)) is not the file's (\(pageSize))")
        }
        guard let file = try? PageReader(path: path, pageSize: pageSize) else { return .belongs }
        defer { file.closeFile() }
        guard let metaRoot = file.rootPage(of: "meta"),
              let own = file.metaValues(root: metaRoot, view: { _ in nil }),
              let ownID = own[fileIDKey], let ownCount = own[commitCountKey].flatMap({ Int($0) }) else {
            // An older tracker without the tie: nothing to compare with.
            return .belongs
        }
        // The meta values after each commit, for commits that wrote a meta page.
        var latest: [UInt32: Int] = [:]   // page → index of its newest frame so far
        var touchedMeta = false
        var states: [(id: String?, count: Int?)] = []
        for (i, f) in log.committed.enumerated() {
            latest[f.page] = i
            if f.page == metaRoot { touchedMeta = true }
            guard f.sizeAfterCommit != 0, touchedMeta else { continue }
            touchedMeta = false
            let values = file.metaValues(root: metaRoot) { page in latest[page].map { log.image(log.committed[$0]) } }
            states.append((values?[fileIDKey], values?[commitCountKey].flatMap { Int($0) }))
        }
        if states.isEmpty { return .belongs }   // no commit wrote the meta page: no duban tie
        // Checkpointed: the file's own values are one of the log's states.
        if states.contains(where: { $0.id == ownID && $0.count == ownCount }) { return .belongs }
        // Not checkpointed: the first state of this file continues the file's count.
        if let next = states.first(where: { $0.id == ownID }), let n = next.count, n > ownCount, n <= ownCount + 64 {
            return .belongs
        }
        if !states.contains(where: { $0.id == ownID }) {
            return .foreign("it was written for another tracker")
        }
        return .foreign("it was written for another copy of this tracker")
    }
}

/// Reads pages of a database file by hand (no SQLite connection), optionally through a
/// view that supplies newer page images (from a log). Only what `WriteAheadLog` needs:
/// the schema table (to find `meta`) and the `meta` rows.
final class PageReader {
    let fd: Int32
    let pageSize: Int

    init(path: String, pageSize: Int) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
        self.pageSize = pageSize
    }

    func closeFile() { _ = close(fd) }

    func page(_ n: UInt32, view: (UInt32) -> ArraySlice<UInt8>?) -> ArraySlice<UInt8>? {
        if let v = view(n) { return v }
        guard n >= 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: pageSize)
        let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pageSize, off_t(Int(n - 1) * pageSize)) }
        return got == pageSize ? buffer[...] : nil
    }

    /// Root page of table `name`, from the schema table of the file alone.
    func rootPage(of name: String) -> UInt32? {
        var found: UInt32?
        walk(1, view: { _ in nil }, depth: 0) { record in
            // sqlite_schema(type, name, tbl_name, rootpage, sql)
            if record.count >= 4, case .text(let n)? = record[1], n == name, case .int(let r)? = record[3] {
                found = UInt32(truncatingIfNeeded: r)
            }
        }
        return found
    }

    /// The key/value rows of the WITHOUT ROWID table `meta` rooted at `root`.
    func metaValues(root: UInt32, view: (UInt32) -> ArraySlice<UInt8>?) -> [String: String]? {
        var values: [String: String] = [:]
        var ok = false
        walk(root, view: view, depth: 0) { record in
            ok = true
            guard record.count >= 2, case .text(let k)? = record[0] else { return }
            switch record[1] {
            case .text(let v)?: values[k] = v
            case .int(let v)?: values[k] = String(v)
            default: break
            }
        }
        return ok ? values : nil
    }

    enum Value { case int(Int64), text(String), other }

    /// Visits the records of the b-tree at `n` (table or index pages; records whose
    /// local part is cut short by an overflow are decoded as far as they go).
    private func walk(_ n: UInt32, view: (UInt32) -> ArraySlice<UInt8>?, depth: Int, _ visit: ([Value?]) -> Void) {
        guard depth < 20, let p = page(n, view: view) else { return }
        let h = n == 1 ? 100 : 0
        let type = p[p.startIndex + h]
        let interior = type == 0x02 || type == 0x05
        guard [0x02, 0x05, 0x0A, 0x0D].contains(type) else { return }
        let cells = Int(p[p.startIndex + h + 3]) << 8 | Int(p[p.startIndex + h + 4])
        let pointers = h + (interior ? 12 : 8)
        for c in 0..<cells {
            let at = pointers + 2 * c
            guard at + 1 < pageSize else { return }
            var o = Int(p[p.startIndex + at]) << 8 | Int(p[p.startIndex + at + 1])
            guard o < pageSize else { return }
            if interior {
                guard o + 4 <= pageSize else { return }
                walk(WriteAheadLog.be32(p, o), view: view, depth: depth + 1, visit)
                o += 4
                if type == 0x05 { continue }   // table interior cells hold only a key
            }
            guard let (payload, afterSize) = varint(p, o) else { return }
            o = afterSize
            if type == 0x0D { guard let (_, afterRowid) = varint(p, o) else { return }; o = afterRowid }
            let end = min(pageSize, o + Int(payload))
            visit(record(p, o, end))
        }
        if interior { walk(WriteAheadLog.be32(p, h + 8), view: view, depth: depth + 1, visit) }
    }

    private func varint(_ p: ArraySlice<UInt8>, _ at: Int) -> (UInt64, Int)? {
        var v: UInt64 = 0
        for i in 0..<9 {
            guard at + i < pageSize else { return nil }
            let byte = p[p.startIndex + at + i]
            if i == 8 { return (v << 8 | UInt64(byte), at + 9) }
            v = v << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return (v, at + i + 1) }
        }
        return nil
    }

    private func record(_ p: ArraySlice<UInt8>, _ start: Int, _ end: Int) -> [Value?] {
        guard let (headerSize, afterHeaderSize) = varint(p, start) else { return [] }
        var types: [UInt64] = []
        var at = afterHeaderSize
        while at < start + Int(headerSize), at < end, let (t, next) = varint(p, at) {
            types.append(t)
            at = next
        }
        var body = start + Int(headerSize)
        var values: [Value?] = []
        for t in types {
            let length: Int
            switch t {
            case 0, 8, 9: length = 0
            case 1...4: length = Int(t)
            case 5: length = 6
            case 6, 7: length = 8
            default: length = t >= 12 ? Int(t - (t % 2 == 0 ? 12 : 13)) / 2 : 0
            }
            guard body + length <= end else { values.append(nil); break }
            let bytes = p[(p.startIndex + body)..<(p.startIndex + body + length)]
            switch t {
            case 8: values.append(.int(0))
            case 9: values.append(.int(1))
            case 1...6:
                var v = Int64(Int8(bitPattern: bytes.first ?? 0))
                for b in bytes.dropFirst() { v = v << 8 | Int64(b) }
                values.append(.int(v))
            case let t where t >= 13 && t % 2 == 1:
                values.append(.text(String(decoding: bytes, as: UTF8.self)))
            default:
                values.append(.other)
            }
            body += length
        }
        return values
    }
}
