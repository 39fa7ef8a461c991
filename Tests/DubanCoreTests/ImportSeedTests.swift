import Testing
@testable import DubanCore

/// The real seed table (Resources/seed-table.txt), imported with the built-in unit directory.
/// Every expectation below was written by reading the seed by hand: cell fragments joined
/// in order, and 省 lent from the first name of a list to the names after it.
@Suite struct ImportSeedTests {
    struct Expected {
        var number: Int
        var title: String
        var leads: [String]
        var cooperating: [String]
    }

    static let expected: [Expected] = [
        Expected(number: 1, title: "推进百镇建设工程,增强城镇综合承载和集聚能力",
                 leads: ["省住房和城乡建设厅"],
                 cooperating: ["省发改委", "省财政厅", "省国土资源厅", "省人力资源和社会保障厅", "省公安厅", "省民政厅",
                               "省工业和信息化委员会", "省交通运输厅", "省教育厅", "省旅游局", "省环保厅", "省商务厅",
                               "省卫生厅", "省金融办", "省电力公司"]),
        Expected(number: 2, title: "推进以“三棚一草”改造为主要内容的城乡住房建设,改善城乡居民居住条件和人居环境",
                 leads: ["省发改委", "省住房和城乡建设厅"],
                 // 省发改委 is also written among the cooperating units; it stays lead only.
                 cooperating: ["省财政厅", "省农垦总局", "省森工总局", "省金融办", "省林业厅"]),
        Expected(number: 3, title: "推进以“三供两治”为主要内容的市政基础设施建设,提高承载能力",
                 leads: ["省发改委", "省住房和城乡建设厅"],
                 cooperating: ["省财政厅", "省国土资源厅", "省环保厅"]),
        Expected(number: 4, title: "推进“三优文明城市”创建工作,全面改善城乡环境面貌",
                 leads: ["省精神文明办", "省住房和城乡建设厅"],
                 cooperating: ["省发改委", "省财政厅", "省公安厅", "省民政厅", "省工业和信息化委员会", "省交通运输厅",
                               "省教育厅", "省旅游局", "省环保厅", "省商务厅", "省卫生厅", "省金融办"]),
        Expected(number: 5, title: "推进统筹城乡规划工作,提高规划管理水平",
                 leads: ["省发改委"],
                 // 省建设厅 is the old name of 省住房和城乡建设厅.
                 cooperating: ["省住房和城乡建设厅", "省国土资源厅", "省人力资源和社会保障厅", "省环保厅", "省卫生厅",
                               "省教育厅", "省科技厅", "省旅游局", "省财政厅"]),
        Expected(number: 6, title: "推进大中小城市带动工作,提高以城带乡水平",
                 leads: ["省发改委"],
                 cooperating: ["省国土资源厅", "省商务厅", "省工业和信息化委员会", "省交通运输厅", "省住房和城乡建设厅",
                               "省财政厅"]),
        Expected(number: 7, title: "推进村镇水路电气房建设,提高新农村建设整体水平",
                 leads: ["省农委"],
                 cooperating: ["省发改委", "省水利厅", "省住房和城乡建设厅", "省交通运输厅", "省环保厅", "省财政厅"]),
        Expected(number: 8, title: "推进符合条件的农业转移人口在城镇就业和落户工作,促进农村劳动力转移",
                 leads: ["省公安厅", "省人力资源和社会保障厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省国土资源厅", "省民政厅", "省农垦总局", "省森工总局",
                               "省教育厅", "省金融办"]),
        Expected(number: 9, title: "推进人才统一规划培养工作,实现人才资源共享",
                 leads: ["省人力资源和社会保障厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省民政厅", "省工业和信息化委员会", "省农垦总局",
                               "省森工总局", "省教育厅"]),
        Expected(number: 10, title: "推进农村就业服务网络工作,为农村剩余劳动力转移搭建平台",
                 leads: ["省人力资源和社会保障厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省民政厅", "省工业和信息化委员会", "省农垦总局",
                               "省森工总局", "省教育厅"]),
        Expected(number: 11, title: "推进农村就业管理工作,为农村剩余劳动力转移提供保障",
                 leads: ["省人力资源和社会保障厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省民政厅", "省工业和信息化委员会", "省农垦总局",
                               "省森工总局", "省教育厅"]),
        Expected(number: 12, title: "推进城乡公路互通建设,建立现代交通网络",
                 leads: ["省交通运输厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省国土资源厅", "省农垦总局", "省森工总局", "省国资委",
                               "省金融办", "省林业厅"]),
        Expected(number: 13, title: "推进城乡电力互联,实现城乡电力设施资源共享",
                 leads: ["省电力公司"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省国土资源厅", "省民政厅", "省工业和信息化委员会",
                               "省农垦总局", "省森工总局", "省国资委", "省金融办", "省林业厅"]),
        Expected(number: 14, title: "推进城乡广电、电信公共服务体系建设,加速农村信息化步伐",
                 leads: ["省广电局", "省通信管理局"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省国土资源厅", "省民政厅", "省农垦总局", "省林业厅",
                               "省森工总局", "省国资委", "省金融办", "省电力公司", "省工业和信息化委员会"]),
        Expected(number: 15, title: "推进农村公共文化服务体系完善工作",
                 leads: ["省文化厅", "省精神文明办", "省广电局"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省人力资源和社会保障厅", "省民政厅",
                               "省工业和信息化委员会", "省农垦总局", "省森工总局", "省教育厅", "省旅游局"]),
        Expected(number: 16, title: "推进农村教育事业发展工作,实现公平教育",
                 leads: ["省教育厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省人力资源和社会保障厅", "省农垦总局", "省森工总局"]),
        Expected(number: 17, title: "推进农村医疗卫生事业发展工作",
                 leads: ["省卫生厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省人力资源和社会保障厅", "省民政厅", "省农垦总局",
                               "省林业厅", "省森工总局"]),
        Expected(number: 18, title: "推进农村社会保障、社会救助工作",
                 leads: ["省人力资源和社会保障厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省公安厅", "省民政厅", "省农垦总局", "省森工总局",
                               "省教育厅", "省卫生厅"]),
        Expected(number: 19, title: "推进商品市场完善工作,建设一批区域中心市场和专业市场,健全商品流通机制",
                 leads: ["省商务厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省农垦总局", "省森工总局", "省金融办",
                               "省质量技术监督局"]),
        Expected(number: 20, title: "推进金融市场完善工作,为城乡统筹提供金融支持",
                 leads: ["省金融办"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省农垦总局", "省森工总局", "省国资委", "省商务厅"]),
        Expected(number: 21, title: "推进生产要素市场完善工作,促进城乡生产要素有效流动",
                 leads: ["省农委"],
                 cooperating: ["省财政厅", "省发改委", "省国土资源厅", "省供销社", "省人力资源和社会保障厅",
                               "省工业和信息化委员会", "省农垦总局", "省森工总局", "省金融办", "省质量技术监督局"]),
        Expected(number: 22, title: "推进农村社区建设,建立城乡统筹的社区化管理模式",
                 leads: ["省民政厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省人力资源和社会保障厅", "省公安厅", "省农垦总局",
                               "省森工总局", "省教育厅"]),
        Expected(number: 23, title: "推进平安龙江建设,确保城乡和谐稳定",
                 leads: ["省公安厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省人力资源和社会保障厅", "省民政厅", "省农垦总局",
                               "省森工总局", "省交通运输厅", "省司法厅", "省综治委"]),
        Expected(number: 24, title: "推进城中村改造工作,将城中村纳入城市管理",
                 leads: ["省住房和城乡建设厅"],
                 cooperating: ["省发改委", "省财政厅", "省农委", "省国土资源厅", "省人力资源和社会保障厅", "省公安厅",
                               "省民政厅"]),
    ]

    @Test func importsTwentyFourTasksInOrder() throws {
        let result = try TableImporter.builtIn()
        #expect(result.format == .boxDrawing)
        #expect(result.plan.tasks.count == 24)
        #expect(result.plan.tasks.map(\.number) == Array(1...24))
        #expect(result.plan.office == Office.seed)
    }

    @Test(arguments: expected)
    func everyTaskAsPublished(_ e: Expected) throws {
        let plan = try TableImporter.builtIn().plan
        let t = try #require(plan.task(number: e.number))
        #expect(t.title == e.title)
        #expect(t.leads == e.leads)
        #expect(t.cooperating == e.cooperating)
        // Leads come first in the task's ordered list, and nothing else is attached.
        #expect(t.assignments.map(\.unit) == e.leads + e.cooperating)
        #expect(t.milestones.isEmpty)
        #expect(t.followUp == nil && t.notes.isEmpty)
    }

    @Test func expectationsCoverAllTasks() {
        #expect(Self.expected.map(\.number) == Array(1...24))
    }

    @Test func unitColumnsInOrderOfFirstAppearance() throws {
        let plan = try TableImporter.builtIn().plan
        let abbrs = "住建 发改 财政 国土 人社 公安 民政 工信 交通 教育 旅游 环保 商务 卫生 金融 电力 农垦 森工 林业 文明 科技 农委 水利 国资 广电 通信 文化 质监 供销 司法 综治"
            .split(separator: " ").map(String.init)
        #expect(plan.units.count == 31)
        #expect(plan.units.map(\.abbr) == abbrs)
        #expect(plan.units.prefix(3).map(\.name) == ["省住房和城乡建设厅", "省发改委", "省财政厅"])
        // Units keep the directory's names, not the table's spelling.
        let directory = try UnitDirectory.builtIn()
        for u in plan.units {
            #expect(directory.contains(u), "\(u.name) should be the directory's entry")
        }
    }

    @Test func everyUnitColumnIsUsed() throws {
        let plan = try TableImporter.builtIn().plan
        for u in plan.units {
            let c = plan.counts(for: u.name)
            #expect(c.lead + c.cooperating > 0, "\(u.name) is a column but has no role")
        }
        // Counted by hand from the seed: 发改委 leads tasks 2, 3, 5, 6 and cooperates on 1, 4 and 7–24;
        // 住建 leads 1–4 and 24 and cooperates on 5–7.
        let ndrc = plan.counts(for: "省发改委")
        #expect(ndrc.lead == 4 && ndrc.cooperating == 20)
        let housing = plan.counts(for: "省住房和城乡建设厅")
        #expect(housing.lead == 5 && housing.cooperating == 3)
    }

    @Test func repairsAreReportedAndNoOthers() throws {
        let repairs = try TableImporter.builtIn().repairs
        let summary = repairs.map { "\($0.kind.rawValue) \($0.task.map(String.init) ?? "-") \($0.line.map(String.init) ?? "-")" }
        #expect(summary == [
            "numberRepaired 1 14",
            "leadAndCooperating 2 19",
            "aliasApplied 5 33",
            "numberRepaired 21 116",
        ])
        #expect(repairs.map(\.message) == [
            "task 1 (line 14): number \"l\" read as 1",
            "task 2 (line 19): 省发改委 is listed both as lead and as cooperating unit; kept as lead",
            "task 5 (line 33): \"省建设厅\" read as 省住房和城乡建设厅 (alias)",
            "task 21 (line 116): number \"2l\" read as 21",
        ])
        #expect(repairs.allSatisfy { $0.description == $0.message })
    }

    @Test func detectsBoxDrawing() throws {
        let text = try BuiltIn.seedTableText()
        #expect(TableImporter.detectFormat(text) == .boxDrawing)
        let detected = try TableImporter.importTable(text, directory: UnitDirectory.builtIn(), office: .seed)
        #expect(detected.format == .boxDrawing)
        #expect(detected.plan == (try TableImporter.builtIn().plan))
        // Without an office named, an imported table gets none (not the seed's).
        #expect(try TableImporter.importTable(text, directory: UnitDirectory.builtIn()).plan.office == .unnamed)
    }

    @Test func seedWithCRLFLineEndsImportsTheSame() throws {
        let text = try BuiltIn.seedTableText().replacingOccurrences(of: "\n", with: "\r\n")
        let r = try TableImporter.importTable(text, directory: UnitDirectory.builtIn(), office: .seed)
        let seed = try TableImporter.builtIn()
        #expect(r.plan == seed.plan)
        #expect(r.repairs == seed.repairs)
    }
}
