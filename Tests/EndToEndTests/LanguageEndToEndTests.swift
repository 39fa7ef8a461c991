import Foundation
import Testing

/// Chinese first: the CLI speaks Chinese under C.UTF-8 (what the office's servers have),
/// English under en_US.UTF-8, and `--lang` overrides either; the log speaks words.
@Suite(.serialized) struct LanguageEndToEndTests {
    let chinese = ["LANG": "C.UTF-8"]
    let english = ["LANG": "en_US.UTF-8"]

    @Test func errorsAndHeadingsFollowTheLocale() throws {
        let cli = try CLI()
        let created = try cli.run(["init"], env: chinese)
        #expect(created.status == 0 && created.out.contains("已建立") && created.out.contains("项任务"), "\(created.out)")
        let missingZh = try cli.run(["show", "99"], env: chinese)
        #expect(missingZh.status != 0 && missingZh.err.contains("没有任务 99"), "\(missingZh.err)")
        let missingEn = try cli.run(["show", "99"], env: english)
        #expect(missingEn.status != 0 && missingEn.err.contains("There is no task 99"), "\(missingEn.err)")
        // --lang wins over the environment, both ways.
        #expect(try cli.run(["show", "99", "--lang", "en"], env: chinese).err.contains("There is no task 99"))
        #expect(try cli.run(["show", "99", "--lang", "zh"], env: english).err.contains("没有任务 99"))
        // Check's headings.
        let checkZh = try cli.run(["check"], env: chinese)
        #expect(checkZh.out.contains("导入修正") && checkZh.out.contains("检查结果"), "\(checkZh.out)")
        #expect(try cli.run(["check"], env: english).out.contains("Import repairs"))
        // A folder as the output: a sentence in the user's language, no Cocoa internals.
        let folder = cli.dir.appendingPathComponent("报表").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let toFolder = try cli.run(["export", "-o", folder], env: chinese)
        #expect(toFolder.status != 0 && toFolder.err.contains("这是一个文件夹"), "\(toFolder.err)")
        #expect(!toFolder.err.contains("NSCocoaErrorDomain") && !toFolder.err.contains("512"))
        // Help speaks the language too.
        let help = try cli.run(["log", "--help"], env: chinese)
        #expect(help.out.contains("显示修改记录"), "\(help.out)")
        #expect(try cli.run(["log", "--help"], env: english).out.contains("Show the audit trail"))
    }

    @Test func theLogSpeaksWordsInLocalTime() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["assign", "3", "财政", "--role", "lead"]).status == 0)
        #expect(try cli.run(["milestone", "add", "3", "一季度检查", "--due", "2027-03-31"]).status == 0)
        #expect(try cli.run(["milestone", "done", "3", "1"]).status == 0)
        #expect(try cli.run(["milestone", "remove", "3", "1"]).status == 0)
        #expect(try cli.run(["progress", "add", "3", "--unit", "财政", "--progress", "已启动"]).status == 0)
        #expect(try cli.run(["config", "warning_days", "10"]).status == 0)
        #expect(try cli.run(["notice", "3", "--issue", "-o", cli.dir.appendingPathComponent("n.txt").path]).status == 0)
        let zh = try cli.run(["log"], env: chinese.merging(["TZ": "Asia/Shanghai"]) { $1 })
        #expect(zh.status == 0)
        for words in ["省财政厅：协同 → 牵头", "新增时间节点“一季度检查”", "时间节点“一季度检查”：标记完成",
                      "删除时间节点“一季度检查”", "的进展报送", "设置“临期提醒天数”", "督办单 督办〔2027〕1号 发出", "建立督办文件"] {
            #expect(zh.out.contains(words), "\(words) missing in:\n\(zh.out)")
        }
        for raw in ["progress.add", "milestone.remove", "milestone.add", "warning_days", "notice_serial", "T0", "Z  "] {
            #expect(!zh.out.contains(raw), "\(raw) in:\n\(zh.out)")
        }
        let en = try cli.run(["log"], env: english)
        #expect(en.out.contains("省财政厅: cooperating → lead") && en.out.contains("deleted milestone “一季度检查”"), "\(en.out)")
        #expect(!en.out.contains("progress.add") && !en.out.contains("milestone.remove"))
    }
}
