import FerryTestSupport
import Foundation
import Testing

@testable import FerryStore

/// The two backends every store test runs on: a SQLite file in a new temporary folder, and a new
/// database on the test process's PostgreSQL server (``PostgresServer/shared``).
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Where a new, empty store of this backend is: a file path or a database's URL.
    func newLocation() throws -> String {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder.appendingPathComponent("ferry.sqlite").path
        case .postgres:
            return try PostgresServer.shared.newDatabase()
        }
    }

    /// A new, empty store, its audit anchor in a new temporary folder.
    func store() throws -> Store {
        let anchor = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-anchor-\(UUID().uuidString)/audit-anchor")
        return try Store(location: try newLocation(), auditAnchor: anchor.path)
    }

    /// The database at `location` without the store around it (no migration run).
    func database(at location: String) throws -> any StoreDatabase {
        switch self {
        case .sqlite: try SQLiteDatabase(path: location)
        case .postgres: try PostgresDatabase(url: try PostgresURL(location))
        }
    }

    /// The same store opened again (as another process would), `migrate` as given.
    static func reopen(_ store: Store, migrate: Bool = true) throws -> Store {
        try Store(location: store.location, migrate: migrate, auditAnchor: store.auditAnchorPath)
    }
}

extension Store {
    /// Runs `sql` on the store's database, as a user with the database's credentials could (tests tamper with it).
    func tamper(_ sql: String, _ arguments: [SQLValue] = []) throws {
        try database.write { session in try session.execute(sql, arguments) }
    }

    /// The rows of a query on the store's database.
    func query(_ sql: String) throws -> [SQLRow] { try database.read { session in try session.rows(sql, []) } }
}
