import DubanCore
import Foundation

/// A task table file as an office holds it: text (box-drawing, CSV, TSV) in UTF-8, UTF-16 or
/// GB18030, or an Excel/WPS workbook (.xlsx). Reads its bytes and imports the table.
public enum TableFile {
    /// How the file was read, for the import report.
    public enum Source: Sendable, Equatable {
        case text(DecodedTableText.Summary)
        case workbook(sheet: String, sheets: [String])

        /// "read as GB18030 (CSV)", "read sheet 分工表 of the workbook (sheets: 分工表, 说明)".
        public var description: String {
            switch self {
            case .text(let s): return "read as \(s.encodingName)"
            case .workbook(let sheet, let sheets):
                return sheets.count == 1 ? "read sheet \(sheet) of the workbook"
                    : "read sheet \(sheet) of the workbook (sheets: \(sheets.joined(separator: ", ")))"
            }
        }

        /// The same in the user's language.
        public var spoken: Localized {
            switch self {
            case .text(let s): return Localized(zh: "按 \(s.encodingName) 读取", en: description)
            case .workbook(let sheet, let sheets):
                return Localized(zh: sheets.count == 1 ? "读取工作簿的“\(sheet)”工作表"
                                     : "读取工作簿的“\(sheet)”工作表（共有：\(sheets.joined(separator: "、"))）",
                                 en: description)
            }
        }
    }

    public struct Imported: Sendable {
        public var result: ImportResult
        public var source: Source
    }

    /// Zip archives (an .xlsx is one) start with PK\3\4; old Excel files (.xls) and encrypted
    /// workbooks are OLE2 compound files, which start with D0 CF 11 E0 A1 B1 1A E1.
    public static func isZip(_ bytes: some Collection<UInt8>) -> Bool {
        Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04] || Array(bytes.prefix(4)) == [0x50, 0x4B, 0x05, 0x06]
    }

    public static func isOLE2(_ bytes: some Collection<UInt8>) -> Bool {
        Array(bytes.prefix(8)) == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    }

    /// Imports the table in a file's bytes. `format` nil detects it (a zip is a workbook; text
    /// is box-drawing, TSV or CSV as `TableImporter.detectFormat` says); `sheet` names the
    /// workbook sheet to read (default: the first visible one). Every refusal is one sentence.
    public static func importFile(_ data: Data, format: TableFormat? = nil, sheet: String? = nil,
                                  directory: [DubanCore.Unit], office: Office = .unnamed,
                                  options: ImportOptions = ImportOptions()) throws(TableFileError) -> Imported {
        if isOLE2(data) {
            throw TableFileError(Localized(zh: "它是 Excel 97–2003 工作簿（.xls）或带密码的工作簿；请在 Excel 或 WPS 中打开，另存为不带密码的 .xlsx", en: "it is an Excel 97–2003 workbook (.xls) or a workbook with a password; open it in Excel or WPS and save it as .xlsx without a password"))
        }
        if isZip(data) || format == .xlsx {
            if let format, format != .xlsx {
                throw TableFileError(Localized(zh: "它是工作簿（zip 压缩包），不是 \(format.rawValue) 文本；请去掉 --format 或用 --format xlsx", en: "it is a workbook (a zip archive), not \(format.rawValue) text; leave out --format or use --format xlsx"))
            }
            guard isZip(data) else { throw TableFileError(Localized(zh: "它不是 .xlsx 工作簿：不是 zip 压缩包", en: "it is not an .xlsx workbook: it is not a zip archive")) }
            let book = try XLSXReader(data: data)
            let name = sheet ?? book.firstSheet
            let records = try book.records(sheet: name)
            do {
                let result = try TableImporter.importRecords(records, format: .xlsx, directory: directory, office: office,
                                                             options: options)
                return Imported(result: result, source: .workbook(sheet: name, sheets: book.sheetNames))
            } catch {
                throw TableFileError(error, sheet: name)
            }
        }
        if sheet != nil { throw TableFileError(Localized(zh: "--sheet 只用于 .xlsx 工作簿，而这个文件是文本", en: "--sheet is for .xlsx workbooks, and this file is text")) }
        let decoded = try TableTextDecoder.decode(Array(data))
        do {
            let result = try TableImporter.importTable(decoded.text, format: format, directory: directory, office: office,
                                                       options: options)
            return Imported(result: result, source: .text(decoded.summary))
        } catch {
            throw TableFileError(error)
        }
    }
}
