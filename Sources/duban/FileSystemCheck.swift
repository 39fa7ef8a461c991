import Foundation

/// SQLite's locking is unreliable on network file systems; duban warns before using one.
enum FileSystemCheck {
    static let networkTypes: [String: String] = [
        "nfs": "NFS", "nfs4": "NFS", "cifs": "CIFS", "smb3": "SMB", "smbfs": "SMB", "9p": "9P",
        "afs": "AFS", "ncpfs": "NCP", "lustre": "Lustre", "gpfs": "GPFS", "glusterfs": "GlusterFS",
        "ceph": "CephFS", "fuse.sshfs": "sshfs", "fuse.glusterfs": "GlusterFS", "fuse.rclone": "rclone",
    ]

    /// The name of the network file system holding `path` (or its nearest existing folder),
    /// read from the mount table; nil for a local one or when the table cannot be read.
    static func networkFileSystem(at path: String, mounts: String? = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) -> String? {
        guard let mounts else { return nil }
        var probe = URL(fileURLWithPath: path).standardizedFileURL.path
        while !FileManager.default.fileExists(atPath: probe) && probe != "/" {
            probe = (probe as NSString).deletingLastPathComponent
        }
        probe = URL(fileURLWithPath: probe).resolvingSymlinksInPath().path
        var best = (length: -1, type: "")
        for line in mounts.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count >= 3 else { continue }
            let point = String(f[1]).replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || probe == point || probe.hasPrefix(point.hasSuffix("/") ? point : point + "/")
            if inside && point.count > best.length { best = (point.count, String(f[2])) }
        }
        return networkTypes[best.type]
    }

    /// Prints a warning on stderr when the tracker sits on a network file system.
    static func warnIfNetwork(_ path: String) {
        if let fs = networkFileSystem(at: path) {
            Console.note(say(zh: "duban：警告：\(path) 位于网络文件系统（\(fs)）上，SQLite 在那里的加锁不可靠，两个用户可能互相覆盖修改。请把督办文件放在大家登录的服务器的本地磁盘上。",
                             en: "duban: warning: \(path) is on a network file system (\(fs)); SQLite locking is unreliable there, "
                                 + "so two users may overwrite each other. Keep the tracker on a local disk of the server everyone logs into."))
        }
    }
}
