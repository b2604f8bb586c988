import GRDB
import GRDBSQLite

/// SQLite's own binding calls on a prepared statement, for the store's busiest statements (the
/// prediction log's inserts): binding each row through GRDB's `StatementArguments` (an array of
/// boxed values per row) costs more than SQLite's insert itself.
extension Statement {
    /// Binds `text` (copied by SQLite) at parameter `index` (from 1); `nil` leaves it NULL.
    func bind(text: String?, at index: Int32) {
        guard var text else { return }
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(
                sqliteStatement, index, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(utf8.count),
                Self.transient)
        }
    }

    /// Binds `number` at parameter `index`; `nil` leaves it NULL.
    func bind(double number: Double?, at index: Int32) { if let number { sqlite3_bind_double(sqliteStatement, index, number) } }

    /// Binds `number` at parameter `index`; `nil` leaves it NULL.
    func bind(integer number: Int64?, at index: Int32) { if let number { sqlite3_bind_int64(sqliteStatement, index, number) } }

    /// Steps the bound statement once, then resets it and clears its bindings; true when the step
    /// gave a row (a query that found one), false when it finished. Throws SQLite's error.
    func stepOnce(in db: Database) throws -> Bool {
        defer {
            sqlite3_reset(sqliteStatement)
            sqlite3_clear_bindings(sqliteStatement)
        }
        let code = sqlite3_step(sqliteStatement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
        return code == SQLITE_ROW
    }

    /// SQLite's `SQLITE_TRANSIENT` (a macro Swift cannot import): SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
