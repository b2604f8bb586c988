import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry store`: the store itself (its schema and audit trail).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "The store itself: its schema's migrations, its audit trail, its settings.",
        discussion: """
            The schema changes by forward-only, numbered migrations; the SHA-256 of each one's SQL \
            is recorded when it runs. A store whose past migration was edited, or which a newer \
            Ferry migrated, is refused by every command (naming the migration) before anything is \
            changed. Commands run pending migrations when they open the store.
            """,
        subcommands: [StoreStatusCommand.self, StoreMigrateCommand.self, StoreAuditCommand.self, StoreRequireSignaturesCommand.self])
}

/// `ferry store status`: the schema's migrations, applied or pending.
struct StoreStatusCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List the schema's migrations: applied (when, checksum) or pending. Changes nothing.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let migrations = try StoreSchema(location: try storeOptions.location).status()
        if output.json { return try printJSON(migrations) }
        for migration in migrations {
            print("\(migration.name)  \(migration.appliedAt.map { "applied \($0)" } ?? "PENDING")  sha256 \(migration.checksum.prefix(12))")
        }
        let pending = migrations.filter(\.pending).count
        print(pending == 0 ? "schema current (\(migrations.last?.name ?? "-"))" : "\(pending) pending: ferry store migrate")
    }
}

/// `ferry store migrate`: run the pending migrations.
struct StoreMigrateCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Run the schema's pending migrations, recording their checksums.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let applied = try StoreSchema(location: try storeOptions.location).migrate()
        if output.json { return try printJSON(["applied": applied]) }
        print(applied.isEmpty ? "schema already current" : "applied: \(applied.joined(separator: ", "))")
    }
}
