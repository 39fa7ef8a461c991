import Testing
@testable import DubanCore

/// CSV and TSV tables with a header row.
@Suite struct ImportDelimitedTests {
    @Test func csvWithQuotesNewlinesAndMilestones() throws {
        // Line 3 starts a record whose quoted fields run to line 5.
        let csv = """
        序号,名称,牵头部门,协同部门,完成时限
        1,"推进以""三棚一草""改造为主要内容的城乡住房建设,改善条件",省住房和城乡建设厅,"省发改委、财政厅",2027年底前完成
        2,"推进（试点）
        工作","省农委","省财政厅,
        国土资源厅",2027-06-30
        3,推进三,省教育厅,,长期坚持
        """
        let r = try TableImporter.importTable(csv, directory: importTestDirectory)
        #expect(r.format == .csv)
        #expect(r.plan.tasks.map(\.number) == [1, 2, 3])
        let t1 = try #require(r.plan.task(number: 1))
        #expect(t1.title == "推进以\"三棚一草\"改造为主要内容的城乡住房建设,改善条件")
        #expect(t1.leads == ["省住房和城乡建设厅"])
        #expect(t1.cooperating == ["省发改委", "省财政厅"])
        #expect(t1.milestones == [Milestone(id: 1, title: "2027年底前完成", due: Day("2027-12-31"))])
        let t2 = try #require(r.plan.task(number: 2))
        // A line break inside a quoted title joins like a wrapped cell; full-width brackets stay.
        #expect(t2.title == "推进（试点）工作")
        #expect(t2.leads == ["省农委"])
        #expect(t2.cooperating == ["省财政厅", "省国土资源厅"])
        #expect(t2.milestones == [Milestone(id: 2, title: "2027-06-30", due: Day("2027-06-30"))])
        let t3 = try #require(r.plan.task(number: 3))
        #expect(t3.cooperating.isEmpty)
        #expect(t3.milestones == [Milestone(id: 3, title: "长期坚持", due: nil)])
        #expect(r.repairs.isEmpty)
    }

    @Test func bomAndCRLFAreTolerated() throws {
        let csv = "\u{FEFF}序号,名称,牵头部门,协同部门\r\n1,推进一,省财政厅,省农委\r\n2,\"推进\r\n二\",省农委,\r\n"
        let r = try TableImporter.importTable(csv, directory: importTestDirectory)
        #expect(r.format == .csv)
        #expect(r.plan.tasks.map(\.title) == ["推进一", "推进二"])
        #expect(r.plan.task(number: 1)?.cooperating == ["省农委"])
        #expect(r.plan.task(number: 2)?.leads == ["省农委"])
        // Physical lines count through the CRLF inside the quoted title: the bad row is line 5.
        let bad = csv + "3,推进三,省农委,,多余\r\n"
        #expect(importFailure(bad) == ImportError(line: 5, message: "this row has 5 fields but the header on line 1 has 4"))
    }

    @Test func tsvWithSynonymHeadersAndExtraColumns() throws {
        let tsv = """
        编号\t重点任务\t牵头单位\t配合单位\t时间节点\t备注
        1\t推进一\t省发改委\t省财政厅；教育厅;国土厅\t2026年9月30日前\t季度调度
        2\t推进二\t省财政厅\t\t2026年3月底\t
        """
        #expect(TableImporter.detectFormat(tsv) == .tsv)
        let r = try TableImporter.importTable(tsv, directory: importTestDirectory)
        #expect(r.format == .tsv)
        let t1 = try #require(r.plan.task(number: 1))
        #expect(t1.leads == ["省发改委"])
        #expect(t1.cooperating == ["省财政厅", "省教育厅", "省国土资源厅"])
        #expect(t1.milestones.first?.due == Day("2026-09-30"))
        #expect(r.plan.task(number: 2)?.milestones.first?.due == Day("2026-03-31"))
        // 国土厅 is an alias.
        #expect(r.repairSummary == ["aliasApplied 1 2"])
    }

