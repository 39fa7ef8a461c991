import Foundation
import Testing
@testable import DubanCore
@testable import DubanImportFiles

/// The xlsx writer (read back by the project's own reader) and the round trip's rules.
@Suite struct XLSXWriterTests {
    @Test func theReaderReadsBackWhatTheWriterWrites() throws {
        var s = XLSXWriter.Sheet(name: "进展填报")
        s.widths = [9, 36, nil]
        s.frozenRows = 1
        s.protected = true
        s.rows = [[.init("任务编号", .header), .init("任务名称", .header), .init("进展情况", .header)],
                  [.init("2"), .init("a < b & \"c\"\n第二行"), .init("", .unlocked)],
                  [.init("3"), .init("控制\u{1}字符"), .init("已填", .unlocked)]]
        s.lists = [("C2:C3", ["是", "否"])]
        var hidden = XLSXWriter.Sheet(name: "duban")
        hidden.hidden = true
        hidden.rows = [[.init("unit"), .init("省发改委")]]
        var wb = XLSXWriter()
        wb.sheets = [s, hidden]
        wb.definedNames = [("DUBAN_UNIT", "'duban'!$B$1")]
        let reader = try XLSXReader(data: try wb.data())
        #expect(reader.sheetNames == ["进展填报", "duban"])
        #expect(reader.firstSheet == "进展填报")
        let rows = try reader.records().map(\.cellTexts)
        #expect(rows.count == 3)
        #expect(rows[0] == ["任务编号", "任务名称", "进展情况"])
        #expect(rows[1].prefix(2) == ["2", "a < b & \"c\"\n第二行"])
        #expect(rows[2] == ["3", "控制字符", "已填"], "a control character XML cannot carry is left out")
        #expect(try reader.records(sheet: "duban").map(\.cellTexts) == [["unit", "省发改委"]])
    }

    @Test func theSheetCarriesItsFrozenPaneProtectionWidthsAndLockedStyles() throws {
        var s = XLSXWriter.Sheet(name: "S")
        s.widths = [12]
        s.frozenRows = 1
        s.protected = true
        s.rows = [[.init("h", .header), .init("x", .unlocked)]]
        var wb = XLSXWriter()
        wb.sheets = [s]
        let parts = Dictionary(uniqueKeysWithValues: wb.parts())
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<sheetProtection sheet=\"1\""))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"12.0\" customWidth=\"1\"/>"))
        // Elements in the order the schema requires: views, cols, data, protection.
        let order = ["<sheetViews>", "<cols>", "<sheetData>", "<sheetProtection", "<pageMargins"].map { sheet.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        let styles = try #require(parts["xl/styles.xml"])
        #expect(styles.contains("<protection locked=\"0\"/>") && styles.contains("<protection locked=\"1\"/>"))
        #expect(XLSXWriter.column(1) == "A" && XLSXWriter.column(26) == "Z" && XLSXWriter.column(27) == "AA")
    }
}

@Suite struct ReportRoundRuleTests {
    func plan() throws -> Plan { try TableImporter.builtIn().plan }

    @Test func periodsAndDeadlines() {
        #expect(ReportPeriod("2027-03")?.description == "2027-03")
        #expect(ReportPeriod("2027-3")?.last == Day(year: 2027, month: 3, day: 31))
        #expect(ReportPeriod("2027-13") == nil && ReportPeriod("27-03") == nil && ReportPeriod("2027-03-01") == nil)
        #expect(ReportPeriod(year: 2027, month: 12).deadline(day: 5) == Day(year: 2028, month: 1, day: 5))
        #expect(ReportPeriod(year: 2027, month: 1).deadline(day: 31) == Day(year: 2027, month: 2, day: 28))
        #expect(ReportPeriod.previous(Day(year: 2027, month: 1, day: 4)!).description == "2026-12")
    }

    @Test func collectChecksEveryRowAndLeavesOutWhatIsAlreadyThere() throws {
        var p = try plan()
        let today = Day(year: 2027, month: 4, day: 3)!
        let period = ReportPeriod(year: 2027, month: 3)
        let header = ReportRound.Column.allCases.map(\.header)
        func row(_ line: Int, _ task: String, _ progress: String, close: String = "") -> (line: Int, cells: [String]) {
            (line, [task, "", "", "", "", progress, "", "", close])
        }
        let good = ReportRound.collect(records: [(1, header), row(2, "2", "进展", close: "是"), row(3, "3", "")],
                                       unit: "省发改委", period: period, plan: p, today: today)
        #expect(good.problems.isEmpty && good.reports == 1 && good.closeRequests == 1)
        #expect(good.edits.count == 3, "report, then 签收 and 申请办结 of an assigned part")
        for e in good.edits { _ = try p.apply(e) }
        let again = ReportRound.collect(records: [(1, header), row(2, "2", "进展", close: "是")],
                                        unit: "省发改委", period: period, plan: p, today: today)
        #expect(again.edits.isEmpty && again.duplicates == 1)
        let bad = ReportRound.collect(records: [(1, header), row(2, "x", "a"), row(3, "99", "a"), row(4, "4", "", close: "是"),
                                                row(5, "5", "a", close: "可能"), row(6, "5", "b")],
                                      unit: "省发改委", period: period, plan: p, today: today)
        #expect(bad.problems.map(\.line) == [2, 3, 4, 5], "\(bad.problems)")
        #expect(bad.problems.map(\.column) == ["任务编号", "任务编号", "进展情况", "申请办结"])
        let noColumn = ReportRound.collect(records: [(1, ["任务编号", "进展情况"])], unit: "省发改委", period: period, plan: p, today: today)
        #expect(noColumn.problems.count == 3)
    }

    @Test func missingListsLeadUnitsWithoutAReportAndLateOnes() throws {
        let p = try plan()
        let period = ReportPeriod(year: 2027, month: 3)
        let m = ReportRound.missing(p, period: period, deadlineDay: 5,
                                    received: ["省发改委": Day(year: 2027, month: 4, day: 6)!, "省财政厅": Day(year: 2027, month: 4, day: 5)!])
        #expect(m.deadline == Day(year: 2027, month: 4, day: 5))
        #expect(m.unreported.first { $0.unit == "省发改委" }?.tasks == [2, 3, 5, 6])
        #expect(m.late.map(\.unit) == ["省发改委"])
    }
}
