import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry registry list`: every registered version with its stage and aliases.
struct RegistryListCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered bundles with their stages and aliases.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this model.") var name: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    struct Listing: Encodable {
        let bundles: [RegisteredBundle]
        let aliases: [ModelAlias]
    }

    func perform() throws {
        let queries = RegistryQueries(store: try storeOptions.location.open())
        let (bundles, aliases) = (try queries.versions(of: name), try queries.aliases(of: name))
        if output.json { return try printJSON(Listing(bundles: bundles, aliases: aliases)) }
        guard !bundles.isEmpty else {
            return print("the registry is empty (\(try storeOptions.location)); add a bundle with ferry registry add BUNDLE")
        }
        for entry in bundles {
            let names = aliases.filter { $0.name == entry.name && $0.version == entry.version }.map(\.alias)
            let aliasText = names.isEmpty ? "" : "  @" + names.joined(separator: " @")
            print(
                "\(entry.name) \(entry.version)  \(entry.stage.rawValue)  \(entry.plugin) \(entry.pluginVersion)  sha256 \(entry.digest.prefix(12))  signer \(entry.signer ?? "-")\(aliasText)"
            )
            print(
                "  \(entry.stage.rawValue) since \(entry.stageChangedAt) by \(entry.stageChangedBy); registered \(entry.registeredAt) by \(entry.registeredBy); run \(entry.parentRun ?? "-"); data \(entry.dataFingerprint.prefix(12))"
            )
        }
    }
}
