import Crypto
import FerryBundle
import FerryCore
import FerryOCI
import Foundation

/// Hands a bundle off through an OCI registry, as `ferry push` does: verify it, upload the
/// config and the bundle (each only when the registry lacks it), put the manifest under the tag,
/// and with a signing key attach a signature as a referrer (and in the `sha256-<hex>` fallback
/// tag's index, for registries without the referrers API).
///
/// ```swift
/// var push = BundlePush(trust: BundleTrust(plugins: registry))
/// push.signingKeyFile = "keys/ferry.key"
/// let pushed = try await push.push(bundle: "bundles/SPX-lasso-1.0.0.tar.gz", to: "127.0.0.1:5000/models/spx:1.0.0")
/// print(pushed.digest)   // the manifest's digest: pull by it for exactly these bytes
/// ```
public struct BundlePush: Sendable {
    /// Verifies the bundle before it leaves.
    public var trust: BundleTrust
    /// An Ed25519 private key (from `ferry keygen`) to sign the pushed manifest with.
    public var signingKeyFile: String?
    /// The `org.opencontainers.image.source` annotation (where the model's code lives).
    public var source: String?
    /// Another repository on the same registry to mount the blobs from before uploading them
    /// (a bundle promoted from `staging/…` to `prod/…` then moves no bytes).
    public var mountFrom: String?
    /// Upload and transport settings.
    public var options = RegistryClient.Options()
    /// The user's registry credentials' environment (auth files are found through it).
    public var environment = ProcessInfo.processInfo.environment

    /// What a push did.
    public struct Pushed: Codable, Sendable {
        /// The reference pushed to, pinned to the manifest's digest.
        public let reference: String
        /// The manifest's digest.
        public let digest: String
        /// The bundle's SHA-256 (the layer's digest).
        public let bundleSHA256: String
        /// The bundle's size in bytes.
        public let size: Int64
        /// Blobs (config and bundle) uploaded, mounted from ``BundlePush/mountFrom``, and already there.
        public let uploaded: Int, mounted: Int, alreadyThere: Int
        /// Requests the bundle's upload took (1, or the number of chunks).
        public let chunks: Int
        /// The signing key's id, when signed.
        public let signer: String?
        /// The signature manifest's digest, when signed.
        public let signatureDigest: String?
    }

    /// Makes a push with `trust`.
    public init(trust: BundleTrust) { self.trust = trust }

    /// Pushes the bundle at `path` to `reference` (`host[:port]/repository:tag`).
    /// - Throws: ``BundleError`` when the bundle does not verify; ``FerryError`` for a bad
    ///   reference (`invalidArgument`), refused credentials (`refused`) or a registry that fails (`unavailable`).
    public func push(bundle path: String, to reference: String) async throws -> Pushed {
        let target = try ImageReference(reference)
        guard target.digest == nil else {
            throw FerryError(.invalidArgument, "push to a tag (host/repository:tag), not to a digest: \(reference)")
        }
        let signingKey = try signingKeyFile.map(SigningKeys.privateKey(at:))
        try BundleLoader.requireFile(path)
        let client = RegistryClient(
            reference: target, credentials: try RegistryCredentials.lookup(registry: target.registry, environment: environment),
            options: options)
        // Verifying (inflating, one core) runs beside hashing and uploading the file (the other):
        // the manifest is put only once both are done, so a bundle that fails is never tagged,
        // and a failed verification cancels the upload.
        let (trust, mountFrom) = (trust, mountFrom)
        let verification = Task { try await runOffThePool { try BundleArtifact.verified(path, trust: trust) } }
        let upload = Task { () -> (layer: (digest: String, size: Int64), placement: Placement) in
            let layer = try await runOffThePool { try BundleArtifact.layerDigest(of: path) }
            return (
                layer,
                try await Self.place(layer.digest, client: client, mountFrom: mountFrom) {
                    try await client.uploadBlob(file: path, digest: layer.digest, size: layer.size)
                }
            )
        }
        let bundle: OpenedBundle
        do {
            bundle = try await verification.value
        } catch {
            upload.cancel()
            _ = try? await upload.value
            throw error
        }
        let (layer, layerPlacement) = try await upload.value
        let artifact = try BundleArtifact(bundle: bundle, layerDigest: layer, source: source)
        let configPlacement = try await Self.place(artifact.manifest.config.digest, client: client, mountFrom: mountFrom) {
            try await client.uploadBlob(artifact.config, digest: artifact.manifest.config.digest)
            return 1
        }
        let placements = [layerPlacement, configPlacement]
        let (uploaded, mounted) = (placements.filter(\.isUpload).count, placements.filter { $0 == .mounted }.count)
        let chunks = if case let .uploaded(requests) = layerPlacement { requests } else { 0 }
        try await client.putManifest(artifact.manifestData, mediaType: OCIMediaTypes.imageManifest, reference: target.tag ?? "latest")
        var signature: String?
        if let signingKey { signature = try await attachSignature(to: artifact, with: signingKey, client: client) }
        return Pushed(
            reference: target.pinned(to: artifact.digest).description, digest: artifact.digest,
            bundleSHA256: String(artifact.layer.digest.dropFirst("sha256:".count)), size: artifact.layer.size, uploaded: uploaded,
            mounted: mounted, alreadyThere: 2 - uploaded - mounted, chunks: chunks,
            signer: signingKey.map { SigningKeys.keyID($0.publicKey) }, signatureDigest: signature)
    }

