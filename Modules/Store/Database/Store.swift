import FerryCore
import Foundation
import GRDB

/// Ferry's store: the model registry, training runs, the prediction log with realised outcomes,
/// and the audit trail. One SQLite file (write-ahead log) by default; a PostgreSQL database when a
/// team's machines share one (``init(location:migrate:auditAnchor:)`` with a `postgres://` URL). Both run the
/// same SQL, written once (``SQLSession``), and the same checksummed migrations.
///
/// Every write is one transaction: a batch of predictions is all written or not at all.
public struct Store: Sendable {
    /// The database file, or the PostgreSQL URL without its password.
    public let location: String
    /// The database file; `nil` for a PostgreSQL store.
    public let file: String?
    /// Where the audit trail's head is anchored (``verifyAudit()``): the `auditAnchor` the store
    /// was opened with, else `$FERRY_AUDIT_ANCHOR`, else beside the SQLite file
    /// (`ferry.sqlite.audit-anchor`) or, for a PostgreSQL store, in the working folder's `store/`
    /// (`postgres-HOST-PORT-DATABASE.audit-anchor`). Keep it where the database's users cannot rewrite it.
    public let auditAnchorPath: String
    let database: any StoreDatabase

    /// Opens (or creates, with its folder) the SQLite store at `path`; see ``init(location:migrate:auditAnchor:)``.
    public init(path: String, migrate: Bool = true, auditAnchor: String? = nil) throws {
        database = try Self.sqlite(path, migrate: migrate)
        location = path
        file = path
        auditAnchorPath = auditAnchor ?? Self.environmentAnchor ?? path + ".audit-anchor"
    }

    /// Opens the store at `location`: a `postgres://USER@HOST:PORT/DATABASE` URL (see
    /// docs/store.md), or a SQLite file's path (`sqlite:PATH` too), created when missing. When
    /// `migrate` (the default), its schema is brought up to date. A store whose past migrations were
    /// edited, or which a newer Ferry migrated, is refused by name (``FerryError`` `refused`) before
    /// anything is changed.
    /// - Throws: ``FerryError`` `invalidArgument` for a malformed URL, `unavailable` when the
    ///   PostgreSQL server cannot be reached.
    public init(location: String, migrate: Bool = true, auditAnchor: String? = nil) throws {
        guard PostgresURL.names(location) else {
            database = try Self.sqlite(location, migrate: migrate)
            self.location = location
            file = location
            auditAnchorPath = auditAnchor ?? Self.environmentAnchor ?? location + ".audit-anchor"
            return
        }
        let url = try PostgresURL(location)
        let postgres = try PostgresDatabase(url: url)
        try Self.prepare(postgres, migrate: migrate)
        database = postgres
        self.location = url.description
        file = nil
        let name = "\(url.host)-\(url.port)-\(url.database)".map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }
        auditAnchorPath = auditAnchor ?? Self.environmentAnchor ?? "store/postgres-\(String(name)).audit-anchor"
    }

    /// The SQLite file at `path` (its folder made), checked and migrated.
    private static func sqlite(_ path: String, migrate: Bool) throws -> SQLiteDatabase {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        do {
            let database = try SQLiteDatabase(path: path)
            try prepare(database, migrate: migrate)
            return database
        } catch let error as DatabaseError {
            throw FerryError(.invalidData, "\(path): not a Ferry store, or unreadable (\(error.message ?? "\(error.resultCode)"))")
        }
    }

    /// Checks `database`'s migrations, and runs the pending ones when `migrate`, before it is used.
    private static func prepare(_ database: any StoreDatabase, migrate: Bool) throws {
        try StoreMigrations.check(database)
        if migrate { try StoreMigrations.migrate(database) }
    }

    private static var environmentAnchor: String? { ProcessInfo.processInfo.environment["FERRY_AUDIT_ANCHOR"] }

    /// The store a command uses when none is named: `$FERRY_STORE`, else `store/ferry.sqlite`.
    public static var defaultPath: String { ProcessInfo.processInfo.environment["FERRY_STORE"] ?? "store/ferry.sqlite" }

    /// Which backend holds the store: `sqlite` or `postgres`.
    public var backend: String { database.dialect.rawValue }

    /// Whether a write waits for the network (PostgreSQL) rather than for local work (SQLite).
    public var writesOverNetwork: Bool { database.dialect == .postgres }

    /// The schema version (the last migration applied).
    public func schemaVersion() throws -> String { try database.appliedMigrations().last ?? "none" }

    /// Every migration this Ferry knows: applied (when, with its checksum) or pending.
    public func migrations() throws -> [MigrationState] { try StoreMigrations.states(database) }

    /// Runs the pending migrations, each in its own transaction, recording their checksums; returns their names.
    @discardableResult
    public func migrate() throws -> [String] { try StoreMigrations.migrate(database) }
}
