import Foundation
import Testing

/// `duban init --from` with the files offices have: GB18030 text, .xlsx workbooks, and files
/// it must refuse without writing anything.
@Suite(.serialized) struct TableFileCLITests {
    /// A file of the DubanCoreTests corpus or fixtures (made by scripts/make-table-fixtures.py).
    static func testFile(_ path: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DubanCoreTests").appendingPathComponent(path).path
    }

    @Test func gb18030TextIsReadAndTheEncodingNamed() throws {
        let cli = try CLI()
        let text = "序号,名称,牵头单位,配合单位\r\n1,推进城乡供水一体化,省水利厅,省财政厅、省农委\r\n"
        let path = cli.dir.appendingPathComponent("gb.csv")
        try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))).write(to: path)
        let r = try cli.run(["init", "--from", path.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("\(path.path): read as GB18030."))
        #expect(try cli.task(1)["title"] as? String == "推进城乡供水一体化")
        #expect(try cli.task(1)["cooperating"] as? [String] == ["省财政厅", "省农委"])
    }

    @Test func aWorkbookIsReadFromItsFirstSheet() throws {
        let cli = try CLI()
        let r = try cli.run(["init", "--from", Self.testFile("FuzzCorpus/xlsx/small.xlsx")])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("read sheet Sheet of the workbook."))
        // Row 3's lead cell is merged with row 2's: the value is copied into it.
        #expect(try cli.task(2)["title"] as? String == "推进二")
        #expect(try cli.task(2)["lead"] as? [String] == ["省财政厅"])
    }

    @Test func unreadableFilesAreRefusedAndNothingIsWritten() throws {
        let cli = try CLI()
        let book = Self.testFile("Fixtures/table.xlsx")
        let noSheet = try cli.run(["init", "--from", book, "--sheet", "不存在"])
        #expect(noSheet.status != 0)
        #expect(noSheet.err.contains("\(book): the workbook has no sheet named 不存在; its sheets are 分工表, 说明; nothing was written."))
        let xls = try cli.run(["init", "--from", Self.testFile("FuzzCorpus/xlsx/ole2-xls-header.xls")])
        #expect(xls.status != 0 && xls.err.contains("save it as .xlsx"))
        let notText = try cli.run(["init", "--from", Self.testFile("FuzzCorpus/decoder/invalid-everywhere.csv")])
        #expect(notText.status != 0 && notText.err.contains("is not text in UTF-8, UTF-16 or GB18030 (line 3"))
        let notes = try cli.run(["init", "--from", book, "--sheet", "说明"])
        #expect(notes.status != 0 && notes.err.contains("\(book) sheet 说明 row 1: "), "\(notes.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.file))
    }
}
