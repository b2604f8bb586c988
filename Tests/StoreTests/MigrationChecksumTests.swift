import FerryCore
import Foundation
import Testing

@testable import FerryStore

/// Forward-only migrations with recorded checksums: an edited past migration and a store from a
/// newer Ferry are refused by name, before anything changes; a store from before checksums adopts them.
@Suite struct MigrationChecksumTests {
    @Test(arguments: StoreBackend.allCases) func aNewStoreRecordsEveryMigrationsChecksum(backend: StoreBackend) throws {
        let store = try backend.store()
        let states = try store.migrations()
        #expect(states.map(\.name) == StoreMigrations.all.map(\.name) && states.allSatisfy { !$0.pending })
        let dialect = try #require(SQLDialect(rawValue: store.backend))
        #expect(states.first?.checksum == StoreMigrations.checksum(StoreMigrations.all[0].sql(for: dialect)))
        #expect(try store.schemaVersion() == StoreMigrations.all.last?.name)
        #expect(try store.migrate().isEmpty, "nothing pending")
    }

    @Test(arguments: StoreBackend.allCases) func anEditedPastMigrationIsRefusedByName(backend: StoreBackend) throws {
        let store = try backend.store()
        try store.tamper("UPDATE ferry_migration SET checksum = 'edited' WHERE name = 'v3-outcome-target'")
        let error = #expect(throws: FerryError.self) { try StoreBackend.reopen(store) }
        #expect(error?.code == .refused)
        #expect(error?.message.contains("migration 'v3-outcome-target' was changed after it ran on this store") == true)
    }

    @Test(arguments: StoreBackend.allCases) func aStoreFromANewerFerryIsRefusedBeforeAnythingChanges(backend: StoreBackend) throws {
        let store = try backend.store()
        switch backend {
        case .sqlite: try store.tamper("INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
        case .postgres: try store.tamper("INSERT INTO ferry_migration (name, checksum, applied_at) VALUES ('v99-future', 'x', 'now')")
        }
        let error = #expect(throws: FerryError.self) { try StoreBackend.reopen(store, migrate: false) }
        #expect(error?.message.contains("ran migration 'v99-future', which this Ferry does not know") == true)
    }

    /// Only SQLite stores were made before checksums.
    @Test func aStoreFromBeforeChecksumsAdoptsThemAndMigratesWhatIsPending() throws {
        let store = try StoreBackend.sqlite.store()
        try store.tamper("DELETE FROM ferry_migration")
        try store.tamper("DROP TABLE audit")
        try store.tamper("DROP TABLE store_setting")
        try store.tamper("DELETE FROM grdb_migrations WHERE identifier IN ('v7-audit', 'v8-store-setting')")
        let old = try Store(path: store.location, migrate: false)
        #expect(try old.migrations().filter(\.pending).map(\.name) == ["v7-audit", "v8-store-setting"])
        #expect(try old.migrations().first?.appliedAt == "before checksums")
        #expect(try old.migrate() == ["v7-audit", "v8-store-setting"])
        let states = try old.migrations()
        #expect(states.allSatisfy { !$0.pending && $0.appliedAt != "before checksums" })
        try old.register(RegistryTests.entry())
        #expect(try old.auditTrail().count == 1, "the new table works")
    }
}
