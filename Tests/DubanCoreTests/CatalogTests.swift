import Foundation
import Testing
@testable import DubanCore

@Suite struct CatalogTests {
    @Test func everyMessageHasBothLanguages() {
        for m in Catalog.all {
            #expect(!m.zh.isEmpty && !m.en.isEmpty, "\(m)")
            #expect(m.zh != m.en, "zh and en are the same: \(m.en)")
        }
    }

    @Test func everyCommandDescriptionHasBothLanguages() {
        for c in CommandText.allCases {
            #expect(!c.abstract.zh.isEmpty && !c.abstract.en.isEmpty, "\(c)")
            #expect(c.abstract.zh != c.abstract.en, "\(c)")
            // The Chinese text is Chinese: it holds CJK characters.
            #expect(c.abstract.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(c)")
        }
    }

    static func isChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test func everyFindingKindHasASentenceInBothLanguages() {
        let samples = Catalog.Findings.samples
        #expect(Set(samples.map(\.0)) == Set(DataQuality.Finding.Kind.allCases))
        for (kind, m) in samples {
            #expect(Self.isChinese(m.zh) && !m.en.isEmpty && m.zh != m.en, "\(kind)")
        }
        // What `check` finds speaks both languages; the English is the finding's message.
        let plan = try! TableImporter.importTable("序号,重点任务,牵头单位,配合单位\n1,甲,,省财政厅\n2,乙,省财政厅、省商务厅,\n", directory: []).plan
        let findings = DataQuality.check(plan, overloadThreshold: 1)
        #expect(findings.contains { $0.kind == .taskWithoutLead && $0.spoken.zh == "任务 1 没有牵头单位。" })
        #expect(Set(findings.map(\.kind)).count >= 3, "\(findings)")
        for f in findings { #expect(Self.isChinese(f.spoken.zh) && f.message == f.spoken.en && f.spoken.zh != f.spoken.en, "\(f)") }
    }

    @Test func everyImportRepairSpeaksBothLanguages() throws {
        var repairs = try TableImporter.builtIn().repairs
        for table in [ImportOtherTablesTests.anhui, ImportOtherTablesTests.stateCouncil, ImportOtherTablesTests.county] {
            repairs += try TableImporter.importTable(table, directory: []).repairs
        }
        #expect(Set(repairs.map(\.kind)).count >= 6, "\(Set(repairs.map(\.kind)))")
        for r in repairs {
            #expect(Self.isChinese(r.spoken.zh) && r.spoken.zh != r.spoken.en, "\(r.spoken.zh)")
            #expect(r.message == r.spoken.en)
            // Chinese sentences hold no English words of the importer's (a unit name or a quoted cell may be anything).
            for word in ["line ", "task ", "read as", "kept", "dropped"] { #expect(!r.spoken.zh.contains(word), "\(r.spoken.zh)") }
        }
        #expect(try TableImporter.builtIn().repairs.map(\.spoken.zh) == [
            "任务 1（第 14 行）：编号“l”读作 1",
            "任务 2（第 19 行）：省发改委同时列为牵头和协同单位；按牵头单位保留",
            "任务 5（第 33 行）：“省建设厅”读作省住房和城乡建设厅（别名）",
            "任务 21（第 116 行）：编号“2l”读作 21",
        ])
    }

