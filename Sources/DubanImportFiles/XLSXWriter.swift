import Foundation
import ZIPFoundation

/// Writes a small Office Open XML workbook (.xlsx) that Excel, WPS and LibreOffice open:
/// inline strings only, four cell styles (plain, header, locked text, unlocked text), column
/// widths, a frozen header, sheet protection without a password (it guards against slips, not
/// against intent), hidden sheets, list validations and workbook-level defined names.
public struct XLSXWriter {
    public enum Style: Int, Sendable {
        /// Default: locked (Excel's default), no formatting.
        case plain = 0
        /// Bold on grey, wrapped, locked.
        case header = 1
        /// Wrapped text, locked.
        case locked = 2
        /// Wrapped text on a light yellow fill, unlocked: the cells a user fills in.
        case unlocked = 3
    }

    public struct Cell: Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = .locked) {
            self.text = text
            self.style = style
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var hidden = false
        /// Column widths in characters (Excel's unit); nil leaves the default.
        public var widths: [Double?] = []
        public var rows: [[Cell]] = []
        /// Rows frozen at the top (0: none).
        public var frozenRows = 0
        /// Protects the sheet: locked cells cannot be edited, rows and columns not inserted or deleted.
        public var protected = false
        /// List validations: a range such as "H2:H40" and its allowed values.
        public var lists: [(range: String, values: [String])] = []

        public init(name: String) { self.name = name }
    }

    public var sheets: [Sheet] = []
    /// Workbook-level names: name → a reference such as `'duban'!$B$1`.
    public var definedNames: [(name: String, ref: String)] = []

    public init() {}

    /// The workbook's bytes.
    public func data() throws -> Data {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("duban-xlsx-w-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: temp) }
        let archive = try Archive(url: temp, accessMode: .create)
        for (path, text) in parts() {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try Data(contentsOf: temp)
    }

    /// The archive's parts, path → XML text, in the order they are written.
    func parts() -> [(String, String)] {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var out: [(String, String)] = []
        var types = head + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for i in sheets.indices {
            types += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        types += "</Types>"
        out.append(("[Content_Types].xml", types))
        out.append(("_rels/.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"))
        var wb = head + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, s) in sheets.enumerated() {
            wb += "<sheet name=\"\(Self.escape(s.name))\" sheetId=\"\(i + 1)\"" + (s.hidden ? " state=\"hidden\"" : "") + " r:id=\"rId\(i + 1)\"/>"
        }
        wb += "</sheets>"
        if !definedNames.isEmpty {
            wb += "<definedNames>" + definedNames.map { "<definedName name=\"\(Self.escape($0.name))\">\(Self.escape($0.ref))</definedName>" }.joined() + "</definedNames>"
        }
        wb += "</workbook>"
        out.append(("xl/workbook.xml", wb))
        var wbRels = head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            wbRels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        wbRels += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"
        out.append(("xl/_rels/workbook.xml.rels", wbRels))
        out.append(("xl/styles.xml", head + "<styleSheet xmlns=\"\(main)\">"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/></patternFill></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF2CC\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
            + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
            + "<border><left style=\"thin\"><color indexed=\"64\"/></left><right style=\"thin\"><color indexed=\"64\"/></right>"
            + "<top style=\"thin\"><color indexed=\"64\"/></top><bottom style=\"thin\"><color indexed=\"64\"/></bottom><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/><protection locked=\"1\"/></xf>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/><protection locked=\"1\"/></xf>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/><protection locked=\"0\"/></xf>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"))
        for (i, s) in sheets.enumerated() {
            out.append(("xl/worksheets/sheet\(i + 1).xml", head + sheetXML(s, main: main, selected: i == 0)))
        }
        return out
    }

    private func sheetXML(_ s: Sheet, main: String, selected: Bool) -> String {
        var x = "<worksheet xmlns=\"\(main)\">"
        let rowCount = s.rows.count
        let colCount = max(s.widths.count, s.rows.map(\.count).max() ?? 0)
        if rowCount > 0 && colCount > 0 { x += "<dimension ref=\"A1:\(Self.column(colCount))\(rowCount)\"/>" }
        x += "<sheetViews><sheetView workbookViewId=\"0\"" + (selected ? " tabSelected=\"1\"" : "") + ">"
        if s.frozenRows > 0 {
            x += "<pane ySplit=\"\(s.frozenRows)\" topLeftCell=\"A\(s.frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A\(s.frozenRows + 1)\" sqref=\"A\(s.frozenRows + 1)\"/>"
        }
        x += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = s.widths.enumerated().compactMap { i, w in w.map { (i + 1, $0) } }
        if !widths.isEmpty {
            x += "<cols>" + widths.map { "<col min=\"\($0.0)\" max=\"\($0.0)\" width=\"\($0.1)\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        x += "<sheetData>"
        for (r, row) in s.rows.enumerated() {
            x += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(Self.column(c + 1))\(r + 1)"
                if cell.text.isEmpty {
                    x += "<c r=\"\(ref)\" s=\"\(cell.style.rawValue)\"/>"
                } else {
                    x += "<c r=\"\(ref)\" s=\"\(cell.style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(cell.text))</t></is></c>"
                }
            }
            x += "</row>"
        }
        x += "</sheetData>"
        if s.protected {
            x += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\" insertRows=\"1\" deleteRows=\"1\" insertColumns=\"1\" deleteColumns=\"1\" sort=\"1\" autoFilter=\"1\"/>"
        }
        if !s.lists.isEmpty {
            x += "<dataValidations count=\"\(s.lists.count)\">"
            for l in s.lists {
                x += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(l.range)\"><formula1>\"\(Self.escape(l.values.joined(separator: ",")))\"</formula1></dataValidation>"
            }
            x += "</dataValidations>"
        }
        x += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        x += "<pageSetup paperSize=\"9\" orientation=\"landscape\"/></worksheet>"
        return x
    }

    /// Column letters: 1 → A, 27 → AA.
    public static func column(_ n: Int) -> String {
        var n = n, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// XML text: markup escaped, and characters XML 1.0 forbids (C0 controls but tab and
    /// line breaks, U+FFFE/U+FFFF) left out.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
