import ArgumentParser
import FerryPipeline

/// `ferry registry add`: verify a bundle, keep a copy, register it in staging.
struct RegistryAddCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Verify a bundle and register it (in staging).",
        discussion: """
            The bundle is verified first (as ferry verify does; exit 10-13 when a check fails), \
            then copied into the store's bundles/ folder and registered with its digest, signer, \
            plugin and lineage. Adding the same bundle again changes nothing.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The bundle (.tar.gz).") var bundle: String
    @OptionGroup var signatures: SignatureOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let (entry, added) = try BundleRegistration(
            store: try storeOptions.location.open(), verifier: try signatures.trust().verifier()
        ).add(
            bundle, by: actor.user)
        if output.json { return try printJSON(entry) }
        print(
            added
                ? "registered \(entry.name) \(entry.version) in \(entry.stage.rawValue)"
                : "\(entry.name) \(entry.version) was already registered (same bundle); nothing changed")
        print("  sha256 \(entry.digest)")
        print(
            "  plugin \(entry.plugin) \(entry.pluginVersion), signer \(entry.signer ?? "none (unsigned)"), run \(entry.parentRun ?? "unknown")"
        )
    }
}
