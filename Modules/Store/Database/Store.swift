import FerryCore
import Foundation
import GRDB

/// Ferry's embedded store: one SQLite file (write-ahead log, schema migrations) holding the model
/// registry, training runs, and the prediction log with realised outcomes.
///
/// Every write is one transaction: a batch of predictions is all written or not at all.
public struct Store: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (or creates, with its folder) the store at `path` and, when `migrate` (the default),
    /// brings its schema up to date. A store whose past migrations were edited, or which a newer
    /// Ferry migrated, is refused by name (``FerryError`` `refused`) before anything is changed.
    public init(path: String, migrate: Bool = true) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        do {
            var configuration = Configuration()
            // With the write-ahead log, NORMAL syncs at checkpoints instead of at every commit: a
            // crash keeps the database intact, a power cut may lose the last commits. FULL made
            // every logged prediction wait for the disk.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in try StoreMigrations.check(db) }
            if migrate {
                try StoreMigrations.migrator.migrate(pool)
                try pool.write { db in try StoreMigrations.recordChecksums(db) }
            }
        } catch let error as DatabaseError {
            throw FerryError(.invalidData, "\(path): not a Ferry store, or unreadable (\(error.message ?? "\(error.resultCode)"))")
        }
        self.path = path
    }

    /// The store a command uses when none is named: `$FERRY_STORE`, else `store/ferry.sqlite`.
    public static var defaultPath: String { ProcessInfo.processInfo.environment["FERRY_STORE"] ?? "store/ferry.sqlite" }

    /// The schema version (the last migration applied).
    public func schemaVersion() throws -> String {
        try pool.read { db in try StoreMigrations.migrator.appliedMigrations(db).last ?? "none" }
    }

    /// Every migration this Ferry knows: applied (when, with its checksum) or pending.
    public func migrations() throws -> [MigrationState] { try pool.read { db in try StoreMigrations.states(db) } }

    /// Runs the pending migrations, each in its own transaction, recording their checksums; returns their names.
    @discardableResult
    public func migrate() throws -> [String] {
        let pending = try migrations().filter(\.pending).map(\.name)
        try StoreMigrations.migrator.migrate(pool)
        try pool.write { db in try StoreMigrations.recordChecksums(db) }
        return pending
    }
}
