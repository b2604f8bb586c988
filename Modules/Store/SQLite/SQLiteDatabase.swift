import FerryCore
import Foundation
import GRDB

/// A store in one SQLite file (GRDB's pool: one writer, readers beside it, write-ahead log).
final class SQLiteDatabase: StoreDatabase {
    let pool: DatabasePool
    var dialect: SQLDialect { .sqlite }

    /// Opens (or creates) the file at `path`.
    init(path: String) throws {
        var configuration = Configuration()
        // With the write-ahead log, NORMAL syncs at checkpoints instead of at every commit: a
        // crash keeps the database intact, a power cut may lose the last commits. FULL made
        // every logged prediction wait for the disk.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    func read<Result>(_ body: (any SQLSession) throws -> Result) throws -> Result {
        try pool.read { db in try body(SQLiteSession(db: db)) }
    }

    func write<Result>(_ body: (any SQLSession) throws -> Result) throws -> Result {
        try pool.write { db in try body(SQLiteSession(db: db)) }
    }

    func logPredictions(_ entries: [PredictionEntry]) throws -> [Int64] {
        try pool.write { db in try PredictionInserter(db).insert(entries) }
    }

    /// The migrations as GRDB's migrator recorded them (Ferry before checksums ran it), which this
    /// store keeps recording so an older Ferry still reads its version.
    func appliedMigrations() throws -> [String] {
        try pool.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    func apply(_ migration: StoreMigrations.Migration) throws {
        try pool.write { db in
            try StoreMigrations.createMigrationTable(SQLiteSession(db: db))
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations WHERE identifier = ?", arguments: [migration.name]) == 0
            else { return }
            try db.execute(sql: migration.sql(for: .sqlite))
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
            try StoreMigrations.record(migration, dialect: .sqlite, in: SQLiteSession(db: db))
        }
    }
}

/// One GRDB connection as an ``SQLSession``: statements are prepared once per connection and cached.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    /// Binds through SQLite's own calls (``Statement/bind(text:at:)``): cheaper than GRDB's boxed arguments.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            switch argument {
            case .null: break
            case let .integer(number): statement.bind(integer: number, at: index)
            case let .real(number): statement.bind(double: number, at: index)
            case let .text(text): statement.bind(text: text, at: index)
            }
        }
        _ = try statement.stepOnce(in: db)
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
            SQLRow(columns: columns, values: row.databaseValues.map(Self.value))
        }
    }

    func insertPredictions(_ entries: [PredictionEntry]) throws -> [Int64] { try PredictionInserter(db).insert(entries) }

    /// A GRDB write already holds SQLite's one write lock.
    func lockRegistry() throws {}

    private static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> DatabaseValue in
                switch value {
                case .null: .null
                case let .integer(number): number.databaseValue
                case let .real(number): number.databaseValue
                case let .text(text): text.databaseValue
                }
            })
    }

    private static func value(_ stored: DatabaseValue) -> SQLValue {
        switch stored.storage {
        case .null: .null
        case let .int64(number): .integer(number)
        case let .double(number): .real(number)
        case let .string(text): .text(text)
        case let .blob(bytes): .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}