    @Test func missingRequiredColumnIsAnErrorAtLineOne() {
        #expect(importFailure("序号,名称,协同部门\n1,推进,省财政厅\n") ==
                ImportError(line: 1, message: "the header has no column 牵头部门 (lead) or 责任单位 (responsible units); the headers found are: 序号, 名称, 协同部门"))
        #expect(importFailure("名称,牵头部门\n推进,省财政厅\n") ==
                ImportError(line: 1, message: "the header has no column 序号 (number); the headers found are: 名称, 牵头部门"))
        #expect(importFailure("序号,名称,牵头单位,牵头部门\n1,推进,省财政厅,省农委\n") ==
                ImportError(line: 1, message: "column 牵头部门 (lead) appears twice in the header (牵头单位 and 牵头部门)"))
        // Every missing column in one message, with the headers found (spaces inside removed).
        #expect(importFailure("编 码,事由,协 同 部 门,备注\n1,推进,省财政厅,\n") ==
                ImportError(line: 1, message: "the header has no columns 序号 (number), 名称 (title), 牵头部门 (lead) or 责任单位 (responsible units); the headers found are: 编码, 事由, 协同部门, 备注"))
    }

    @Test func extraFieldIsAnErrorWithItsLine() {
        let csv = "序号,名称,牵头部门\n1,推进一,省财政厅\n\n2,推进二,省农委,省财政厅\n"
        #expect(importFailure(csv) == ImportError(line: 4, message: "this row has 4 fields but the header on line 1 has 3"))
        // Fewer fields than the header are read as empty cells.
        let short = "序号,名称,牵头部门,协同部门\n1,推进一,省财政厅\n"
        #expect(importFailure(short) == nil)
        // Empty fields after the last column (Excel's trailing commas) are no extra text.
        #expect(importFailure("序号,名称,牵头部门\n1,推进一,省财政厅,,\n") == nil)
    }

    @Test func badQuotingNamesTheLine() {
        #expect(importFailure("序号,名称,牵头部门\n1,\"推进一,省财政厅\n2,推进二,省农委\n") ==
                ImportError(line: 2, message: "the quoted field starting on this line is not closed"))
        #expect(importFailure("序号,名称,牵头部门\n1,\"推进\"一,省财政厅\n") ==
                ImportError(line: 2, message: "there is text after the closing quote of a field"))
    }

    @Test func emptyAndHeaderOnlyInputs() {
        #expect(importFailure("", format: .csv) == ImportError(line: 1, message: "the table is empty: there is no header row"))
        #expect(importFailure("\n序号,名称,牵头部门\n\n") == ImportError(line: 2, message: "the table has no data rows"))
    }

    @Test func rowErrorsCarryTheirLine() {
        #expect(importFailure("序号,名称,牵头部门\n1,推进一,省财政厅\nx,推进二,省农委\n") ==
                ImportError(line: 3, message: "the task number \"x\" cannot be read as a number"))
        #expect(importFailure("序号,名称,牵头部门\n1,,省财政厅\n") ==
                ImportError(line: 2, message: "task 1 has no title (名称)"))
    }

    @Test func detectionByHeaderLine() {
        #expect(TableImporter.detectFormat("序号,名称\t说明,牵头部门\n") == .tsv)
        #expect(TableImporter.detectFormat("\n序号,名称,牵头部门\n1,a\tb,c\n") == .csv)
        #expect(TableImporter.detectFormat("序号,名称,牵头部门\n") == .csv)
        #expect(TableImporter.detectFormat("说明\n┌─┐\n") == .boxDrawing)
    }

    @Test func forcedFormatWins() throws {
        // A TSV-looking text read as CSV has one column per line, so no 序号 column is found.
        let tsv = "序号\t名称\t牵头部门\n1\t推进\t省财政厅\n"
        #expect(importFailure(tsv, format: .csv)?.line == 1)
        #expect(try TableImporter.importTable(tsv, format: .tsv, directory: importTestDirectory).plan.tasks.count == 1)
    }

    @Test func numberingRepairs() throws {
        let csv = """
        序号,名称,牵头部门
        1,推进一,省财政厅
        4,推进四,省农委
        4,推进四乙,省农委
        2,推进二,
        """
        let r = try TableImporter.importTable(csv, directory: importTestDirectory)
        // The second 4 becomes 5 (after the highest number), and tasks are listed by number.
        #expect(r.plan.tasks.map(\.number) == [1, 2, 4, 5])
        #expect(r.plan.task(number: 5)?.title == "推进四乙")
        #expect(r.plan.task(number: 2)?.leads == [])
        #expect(r.repairSummary == ["numberGap 4 3", "duplicateNumber 5 4", "noLead 2 5"])
        #expect(r.repairs.map(\.message) == [
            "task 4 (line 3): there is no task 3 before this one",
            "task 5 (line 4): number 4 is already used by the task on line 3; renumbered 5",
            "task 2 (line 5): the task has no lead unit (牵头部门)",
        ])
    }

    @Test func quotedFieldsInTSV() throws {
        let tsv = "序号\t名称\t牵头部门\n1\t\"推进\t一\"\t省财政厅\n"
        let r = try TableImporter.importTable(tsv, directory: importTestDirectory)
        #expect(r.plan.task(number: 1)?.title == "推进\t一")
    }
}
