import ArgumentParser
import FerryPipeline

/// The options of every command that loads a bundle and predicts on bars: the second series its
/// features may need, and the keys to trust its signature with.
struct BundleInputOptions: ParsableArguments {
    @Option(name: .customLong("with"), help: "The second series the bundle's features need, if any.") var reference: String?
    @Option(help: "A folder of trusted public keys for the bundle's signature.") var trustedKeys: String?

    /// What this command trusts: the plugins this build has, and the keys in `--trusted-keys`.
    func trust() throws -> BundleTrust {
        BundleTrust(plugins: try PluginCatalog.shared.registry(), trustedKeysFolder: trustedKeys)
    }
}
