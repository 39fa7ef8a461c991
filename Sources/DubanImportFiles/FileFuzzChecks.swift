import DubanCore
import Foundation

/// The fuzzer's checks for workbooks (target `xlsx`), shared with the corpus replay tests.
public enum FileFuzzChecks {
    /// The parts a fuzz input stands for when it is not a zip: NUL-separated, in this order
    /// (a missing part is left out of the workbook; no workbook part means a default one).
    static let partNames = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]
    static var defaultWorkbook: Data { Data("""
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>
        """.utf8) }
    static var defaultRels: Data { Data("""
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """.utf8) }

    /// A zip input goes through `TableFile.importFile` (zip layer, caps, workbook, sheet,
    /// importer); any other input is split at NUL bytes into the parts above and read past the
    /// zip layer. Either a plan or a one-sentence refusal; records in row order within the
    /// sheet's bounds, merged copies marking existing fields.
    public static func xlsx(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let directory = (try? UnitDirectory.builtIn()) ?? []
        if TableFile.isZip(data) {
            do {
                let imported = try TableFile.importFile(Data(data), directory: directory)
                if imported.result.format != .xlsx { problems.append("a zip imported as \(imported.result.format)") }
            } catch {
                if !FuzzChecks.isOneSentence(error.description) { problems.append("refusal is not one sentence: \(error.description)") }
            }
            return problems
        }
        var parts: [String: Data] = ["xl/_rels/workbook.xml.rels": defaultRels]
        for (name, bytes) in zip(partNames, data.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)) {
            parts[name] = Data(bytes)
        }
        if parts["xl/workbook.xml"] == nil { parts["xl/workbook.xml"] = defaultWorkbook }
        do {
            let book = try XLSXReader(parts: parts)
            let records = try book.records()
            var last = 0
            for r in records {
                if r.recordLine <= last || r.recordLine > 1_048_576 { problems.append("record line \(r.recordLine) after \(last)") }
                last = r.recordLine
                if let bad = r.copiedFields.first(where: { $0 < 0 || $0 >= r.cellTexts.count }) {
                    problems.append("row \(r.recordLine): merged copy mark \(bad) outside its \(r.cellTexts.count) fields")
                }
            }
            do {
                _ = try TableImporter.importRecords(records, format: .xlsx, directory: directory)
            } catch {
                if !FuzzChecks.isOneSentence(error.message) { problems.append("import refusal is not one sentence: \(error.message)") }
                if !records.contains(where: { $0.recordLine == error.line }) && error.line != 1 {
                    problems.append("import error on row \(error.line), which the sheet does not have")
                }
            }
        } catch {
            if !FuzzChecks.isOneSentence(error.description) { problems.append("refusal is not one sentence: \(error.description)") }
        }
        return problems
    }
}
