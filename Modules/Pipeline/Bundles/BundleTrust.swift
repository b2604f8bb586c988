import FerryBundle
import FerryCore
import FerryModels

/// What a front end trusts when it verifies a bundle: the plugins it was built with, the public
/// keys in a folder, and whether an unsigned bundle is refused.
///
/// Every front end turns its options into one of these, and every use case that loads a bundle
/// verifies through the ``verifier()`` it makes, against this machine's environment (decided once,
/// from the plugins).
///
/// ```swift
/// let trust = BundleTrust(plugins: registry, trustedKeysFolder: "keys", requireSignature: true)
/// let report = try trust.verify("bundles/SPX-lasso-1.0.0.tar.gz")
/// print(report.passed, report.exitCode)
/// ```
public struct BundleTrust: Sendable {
    /// The plugins this build has: a bundle naming another is incompatible.
    public var plugins: PluginRegistry
    /// A folder of trusted public keys (`*.pub`); `nil` accepts any valid signature.
    public var trustedKeysFolder: String?
    /// Refuse unsigned bundles.
    public var requireSignature: Bool

    /// Makes the trust settings.
    public init(plugins: PluginRegistry, trustedKeysFolder: String? = nil, requireSignature: Bool = false) {
        self.plugins = plugins
        self.trustedKeysFolder = trustedKeysFolder
        self.requireSignature = requireSignature
    }

    /// A verifier with these rules for this machine's environment and these plugins.
    /// - Returns: The verifier every bundle-loading use case takes.
    /// - Throws: ``BundleError`` (authenticity) naming the key folder, or a key in it, that cannot be read.
    public func verifier() throws -> BundleVerifier {
        var verifier = BundleVerifier(registry: plugins, environment: .current(registry: plugins))
        verifier.trustedKeys = try trustedKeysFolder.map(SigningKeys.trustedKeys(in:))
        verifier.requireSignature = requireSignature
        return verifier
    }

    /// Checks the bundle at `path` in every class (integrity, authenticity, compatibility,
    /// behaviour); a failed check is in the report, not thrown.
    /// - Returns: Each check's verdict and details, and the exit code of the first failure.
    /// - Throws: ``FerryError`` `notFound` when there is no file at `path`; ``BundleError``
    ///   (authenticity) when the trusted keys cannot be read.
    public func verify(_ path: String) throws -> VerificationReport {
        try BundleLoader.requireFile(path)
        return try verifier().verify(path).report
    }
}
