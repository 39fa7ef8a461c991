import Foundation

/// The resources duban ships with: the seed document's table and the unit directory.
public enum BuiltIn {
    /// The attachment table exactly as published (box-drawing text).
    public static func seedTableText() throws -> String {
        try resourceText("seed-table", "txt")
    }

    /// units.tsv: name, short, abbr, full_form, aliases (separated by |).
    public static func unitsTSV() throws -> String {
        try resourceText("units", "tsv")
    }

    private static func resourceText(_ name: String, _ ext: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(name).\(ext)"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
