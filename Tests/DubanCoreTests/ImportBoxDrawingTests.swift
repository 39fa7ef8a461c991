import Testing
@testable import DubanCore

/// Small box-drawing tables, well-formed and broken. Line numbers in comments are the
/// physical lines of the text (the line after `"""` is line 1).
@Suite struct ImportBoxDrawingTests {
    static let good = """
    附件:测试表
    ┌──┬────┬────┬────┐
    │序号│ 名 称 │ 牵头部门 │ 协 同 部 门 │
    ├──┼────┼────┼────┤
    │  │推进一项 │省财政 │省发改委、 │
    │ 1│工作,改善  │厅   │教育厅   │
    ├──┼────┼────┼────┤
    │ 2│推进二   │省农委 │         │
    └──┴────┴────┴────┘
    """

    @Test func readsWrappedCells() throws {
        let r = try TableImporter.importTable(Self.good, directory: importTestDirectory)
        #expect(r.format == .boxDrawing)
        #expect(r.plan.tasks.map(\.number) == [1, 2])
        let t1 = try #require(r.plan.task(number: 1))
        #expect(t1.title == "推进一项工作,改善")
        #expect(t1.leads == ["省财政厅"])
        #expect(t1.cooperating == ["省发改委", "省教育厅"])
        let t2 = try #require(r.plan.task(number: 2))
        #expect(t2.title == "推进二")
        #expect(t2.leads == ["省农委"])
        #expect(t2.cooperating.isEmpty)
        #expect(r.plan.units.map(\.name) == ["省财政厅", "省发改委", "省教育厅", "省农委"])
        #expect(r.repairs.isEmpty)
    }

