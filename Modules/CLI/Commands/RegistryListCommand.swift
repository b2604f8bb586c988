import ArgumentParser
import FerryStore

/// `ferry registry list`: every registered version with its stage and aliases.
struct RegistryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered bundles with their stages and aliases.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this model.")
    var name: String?

    @Flag(help: "Print the list as JSON.")
    var json = false

    struct Listing: Encodable {
        let bundles: [RegisteredBundle]
        let aliases: [ModelAlias]
    }

    func run() throws {
        try reportingFailures {
            let store = try storeOptions.open()
            let (bundles, aliases) = (try store.bundles(name: name), try store.aliases(name: name))
            if json { return try printJSON(Listing(bundles: bundles, aliases: aliases)) }
            guard !bundles.isEmpty else { return print("the registry is empty (\(store.path)); add a bundle with ferry registry add BUNDLE") }
            for entry in bundles {
                let names = aliases.filter { $0.name == entry.name && $0.version == entry.version }.map(\.alias)
                let aliasText = names.isEmpty ? "" : "  @" + names.joined(separator: " @")
                print("\(entry.name) \(entry.version)  \(entry.stage.rawValue)  \(entry.plugin) \(entry.pluginVersion)  sha256 \(entry.digest.prefix(12))  signer \(entry.signer ?? "-")\(aliasText)")
                print("  \(entry.stage.rawValue) since \(entry.stageChangedAt) by \(entry.stageChangedBy); registered \(entry.registeredAt) by \(entry.registeredBy); run \(entry.parentRun ?? "-"); data \(entry.dataFingerprint.prefix(12))")
            }
        }
    }
}
