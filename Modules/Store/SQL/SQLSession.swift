import FerryCore

/// Which SQL a backend speaks where the two differ (placeholders, column types, locks).
enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// One connection's work inside ``StoreDatabase/read(_:)`` or ``StoreDatabase/write(_:)``: every
/// statement the store runs goes through these calls, written once for both backends with `?`
/// placeholders (the PostgreSQL session numbers them).
protocol SQLSession {
    /// The backend's SQL.
    var dialect: SQLDialect { get }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// Runs a query; returns every row.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]

    /// Inserts prediction-log rows, in order (the server's busiest statement, so each backend does
    /// it its fastest way); returns their ids.
    func insertPredictions(_ entries: [PredictionEntry]) throws -> [Int64]

    /// Holds the store's registry lock until the transaction ends, so registry changes (and the
    /// audit chain they extend) are made one at a time across every process on the database.
    func lockRegistry() throws
}

extension SQLSession {
    /// The first row of a query, if any.
    func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? { try rows(sql, arguments).first }

    /// A query's rows as records.
    func records<Record: Decodable>(_ type: Record.Type, _ sql: String, _ arguments: [SQLValue] = []) throws -> [Record] {
        try rows(sql, arguments).map { try $0.decode(type) }
    }

    /// A query's first row as a record, if any.
    func record<Record: Decodable>(_ type: Record.Type, _ sql: String, _ arguments: [SQLValue] = []) throws -> Record? {
        try row(sql, arguments)?.decode(type)
    }

    /// The integer a one-value query returns (`COUNT(*)`), 0 when it returns no row.
    func integer(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64 {
        guard let row = try row(sql, arguments), let first = row.values.first else { return 0 }
        guard case let .integer(number) = first else { throw SQLRow.unexpected(row.columns[0], first, "an integer") }
        return number
    }

    /// Inserts `record` into `table`, one column per coding key.
    func insert(_ record: some Encodable, into table: String) throws {
        let columns = try SQLRowEncoder.columns(of: record)
        try execute(
            "INSERT INTO \(table) (\(Self.names(columns))) VALUES (\(Self.placeholders(columns.count)))", columns.map(\.value))
    }

    /// Inserts `record` into `table`, or replaces every column of the row with the same `key`.
    func upsert(_ record: some Encodable, into table: String, key: [String]) throws {
        let columns = try SQLRowEncoder.columns(of: record)
        let updates = columns.filter { !key.contains($0.name) }.map { "\"\($0.name)\" = excluded.\"\($0.name)\"" }
        try execute(
            """
            INSERT INTO \(table) (\(Self.names(columns))) VALUES (\(Self.placeholders(columns.count)))
            ON CONFLICT (\(key.map { "\"\($0)\"" }.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
            """, columns.map(\.value))
    }

    private static func names(_ columns: [(name: String, value: SQLValue)]) -> String {
        columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
    }

    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}

extension StoreDatabase {
    /// Blocks: a backend whose writes are local work (SQLite) has nothing to wait for.
    func logPredictions(_ entries: [PredictionEntry]) async throws -> [Int64] {
        let blocking: () throws -> [Int64] = { try self.logPredictions(entries) }
        return try blocking()
    }
}

/// Where a store's rows are: a SQLite file or a PostgreSQL database. ``Store`` runs every read and
/// write through one of these.
protocol StoreDatabase: AnyObject, Sendable {
    /// The backend's SQL.
    var dialect: SQLDialect { get }

    /// Runs `body` on a connection for reading.
    func read<Result>(_ body: (any SQLSession) throws -> Result) throws -> Result

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func write<Result>(_ body: (any SQLSession) throws -> Result) throws -> Result

    /// Logs predictions all or none, the fastest way the backend has (the server's busiest write).
    func logPredictions(_ entries: [PredictionEntry]) throws -> [Int64]

    /// ``logPredictions(_:)`` from async code: a backend that waits for the network awaits
    /// instead of blocking a thread.
    func logPredictions(_ entries: [PredictionEntry]) async throws -> [Int64]

    /// The names of the migrations this database ran, oldest first (none for a new one).
    func appliedMigrations() throws -> [String]

    /// Runs `migration` and records it (with its checksum) in one transaction; a migration another
    /// process ran meanwhile is left alone.
    func apply(_ migration: StoreMigrations.Migration) throws
}
