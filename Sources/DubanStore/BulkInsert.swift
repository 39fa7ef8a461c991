import GRDB
import GRDBSQLite

/// A prepared INSERT stepped through SQLite's C API, for writing a whole new tracker: at
/// 1.1 million assignment rows, GRDB's per-row argument arrays (boxed values, an array
/// per row, a copy per string) cost as much as SQLite's own work (callgrind, 10,000 × 300:
/// `Statement.execute(arguments:)` 20 % of `duban init --from`, `sqlite3_step` 16 %).
/// Only for the create path, on a connection no one else uses; the edit paths keep GRDB.
final class BulkInsert {
    private let db: Database
    private var statement: OpaquePointer?
    /// SQLite copies the bytes it is given (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        let rc = sqlite3_prepare_v3(db.sqliteConnection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, statement != nil else { throw error(rc) }
    }

    deinit { sqlite3_finalize(statement) }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(statement, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(statement, index, $0, Int32(bytes.count), BulkInsert.transient)
                }
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, BulkInsert.transient)
            }
        }
    }

    /// Runs the statement with the values bound since the last step, then resets it (the
    /// bindings stay, so a value that does not change need not be bound again).
    func step() throws {
        let rc = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard rc == SQLITE_DONE else { throw error(rc) }
    }

    private func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
