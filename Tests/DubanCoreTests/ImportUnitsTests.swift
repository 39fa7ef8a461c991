import Testing
@testable import DubanCore

/// A small directory for importer tests (the built-in one is used where the seed matters).
let importTestDirectory: [Unit] = [
    Unit(name: "省住房和城乡建设厅", short: "住房和城乡建设厅", abbr: "住建", aliases: ["建设厅", "省建设厅"]),
    Unit(name: "省发改委", short: "发改委", abbr: "发改", fullForm: "省发展和改革委员会", aliases: ["发展和改革委员会"]),
    Unit(name: "省财政厅", short: "财政厅", abbr: "财政"),
    Unit(name: "省国土资源厅", short: "国土资源厅", abbr: "国土", aliases: ["国土厅"]),
    Unit(name: "省农委", short: "农委", abbr: "农委"),
    Unit(name: "省教育厅", short: "教育厅", abbr: "教育"),
    Unit(name: "哈尔滨铁路局", short: "铁路局", abbr: "铁路"),
]

/// Imports `text`, returning the error it must fail with (nil if it imported).
func importFailure(_ text: String, format: TableFormat? = nil,
                   directory: [Unit] = importTestDirectory) -> ImportError? {
    do {
        _ = try TableImporter.importTable(text, format: format, directory: directory)
        return nil
    } catch {
        return error
    }
}

extension ImportResult {
    /// Repairs as "kind task line" strings, for compact assertions.
    var repairSummary: [String] {
        repairs.map { "\($0.kind.rawValue) \($0.task.map(String.init) ?? "-") \($0.line.map(String.init) ?? "-")" }
    }
}

/// Unit lists: the 省 prefix rule, directory names, aliases, new units, duplicates.
@Suite struct ImportUnitsTests {
    private func importRows(_ rows: [String], directory: [Unit] = importTestDirectory) throws -> ImportResult {
        try TableImporter.importTable((["序号\t名称\t牵头部门\t协同部门"] + rows).joined(separator: "\n"),
                                      directory: directory)
    }

    @Test func provincePrefixOfTheFirstNameCarriesThroughTheList() throws {
        let r = try importRows(["1\t推进\t省发改委、财政厅\t省国土资源厅，教育厅,农委;财政厅；住房和城乡建设厅"])
        let t = try #require(r.plan.task(number: 1))
        #expect(t.leads == ["省发改委", "省财政厅"])
        // All five separators split; 财政厅 again is lead already.
        #expect(t.cooperating == ["省国土资源厅", "省教育厅", "省农委", "省住房和城乡建设厅"])
        #expect(r.repairSummary == ["leadAndCooperating 1 2"])
        // Lead units before cooperating ones, in order of appearance.
        #expect(r.plan.units.map(\.abbr) == ["发改", "财政", "国土", "教育", "农委", "住建"])
    }

    @Test func namesWithoutAnyPrefixAreReported() throws {
        let r = try importRows(["1\t推进\t发改委\t财政厅、省教育厅"])
        let t = try #require(r.plan.task(number: 1))
        #expect(t.leads == ["省发改委"])
        #expect(t.cooperating == ["省财政厅", "省教育厅"])
        #expect(r.repairSummary == ["provinceInherited 1 2", "provinceInherited 1 2"])
        #expect(r.repairs[0].message == "task 1 (line 2): \"发改委\" has no 省 prefix, and neither has its list; read as 省发改委")
    }

    @Test func ownNamesAreNotRepairsButAliasesAre() throws {
        let r = try importRows([
            "1\t推进\t省发展和改革委员会\t省财政厅、发改",
            "2\t推进\t省农委\t省财政厅、建设厅",
            "3\t推进\t省农委\t省财政厅、发展和改革委员会",
        ])
        // The official full form (with or without 省) and the abbreviation are the unit's own names.
        #expect(r.plan.task(number: 1)?.leads == ["省发改委"])
        #expect(r.plan.task(number: 1)?.cooperating == ["省财政厅"])
        #expect(r.plan.task(number: 2)?.cooperating == ["省财政厅", "省住房和城乡建设厅"])
        #expect(r.plan.task(number: 3)?.cooperating == ["省财政厅", "省发改委"])
        #expect(r.repairSummary == ["leadAndCooperating 1 2", "aliasApplied 2 3"])
        #expect(r.repairs[1].message == "task 2 (line 3): \"建设厅\" read as 省住房和城乡建设厅 (alias)")
    }