    @Test func tableDefectsSpeakBothLanguages() throws {
        let broken = ["序号,重点任务,牵头单位\n1,\"未闭合,省财政厅\n", "序号,重点任务,牵头单位\n", "序号,重点任务\n1,甲,多余\n",
                      "序号,重点任务,牵头单位\nx,甲,省财政厅\n", "┌──┐\n"]
        for table in broken {
            do {
                _ = try TableImporter.importTable(table, directory: [])
                Issue.record("accepted: \(table)")
            } catch {
                #expect(error.spoken.zh.hasPrefix("第 \(error.line) 行：") && Self.isChinese(String(error.spoken.zh.dropFirst(6))), "\(error.spoken.zh)")
                #expect(error.spoken.en == error.description)
                for word in ["the ", "line ", "table"] { #expect(!error.zh.contains(word), "\(error.zh)") }
            }
        }
        // A file that is no text table: said in both languages too.
        for bytes: [UInt8] in [[0x41, 0x00, 0x42, 0x00, 0x00, 0x00, 0x43], [0xEF, 0xBB, 0xBF, 0x41, 0xFF, 0xFE, 0x0A]] {
            do {
                _ = try TableTextDecoder.decode(bytes)
            } catch {
                #expect(Self.isChinese(error.spoken.zh) && error.spoken.zh != error.spoken.en && error.spoken.en == error.message, "\(error.spoken)")
            }
        }
        let e = UnitDirectory.ParseError(line: 2, Localized(zh: "单位名称是空的", en: "the unit name is empty"))
        #expect(ErrorText.sentence(e, .zh) == "units.tsv 第 2 行：单位名称是空的")
        #expect(throws: UnitDirectory.ParseError.self) { try UnitDirectory.parse("\(UnitDirectory.header)\n\t省财政厅\t财政\n") }
    }

    @Test func everyAuditActionHasWordsInBothLanguages() {
        // One record per action a store writes; none may come out as its internal name.
        let actions = ["assign", "milestone.add", "milestone.update", "milestone.remove", "followup", "notes",
                       "progress.add", "progress.remove", "setting", "units", "notice", "init", "restore", "migrate"]
        for a in actions {
            let words = AuditWords.describe(AuditRecord(id: 1, time: "2027-03-01T08:00:00Z", operatorName: "z", action: a,
                                                        task: 1, before: "", after: ""))
            #expect(!words.zh.isEmpty && !words.en.isEmpty, "\(a)")
            #expect(words != Catalog.otherChange, "\(a) has no words of its own")
            #expect(!words.zh.contains(a), "\(a) shows its action name")
            // English may use the same plain word ("notes", "setting"), never a dotted name.
            if a.contains(".") || a == "followup" { #expect(!words.en.contains(a), "\(a) shows its action name") }
        }
    }

    @Test func languageFromEnvironment() {
        #expect(Language.fromEnvironment([:]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "C"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "POSIX"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"], override: .zh) == .zh)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"], override: .en) == .en)
    }

    // MARK: Audit words

    let zone = TimeZone(identifier: "Asia/Shanghai")!

    func record(_ action: String, _ change: ChangeRecord.Body?, before: String = "", after: String = "", task: Int? = 3) -> AuditRecord {
        AuditRecord(id: 7, time: "2027-03-01T16:30:00Z", operatorName: "zhang", action: action, task: task,
                    before: before, after: after, change: change)
    }

    @Test func auditWordsForEachKindOfEdit() {
        let m = Milestone(id: 4, title: "一季度检查", due: Day("2027-03-31"))
        let r = ProgressReport(id: 2, date: Day("2027-02-28")!, unit: "省财政厅", progress: "p", problems: "q", next: "n")
        let cases: [(AuditRecord, String, String)] = [
            (record("assign", .edit(.assign(task: 3, unit: "省财政厅", role: .lead)), before: "省财政厅: cooperating", after: "省财政厅: lead"),
             "省财政厅：协同 → 牵头", "省财政厅: cooperating → lead"),
            (record("assign", .edit(.assign(task: 3, unit: "省财政厅", role: nil)), before: "省财政厅: lead", after: "省财政厅: none"),
             "省财政厅：牵头 → 无分工", "省财政厅: lead → no role"),
            (record("milestone.add", .edit(.addMilestone(task: 3, milestone: m)), after: AuditText.describe(m)),
             "新增时间节点“一季度检查”（完成时限 2027-03-31）", "added milestone “一季度检查” (due 2027-03-31)"),
            (record("milestone.update", .edit(.updateMilestone(task: 3, id: 4, set: [.done(true, completed: Day("2027-03-02"))])),
                    before: AuditText.describe(m)),
             "时间节点“一季度检查”：标记完成（2027-03-02）", "milestone “一季度检查”: marked done (2027-03-02)"),
            (record("milestone.update", .edit(.updateMilestone(task: 3, id: 4, set: [.done(false, completed: nil), .title("季度检查")])),
                    before: AuditText.describe(m)),
             "时间节点“一季度检查”：重新打开，改名为“季度检查”", "milestone “一季度检查”: reopened, renamed to “季度检查”"),
            (record("milestone.remove", .edit(.removeMilestone(task: 3, id: 4)), before: AuditText.describe(m)),
             "删除时间节点“一季度检查”", "deleted milestone “一季度检查”"),
            (record("followup", .edit(.setFollowUp(task: 3, person: "李四")), before: "张三", after: "李四"),
             "跟进人员：张三 → 李四", "follow-up: 张三 → 李四"),
            (record("notes", .edit(.setNotes(task: 3, notes: "")), before: "x"), "清空备注", "notes cleared"),
            (record("progress.add", .edit(.addProgress(task: 3, report: r)), after: AuditText.describe(r)),
             "新增省财政厅 2027-02-28 的进展报送", "added the progress report of 省财政厅 dated 2027-02-28"),
            (record("progress.remove", .edit(.removeProgress(task: 3, id: 2)), before: AuditText.describe(r)),
             "删除省财政厅 2027-02-28 的进展报送", "deleted the progress report of 省财政厅 dated 2027-02-28"),
            (record("setting", .other("setting notice_serial_2026"), before: "notice_serial_2026 = 1", after: "notice_serial_2026 = 2", task: nil),
             "设置“2026 年督办单编号”：1 → 2", "setting “notice numbers of 2026”: 1 → 2"),
            (record("setting", .other("setting warning_days"), before: "warning_days unset", after: "warning_days = 10", task: nil),
             "设置“临期提醒天数”：未设置 → 10", "setting “days before due counted as due soon”: unset → 10"),
            (record("notice", .other("notice"), after: "督办〔2027〕3号 → task 3"), "督办单 督办〔2027〕3号 发出",
             "supervision notice 督办〔2027〕3号 issued"),
            (record("units", .reload("units"), before: "31 units", after: "32 units: added 省统计局", task: nil),
             "更新单位名录：31 → 32 个单位", "updated the unit directory: 31 → 32 units"),
            (record("init", .reload("init"), after: "24 tasks, 31 units, 4 repairs, 31 units in the directory", task: nil),
             "建立督办文件：24 项任务，31 个单位", "created the tracker: 24 tasks, 31 units"),
            (record("restore", .reload("restore"), after: "restored from /b/x.sqlite", task: nil),
             "从备份恢复（/b/x.sqlite）", "restored from a backup (/b/x.sqlite)"),
        ]
        for (rec, zh, en) in cases {
            #expect(AuditWords.describe(rec).zh == zh)
            #expect(AuditWords.describe(rec).en == en)
        }
    }

    @Test func auditWordsWithoutTypedRecord() {
        // A store that did not read the change record: the before/after texts suffice.
        let m = Milestone(id: 4, title: "a | b", due: Day("2027-03-31"))
        #expect(AuditWords.describe(record("milestone.remove", nil, before: AuditText.describe(m))).zh == "删除时间节点“a | b”")
        #expect(AuditWords.describe(record("assign", nil, before: "省财政厅: cooperating", after: "省财政厅: lead")).zh
                == "省财政厅：协同 → 牵头")
        #expect(AuditWords.describe(record("setting", nil, before: "notice_serial_2026 = 1", after: "notice_serial_2026 = 2")).zh
                == "设置“2026 年督办单编号”：1 → 2")
        #expect(AuditWords.describe(record("something.new", nil)).zh == "其他修改")
    }

