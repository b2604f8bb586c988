import FerryBundle
import FerryCore
import FerryOCI
import Foundation

/// Brings a bundle back from an OCI registry (or an OCI image layout) and verifies it end to end,
/// as `ferry pull` does: the manifest (its digest when pinned), the config, and the bundle layer
/// (hashed as it streams into a temporary file), then the signatures attached as referrers, then
/// the bundle's four verification classes. Only a bundle that passes all of it is renamed into
/// the output folder; anything else leaves nothing behind.
///
/// ```swift
/// var pull = BundlePull(trust: BundleTrust(plugins: registry, trustedKeysFolder: "keys", requireSignature: true))
/// let pulled = try await pull.pull("127.0.0.1:5000/models/spx@sha256:…", into: "bundles")
/// print(pulled.path, pulled.report.passed)
/// ```
public struct BundlePull: Sendable {
    /// Which keys are trusted, whether a signature is required, which plugins this build has.
    public var trust: BundleTrust
    /// Transport settings.
    public var options = RegistryClient.Options()
    /// The environment auth files are found through.
    public var environment = ProcessInfo.processInfo.environment

    /// What a pull brought.
    public struct Pulled: Encodable, Sendable {
        /// Where the verified bundle now is.
        public let path: String
        /// The source, pinned to the manifest's digest.
        public let reference: String
        /// The manifest's digest.
        public let digest: String
        /// Key ids of the referrer signatures that verified against the trusted keys.
        public let referrerSigners: [String]
        /// How many referrer signatures were found, and whether through the referrers API.
        public let referrersFound: Int, throughReferrersAPI: Bool
        /// The bundle's verification report.
        public let report: VerificationReport
        /// The verified bundle, opened (for a registration that need not verify it again).
        let bundle: OpenedBundle

        private enum CodingKeys: String, CodingKey {
            case path, reference, digest, referrerSigners, referrersFound, throughReferrersAPI, report
        }
    }

    /// How ``BundlePush`` and ``BundlePull`` reach a registry (plain HTTP, chunked uploads).
    public typealias Options = RegistryClient.Options

    /// Makes a pull with `trust`.
    public init(trust: BundleTrust) { self.trust = trust }

    /// Pulls `source` (`host[:port]/repository:tag`, `…@sha256:<hex>`, `oci://…`, or
    /// `oci:DIR[:TAG]` for an image layout) into the folder `directory`.
    /// - Throws: ``FerryError`` for a bad reference, a registry that refuses or fails, or content
    ///   that is not a Ferry bundle; ``BundleError`` for the first verification class that fails.
    public func pull(_ source: String, into directory: String) async throws -> Pulled {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let origin = try PullOrigin(source, options: options, environment: environment)
        let (manifestData, digest) = try await origin.manifest()
        let manifest = try Self.bundleManifest(manifestData, from: origin.name)
        _ = try await origin.blob(manifest.config.digest, limit: 4 << 20)
        guard let layer = manifest.layers.first, manifest.layers.count == 1, layer.mediaType == OCIMediaTypes.bundleLayer else {
            throw FerryError(.invalidData, "\(origin.name): a Ferry bundle has exactly one layer of type \(OCIMediaTypes.bundleLayer)")
        }
        guard (0...(16 << 30)).contains(layer.size) else {
            throw FerryError(.invalidData, "\(origin.name): the bundle layer declares \(layer.size) bytes, beyond the 16 GiB bundle limit")
        }
        let signatures = try await origin.referrerSignatures(of: digest)
        let trustedKeys = try trust.trustedKeysFolder.map(SigningKeys.trustedKeys(in:)) ?? [:]
        let verified = signatures.list.filter { $0.isValid(for: digest, trustedKeys: trustedKeys) }.map(\.keyID)
        if let forged = signatures.list.first(where: { trustedKeys[$0.keyID] != nil && !$0.isValid(for: digest, trustedKeys: trustedKeys) })
        {
            throw BundleError(
                .authenticity, "\(origin.name): the referrer signature by trusted key \(forged.keyID) does not match manifest \(digest)")
        }
        var verifier = try trust.verifier()
        // A trusted referrer signature over the manifest covers the bundle's bytes (the layer digest is checked).
        verifier.outsideSigners = verified
        let partial = (directory as NSString).appendingPathComponent(".ferry-pull-\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(atPath: partial) }
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw FerryError(.io, "\(directory): cannot write a temporary file there")
        }
        // The bundle is verified while it downloads: the integrity check reads the file as it grows.
        let growing = GrowingFile(path: partial, expectedSize: layer.size)
        let checking = Task { [verifier] in try await runOffThePool { verifier.verify(growing: growing) } }
        do {
            defer { try? handle.close() }
            try await origin.download(layer.digest, size: layer.size, into: handle) { growing.grew(to: $0) }
            growing.finish()
        } catch {
            growing.fail(error)
            _ = try? await checking.value
            throw error
        }
        let (report, opened, model) = try await checking.value
        guard report.passed, let bundle = opened, model != nil else {
            let failure = report.failureError
            if failure.failing == .authenticity, !signatures.list.isEmpty, verified.isEmpty {
                let keys = Set(signatures.list.map(\.keyID)).sorted().joined(separator: ", ")
                throw BundleError(
                    .authenticity, "\(failure.message); the referrer signature(s) found are by key(s) \(keys), none of them trusted")
            }
            throw failure
        }
        let target = (directory as NSString).appendingPathComponent("\(bundle.folder).tar.gz")
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.moveItem(atPath: partial, toPath: target)
        return Pulled(
            path: target, reference: origin.pinned(to: digest), digest: digest, referrerSigners: verified,
            referrersFound: signatures.list.count,
            throughReferrersAPI: signatures.throughAPI, report: report, bundle: bundle)
    }

    /// The manifest in `data`, if it is a Ferry bundle's.
    static func bundleManifest(_ data: Data, from name: String) throws -> OCIManifest {
        guard let manifest = try? JSONDecoder().decode(OCIManifest.self, from: data) else {
            throw FerryError(.invalidData, "\(name): the manifest is not an OCI image manifest")
        }
        guard manifest.artifactType == OCIMediaTypes.bundleArtifact || manifest.config.mediaType == OCIMediaTypes.bundleConfig else {
            throw FerryError(
                .invalidData,
                "\(name): not a Ferry bundle (artifactType \(manifest.artifactType ?? "none"), config \(manifest.config.mediaType))")
        }
        return manifest
    }
}
