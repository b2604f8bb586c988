import Crypto
import FerryCore
import Foundation

/// One migration of a store's schema as `ferry store status` shows it.
public struct MigrationState: Codable, Sendable, Equatable {
    /// The migration's name (`v7-audit`).
    public let name: String
    /// SHA-256 (hex) of its SQL, in the store's dialect, in this Ferry.
    public let checksum: String
    /// When it ran on this store (UTC); `nil` while pending.
    public let appliedAt: String?

    /// Whether it still has to run.
    public var pending: Bool { appliedAt == nil }
}

extension StoreMigrations {
    /// SHA-256 (hex) of a migration's SQL.
    static func checksum(_ sql: String) -> String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Makes the table of run migrations and their checksums, unless it is there.
    static func createMigrationTable(_ session: any SQLSession) throws {
        try session.execute(
            "CREATE TABLE IF NOT EXISTS ferry_migration (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)", [])
    }

    /// Records that `migration` ran, with the checksum of its SQL in `dialect`.
    static func record(_ migration: Migration, dialect: SQLDialect, in session: any SQLSession) throws {
        try session.execute(
            "INSERT INTO ferry_migration (name, checksum, applied_at) VALUES (?, ?, ?)",
            [.text(migration.name), .text(checksum(migration.sql(for: dialect))), .text(StoreClock.timestamp())])
    }

    /// Refuses a store this Ferry cannot trust, before anything is changed: one that ran a
    /// migration this Ferry does not know (a newer Ferry wrote it), or one whose recorded checksum
    /// of a past migration differs from that migration's SQL here (it was edited after it ran).
    static func check(_ database: any StoreDatabase) throws {
        try database.write { session in try createMigrationTable(session) }
        let known = Dictionary(uniqueKeysWithValues: all.map { ($0.name, checksum($0.sql(for: database.dialect))) })
        if let unknown = try database.appliedMigrations().first(where: { known[$0] == nil }) {
            throw FerryError(
                .refused,
                "this store's schema is newer than this Ferry (\(FerryVersion.current)): it ran migration '\(unknown)', which this Ferry does not know (it knows up to '\(all.last?.name ?? "-")'); use the Ferry that wrote it, or a newer one"
            )
        }
        let recorded = try database.read { session in
            try session.rows("SELECT name, checksum FROM ferry_migration ORDER BY name", []).map {
                (try $0.text("name"), try $0.text("checksum"))
            }
        }
        for (name, checksum) in recorded {
            if let expected = known[name], expected != checksum {
                throw FerryError(
                    .refused,
                    "migration '\(name)' was changed after it ran on this store (recorded sha256 \(checksum.prefix(12)), this Ferry's \(expected.prefix(12))); a past migration is never edited: restore it and add a new one"
                )
            }
        }
    }

    /// Runs every pending migration, each in its own transaction, oldest first, then records the
    /// checksum of any applied migration that has none (run by a Ferry from before checksums: its
    /// SQL is taken as it is in this Ferry). Returns the names of those that ran.
    @discardableResult
    static func migrate(_ database: any StoreDatabase) throws -> [String] {
        let applied = Set(try database.appliedMigrations())
        let pending = all.filter { !applied.contains($0.name) }
        for migration in pending { try database.apply(migration) }
        let ran = Set(try database.appliedMigrations())
        try database.write { session in
            let recorded = Set(try session.rows("SELECT name FROM ferry_migration", []).map { try $0.text("name") })
            for migration in all where ran.contains(migration.name) && !recorded.contains(migration.name) {
                try record(migration, dialect: database.dialect, in: session)
            }
        }
        return pending.map(\.name)
    }

    /// Every migration this Ferry knows, applied (when) or pending, in order.
    static func states(_ database: any StoreDatabase) throws -> [MigrationState] {
        let appliedAt = Dictionary(
            uniqueKeysWithValues: try database.read { session in
                try session.rows("SELECT name, applied_at FROM ferry_migration", []).map {
                    (try $0.text("name"), try $0.text("applied_at"))
                }
            })
        let applied = Set(try database.appliedMigrations())
        return all.map { migration in
            MigrationState(
                name: migration.name, checksum: checksum(migration.sql(for: database.dialect)),
                appliedAt: applied.contains(migration.name) ? (appliedAt[migration.name] ?? "before checksums") : nil)
        }
    }
}
