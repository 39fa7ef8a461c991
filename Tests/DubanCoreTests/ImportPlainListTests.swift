import Testing
@testable import DubanCore

/// The fast reading of a plain unit list (`ImportClause.plainList`) reads what the full
/// clause reading (`ImportClause.parse`) does, and declines everything it would read differently.
@Suite struct ImportPlainListTests {
    /// nil when the fast reading declines; else whether it agrees with the full reading.
    private func agrees(_ s: String) -> Bool? {
        let full = ImportClause.parse(ImportCellText(s, line: 7))
        guard let fast = ImportClause.plainList(s, line: 7) else { return nil }
        #expect(fast == full, "\(s)")
        return fast == full
    }

    @Test func plainListsTakeTheFastPath() {
        for s in ["省财政厅", "省发改委、财政厅、省教育厅", "省测试单位231号、省测试单位96号", "A厅/B局／C委", "、省财政厅、、",
                  "省住房和城乡建设厅、哈尔滨铁路局", "建设厅、发展和改革委员会", "未知单位甲、省未知单位乙", "、"] {
            #expect(agrees(s) == true, "\(s)")
        }
        let c = ImportClause.plainList("省发改委、财政厅", line: 3)
        #expect(c?.units.map { "\($0.item.text)/\($0.item.line)/\($0.role)" } == ["省发改委/3/unmarked", "财政厅/3/unmarked"])
    }

    @Test func whatTheFullReadingReadsOtherwiseIsDeclined() {
        for s in ["省发改委牵头", "X厅（牵头）、Y厅", "X厅、Y局等", "X厅等单位", "各县、市、区政府", "有关市", "省财政厅和省教育厅",
                  "由X厅负责", "请X厅落实", "分别由X厅、Y厅", "X厅会同Y厅", "牵头单位：X厅", "X厅，Y厅", "省 商 务 厅",
                  "2024年底前", "年内持续推进", "X厅、12/3", "单位1.5", "X厅配合", "Y局参与", "Z委协办", "“X”厅", "X厅；Y厅",
                  "X厅\nY厅", "省财政厅 ", " 省财政厅", "X厅、Y局负责", "X厅、Y局等部门", ""] {
            #expect(ImportClause.plainList(s, line: 7) == nil, "\(s)")
        }
    }

    /// Random lists of tricky pieces (brackets, 等, roles, level words, dates, aliases, unknown
    /// names): whenever the fast reading reads one, it agrees with the full reading.
    @Test func randomTrickyListsAgree() {
        let pieces = ["省财政厅", "财政厅", "各县", "市", "区政府", "省发改委牵头", "X厅（牵头）", "Y局等", "2024年底前",
                      "省财政厅和省教育厅", "会同", "由", "请", "分别由", "省 商 务 厅", "A/B", "12", "3", "牵头单位：X", "建设厅",
                      "测试单位1号", "有关", "参与", "协办", "1.5", "-", "", "办", "省住房和城乡建设厅", "“X”", "年内持续推进",
                      "各", "省", "相关单位", "全省各", "乡镇", "与", "及", "省教育厅", "哈尔滨铁路局", "按职责分工负责", "等部门",
                      "（市、区）", "同", "会", "Ab", "cd", "省农委", "负责", "发展和改革委员会", "国土厅", "分", "6月", "１２"]
        let separators = ["、", "、", "、", "/", "／", "，", "；", " ", "", "\u{3000}", "：", "。", "\n"]
        var seed: UInt64 = 14
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var fast = 0, declined = 0
        for _ in 0..<20000 {
            var s = ""
            for k in 0..<(1 + next(5)) {
                if k > 0 { s += separators[next(separators.count)] }
                s += pieces[next(pieces.count)]
            }
            if agrees(s) != nil { fast += 1 } else { declined += 1 }
        }
        #expect(fast > 1000)
        #expect(declined > 1000)
    }
}

/// Names are resolved once and remembered (`Assembler.resolved`) until a unit is created.
@Suite struct ImportResolveCacheTests {
    /// A new unit 省丁厅 also answers to 丁厅 as its own name, which beats 丙公司's alias 丁厅:
    /// 丁厅 read before the new unit is 丙公司, after it 省丁厅, as without remembering.
    @Test func aNewUnitChangesWhatARememberedNameResolvesTo() throws {
        let directory = [Unit(name: "丙公司", short: "丙公司", abbr: "丙司", aliases: ["丁厅"])]
        let tsv = "序号\t名称\t牵头部门\n1\t一\t丁厅\n2\t二\t省丁厅\n3\t三\t丁厅\n4\t四\t丁厅\n"
        let r = try TableImporter.importTable(tsv, directory: directory)
        #expect(r.plan.task(number: 1)?.leads == ["丙公司"])
        #expect(r.plan.task(number: 2)?.leads == ["省丁厅"])
        #expect(r.plan.task(number: 3)?.leads == ["省丁厅"])
        #expect(r.plan.task(number: 4)?.leads == ["省丁厅"])
        #expect(r.repairSummary == ["aliasApplied 1 2", "unitCreated 2 3", "provinceInherited 3 4", "provinceInherited 4 5"])
    }
}
