import Testing
@testable import DubanCore

/// Tables in the forms other offices publish and hold (made up for these tests, none copied
/// from a real document): each asserted list by list — titles, leads, cooperating units,
/// milestones, notes and repairs. No unit directory: units keep their names as written.
@Suite struct ImportOtherTablesTests {
    struct Row: Equatable, CustomStringConvertible {
        var title: String
        var leads: [String]
        var cooperating: [String]
        var milestones: [String]
        var notes: String = ""
        var description: String { "\(title) | \(leads) | \(cooperating) | \(milestones) | \(notes)" }
    }

    /// A task as lists; a milestone as "title@due" ("title@-" without a due).
    static func rows(_ r: ImportResult) -> [Row] {
        r.plan.tasks.map { t in
            Row(title: t.title, leads: t.leads, cooperating: t.cooperating,
                milestones: t.milestones.map { "\($0.title)@\($0.due?.description ?? "-")" }, notes: t.notes)
        }
    }

    // MARK: 安徽-style CSV (UTF-8 with BOM): 重点工作, 具体措施, 牵头单位, 协同责任单位, 完成时限

    static let anhui = "\u{FEFF}" + """
    序号,重点工作,具体措施,牵头单位,协同责任单位,完成时限
    1,推进新型城镇化,实施城市更新行动,省发展改革委,"省财政厅、省自然资源厅等单位",2024年6月底前
    ,,开展试点评估,,,年底前
    2,优化营商环境,深化放管服改革,省数据资源局,"省 商 务 厅、市场监管局",每季度
    3,加强生态保护,推进林长制,省林业局,省生态环境厅（负责水质监测）,长期坚持
    """

