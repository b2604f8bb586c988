import ArgumentParser
import FerryBundle

/// The options of every command that loads a bundle and predicts on bars: the second series its
/// features may need, and the keys to trust its signature with.
struct BundleInputOptions: ParsableArguments {
    @Option(name: .customLong("with"), help: "The second series the bundle's features need, if any.")
    var reference: String?

    @Option(help: "A folder of trusted public keys for the bundle's signature.")
    var trustedKeys: String?

    /// A verifier for the plugins this build has and this machine, trusting `--trusted-keys`.
    func verifier() throws -> BundleVerifier {
        var verifier = BundleVerifier(registry: try PluginCatalog.shared.registry(), environment: try currentEnvironment())
        verifier.trustedKeys = try trustedKeys.map(SigningKeys.trustedKeys(in:))
        return verifier
    }
}
