import Crypto
import FerryCore
import Foundation
import GRDB

/// One migration of a store's schema as `ferry store status` shows it.
public struct MigrationState: Codable, Sendable, Equatable {
    /// The migration's name (`v7-audit`).
    public let name: String
    /// SHA-256 (hex) of its SQL in this Ferry.
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

    /// Refuses a store this Ferry cannot trust, before anything is changed: one that ran a
    /// migration this Ferry does not know (a newer Ferry wrote it), or one whose recorded checksum
    /// of a past migration differs from that migration's SQL here (it was edited after it ran).
    static func check(_ db: Database) throws {
        try db.execute(
            sql: "CREATE TABLE IF NOT EXISTS ferry_migration (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)")
        let known = Dictionary(uniqueKeysWithValues: all.map { ($0.name, checksum($0.sql)) })
        if let unknown = try applied(db).first(where: { known[$0] == nil }) {
            throw FerryError(
                .refused,
                "this store's schema is newer than this Ferry (\(FerryVersion.current)): it ran migration '\(unknown)', which this Ferry does not know (it knows up to '\(all.last?.name ?? "-")'); use the Ferry that wrote it, or a newer one"
            )
        }
        for row in try Row.fetchAll(db, sql: "SELECT name, checksum FROM ferry_migration ORDER BY name") {
            let name: String = row["name"]
            let recorded: String = row["checksum"]
            if let expected = known[name], expected != recorded {
                throw FerryError(
                    .refused,
                    "migration '\(name)' was changed after it ran on this store (recorded sha256 \(recorded.prefix(12)), this Ferry's \(expected.prefix(12))); a past migration is never edited: restore it and add a new one"
                )
            }
        }
    }

    /// Records the checksum of every applied migration that has none yet: just applied, or applied
    /// by a Ferry from before checksums (then its SQL is taken as it is in this Ferry).
    static func recordChecksums(_ db: Database) throws {
        let appliedNames = Set(try applied(db))
        let recorded = Set(try String.fetchAll(db, sql: "SELECT name FROM ferry_migration"))
        for migration in all where appliedNames.contains(migration.name) && !recorded.contains(migration.name) {
            try db.execute(
                sql: "INSERT INTO ferry_migration (name, checksum, applied_at) VALUES (?, ?, ?)",
                arguments: [migration.name, checksum(migration.sql), StoreClock.timestamp()])
        }
    }

    /// Every migration this Ferry knows, applied (when) or pending, in order.
    static func states(_ db: Database) throws -> [MigrationState] {
        let appliedAt = Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, applied_at FROM ferry_migration").map {
                ($0["name"] as String, $0["applied_at"] as String)
            })
        let appliedNames = Set(try applied(db))
        return all.map { migration in
            MigrationState(
                name: migration.name, checksum: checksum(migration.sql),
                appliedAt: appliedNames.contains(migration.name) ? (appliedAt[migration.name] ?? "before checksums") : nil)
        }
    }

    /// The migrations the store ran, as GRDB recorded them (none in a new file).
    private static func applied(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
    }
}
