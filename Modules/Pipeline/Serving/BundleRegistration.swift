import FerryBundle
import FerryCore
import FerryStore
import Foundation

/// Adds bundles to the store's registry: verified first (every class must pass), then copied
/// into the store's `bundles/` folder (temporary file, then rename) and registered in staging
/// with its digest, signer, plugin and lineage (the run it was exported from, when the store
/// knows it, and the training data's fingerprint).
public struct BundleRegistration: Sendable {
    public let store: Store
    public let verifier: BundleVerifier

    /// Makes a registration over `store`, verifying with `verifier`.
    public init(store: Store, verifier: BundleVerifier) {
        self.store = store
        self.verifier = verifier
    }

    /// Where the store keeps its bundles on this machine (``RegisteredBundleFiles/folder(for:)``).
    public var bundlesFolder: String { RegisteredBundleFiles.folder(for: store) }

    /// Verifies and registers the bundle at `path`, recorded in the audit trail as `user`'s with
    /// `reason`; throws ``BundleError`` naming the first failed check. `source` records where it was
    /// pulled from (an OCI reference pinned to a digest).
    public func add(_ path: String, by user: String, reason: String? = nil, source: String? = nil) throws -> (
        entry: RegisteredBundle, added: Bool
    ) {
        try register(BundleLoader.load(path, verifier: verifier).bundle, at: path, by: user, reason: reason, source: source)
    }

    /// Registers `opened`, the bundle at `path` already verified with ``verifier``'s rules (a pull
    /// verified it while it downloaded), without verifying it again.
    func register(_ opened: OpenedBundle, at path: String, by user: String, reason: String? = nil, source: String?) throws -> (
        entry: RegisteredBundle, added: Bool
    ) {
        let digest = try BundleDigest.sha256(of: path)
        let manifest = opened.contents.manifest
        let kept = (bundlesFolder as NSString).appendingPathComponent("\(manifest.folder)-\(digest.prefix(12)).tar.gz")
        try copy(path, to: kept)
        let parentRun = try store.run(bundleDigest: digest)?.id
        let entry = RegisteredBundle(
            name: manifest.name, version: manifest.version, digest: digest, plugin: manifest.plugin.id,
            pluginVersion: manifest.plugin.version.description, target: manifest.target ?? "",
            signer: opened.signer ?? verifier.outsideSigners.first, parentRun: parentRun,
            dataFingerprint: manifest.trainingData.fingerprint, path: kept, registeredAt: StoreClock.timestamp(), registeredBy: user,
            source: source)
        return try store.register(entry, reason: reason)
    }

    private func copy(_ path: String, to kept: String) throws {
        let files = FileManager.default
        guard !files.fileExists(atPath: kept) else { return }
        try files.createDirectory(atPath: bundlesFolder, withIntermediateDirectories: true)
        let partial = "\(kept).partial"
        try? files.removeItem(atPath: partial)
        try files.copyItem(atPath: path, toPath: partial)
        try files.moveItem(atPath: partial, toPath: kept)
    }
}