    @Test func anhuiStyleCSVWithMeasures() throws {
        let r = try TableImporter.importTable(Self.anhui, directory: [])
        #expect(r.format == .csv)
        #expect(Self.rows(r) == [
            Row(title: "推进新型城镇化", leads: ["省发展改革委"], cooperating: ["省财政厅", "省自然资源厅"],
                milestones: ["2024年6月底前@2024-06-30", "年底前@2024-12-31"],
                notes: "具体措施：实施城市更新行动\n开展试点评估"),
            Row(title: "优化营商环境", leads: ["省数据资源局"], cooperating: ["省商务厅", "省市场监管局"],
                milestones: ["每季度（第一季度）@2024-03-31", "每季度（第二季度）@2024-06-30",
                             "每季度（第三季度）@2024-09-30", "每季度（第四季度）@2024-12-31"],
                notes: "具体措施：深化放管服改革"),
            Row(title: "加强生态保护", leads: ["省林业局"], cooperating: ["省生态环境厅"],
                milestones: ["长期坚持@-"], notes: "具体措施：推进林长制"),
        ])
        #expect(r.plan.units.map(\.abbr) == ["发展", "财政", "自然", "数据", "商务", "市场", "林业", "生态"])
        #expect(r.repairSummary == [
            "textDropped 1 2", "unitCreated 1 2", "unitCreated 1 2", "unitCreated 1 2",
            "rowContinued 1 3",
            "unitCreated 2 4", "unitCreated 2 4", "unitCreated 2 4", "yearAssumed 2 4",
            "textDropped 3 5", "unitCreated 3 5", "unitCreated 3 5",
        ])
        let messages = r.repairs.map(\.message)
        #expect(messages.contains("task 1 (line 2): \"省财政厅、省自然资源厅等单位\": 等单位 (and others) dropped; it names no unit"))
        #expect(messages.contains("task 1 (line 3): the row on line 3 has no 序号: read as part of task 1 above (merged cells), its cells joined to it"))
        #expect(messages.contains("task 3 (line 5): \"省生态环境厅（负责水质监测）\": the remark （负责水质监测） dropped; it names no unit"))
        #expect(messages.contains("task 2 (line 4): \"每季度\" and other dates without a year were read in 2024, the year the document names most often; pass --year to choose another"))
        // --year decides, and nothing is assumed.
        let y = try TableImporter.importTable(Self.anhui, directory: [], options: ImportOptions(year: 2025))
        #expect(y.plan.task(number: 2)?.milestones.map(\.due) == [Day("2025-03-31"), Day("2025-06-30"), Day("2025-09-30"), Day("2025-12-31")])
        #expect(y.plan.task(number: 1)?.milestones.map(\.due) == [Day("2024-06-30"), Day("2024-12-31")])
        #expect(!y.repairs.contains { $0.kind == .yearAssumed })
    }

    @Test func theSameTableAsTSV() throws {
        // WPS copies the table as TSV.
        let tsv = Self.anhui.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\"", with: "")
            .replacingOccurrences(of: "省财政厅\t省自然资源厅", with: "省财政厅、省自然资源厅")
        let a = try TableImporter.importTable(Self.anhui, directory: [])
        let b = try TableImporter.importTable(tsv, directory: [])
        #expect(b.format == .tsv)
        #expect(Self.rows(a) == Self.rows(b))
    }

    // MARK: State Council style: one 责任单位 column

    static let stateCouncil = """
    附件：重点任务分工方案（2024年）
    序号\t重点任务\t责任单位\t时间节点
    1\t健全城乡融合发展体制机制\t省发展改革委牵头，省财政厅、省自然资源厅按职责分工负责\t2024年12月31日前
    2\t推进农业转移人口市民化\t由省公安厅牵头，会同省人力资源社会保障厅、省教育厅等单位负责落实\t年内持续推进
    3\t完善社会保障体系\t牵头单位：省人力资源社会保障厅；配合单位：省民政厅、省医保局\t2024年底前
    4\t加强金融支持\t人民银行省分行（牵头）、省地方金融管理局、国家金融监督管理总局省监管局\t2024年6月底前
    5\t强化财政保障\t省财政厅、省税务局\t持续推进
    6\t推进数字乡村\t省委网信办\t2024年9月30日前
    7\t发展现代农业\t省农业农村厅牵头，年内持续推进\t
    8\t改善农村人居环境\t省住房城乡建设厅负责，省财政厅配合\t2024年第三季度
    """

    @Test func stateCouncilStyleResponsibleColumn() throws {
        // The title line above the header is left out (reported).
        let text = Self.stateCouncil
        let r = try TableImporter.importTable(text, directory: [], options: ImportOptions(year: 2024))
        #expect(Self.rows(r) == [
            Row(title: "健全城乡融合发展体制机制", leads: ["省发展改革委"], cooperating: ["省财政厅", "省自然资源厅"],
                milestones: ["2024年12月31日前@2024-12-31"]),
            Row(title: "推进农业转移人口市民化", leads: ["省公安厅"], cooperating: ["省人力资源社会保障厅", "省教育厅"],
                milestones: ["年内持续推进@2024-12-31"]),
            Row(title: "完善社会保障体系", leads: ["省人力资源社会保障厅"], cooperating: ["省民政厅", "省医保局"],
                milestones: ["2024年底前@2024-12-31"]),
            Row(title: "加强金融支持", leads: ["人民银行省分行"], cooperating: ["省地方金融管理局", "国家金融监督管理总局省监管局"],
                milestones: ["2024年6月底前@2024-06-30"]),
            Row(title: "强化财政保障", leads: [], cooperating: ["省财政厅", "省税务局"], milestones: ["持续推进@-"]),
            Row(title: "推进数字乡村", leads: ["省委网信办"], cooperating: [], milestones: ["2024年9月30日前@2024-09-30"]),
            Row(title: "发展现代农业", leads: ["省农业农村厅"], cooperating: [], milestones: ["年内持续推进@2024-12-31"]),
            Row(title: "改善农村人居环境", leads: ["省住房城乡建设厅"], cooperating: ["省财政厅"],
                milestones: ["2024年第三季度@2024-09-30"]),
        ])
        let kinds = r.repairs.map(\.kind).filter { $0 != .unitCreated }
        #expect(kinds == [.textDropped, .textDropped, .noLead, .leadAssumed, .dueMoved])
        #expect(r.repairs[0].message == "line 1: \"附件：重点任务分工方案（2024年）\" is above the header: read as the table's title, not a row")
        #expect(r.repairs.first { $0.kind == .noLead }?.message ==
                "task 5 (line 7): no unit in the 责任单位 cell is marked as lead (牵头); all 2 are read as cooperating (pass --first-leads if the first listed unit leads)")
        #expect(r.repairs.first { $0.kind == .leadAssumed }?.message ==
                "task 6 (line 8): 省委网信办 is the only unit in the 责任单位 cell and is read as lead (no 牵头 mark)")
        #expect(r.repairs.first { $0.kind == .dueMoved }?.message ==
                "task 7 (line 9): \"年内持续推进\" in the unit column is a time limit: moved to the milestones")

        // --first-leads: the first listed unit leads where nothing is marked.
        let f = try TableImporter.importTable(text, directory: [], options: ImportOptions(firstLeads: true, year: 2024))
        #expect(f.plan.task(number: 5)?.leads == ["省财政厅"])
        #expect(f.plan.task(number: 5)?.cooperating == ["省税务局"])
        #expect(Self.rows(f).map(\.leads) == Self.rows(r).map(\.leads).enumerated().map { $0.offset == 4 ? ["省财政厅"] : $0.element })
        #expect(!f.repairs.contains { $0.kind == .noLead })
    }

    @Test func theDocumentSayingTheFirstUnitLeads() throws {
        let text = """
        说明：责任单位中排在第一位的为牵头单位。
        ┌──┬──────┬──────────┐
        │序号│主要任务    │责任单位          │
        ├──┼──────┼──────────┤
        │ 1│推进一      │省财政厅、省税务局│
        └──┴──────┴──────────┘
        """
        let r = try TableImporter.importTable(text, directory: [])
        #expect(r.plan.task(number: 1)?.leads == ["省财政厅"])
        #expect(r.plan.task(number: 1)?.cooperating == ["省税务局"])
        #expect(r.repairs.first?.kind == .leadAssumed)
        #expect(r.repairs.first?.message == "line 1: the document says the first listed unit leads (\"说明：责任单位中排在第一位的为牵头单位\"): in each 责任单位 list without a 牵头 mark, the first unit is read as lead")
    }

    // MARK: County 民生实事 list, box-drawing, merged rows, collectives, 市 prefix

    static let county = """
    2024年市级民生实事项目责任分工表
    ┌──┬──────┬──────┬──────┬──────┐
    │序号│民生实事    │牵头单位    │协办单位    │完成时限    │
    ├──┼──────┼──────┼──────┼──────┤
    │ 1│新建改建城市│市住房城乡建│市财政局、各│2024年10月底│
    │  │公厕30座    │设局        │县（市、区）│前          │
    │  │            │            │政府        │            │
    ├──┼──────┼──────┼──────┼──────┤
    │  │            │            │自然资源局  │2024年底前  │
    ├──┼──────┼──────┼──────┼──────┤
    │ 2│老旧小区改造│市国土规划局│各县、市、区│6月底前     │
    │  │            │            │政府、市国资│            │
    │  │            │            │委          │            │
    ├──┼──────┼──────┼──────┼──────┤
    │ 3│农村饮水安全│市 水 利 局 │市农村农业局│每季度      │
    │  │            │            │、市农业农村│            │
    │  │            │            │局、市国土资│            │
    │  │            │            │源局        │            │
    └──┴──────┴──────┴──────┴──────┘
    """

    @Test func countyListInBoxText() throws {
        let r = try TableImporter.importTable(Self.county, directory: [])
        #expect(r.format == .boxDrawing)
        #expect(Self.rows(r) == [
            Row(title: "新建改建城市公厕30座", leads: ["市住房城乡建设局"],
                cooperating: ["市财政局", "各县（市、区）政府", "市自然资源局"],
                milestones: ["2024年10月底前@2024-10-31", "2024年底前@2024-12-31"]),
            Row(title: "老旧小区改造", leads: ["市国土规划局"], cooperating: ["各县、市、区政府", "市国资委"],
                milestones: ["6月底前@2024-06-30"]),
            Row(title: "农村饮水安全", leads: ["市水利局"], cooperating: ["市农村农业局", "市农业农村局", "市国土资源局"],
                milestones: ["每季度（第一季度）@2024-03-31", "每季度（第二季度）@2024-06-30",
                             "每季度（第三季度）@2024-09-30", "每季度（第四季度）@2024-12-31"]),
        ])
        // Abbreviations are unique: 市国土规划局 国土, 市国土资源局 国资 … and 市国资委 then 国委.
        let abbr = Dictionary(uniqueKeysWithValues: r.plan.units.map { ($0.name, $0.abbr) })
        #expect(abbr["市国土规划局"] == "国土")
        #expect(abbr["市国资委"] == "国资")
        #expect(abbr["市国土资源局"] == "国规" || abbr["市国土资源局"] == "国源")
        #expect(abbr["各县（市、区）政府"] == "各县")
        #expect(abbr["各县、市、区政府"] == "各市")
        #expect(Set(r.plan.units.map(\.abbr)).count == r.plan.units.count)
        let other = r.repairs.filter { $0.kind != .unitCreated }
        #expect(other.map { "\($0.kind.rawValue) \($0.line ?? 0)" } == ["rowContinued 9", "similarUnits 11", "yearAssumed 11", "similarUnits 16"])
        // The same collective written two ways is worth a look too.
        #expect(other[1].message == "line 11: 各县、市、区政府 and 各县（市、区）政府 (line 5) are nearly the same name; if they are one unit, correct the table")
        #expect(other.last?.message == "line 16: 市农业农村局 and 市农村农业局 (line 15) are nearly the same name; if they are one unit, correct the table")
    }

    @Test func partialBordersSplitOnlyTheirColumns() throws {
        // Task 1's number and title cells run on past a border drawn only under the other cells.
        let text = """
        ┌──┬──────┬──────┬──────┐
        │序号│重点任务    │责任单位    │完成时限    │
        ├──┼──────┼──────┼──────┤
        │ 1│推进城乡供水│省水利厅（牵│2024年6月底 │
        │  │一体化建设，│头）        │前          │
        │  ├──────┼──────┼──────┤
        │  │            │省住房城乡建│2024年底前  │
        │  │            │设厅        │            │
        └──┴──────┴──────┴──────┘
        """
        let r = try TableImporter.importTable(text, directory: [])
        #expect(Self.rows(r) == [
            Row(title: "推进城乡供水一体化建设，", leads: ["省水利厅"], cooperating: ["省住房城乡建设厅"],
                milestones: ["2024年6月底前@2024-06-30", "2024年底前@2024-12-31"]),
        ])
    }

    // MARK: Headers: two rows, line breaks, unknown columns

    @Test func twoHeaderRowsAndAnUnknownColumn() throws {
        let csv = """
        序号,重点任务,责任单位,,完成时限,分管领导
        ,,牵头单位,配合单位,,
        1,推进一,省财政厅,"省教育厅、省卫生健康委",2025年3月底前,张三
        2,推进二,省卫生健康委,,2025年底前,
        """
        let r = try TableImporter.importTable(csv, directory: [])
        #expect(Self.rows(r) == [
            Row(title: "推进一", leads: ["省财政厅"], cooperating: ["省教育厅", "省卫生健康委"],
                milestones: ["2025年3月底前@2025-03-31"], notes: "分管领导：张三"),
            Row(title: "推进二", leads: ["省卫生健康委"], cooperating: [], milestones: ["2025年底前@2025-12-31"]),
        ])
        #expect(r.repairs.filter { $0.kind != .unitCreated }.map(\.message) == [
            "line 1: column 分管领导 is not one the importer knows; its text is kept in each task's notes as \"分管领导：…\"",
            "line 2: read as the second row of the header on line 1 (序号, 重点任务, 牵头单位, 配合单位, 完成时限, 分管领导)",
        ])
    }

    @Test func headersWithLineBreaksAndSpacesAndTheCooperatingColumnThatVanished() throws {
        // 协同责任单位 used to be dropped silently; 具体措施 and 工作目标 go to the notes.
        let csv = """
        "序
        号",主要任务,"牵头
        责任单位",协 同 责 任 单 位,工作目标,时限要求
        1,推进一,省发展改革委,"省财政厅
        省教育厅",目标一,2024年底前
        """
        let r = try TableImporter.importTable(csv, directory: [])
        #expect(Self.rows(r) == [
            Row(title: "推进一", leads: ["省发展改革委"], cooperating: ["省财政厅", "省教育厅"],
                milestones: ["2024年底前@2024-12-31"], notes: "工作目标：目标一"),
        ])
        #expect(r.repairs.allSatisfy { $0.kind == .unitCreated })
    }

    @Test func aColumnWithoutAHeaderIsKeptAndReported() throws {
        let csv = "序号,名称,牵头单位,\n1,推进一,省财政厅,见附件1\n2,推进二,省财政厅,\n3,推进三,省财政厅,见附件3\n"
        let r = try TableImporter.importTable(csv, directory: [])
        #expect(r.plan.tasks.map(\.notes) == ["第4列：见附件1", "", "第4列：见附件3"])
        #expect(r.repairs.filter { $0.kind == .unusedColumn }.map(\.message) ==
                ["task 1 (line 2): column 4 has no header; its text is kept in the task's notes as \"第4列：…\""])
    }

    @Test func twoHeaderRowsInBoxText() throws {
        let text = """
        ┌──┬─────┬────┬────┬────┐
        │序号│重点任务  │牵头    │配合    │完成时限│
        ├──┼─────┼────┼────┼────┤
        │    │          │单位    │单位    │        │
        ├──┼─────┼────┼────┼────┤
        │ 1│推进一    │省财政厅│省教育厅│年底前  │
        └──┴─────┴────┴────┴────┘
        """
        let r = try TableImporter.importTable(text, directory: [], options: ImportOptions(year: 2026))
        #expect(Self.rows(r) == [Row(title: "推进一", leads: ["省财政厅"], cooperating: ["省教育厅"], milestones: ["年底前@2026-12-31"])])
        #expect(r.repairSummary.first == "headerJoined - 4")
    }

    @Test func numbersWrittenOtherWays() throws {
        let csv = "序号,民生实事,牵头单位\n1.,推进一,县财政局\n（2）,推进二,县财政局\n三,推进三,县财政局\n十二,推进十二,县财政局\n"
        let r = try TableImporter.importTable(csv, directory: [])
        #expect(r.plan.tasks.map(\.number) == [1, 2, 3, 12])
        #expect(r.repairSummary.filter { !$0.hasPrefix("unitCreated") } == ["numberGap 12 5"])
    }

    @Test func headerVocabulary() {
        let cases: [(String, ImportColumn?)] = [
            ("重点工作", .title), ("重点任务", .title), ("主要任务", .title), ("任务内容", .title), ("民生实事", .title),
            ("工作任务", .title), ("牵头单位", .lead), ("牵头责任单位", .lead), ("牵头部门", .lead),
            ("协同单位", .cooperating), ("协办单位", .cooperating), ("配合单位", .cooperating), ("参与单位", .cooperating),
            ("协同部门", .cooperating), ("协办部门", .cooperating), ("配合部门", .cooperating), ("参与部门", .cooperating),
            ("协同责任单位", .cooperating), ("配合责任单位", .cooperating), ("责任单位", .responsible),
            ("责任部门", .responsible), ("责任主体", .responsible), ("完成时限", .milestone), ("完成时间", .milestone),
            ("时间节点", .milestone), ("时限要求", .milestone), ("具体措施", .detail), ("工作措施", .detail),
            ("主要措施", .detail), ("工作目标", .detail), ("协 同 部 门", .cooperating), ("牵头单位（部门）", .lead),
            ("序 号", .number), ("分管领导", nil), ("牵头领导", nil), ("责任人", nil),
        ]
        for (h, c) in cases { #expect(ImportColumn.forHeader(h) == c, "\(h)") }
    }

    // MARK: Workbook records (merged cells), through ImportRecordRows

    @Test func mergedCopiesAreNotJoinedAgain() throws {
        func rec(_ line: Int, _ cells: [String], copies: Set<Int> = []) -> ImportRecord {
            ImportRecord(line: line, fields: cells.map { [ImportFragment(text: $0, line: line)] }, mergedCopies: copies)
        }
        var rows = ImportRecordRows()
        for r in [
            rec(1, ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]),
            rec(2, ["1", "推进一", "省财政厅", "省教育厅", "2024年6月底前"]),
            // 序号, title and lead merged over rows 2–3: copies, not new text.
            rec(3, ["1", "推进一", "省财政厅", "省卫生健康委", "2024年底前"], copies: [0, 1, 2]),
            // Task 2's lead is merged with task 3's: a copy in a row of its own task is its value.
            rec(4, ["2", "推进二", "省农业农村厅", "", "2025年底前"]),
            rec(5, ["3", "推进三", "省农业农村厅", "", "2025年底前"], copies: [2, 4]),
        ] {
            #expect(rows.add(r) == nil)
        }
        let table = try rows.finish()
        var assembled = try TableImporter.assemble(table, format: .xlsx, document: "", directory: [], office: .unnamed,
                                                   options: ImportOptions())
        #expect(Self.rows(assembled) == [
            Row(title: "推进一", leads: ["省财政厅"], cooperating: ["省教育厅", "省卫生健康委"],
                milestones: ["2024年6月底前@2024-06-30", "2024年底前@2024-12-31"]),
            Row(title: "推进二", leads: ["省农业农村厅"], cooperating: [], milestones: ["2025年底前@2025-12-31"]),
            Row(title: "推进三", leads: ["省农业农村厅"], cooperating: [], milestones: ["2025年底前@2025-12-31"]),
        ])
        assembled.repairs.removeAll { $0.kind == .unitCreated }
        #expect(assembled.repairSummary == ["rowContinued 1 3"])
    }

    // MARK: Unit names

    @Test func unitNameCleaning() {
        func parse(_ s: String) -> [String] {
            ImportClause.parse(ImportCellText(s, line: 1)).units.map { "\($0.item.text)/\($0.role)" }
        }
        #expect(parse("省发展改革委牵头，省财政厅、省自然资源厅按职责分工负责") ==
                ["省发展改革委/lead", "省财政厅/cooperating", "省自然资源厅/cooperating"])
        #expect(parse("由X厅牵头，会同Y厅、Z局等单位负责落实") == ["X厅/lead", "Y厅/cooperating", "Z局/cooperating"])
        #expect(parse("牵头单位：X厅；配合单位：Y厅，Z局") == ["X厅/lead", "Y厅/cooperating", "Z局/cooperating"])
        #expect(parse("X厅（牵头）、Y厅、Z局") == ["X厅/lead", "Y厅/unmarked", "Z局/unmarked"])
        #expect(parse("X厅负责，Y厅配合") == ["X厅/unmarked", "Y厅/cooperating"])
        #expect(parse("省 商 务 厅、省直有关部门、各设区市政府、各县（市、区）政府、各县、市、区政府等") ==
                ["省商务厅/unmarked", "省直有关部门/unmarked", "各设区市政府/unmarked", "各县（市、区）政府/unmarked",
                 "各县、市、区政府/unmarked"])
        #expect(parse("省财政厅和省教育厅负责") == ["省财政厅/unmarked", "省教育厅/unmarked"])
        #expect(parse("省住房和城乡建设厅") == ["省住房和城乡建设厅/unmarked"])
        let c = ImportClause.parse(ImportCellText("省财政厅（资金保障）、合肥海关等部门", line: 1))
        #expect(Set(c.dropped.map(\.text)) == ["（资金保障）", "等部门"])
    }

    @Test func prefixesAreLentOnlyToDepartmentsOfTheLevel() throws {
        let tsv = "序号\t名称\t牵头部门\t协同部门\n1\t推进\t省商务厅\t省财政厅、海关、人民银行合肥中心支行、各设区市政府、省直有关部门、税务局\n"
        let r = try TableImporter.importTable(tsv, directory: [])
        #expect(r.plan.task(number: 1)?.cooperating == ["省财政厅", "海关", "人民银行合肥中心支行", "各设区市政府", "省直有关部门", "省税务局"])
    }

    @Test func namesNearlyTheSame() {
        #expect(ImportUnitNames.areSimilar("省农村农业厅", "省农业农村厅"))
        #expect(ImportUnitNames.areSimilar("省自然资源厅", "省自然资源局"))
        #expect(!ImportUnitNames.areSimilar("省财政厅", "省民政厅"))
        #expect(!ImportUnitNames.areSimilar("省交通运输厅", "市交通运输局"))
        #expect(ImportUnitNames.areSimilar("省人力资源社会保障厅", "省人力资源和社会保障厅"))
    }

    @Test func abbreviationsAreUnique() {
        var used: Set<String> = []
        var out: [String] = []
        for n in ["市国土规划局", "市国资委", "市国土资源局", "市国土局", "省发展改革委", "省发展改革委员会办公室"] {
            let a = ImportUnitNames.abbreviation(for: n, avoiding: used)
            used.insert(a)
            out.append(a)
        }
        #expect(out == ["国土", "国资", "国源", "国局", "发展", "发改"])
    }

    // MARK: Dates

    @Test func timeLimits() {
        func r(_ s: String, _ y: Int? = 2024) -> [String] { ImportDueDate.read(s, year: y).dues.map(\.description) }
        #expect(r("2024年6月底前") == ["2024-06-30"])
        #expect(r("2024年底前") == ["2024-12-31"])
        #expect(r("2024年12月31日前") == ["2024-12-31"])
        #expect(r("6月底前", 2025) == ["2025-06-30"])
        #expect(r("年底前", 2025) == ["2025-12-31"])
        #expect(r("每季度") == ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"])
        #expect(r("每半年") == ["2024-06-30", "2024-12-31"])
        #expect(r("2024年上半年") == ["2024-06-30"])
        #expect(r("三季度末") == ["2024-09-30"])
        #expect(r("2025年") == ["2025-12-31"])
        #expect(r("2024年起") == [])
        // Years no calendar day has are no dates (and no crash).
        #expect(r("0000年底前") == [])
        #expect(r("每半年", 0) == [])
        #expect(r("上半年", 0) == [])
        #expect(r("2024年上半年", 0) == ["2024-06-30"])
        #expect(ImportDueDate.read("长期坚持", year: 2024).ongoing)
        #expect(ImportDueDate.read("持续推进", year: nil).ongoing)
        #expect(ImportDueDate.read("6月底前", year: nil).needsYear)
        #expect(ImportDueDate.read("2024年6月底前完成试点，年底前全面推开", year: nil).dues == [Day("2024-12-31")!])
        let cell = ImportCellText("2024年6月底前完成试点，年底前全面推开；长期坚持\n每季度调度", line: 1)
        #expect(ImportDueDate.entries(cell).map(\.text) == ["2024年6月底前完成试点", "年底前全面推开", "长期坚持", "每季度调度"])
        #expect(ImportDueDate.entries(ImportCellText("2024年底前，完成验收", line: 1)).map(\.text) == ["2024年底前，完成验收"])
        #expect(ImportDueDate.documentYear("2023年总结，2024年计划，2024年底前") == 2024)
    }

    @Test func undatedTimeLimitsAreReported() throws {
        let csv = "序号,名称,牵头单位,完成时限\n1,推进一,省财政厅,6月底前\n2,推进二,省财政厅,视情况而定\n"
        let r = try TableImporter.importTable(csv, directory: [])
        #expect(Self.rows(r).map(\.milestones) == [["6月底前@-"], ["视情况而定@-"]])
        #expect(r.repairs.filter { $0.kind == .undatedMilestone }.map(\.message) == [
            "task 1 (line 2): \"6月底前\" has no year and the document names none: kept as a milestone without a due date (pass --year to date it)",
            "task 2 (line 3): no date could be read from \"视情况而定\": kept as a milestone without a due date",
        ])
    }

    @Test func sectionHeadingsAreNotTasks() throws {
        let csv = "序号,重点任务,牵头单位\n一、稳增长,一、稳增长,一、稳增长\n1,推进一,省财政厅\n（二）惠民生,,\n2,推进二,省财政厅\n三,强保障,\n3,推进三,省财政厅\n"
        let r = try TableImporter.importTable(csv, directory: [])
        #expect(r.plan.tasks.map(\.title) == ["推进一", "推进二", "推进三"])
        #expect(r.repairs.filter { $0.kind == .textDropped }.map(\.line) == [2, 4, 6])
        #expect(r.repairs.last { $0.kind == .textDropped }?.message ==
                "line 6: \"三 强保障\" has no task number and no units: read as a section heading, not a task")
    }
}