    @Test func auditTimesAreLocal() {
        #expect(AuditWords.time("2027-03-01T16:30:00Z", zone: zone) == "2027-03-02 00:30")
        #expect(AuditWords.time("2027-03-01T16:30:00Z", zone: TimeZone(identifier: "UTC")!) == "2027-03-01 16:30")
        #expect(AuditWords.time("2027-03-01 16:30:00+08:00", zone: zone) == "2027-03-01 16:30")
        #expect(AuditWords.time("not a time", zone: zone) == "not a time")
    }

    @Test func meetingReportChangesInWordsAndLocalTime() throws {
        let plan = try Plan(office: .seed, units: [Unit(name: "省财政厅", short: "财政厅", abbr: "财政")],
                            tasks: [Task(number: 3, title: "t", assignments: [Assignment(unit: "省财政厅", role: .lead)])])
        let rec = [record("setting", .other("setting notice_serial_2026"), before: "notice_serial_2026 = 1",
                          after: "notice_serial_2026 = 2", task: nil),
                   record("progress.add", nil, after: "#2 2027-02-28 省财政厅 | 进展情况: p | 存在问题: q | 下一步措施: n")]
        let md = Reports.meeting(plan: plan, today: Day("2027-03-15")!, settings: .init(), format: .md, since: nil,
                                 changes: rec, zone: zone)
        #expect(md.contains("设置“2026 年督办单编号”：1 → 2"))
        #expect(md.contains("新增省财政厅 2027-02-28 的进展报送"))
        #expect(md.contains("2027-03-02 00:30"))
        #expect(!md.contains("notice_serial") && !md.contains("progress.add") && !md.contains("T16:30"))
    }

    // MARK: Error sentences

    @Test func errorSentences() {
        #expect(ErrorText.sentence(DomainError.unknownTask(99), .zh) == "没有任务 99。")
        #expect(ErrorText.sentence(DomainError.unknownTask(99), .en) == "There is no task 99.")
        let folder = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: NSTemporaryDirectory()])
        let zh = ErrorText.sentence(folder, .zh)
        let en = ErrorText.sentence(folder, .en)
        #expect(zh.contains("文件夹") && en.contains("folder"), "\(zh) / \(en)")
        for s in [zh, en] { #expect(!s.contains("NSCocoaErrorDomain") && !s.contains("512") && !s.contains("CocoaError")) }
        let full = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/x/y",
                                                            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(ErrorText.sentence(full, .zh) == "无法使用 /x/y：磁盘已满。")
        #expect(ErrorText.sentence(full, .en) == "Cannot use /x/y: the disk is full.")
        #expect(ErrorText.sentence(POSIXError(.EACCES), .zh) == "操作失败：没有权限。")
        #expect(ErrorText.sentence(CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/nope"]), .zh)
                == "无法使用 /nope：文件或文件夹不存在。")
        #expect(ErrorText.sentence(TrackerReplaced(path: "/t", removed: true), .zh).contains("已被其他程序删除"))
    }
}
