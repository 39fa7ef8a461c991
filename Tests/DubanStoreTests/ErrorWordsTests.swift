import Testing
@testable import DubanCore
@testable import DubanStore

/// A Chinese sentence about a store error holds no English clause: the reasons the store
/// writes have their Chinese in `Reason`.
@Suite struct ErrorWordsTests {
    @Test func reasonsInsideChineseSentencesAreChinese() {
        #expect(StoreError.io(path: "/x/t.sqlite", reason: "the disk is full").spoken.zh == "无法使用 /x/t.sqlite：磁盘已满。")
        #expect(StoreError.io(path: "/x", reason: "No space left on device").spoken.zh == "无法使用 /x：磁盘已满。")
        #expect(StoreError.io(path: "/x", reason: "another program kept it locked for more than 5 seconds").spoken.zh
            == "无法使用 /x：其他程序锁定它超过 5 秒。")
        #expect(StoreError.damaged(path: "/x", reason: "the table tasks has no column title").spoken.zh.hasSuffix("数据表 tasks 缺少列 title。"))
        let cut = "the file is shorter than its header says (4096 of 8192 bytes); it may have been cut off, and the disk is full now"
        #expect(StoreError.damaged(path: "/x", reason: cut).spoken.zh.contains("文件比文件头所记的短（4096 / 8192 字节），可能被截断，而且磁盘现已满"))
        #expect(ServerError.notPermitted(login: "zj", what: "progress report #2 belongs to a unit other than this login's").spoken.zh
            == "登录名 zj 无权执行此操作：进展报告 #2属于其他单位。")
        // English stays as written.
        #expect(StoreError.io(path: "/x", reason: "the disk is full").spoken.en == "Cannot use /x: the disk is full.")
        // A library's own message is kept.
        #expect(Reason.zh("SQLITE_WEIRD 42") == "SQLITE_WEIRD 42")
        for (en, zh) in Reason.exact {
            #expect(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } && zh != en, "\(en)")
        }
    }
}
