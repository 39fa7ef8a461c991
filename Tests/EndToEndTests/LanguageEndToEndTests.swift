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

    /// The first paragraph of `--help`: the command's abstract.
    static func overview(_ help: String) -> String {
        guard let r = help.range(of: "OVERVIEW: ") else { return "" }
        let rest = help[r.upperBound...]
        return String(rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)])
    }

    /// The names under SUBCOMMANDS in `--help`.
    static func subcommands(_ help: String) -> [String] {
        guard let r = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        for line in help[r.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            // Only a name line (two spaces, then the name); a wrapped abstract is indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { continue }
            names.append(String(name))
        }
        return names
    }

    /// Every command of the actual tree (walked through `--help`, so a new command is
    /// covered without being listed here) describes itself in Chinese and in English.
    @Test func everyCommandDescribesItselfInBothLanguages() throws {
        // Without --file: `duban --help --file X` would be the default command's help.
        let binary = try DubanBinary.url().path
        let env = ProcessInfo.processInfo.environment
        var queue: [[String]] = [[]]
        var seen = 0
        while let path = queue.popLast() {
            let zh = try Subprocess.run(binary, path + ["--help"], environment: TestLanguage.chinese(env)).stdout
            let en = try Subprocess.run(binary, path + ["--help"], environment: TestLanguage.english(env)).stdout
            let (a, b) = (Self.overview(zh), Self.overview(en))
            let name = path.isEmpty ? "duban" : path.joined(separator: " ")
            #expect(a.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(name): no Chinese abstract: \(a)")
            #expect(!b.isEmpty && a != b, "\(name): the same in both languages: \(b)")
            #expect(Self.subcommands(zh) == Self.subcommands(en), "\(name)")
            for sub in Self.subcommands(en) where sub != "help" { queue.append(path + [sub]) }
            seen += 1
        }
        #expect(seen >= 40, "only \(seen) commands found")
    }

    @Test func editCommandsAndCommonOptionsSpeakTheLocale() throws {
        let cli = try CLI()
        let zh = try cli.run(["task", "add", "--help"], env: chinese).out
        #expect(Self.overview(zh).hasPrefix("新增任务"), "\(zh)")
        #expect(zh.contains("督办文件（默认") && zh.contains("界面语言"), "common options in Chinese: \(zh)")
        let en = try cli.run(["task", "add", "--help"], env: english).out
        #expect(Self.overview(en).hasPrefix("Add a task") && en.contains("The tracker file (default"), "\(en)")
        #expect(try cli.run(["init"]).status == 0)
        let retired = try cli.run(["task", "retired"], env: chinese)
        #expect(retired.out.contains("没有已撤销的任务"), "\(retired.out)")
        #expect(try cli.run(["task", "retired", "--lang", "en"], env: chinese).out.contains("No task is retired"))
    }

    /// `check` findings and `init --from` repairs in the user's language.
    @Test func findingsAndRepairsFollowTheLocale() throws {
        let cli = try CLI()
        let table = cli.dir.appendingPathComponent("乱表.csv").path
        try """
        序号,重点任务,牵头单位,配合单位,完成时限
        1,推进新型城镇化,省发展和改革委员会,省财政厅,2027年6月底前
        2,优化营商环境,,省商务厅,2027年12月31日
        4,加强生态保护,省生态环境厅,省林业厅,2027年12月31日
        """.write(toFile: table, atomically: true, encoding: .utf8)
        let zh = try cli.run(["init", "--from", table], env: chinese)
        #expect(zh.status == 0, "\(zh.err)")
        #expect(zh.out.contains("导入时所作的修正") && zh.out.contains("该任务没有牵头部门") && zh.out.contains("此前缺少任务 3"), "\(zh.out)")
        #expect(!zh.out.contains("has no lead") && !zh.out.contains("(line "), "\(zh.out)")
        let en = try cli.run(["init", "--from", table, "--force"], env: english)
        #expect(en.out.contains("Repairs made while importing") && en.out.contains("the task has no lead unit"), "\(en.out)")
        #expect(!en.out.contains("没有牵头部门"), "\(en.out)")
        let checkZh = try cli.run(["check"], env: chinese).out
        #expect(checkZh.contains("任务 2 没有牵头单位。"), "\(checkZh)")
        #expect(!checkZh.contains("has no lead unit."), "\(checkZh)")
        // A table refused: the defect in words of the user's language.
        let broken = cli.dir.appendingPathComponent("坏表.csv").path
        try "序号,重点任务,牵头单位\n1,\"未闭合,省财政厅\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let refusedZh = try cli.run(["init", "--from", broken, "--force"], env: chinese)
        #expect(refusedZh.status != 0 && refusedZh.err.contains("第 2 行：从这一行开始的带引号字段没有结束") && refusedZh.err.contains("未写入任何内容"),
                "\(refusedZh.err)")
        let refusedEn = try cli.run(["init", "--from", broken, "--force"], env: english)
        #expect(refusedEn.err.contains("line 2: the quoted field starting on this line is not closed"), "\(refusedEn.err)")
        let checkEn = try cli.run(["check"], env: english).out
        #expect(checkEn.contains("Task 2 has no lead unit."), "\(checkEn)")
    }
}
