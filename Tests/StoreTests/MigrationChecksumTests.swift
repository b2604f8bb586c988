import FerryCore
import Foundation
import GRDB
import Testing

@testable import FerryStore

/// Forward-only migrations with recorded checksums: an edited past migration and a store from a
/// newer Ferry are refused by name, before anything changes; a store from before checksums adopts them.
@Suite struct MigrationChecksumTests {
    @Test func aNewStoreRecordsEveryMigrationsChecksum() throws {
        let store = try RegistryTests.store()
        let states = try store.migrations()
        #expect(states.map(\.name) == StoreMigrations.all.map(\.name) && states.allSatisfy { !$0.pending })
        #expect(states.first?.checksum == StoreMigrations.checksum(StoreMigrations.all[0].sql))
        #expect(try store.migrate().isEmpty, "nothing pending")
    }

    @Test func anEditedPastMigrationIsRefusedByName() throws {
        let store = try RegistryTests.store()
        try store.pool.write { db in try db.execute(sql: "UPDATE ferry_migration SET checksum = 'edited' WHERE name = 'v3-outcome-target'")
        }
        let error = #expect(throws: FerryError.self) { try Store(path: store.path) }
        #expect(error?.code == .refused)
        #expect(error?.message.contains("migration 'v3-outcome-target' was changed after it ran on this store") == true)
    }

    @Test func aStoreFromANewerFerryIsRefusedBeforeAnythingChanges() throws {
        let store = try RegistryTests.store()
        try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        let error = #expect(throws: FerryError.self) { try Store(path: store.path, migrate: false) }
        #expect(error?.message.contains("ran migration 'v99-future', which this Ferry does not know") == true)
    }

    @Test func aStoreFromBeforeChecksumsAdoptsThemAndMigratesWhatIsPending() throws {
        let store = try RegistryTests.store()
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM ferry_migration")
            try db.execute(sql: "DROP TABLE audit")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7-audit'")
        }
        let old = try Store(path: store.path, migrate: false)
        #expect(try old.migrations().filter(\.pending).map(\.name) == ["v7-audit"])
        #expect(try old.migrations().first?.appliedAt == "before checksums")
        #expect(try old.migrate() == ["v7-audit"])
        let states = try old.migrations()
        #expect(states.allSatisfy { !$0.pending && $0.appliedAt != "before checksums" })
        try old.register(RegistryTests.entry())
        #expect(try old.auditTrail().count == 1, "the new table works")
    }
}
