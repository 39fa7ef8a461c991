import Foundation

/// Any thrown error as one sentence in the user's language: what the CLI prints after
/// "duban:" and what the TUI's status line shows. Never a Swift type name or a Cocoa
/// domain and code ("NSCocoaErrorDomain error 512"): system errors are named by what
/// went wrong with which file.
public enum ErrorText {
    public static func sentence(_ error: Error, _ language: Language) -> String {
        switch error {
        case let e as SpokenError: return e.spoken(language)
        case let e as CocoaError: return cocoa(e, language)
        case let e as POSIXError: return posix(e.code.rawValue, path: nil, language)
        default:
            let ns = error as NSError
            if ns.domain == NSPOSIXErrorDomain { return posix(Int32(ns.code), path: ns.userInfo[NSFilePathErrorKey] as? String, language) }
            if ns.domain == NSCocoaErrorDomain { return cocoa(CocoaError(CocoaError.Code(rawValue: ns.code), userInfo: ns.userInfo), language) }
            // An error that words itself (a library's message): as it says it.
            if let d = error as? CustomStringConvertible { return d.description }
            return Catalog.unexpectedError("")(language)
        }
    }

    /// A Foundation file error, by the file and the underlying system error when there is one.
    static func cocoa(_ e: CocoaError, _ language: Language) -> String {
        let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? (e.userInfo[NSURLErrorKey] as? URL)?.path
            ?? (e.userInfo["NSURL"] as? URL)?.path
        if let u = e.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return posix(Int32(u.code), path: path, language)
        }
        let why: Localized
        switch e.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: why = Catalog.noSuchFile
        case .fileReadNoPermission, .fileWriteNoPermission: why = Catalog.permissionDenied
        case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: why = Catalog.notUTF8
        case .fileWriteOutOfSpace: why = Catalog.diskFull
        case .fileWriteVolumeReadOnly: why = Catalog.readOnlyDisk
        case .fileWriteFileExists: why = Catalog.fileExists
        case .fileReadTooLarge: why = Catalog.fileTooLarge
        default:
            if let path, isFolder(path) { why = Catalog.isFolder } else { why = Catalog.systemRefused }
        }
        return Catalog.fileProblem(path, why)(language)
    }

    /// A POSIX error number as a sentence about `path`.
    public static func posix(_ code: Int32, path: String?, _ language: Language) -> String {
        if let path, code != ENOENT, code != EACCES, code != EPERM, isFolder(path) {
            return Catalog.fileProblem(path, Catalog.isFolder)(language)
        }
        return Catalog.fileProblem(path, posixReason(code))(language)
    }

    /// Why, for a POSIX error number: "磁盘已满" / "the disk is full".
    public static func posixReason(_ code: Int32) -> Localized {
        switch code {
        case ENOENT: return Catalog.noSuchFile
        case EACCES, EPERM: return Catalog.permissionDenied
        case EISDIR: return Catalog.isFolder
        case ENOTDIR: return Catalog.notAFolder
        case ENOSPC, EDQUOT: return Catalog.diskFull
        case EROFS: return Catalog.readOnlyDisk
        case EEXIST: return Catalog.fileExists
        default: return Localized(zh: "系统拒绝了操作（错误号 \(code)）", en: String(cString: strerror(code)))
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

extension DomainError: SpokenError {
    public var spoken: Localized {
        let zh: String
        switch self {
        case .unknownTask(let n): zh = "没有任务 \(n)。"
        case .duplicateTaskNumber(let n): zh = "任务编号 \(n) 重复。"
        case .unknownUnit(let q, let c):
            zh = c.isEmpty ? "没有名为“\(q)”的单位。" : "没有名为“\(q)”的单位；是否指：\(c.joined(separator: "、"))？"
        case .ambiguousUnit(let q, let c): zh = "“\(q)”可能指多个单位：\(c.joined(separator: "、"))。"
        case .duplicateUnit(let u): zh = "单位 \(u) 重复列出。"
        case .lastLead(let t, let u): zh = "\(u)是任务 \(t) 唯一的牵头单位；请先把另一个单位设为牵头。"
        case .unknownMilestone(let t, let id): zh = "任务 \(t) 没有编号为 \(id) 的时间节点。"
        case .emptyTitle: zh = "名称不能为空。"
        case .invalidDate(let s): zh = "“\(s)”不是有效日期，请按 YYYY-MM-DD 填写，或留空。"
        case .unchanged(let why): zh = "未作修改（\(why)）。"
        case .conflict(let c): return c.spoken
        case let .noRole(t, u): zh = "\(u)在任务 \(t) 中没有分工；只有牵头和协同单位可以报送进展或负责时间节点。"
        case let .futureDate(d, today): zh = "\(d) 晚于今天（\(today)）；完成日期和报送日期不能是将来的日期。"
        case let .tooLong(field, limit, length): zh = "\(Catalog.fieldName(field).zh)长 \(length) 字，超过上限 \(limit) 字。"
        case let .unitNameTaken(n, by): zh = "名称“\(n)”已属于\(by)，请换一个。"
        case let .unitInUse(u): zh = "\(u)仍有分工、时间节点或进展，不能删除。"
        case let .retiredTask(n): zh = "任务 \(n) 已撤销；请先恢复。"
        case let .flowRefused(r): zh = FlowText.refusal(r, chinese: true)
        case let .extensionRefused(r, t, id): zh = ExtensionText.refusal(r, task: t, id: id, chinese: true)
        }
        return Localized(zh: zh, en: description)
    }
}

extension TrackerReplaced: SpokenError {
    public var spoken: Localized {
        Localized(zh: removed ? "督办文件 \(path) 已被其他程序删除，未保存任何修改。"
                              : "督办文件 \(path) 已被替换为另一个文件，未保存任何修改。",
                  en: description)
    }
}

extension Conflict: SpokenError {
    public var spoken: Localized {
        let what: String
        switch item {
        case let .role(u): what = "\(u)的分工"
        case let .milestone(id, title): what = "时间节点 #\(id)“\(title)”"
        case .followUp: what = "跟进人员"
        case .notes: what = "备注"
        case let .progress(id): what = "进展报告 #\(id)"
        case .title: what = "名称"
        case .task: what = "状态"
        case let .unit(name): what = "单位 \(name)"
        case let .flow(u): what = "\(u)的办理状态"
        }
        let now = changeWords.zh
        return Localized(zh: "任务 \(task) 的\(what)已被他人修改" + (now.isEmpty ? "" : "：" + now) + "。未保存。",
                         en: description)
    }

    /// Just the changed fields, as they are now: "名称现为“X”，完成时限现为 2027-04-30".
    public var changeWords: Localized {
        let zh = changes.map { ch -> String in
            switch ch {
            case let .milestone(.title(t)): return "名称现为“\(t)”"
            case let .milestone(.due(d)): return "完成时限现为 \(d?.description ?? "无")"
            case let .milestone(.done(done, day)): return done ? "已于 \(day?.description ?? "—") 完成" : "已重新打开"
            case let .milestone(.owner(o)): return "责任单位现为 \(o ?? "无")"
            case let .role(r): return "分工现为\(Catalog.role(r).zh)"
            case let .followUp(p): return "跟进人员现为 \(p ?? "无")"
            case let .notes(n): return "备注现为“\(n.prefix(40))”"
            case let .progress(r): return "内容现为“\(r.progress.prefix(40))”"
            case let .title(t): return "名称现为“\(t.prefix(40))”"
            case let .retired(r): return r ? "已被撤销" : "已恢复"
            case let .unit(u): return "现为 \(u.name)（\(u.short)，\(u.abbr)）"
            case let .milestone(.originalDue(d)): return "原定时限现为 \(d?.description ?? "无")"
            case let .milestone(.extensionRequest(r)):
                return "延期申请现为\(r.map { $0.isPending ? "待审批" : $0.status == "approved" ? "已批准" : "已驳回" } ?? "无")"
            case let .flow(f): return f.map { "现为“\(FlowText.state($0.state, chinese: true))”" } ?? "该单位已无分工"
            case .removed: return "已被删除"
            }
        }.joined(separator: "，")
        return Localized(zh: zh, en: changeList)
    }
}
