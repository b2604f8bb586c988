import FerryCore
import GRDB
import GRDBSQLite

/// Inserts prediction-log rows through SQLite's own binding calls. The log takes every served
/// prediction, so its insert is the server's busiest statement: binding each row through GRDB's
/// `StatementArguments` (an array of boxed values per row) cost more than SQLite's insert itself.
/// Lives for one transaction.
struct PredictionInserter {
    private let statement: Statement
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        statement = try db.makeStatement(
            sql:
                "INSERT INTO prediction (model, version, variant, caller, instrument, as_of, value, source, batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
    }

    /// Inserts `entry`; returns its id in the log.
    func insert(_ entry: PredictionEntry) throws -> Int64 {
        let raw = statement.sqliteStatement
        defer {
            sqlite3_reset(raw)
            sqlite3_clear_bindings(raw)
        }
        bind(entry.model, at: 1)
        bind(entry.version, at: 2)
        bind(entry.variant, at: 3)
        bind(entry.caller, at: 4)
        bind(entry.instrument, at: 5)
        bind(entry.asOf, at: 6)
        if let value = entry.value { sqlite3_bind_double(raw, 7, value) }
        bind(entry.source, at: 8)
        if let batch = entry.batchID { sqlite3_bind_int64(raw, 9, batch) }
        bind(entry.createdAt, at: 10)
        let code = sqlite3_step(raw)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql)
        }
        return db.lastInsertedRowID
    }

    /// Binds `text` (copied by SQLite) at parameter `index`; `nil` leaves it NULL.
    private func bind(_ text: String?, at index: Int32) {
        guard var text else { return }
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(
                statement.sqliteStatement, index, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self),
                Int32(utf8.count), transient)
        }
    }

    /// SQLite's `SQLITE_TRANSIENT` (a macro Swift cannot import): SQLite copies the bytes before the call returns.
    private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
