import Foundation

// The change feed: every committed edit is stored with a sequence number as a typed,
// versioned JSON record, so another instance catches up by applying the edits since the
// last number it saw instead of reloading the whole plan.


/// One committed change as the feed carries it.
public struct ChangeRecord: Hashable, Sendable {
    /// The record format; a reader refuses records of a newer one (and reloads instead).
    public static let version = 1

    public enum Body: Hashable, Sendable {
        /// An edit of one task, as applied.
        case edit(Edit)
        /// A whole-tracker change (init, unit directory, restore): readers reload the plan.
        /// The string names it.
        case reload(String)
        /// A change outside the plan (a setting, a notice number): nothing to apply.
        case other(String)
    }

    public var seq: Int
    public var body: Body

    public init(seq: Int, body: Body) {
        self.seq = seq
        self.body = body
    }

    private struct Stored: Codable {
        var v: Int
        var edit: Edit?
        var reload: String?
        var other: String?
    }

    /// The stored JSON of a body.
    public static func encode(_ body: Body) -> String {
        let stored: Stored
        switch body {
        case let .edit(e): stored = Stored(v: version, edit: e)
        case let .reload(what): stored = Stored(v: version, reload: what)
        case let .other(what): stored = Stored(v: version, other: what)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these value types cannot fail.
        return String(decoding: (try? encoder.encode(stored)) ?? Data(), as: UTF8.self)
    }

    /// Reads a stored record; a record this version cannot read becomes a reload.
    public static func decode(seq: Int, json: String) -> ChangeRecord {
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(json.utf8)), stored.v <= version else {
            return ChangeRecord(seq: seq, body: .reload("unreadable record"))
        }
        if let e = stored.edit { return ChangeRecord(seq: seq, body: .edit(e)) }
        if let o = stored.other { return ChangeRecord(seq: seq, body: .other(o)) }
        return ChangeRecord(seq: seq, body: .reload(stored.reload ?? "unknown"))
    }
}

/// What changed since a sequence number: the records in order, and the newest number.
public struct ChangeSet: Hashable, Sendable {
    public var records: [ChangeRecord]
    /// The newest sequence number the store has (the next `changes(since:)` starts there).
    public var latest: Int
    public init(records: [ChangeRecord], latest: Int) {
        self.records = records
        self.latest = latest
    }
}
