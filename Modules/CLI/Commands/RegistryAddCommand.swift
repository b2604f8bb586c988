import ArgumentParser
import FerryPipeline

/// `ferry registry add`: verify a bundle, keep a copy, register it in staging.
struct RegistryAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Verify a bundle and register it (in staging).",
        discussion: """
            The bundle is verified first (as ferry verify does; exit 10-13 when a check fails), \
            then copied into the store's bundles/ folder and registered with its digest, signer, \
            plugin and lineage. Adding the same bundle again changes nothing. An oci://host/repository:tag \
            (or @sha256:…) reference is pulled and verified as ferry pull does, and registered \
            with its source pinned to the manifest's digest (docs/oci.md).
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The bundle (.tar.gz), or oci://host[:port]/repository:tag to pull it from a registry.") var bundle: String
    @OptionGroup var signatures: SignatureOptions
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailuresAsync { try await perform() }
    }

    func perform() async throws {
        let store = try storeOptions.location.open()
        let trust = try signatures.trust()
        let (entry, added) =
            if RegistryImport.isRegistryReference(bundle) {
                try await RegistryImport(trust: trust).add(bundle, store: store, by: actor.user, reason: why.reason)
            } else {
                try BundleRegistration(store: store, verifier: try trust.verifier()).add(bundle, by: actor.user, reason: why.reason)
            }
        if output.json { return try printJSON(entry) }
        print(
            added
                ? "registered \(entry.name) \(entry.version) in \(entry.stage.rawValue)"
                : "\(entry.name) \(entry.version) was already registered (same bundle); nothing changed")
        print("  sha256 \(entry.digest)")
        print(
            "  plugin \(entry.plugin) \(entry.pluginVersion), signer \(entry.signer ?? "none (unsigned)"), run \(entry.parentRun ?? "unknown")"
        )
        if let source = entry.source { print("  source \(source)") }
    }
}
