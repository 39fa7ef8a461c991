import DubanCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small SAX front over Foundation's XMLParser: element names and attribute names without
/// their namespace prefix, text inside elements. A part with a document type declaration is
/// refused (no workbook part has one, and it is how entity bombs come in).
final class XMLEvents: NSObject, XMLParserDelegate {
    private let start: (String, [String: String]) -> Void
    private let end: (String) -> Void
    private let text: (String) -> Void
    private var stopped: TableFileError?
    private var depth = 0
    private var roots = 0
    private let stopCheck: () -> TableFileError?

    private init(start: @escaping (String, [String: String]) -> Void, end: @escaping (String) -> Void,
                 text: @escaping (String) -> Void, stop: @escaping () -> TableFileError?) {
        self.start = start
        self.end = end
        self.text = text
        self.stopCheck = stop
    }

    /// Parses `data`; `stop` is asked after each element start and may end the parse with an error.
    static func parse(_ data: Data, part: String,
                      start: @escaping (String, [String: String]) -> Void,
                      end: @escaping (String) -> Void = { _ in },
                      text: @escaping (String) -> Void = { _ in },
                      stop: @escaping () -> TableFileError? = { nil }) throws(TableFileError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw TableFileError(Localized(zh: "工作簿已损坏或不是电子表格程序生成的：其部件 \(part) 声明了文档类型", en: "the workbook is damaged or not from a spreadsheet program: its part \(part) declares a document type"))
        }
        // Workbook parts are UTF-8 (Excel and WPS write nothing else). Other bytes are refused
        // here: Foundation's XMLParser on Linux traps on names that are not UTF-8 (found by the fuzzer).
        guard String(validating: data, as: UTF8.self) != nil else {
            throw TableFileError(Localized(zh: "工作簿已损坏：其部件 \(part) 不是 UTF-8 XML", en: "the workbook is damaged: its part \(part) is not UTF-8 XML"))
        }
        let events = XMLEvents(start: start, end: end, text: text, stop: stop)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = events
        let ok = parser.parse()
        if let e = events.stopped { throw e }
        // XMLParser on Linux accepts a document cut off inside its root element: count.
        guard ok, events.depth == 0, events.roots == 1 else {
            throw TableFileError(Localized(zh: "工作簿已损坏：其部件 \(part) 不是格式正确的 XML（第 \(parser.lineNumber) 行）", en: "the workbook is damaged: its part \(part) is not well-formed XML (line \(parser.lineNumber))"))
        }
    }

    private static func local(_ name: String) -> String {
        guard let i = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: i)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if depth == 0 { roots += 1 }
        depth += 1
        var attrs: [String: String] = [:]
        for (k, v) in attributeDict { attrs[Self.local(k)] = v }
        start(Self.local(elementName), attrs)
        if stopped == nil, let e = stopCheck() {
            stopped = e
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        end(Self.local(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text(String(decoding: CDATABlock, as: UTF8.self)) }
}