    @Test func aNewUnitsAbbreviationDoesNotShadowTheDirectory() throws {
        // 省教育局 is new; its abbreviation must not make 教育 ambiguous with 省教育厅, nor
        // give two columns one header: 教育 is 省教育厅's, so 省教育局 is 教局.
        let r = try importRows(["1\t推进\t省教育局\t省财政厅", "2\t推进\t教育\t"])
        #expect(r.plan.task(number: 1)?.leads == ["省教育局"])
        #expect(r.plan.unit(named: "省教育局")?.abbr == "教局")
        #expect(r.plan.task(number: 2)?.leads == ["省教育厅"])
    }

    @Test func aDirectoryUnitWithoutTheProvincePrefix() throws {
        let r = try importRows(["1\t推进\t省财政厅、哈尔滨铁路局\t铁路局"])
        #expect(r.plan.task(number: 1)?.leads == ["省财政厅", "哈尔滨铁路局"])
        // Listed again by its short name among the cooperating units: lead wins.
        #expect(r.plan.task(number: 1)?.cooperating == [])
        #expect(r.repairSummary == ["leadAndCooperating 1 2"])
    }

    @Test func unknownUnitsAreCreatedOnceAndReported() throws {
        let r = try importRows([
            "1\t推进\t省新能源办\t省财政厅、测试局",
            "2\t推进\t新能源办\t某公司",
        ])
        let created = try #require(r.plan.unit(named: "省新能源办"))
        #expect(created.short == "新能源办")
        #expect(created.abbr == "新能")
        #expect(r.plan.unit(named: "省测试局")?.abbr == "测试")
        #expect(r.plan.unit(named: "某公司") == Unit(name: "某公司", short: "某公司", abbr: "某公"))
        #expect(r.plan.units.map(\.name) == ["省新能源办", "省财政厅", "省测试局", "某公司"])
        // Task 2 names 新能源办 without 省: it is the unit created for task 1.
        #expect(r.plan.task(number: 2)?.leads == ["省新能源办"])
        #expect(r.repairSummary == ["unitCreated 1 2", "unitCreated 1 2", "provinceInherited 2 3", "unitCreated 2 3"])
        #expect(r.repairs[0].message ==
                "task 1 (line 2): \"省新能源办\" is not in the unit directory; added it as new unit 省新能源办 (short name 新能源办, abbreviation 新能)")
        #expect(r.repairs[1].message.contains("\"测试局\" is not in the unit directory; added it as new unit 省测试局"))
    }

    @Test func theSameUnitTwiceInOneListIsKeptOnce() throws {
        let r = try importRows(["1\t推进\t省农委\t省财政厅、国土资源厅、省财政厅、国土厅"])
        #expect(r.plan.task(number: 1)?.cooperating == ["省财政厅", "省国土资源厅"])
        #expect(r.repairSummary == ["duplicateUnit 1 2", "aliasApplied 1 2", "duplicateUnit 1 2"])
        #expect(r.repairs[0].message == "task 1 (line 2): 省财政厅 is listed twice among the cooperating units; kept once")
    }

    @Test func repairLinesPointAtTheNameInAWrappedCell() throws {
        let csv = "序号,名称,牵头部门,协同部门\n1,推进,省农委,\"省财政厅\n建设厅\"\n"
        let r = try TableImporter.importTable(csv, directory: importTestDirectory)
        #expect(r.plan.task(number: 1)?.cooperating == ["省财政厅", "省住房和城乡建设厅"])
        #expect(r.repairSummary == ["aliasApplied 1 3"])
    }

    @Test func ambiguousNamesAreRefused() {
        let directory = importTestDirectory + [
            Unit(name: "省文化厅", short: "文化厅", abbr: "文化", aliases: ["文广局"]),
            Unit(name: "省广电局", short: "广电局", abbr: "广电", aliases: ["文广局"]),
        ]
        let text = "序号,名称,牵头部门\n1,推进,省农委\n2,推进,省文广局\n"
        #expect(importFailure(text, directory: directory) ==
                ImportError(line: 3, message: "task 2: \"省文广局\" could be several units: 省文化厅, 省广电局"))
    }

    @Test func builtInDirectoryNamesAreUnambiguous() throws {
        let directory = try UnitDirectory.builtIn()
        let lookup = ImportUnitLookup(directory: directory)
        for (i, u) in directory.enumerated() {
            for name in u.allNames + u.allNames.map({ $0.hasPrefix("省") ? String($0.dropFirst()) : "省" + $0 }) {
                let e = try #require(lookup.find(name), "\(name) should resolve")
                #expect(e.unit == i && e.others.isEmpty, "\(name) should be \(u.name) only")
            }
            #expect(lookup.find(u.name)?.match == .name)
            #expect(lookup.find(u.short)?.match == .own)
        }
        // Listed as an alias, but it is the unit's name without 省: its own name, not an alias.
        #expect(lookup.find("工业和信息化委员会")?.match == .own)
        #expect(lookup.find("省质监局")?.match == .own)
        #expect(lookup.find("建设厅")?.match == .alias)
        #expect(lookup.find("省建设厅")?.match == .alias)
    }

    @Test func listSplitting() {
        let frags = [ImportFragment(text: "省发改委、财政厅、人力资源", line: 3), ImportFragment(text: "和社会保障厅、电", line: 4),
                     ImportFragment(text: "力公司", line: 5)]
        let wrapped = ImportUnitList.split(frags, fragmentsAreWraps: true)
        #expect(wrapped.map(\.text) == ["省发改委", "财政厅", "人力资源和社会保障厅", "电力公司"])
        #expect(wrapped.map(\.line) == [3, 3, 3, 4])
        let lines = ImportUnitList.split([ImportFragment(text: " 省发改委 ", line: 1), ImportFragment(text: "财政厅、、 ", line: 2)],
                                   fragmentsAreWraps: false)
        #expect(lines.map(\.text) == ["省发改委", "财政厅"])
        #expect(lines.map(\.line) == [1, 2])
    }
}

