import DubanCore

// The store's errors as sentences in both languages (see `ErrorText`). The reasons inside
// (`reason:`) come from the checks that found them and stay as written.

extension StoreError: SpokenError {
    public var spoken: Localized {
        let zh: String
        switch self {
        case let .notATracker(path, reason): zh = "\(path) 不是督办文件：\(reason)。"
        case let .damaged(path, reason): zh = "\(path) 是已损坏的督办文件，未作任何改动：\(reason)。"
        case let .foreignLog(path, reason):
            zh = "\(path)-wal 不属于 \(path)（\(reason)），未使用也未作任何改动；请把 \(path)-wal 移开（例如改名为 \(path)-wal.stray）后重试。"
        case let .newerVersion(path, found, supported):
            zh = "\(path) 由更新版本的 duban 写入（文件格式 \(found)，本版本最高读取 \(supported)），请升级 duban。"
        case let .exists(path): zh = "\(path) 已存在，未被替换。"
        case let .readOnly(path): zh = "\(path) 只读，无法保存修改。"
        case let .io(path, reason): zh = "无法使用 \(path)：\(reason)。"
        }
        return Localized(zh: zh, en: description)
    }
}

extension ServerError: SpokenError {
    public var spoken: Localized {
        let zh: String
        switch self {
        case let .unreachable(server, reason): zh = "无法连接数据库服务器 \(server)：\(reason)。"
        case let .wrongPassword(user, server):
            zh = "服务器 \(server) 拒绝了登录名 \(user)：密码错误（或未提供密码；请设置 PGPASSWORD 或 ~/.pgpass）。"
        case let .noDatabase(name, server): zh = "服务器 \(server) 上没有数据库 \(name)；请先创建（createdb \(name)）。"
        case let .tlsRequired(server): zh = "服务器 \(server) 只接受加密连接；请在地址后加上 ?sslmode=require。"
        case let .tlsUnavailable(server): zh = "服务器 \(server) 不提供加密连接，但地址要求加密（sslmode）。"
        case let .notPermitted(login, what): zh = "登录名 \(login) 无权执行此操作：\(what)。"
        case let .notATracker(database): zh = "数据库 \(database) 中没有督办数据；请用 duban init --db URL 创建。"
        case let .newerVersion(database, found, supported):
            zh = "数据库 \(database) 由更新版本的 duban 建立（格式 \(found)，本版本最高读取 \(supported)），请升级 duban。"
        case let .exists(database): zh = "数据库 \(database) 中已有督办数据，未作任何改动（用 --force 替换）。"
        case let .other(text): zh = text
        }
        return Localized(zh: zh, en: description)
    }
}