    @Test func wrongSeparatorCountNamesTheLine() {
        let text = Self.good.replacingOccurrences(of: "│ 1│工作,改善  │厅   │教育厅   │", with: "│ 1│工作,改善  │厅   教育厅   │")
        let e = importFailure(text)
        #expect(e == ImportError(line: 6, message:
            "this row has 4 │ separators; the table starting on line 2 has 4 columns, so it needs 5"))
        #expect(e?.description.hasPrefix("line 6: ") == true)
        // One separator too many is just as wrong.
        let more = Self.good.replacingOccurrences(of: "│ 2│推进二   │省农委 │         │", with: "│ 2│推进二   │省农委 │    │     │")
        #expect(importFailure(more)?.line == 8)
    }

    @Test func unclosedSegmentAtTheEndNamesWhereItStarted() {
        let text = Self.good.replacingOccurrences(of: "\n└──┴────┴────┴────┘", with: "")
        #expect(importFailure(text) == ImportError(line: 2, message:
            "the table starting on this line is not closed: no └ before the end of the text"))
    }

    @Test func unclosedSegmentBeforeTheNextOne() {
        // The first segment (line 2) runs into a second ┌ on line 8.
        let text = """
        附件:测试表
        ┌──┬────┬────┬────┐
        │序号│ 名 称 │ 牵头部门 │ 协 同 部 门 │
        ├──┼────┼────┼────┤
        │ 1│推进一 │省财政厅 │    │
        ├──┼────┼────┼────┤
        │ 2│推进二 │省农委 │    │
        ┌──┬────┬────┬────┐
        │序号│ 名 称 │ 牵头部门 │ 协 同 部 门 │
        ├──┼────┼────┼────┤
        │ 3│推进三 │省农委 │    │
        └──┴────┴────┴────┘
        """
        #expect(importFailure(text) == ImportError(line: 2, message:
            "the table starting on this line is not closed: no └ before the next ┌ on line 8"))
    }

    @Test func proseInsideASegmentMeansItIsNotClosed() {
        let text = Self.good.replacingOccurrences(of: "└──┴────┴────┴────┘", with: "说明:以上为分工。")
        #expect(importFailure(text) == ImportError(line: 2, message:
            "the table starting on this line is not closed: no └ before line 9, which is not part of a table"))
    }

    @Test func unrepairableNumberNamesItsLine() {
        let text = Self.good.replacingOccurrences(of: "│ 2│推进二", with: "│ 2x│推进二")
        #expect(importFailure(text) == ImportError(line: 8, message: "the task number \"2x\" cannot be read as a number"))
        let zero = Self.good.replacingOccurrences(of: "│ 2│推进二", with: "│ 0│推进二")
        #expect(importFailure(zero)?.line == 8)
        let huge = Self.good.replacingOccurrences(of: "│ 2│推进二", with: "│ 9223372036854775807│推进二")
        #expect(importFailure(huge)?.line == 8)
        let fullWidth = Self.good.replacingOccurrences(of: "│ 2│推进二", with: "│ ２│推进二")
        #expect((try? TableImporter.importTable(fullWidth, directory: importTestDirectory))?.plan.tasks.map(\.number) == [1, 2])
        // A first row without a number has no task above to continue.
        let empty = Self.good.replacingOccurrences(of: "│ 1│工作", with: "│  │工作")
        #expect(importFailure(empty) == ImportError(line: 5, message: "the task number (序号) is empty"))
    }

    @Test func ocrNumbersAreRepairedAndReported() throws {
        let text = Self.good
            .replacingOccurrences(of: "│ 1│工作", with: "│ l│工作")
            .replacingOccurrences(of: "│ 2│推进二", with: "│ lO│推进二")
        let r = try TableImporter.importTable(text, directory: importTestDirectory)
        #expect(r.plan.tasks.map(\.number) == [1, 10])
        #expect(r.repairSummary == ["numberRepaired 1 6", "numberRepaired 10 8", "numberGap 10 8"])
        #expect(r.repairs[1].message == "task 10 (line 8): number \"lO\" read as 10")
        #expect(r.repairs[2].message == "task 10 (line 8): there are no tasks 2 to 9 before this one")
    }

    @Test func emptyTableIsAnError() {
        let text = """
        附件:
        ┌──┬────┬────┬────┐
        │序号│ 名 称 │ 牵头部门 │ 协 同 部 门 │
        ├──┼────┼────┼────┤
        │  │     │     │     │
        └──┴────┴────┴────┘
        """
        #expect(importFailure(text) == ImportError(line: 2, message: "the table has no data rows"))
        #expect(importFailure("只有正文,没有表格。", format: .boxDrawing) ==
                ImportError(line: 1, message: "no table found: no line starts with ┌"))
    }

    @Test func headerMustNameTheRequiredColumns() {
        let text = Self.good.replacingOccurrences(of: "│ 牵头部门 │", with: "│ 负责人 │")
        #expect(importFailure(text) == ImportError(line: 3, message:
            "the header has no column 牵头部门 (lead) or 责任单位 (responsible units); the headers found are: 序号, 名称, 负责人, 协同部门"))
        let none = Self.good.replacingOccurrences(of: "│序号│ 名 称 │ 牵头部门 │ 协 同 部 门 │\n", with: "")
        #expect(importFailure(none) == ImportError(line: 2, message: "the table starting on this line has no header row"))
    }

    @Test func bordersMustMatchTheColumns() {
        let text = Self.good.replacingOccurrences(of: "├──┼────┼────┼────┤\n│ 2", with: "├──┼────┼────┤\n│ 2")
        #expect(importFailure(text) == ImportError(line: 7, message:
            "this border has 3 columns but the table starting on line 2 has 4"))
    }

    @Test func tableLinesOutsideATableAreErrors() {
        #expect(importFailure("│ 1│推进│省财政厅│ │\n") ==
                ImportError(line: 1, message: "a table row outside a table (no ┌ above it)"))
        let after = Self.good + "\n│ 3│推进三 │省农委 │  │"
        #expect(importFailure(after)?.line == 10)
    }

    @Test func segmentsMayOrderColumnsDifferently() throws {
        // Each segment has its own header; the second puts 牵头部门 last and adds 完成时限.
        let text = """
        ┌──┬────┬────┬────┐
        │序号│ 名 称 │ 牵头部门 │ 协 同 部 门 │
        ├──┼────┼────┼────┤
        │ 1│推进一 │省财政厅 │省农委  │
        └──┴────┴────┴────┘
        ┌──┬────┬────┬────┬────┐
        │序号│ 名 称 │ 协同部门 │完成时限│ 牵头部门 │
        ├──┼────┼────┼────┼────┤
        │ 2│推进二 │省财政厅 │2027年 │省农委 │
        │  │    │      │6月底前│       │
        └──┴────┴────┴────┴────┘
        """
        let r = try TableImporter.importTable(text, directory: importTestDirectory)
        let t2 = try #require(r.plan.task(number: 2))
        #expect(t2.leads == ["省农委"])
        #expect(t2.cooperating == ["省财政厅"])
        #expect(t2.milestones.map(\.title) == ["2027年6月底前"])
        #expect(t2.milestones.first?.due == Day("2027-06-30"))
        #expect(r.plan.units.map(\.name) == ["省财政厅", "省农委"])
    }
}
