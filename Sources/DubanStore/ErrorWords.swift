import DubanCore

// The store's errors as sentences in both languages (see `ErrorText`). The reasons inside
// (`reason:`) are written in English by the checks that found them; `Reason.zh` gives the
// Chinese of every reason the store writes (and of the system's strerror texts), so that
// a Chinese sentence holds no English clause. A reason not in the table (a library's own
// message) stays as written.

extension StoreError: SpokenError {
    public var spoken: Localized {
        let zh: String
        switch self {
        case let .notATracker(path, reason): zh = "\(path) 不是督办文件：\(Reason.zh(reason))。"
        case let .damaged(path, reason): zh = "\(path) 是已损坏的督办文件，未作任何改动：\(Reason.zh(reason))。"
        case let .foreignLog(path, reason):
            zh = "\(path)-wal 不属于 \(path)（\(Reason.zh(reason))），未使用也未作任何改动；请把 \(path)-wal 移开（例如改名为 \(path)-wal.stray）后重试。"
        case let .newerVersion(path, found, supported):
            zh = "\(path) 由更新版本的 duban 写入（文件格式 \(found)，本版本最高读取 \(supported)），请升级 duban。"
        case let .exists(path): zh = "\(path) 已存在，未被替换。"
        case let .readOnly(path): zh = "\(path) 只读，无法保存修改。"
        case let .io(path, reason): zh = "无法使用 \(path)：\(Reason.zh(reason))。"
        }
        return Localized(zh: zh, en: description)
    }
}

extension ServerError: SpokenError {
    public var spoken: Localized {
        let zh: String
        switch self {
        case let .unreachable(server, reason): zh = "无法连接数据库服务器 \(server)：\(Reason.zh(reason))。"
        case let .wrongPassword(user, server):
            zh = "服务器 \(server) 拒绝了登录名 \(user)：密码错误（或未提供密码；请设置 PGPASSWORD 或 ~/.pgpass）。"
        case let .noDatabase(name, server): zh = "服务器 \(server) 上没有数据库 \(name)；请先创建（createdb \(name)）。"
        case let .tlsRequired(server): zh = "服务器 \(server) 只接受加密连接；请在地址后加上 ?sslmode=require。"
        case let .tlsUnavailable(server): zh = "服务器 \(server) 不提供加密连接，但地址要求加密（sslmode）。"
        case let .notPermitted(login, what): zh = "登录名 \(login) 无权执行此操作：\(Reason.zh(what))。"
        case let .notATracker(database): zh = "数据库 \(database) 中没有督办数据；请用 duban init --db URL 创建。"
        case let .newerVersion(database, found, supported):
            zh = "数据库 \(database) 由更新版本的 duban 建立（格式 \(found)，本版本最高读取 \(supported)），请升级 duban。"
        case let .exists(database): zh = "数据库 \(database) 中已有督办数据，未作任何改动（用 --force 替换）。"
        case let .other(text): zh = text
        }
        return Localized(zh: zh, en: description)
    }
}

