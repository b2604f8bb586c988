import FerryBundle
import FerryCore
import FerryStore
import Foundation

/// Registers a bundle straight from an OCI registry, as `ferry registry add oci://…` and
/// `ferry serve --pull oci://…` do: pulled and verified (``BundlePull``), then registered in
/// staging with its source pinned to the manifest's digest, so the store says exactly which
/// bytes it serves even when the tag moves later.
public struct RegistryImport: Sendable {
    /// What the pull and the registration trust.
    public var trust: BundleTrust
    /// Transport settings.
    public var options = BundlePull.Options()

    /// Makes an import with `trust`.
    public init(trust: BundleTrust) { self.trust = trust }

    /// Whether `reference` names an OCI registry (`oci://…`) rather than a file.
    public static func isRegistryReference(_ reference: String) -> Bool { reference.hasPrefix("oci://") }

    /// Pulls `reference` (`oci://host[:port]/repository:tag` or `@sha256:…`), verifies it, and
    /// registers it in `store` by `user`.
    /// - Throws: What ``BundlePull/pull(_:into:)`` and ``BundleRegistration/add(_:by:source:)`` throw (the bundle is verified once, by the pull).
    public func add(_ reference: String, store: Store, by user: String, reason: String? = nil) async throws -> (
        entry: RegisteredBundle, added: Bool
    ) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-import-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var pull = BundlePull(trust: trust)
        pull.options = options
        let pulled = try await pull.pull(reference, into: folder)
        var verifier = try trust.verifier()
        verifier.outsideSigners = pulled.referrerSigners
        return try BundleRegistration(store: store, verifier: verifier).register(
            pulled.bundle, at: pulled.path, by: user, reason: reason, source: "oci://" + pulled.reference)
    }
}