    /// How a blob came to be in the repository.
    enum Placement: Equatable {
        case alreadyThere, mounted
        /// Uploaded, in this many requests.
        case uploaded(requests: Int)

        var isUpload: Bool { if case .uploaded = self { true } else { false } }
    }

    /// Puts blob `digest` in the repository: nothing when it is there already, a mount from
    /// `mountFrom` when the registry takes one, else `upload` (which says how many requests it took).
    static func place(
        _ digest: String, client: RegistryClient, mountFrom: String?, upload: () async throws -> Int
    ) async throws -> Placement {
        if try await client.hasBlob(digest) { return .alreadyThere }
        if let mountFrom, try await client.mount(digest, from: mountFrom) { return .mounted }
        return .uploaded(requests: try await upload())
    }

    /// Writes the bundle at `path` as an OCI image layout in `directory`, tagged `tag`, for
    /// air-gapped sites (`skopeo copy oci:DIR:TAG docker://…` pushes it).
    /// - Returns: The manifest's digest.
    public func writeLayout(bundle path: String, to directory: String, tag: String) throws -> String {
        let artifact = try BundleArtifact(
            bundle: try BundleArtifact.verified(path, trust: trust), layerDigest: try BundleArtifact.layerDigest(of: path), source: source)
        let layout = OCILayout(directory: directory)
        try layout.write(artifact.config, digest: artifact.manifest.config.digest)
        try layout.copy(file: path, digest: artifact.layer.digest)
        try layout.write(artifact.manifestData, digest: artifact.digest)
        try layout.tag(artifact.descriptor, as: tag)
        return artifact.digest
    }

    /// Pushes a signature of `artifact`'s manifest as a referrer, and lists it in the fallback tag's index.
    private func attachSignature(
        to artifact: BundleArtifact, with key: Curve25519.Signing.PrivateKey, client: RegistryClient
    ) async throws -> String {
        let signature = try FerryJSON.encoder().encode(ReferrerSignature.sign(subject: artifact.digest, with: key))
        let empty = Data("{}".utf8)
        try await client.uploadBlob(signature, digest: Digests.sha256(signature))
        if try await !client.hasBlob(Digests.sha256(empty)) { try await client.uploadBlob(empty, digest: Digests.sha256(empty)) }
        let manifest = OCIManifest(
            artifactType: OCIMediaTypes.signatureArtifact,
            config: OCIDescriptor(mediaType: OCIMediaTypes.empty, digest: Digests.sha256(empty), size: 2),
            layers: [
                OCIDescriptor(mediaType: OCIMediaTypes.signatureArtifact, digest: Digests.sha256(signature), size: Int64(signature.count))
            ],
            subject: artifact.descriptor, annotations: ["dev.ferry.signature.key-id": SigningKeys.keyID(key.publicKey)])
        let data = try manifest.encoded()
        let digest = try await client.putManifest(data, mediaType: OCIMediaTypes.imageManifest, reference: Digests.sha256(data))
        try await client.listReferrer(
            OCIDescriptor(
                mediaType: OCIMediaTypes.imageManifest, digest: digest, size: Int64(data.count),
                artifactType: OCIMediaTypes.signatureArtifact),
            of: artifact.digest)
        return digest
    }
}