/// The Chinese of the reasons the store writes inside its errors (see the top of this file).
public enum Reason {
    static let exact: [String: String] = [
        "there is no such file": "文件不存在",
        "the file is empty": "文件是空的",
        "it is not an SQLite database": "它不是 SQLite 数据库",
        "it is an SQLite database of another program": "它是其他程序的 SQLite 数据库",
        "it is not a regular file": "它不是普通文件",
        "it is a folder": "它是一个文件夹",
        "it is not a regular file (a pipe or a device), so it was not replaced": "它不是普通文件（而是管道或设备），未被替换",
        "it is not a regular file, so it was not replaced": "它不是普通文件，未被替换",
        "it is open in this program; close it before replacing it": "本程序正打开着它，请先关闭再替换",
        "SQLite did not fold its write-ahead log into the new file": "SQLite 未能把预写日志并入新文件",
        "SQLite did not fold its write-ahead log into the copy": "SQLite 未能把预写日志并入副本",
        "it is the tracker being backed up (or one of its side files)": "它就是正在备份的督办文件（或其附属文件）",
        "SQLite reports a malformed database": "SQLite 报告数据库已损坏",
        "SQLite cannot open it (missing, unreadable, or its folder is not writable)": "SQLite 无法打开它（不存在、不可读，或所在文件夹不可写）",
        "the disk is full": "磁盘已满",
        "permission denied": "没有权限",
        "the disk is full (no space left where the file is); nothing was saved": "磁盘已满（文件所在位置没有剩余空间），未保存任何内容",
        "it has the tracker mark but no tracker tables": "它有督办文件的标记，但没有督办数据表",
        "the connection failed": "连接失败",
        "connection refused (is the server running and listening there?)": "连接被拒绝（服务器是否在运行并在该地址监听？）",
        "no server socket there (is the server running?)": "该处没有服务器套接字（服务器是否在运行？）",
        "no answer within 5 seconds": "5 秒内没有应答",
        "it is another unit's part of the tracker": "这是其他单位负责的部分",
        "this session was opened read-only": "本次连接以只读方式打开",
        "it is a superuser, bypasses row-level security or owns the tracker, so it cannot be limited; choose another login name":
            "它是超级用户、可绕过行级安全或拥有督办数据，无法加以限制；请换一个登录名",
        // strerror
        "No such file or directory": "文件或文件夹不存在",
        "Permission denied": "没有权限",
        "No space left on device": "磁盘已满",
        "Read-only file system": "磁盘只读",
        "Is a directory": "这是一个文件夹",
        "Not a directory": "路径中有一项不是文件夹",
        "File exists": "文件已存在",
        "Disk quota exceeded": "超出磁盘配额",
        "Input/output error": "输入输出错误",
        "Too many open files": "打开的文件太多",
    ]

    /// The reason in Chinese; one the table does not know stays as written.
    public static func zh(_ reason: String) -> String {
        if let w = exact[reason] { return w }
        if reason.hasSuffix(", and the disk is full now") {
            return zh(String(reason.dropLast(", and the disk is full now".count))) + "，而且磁盘现已满"
        }
        let short = ("the file is shorter than its header says (", " bytes); it may have been cut off")
        if reason.hasPrefix(short.0), reason.hasSuffix(short.1) {
            let sizes = reason.dropFirst(short.0.count).dropLast(short.1.count).components(separatedBy: " of ")
            if sizes.count == 2 { return "文件比文件头所记的短（\(sizes[0]) / \(sizes[1]) 字节），可能被截断" }
        }
        if reason.hasPrefix("SQLite's integrity check says: ") {
            return "SQLite 完整性检查结果：" + reason.dropFirst("SQLite's integrity check says: ".count)
        }
        if reason.hasPrefix("another program kept it locked for more than "), reason.hasSuffix(" seconds") {
            let n = reason.dropFirst("another program kept it locked for more than ".count).dropLast(" seconds".count)
            return "其他程序锁定它超过 \(n) 秒"
        }
        if reason.hasPrefix("the folder "), reason.hasSuffix(" cannot be created") {
            return "无法建立文件夹 " + reason.dropFirst("the folder ".count).dropLast(" cannot be created".count)
        }
        if reason.hasSuffix(" is not a folder") { return reason.dropLast(" is not a folder".count) + " 不是文件夹" }
        if reason.hasPrefix("the table "), let r = reason.range(of: " has no column ") {
            return "数据表 \(reason[reason.index(reason.startIndex, offsetBy: 10)..<r.lowerBound]) 缺少列 \(reason[r.upperBound...])"
        }
        if reason.hasPrefix("the table "), reason.hasSuffix(" is missing") {
            return "缺少数据表 " + reason.dropFirst("the table ".count).dropLast(" is missing".count)
        }
        for (thing, zhThing) in [("milestone #", "时间节点 #"), ("progress report #", "进展报告 #")] where reason.hasPrefix(thing) {
            let rest = reason.dropFirst(thing.count)
            let id = rest.prefix { $0.isNumber }
            switch rest.dropFirst(id.count) {
            case " belongs to a unit other than this login's": return "\(zhThing)\(id)属于其他单位"
            case " cannot be removed by this login": return "此登录名不能删除\(zhThing)\(id)"
            default: break
            }
        }
        if reason.hasPrefix("no right to change ") { return "无权修改 " + reason.dropFirst("no right to change ".count) }
        return reason
    }
}
