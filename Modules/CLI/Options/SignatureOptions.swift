import ArgumentParser
import FerryBundle

/// How a command that verifies a bundle treats signatures: the keys it trusts, and whether it refuses unsigned bundles.
struct SignatureOptions: ParsableArguments {
    @Option(help: "A folder of trusted public keys (*.pub).")
    var trustedKeys: String?

    @Flag(help: "Refuse unsigned bundles.")
    var requireSignature = false

    /// A verifier for the plugins this build has and this machine, with these signature rules.
    func verifier() throws -> BundleVerifier {
        var verifier = BundleVerifier(registry: try PluginCatalog.shared.registry(), environment: try currentEnvironment())
        verifier.trustedKeys = try trustedKeys.map(SigningKeys.trustedKeys(in:))
        verifier.requireSignature = requireSignature
        return verifier
    }
}
