import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SQLite's locking is unreliable on network file systems; duban warns before using one.
enum FileSystemCheck {
    /// The name of the network file system holding `path` (or its folder), nil for a local one.
    static func networkFileSystem(at path: String) -> String? {
        #if os(Linux)
        var probe = path
        if !FileManager.default.fileExists(atPath: probe) { probe = (path as NSString).deletingLastPathComponent }
        if probe.isEmpty { probe = "." }
        var s = statfs()
        guard statfs(probe, &s) == 0 else { return nil }
        switch UInt64(UInt(bitPattern: Int(s.f_type))) & 0xFFFF_FFFF {
        case 0x6969: return "NFS"
        case 0x517B: return "SMB"
        case 0xFF53_4D42: return "CIFS"
        case 0xFE53_4D42: return "SMB2"
        case 0x6573_5546: return "FUSE (e.g. sshfs)"
        case 0x0102_1997: return "9P"
        case 0x7375_7245: return "Coda"
        case 0x0000_564C: return "NCP"
        case 0x0BD0_0BD0: return "Lustre"
        case 0x0117_3003: return "GPFS"
        case 0x4750_4653: return "GPFS"
        case 0x6B41_4653: return "AFS"
        default: return nil
        }
        #else
        return nil
        #endif
    }

    /// Prints a warning on stderr when the tracker sits on a network file system.
    static func warnIfNetwork(_ path: String) {
        if let fs = networkFileSystem(at: path) {
            Console.note("duban: warning: \(path) is on a network file system (\(fs)); SQLite locking is unreliable there, "
                         + "so two users may overwrite each other. Keep the tracker on a local disk of the server everyone logs into.")
        }
    }
}
