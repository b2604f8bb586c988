import FerryCore
import GRDB

/// Inserts prediction-log rows through SQLite's own binding calls (``Statement/bind(text:at:)``):
/// the log takes every served prediction, so its insert is the server's busiest statement.
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

    /// Inserts `entries`, in order; returns their ids in the log.
    func insert(_ entries: [PredictionEntry]) throws -> [Int64] { try entries.map(insert) }

    /// Inserts `entry`; returns its id in the log.
    func insert(_ entry: PredictionEntry) throws -> Int64 {
        statement.bind(text: entry.model, at: 1)
        statement.bind(text: entry.version, at: 2)
        statement.bind(text: entry.variant, at: 3)
        statement.bind(text: entry.caller, at: 4)
        statement.bind(text: entry.instrument, at: 5)
        statement.bind(text: entry.asOf, at: 6)
        statement.bind(double: entry.value, at: 7)
        statement.bind(text: entry.source, at: 8)
        statement.bind(integer: entry.batchID, at: 9)
        statement.bind(text: entry.createdAt, at: 10)
        _ = try statement.stepOnce(in: db)
        return db.lastInsertedRowID
    }
}
