import ArgumentParser
import FerryPipeline

/// How a command that verifies a bundle treats signatures: the keys it trusts, and whether it refuses unsigned bundles.
struct SignatureOptions: ParsableArguments {
    @Option(help: "A folder of trusted public keys (*.pub).") var trustedKeys: String?
    @Flag(help: "Refuse unsigned bundles.") var requireSignature = false

    /// What this command trusts: the plugins this build has, and these signature rules.
    func trust() throws -> BundleTrust {
        BundleTrust(plugins: try PluginCatalog.shared.registry(), trustedKeysFolder: trustedKeys, requireSignature: requireSignature)
    }
}