/// Due dates read from a 完成时限 / 时间节点 cell.
@Suite struct ImportDueDateTests {
    @Test func forms() {
        #expect(ImportDueDate.find(in: "2027年底前完成") == Day("2027-12-31"))
        #expect(ImportDueDate.find(in: "2028年2月底") == Day("2028-02-29"))
        #expect(ImportDueDate.find(in: "2027年2月底") == Day("2027-02-28"))
        #expect(ImportDueDate.find(in: "2026年9月30日前") == Day("2026-09-30"))
        #expect(ImportDueDate.find(in: "2026年10月1号") == Day("2026-10-01"))
        #expect(ImportDueDate.find(in: "截至2027-06-30") == Day("2027-06-30"))
        #expect(ImportDueDate.find(in: "2027/6/30") == Day("2027-06-30"))
        #expect(ImportDueDate.find(in: "２０２７年底") == Day("2027-12-31"))
    }

    @Test func theLatestDateIsTheDeadline() {
        #expect(ImportDueDate.find(in: "2026年底前启动,2027年6月底前完成") == Day("2027-06-30"))
    }

    @Test func noDate() {
        #expect(ImportDueDate.find(in: "长期坚持") == nil)
        #expect(ImportDueDate.find(in: "2027年上半年") == nil)
        #expect(ImportDueDate.find(in: "2027年6月") == nil)
        #expect(ImportDueDate.find(in: "2027-02-30") == nil)
        #expect(ImportDueDate.find(in: "2027年13月底") == nil)
        #expect(ImportDueDate.find(in: "12027年底") == nil)
        #expect(ImportDueDate.find(in: "") == nil)
    }
}
