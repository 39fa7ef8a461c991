import DubanCore
import Foundation

/// The joint meeting's pack as a workbook (`duban meeting --format xlsx`): one sheet per section
/// of the pack (`Meeting.tables`), each with a bold header row, frozen, and column widths fitted
/// to the text (CJK counts double, between 6 and 60 characters). Not protected: the pack is for
/// reading and annotating. Charts are not drawn; their data are the last two sheets.
public enum MeetingWorkbook {
    public static func data(_ pack: Meeting.Pack) throws -> Data {
        var wb = XLSXWriter()
        for t in Meeting.tables(pack) {
            var sheet = XLSXWriter.Sheet(name: t.sheet)
            sheet.frozenRows = 1
            sheet.rows = [t.header.map { XLSXWriter.Cell($0, .header) }]
            sheet.rows += t.rows.map { $0.map { XLSXWriter.Cell($0, .locked) } }
            sheet.widths = t.header.indices.map { c in
                let widest = ([t.header] + t.rows).map { r in c < r.count ? width(r[c]) : 0 }.max() ?? 0
                return Double(min(60, max(6, widest + 2)))
            }
            wb.sheets.append(sheet)
        }
        return try wb.data()
    }

    /// Display width in Excel's character units, roughly: a CJK or other wide character counts two.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }
}
