import FerryBundle
import FerryCore
import FerryOCI
import Foundation

/// A verified bundle as an OCI artifact: its `manifest.json` as the config blob, the archive
/// itself as the one layer (so the layer digest is the bundle's SHA-256), and the manifest that
/// names both, with the standard annotations and Ferry's own.
struct BundleArtifact: Sendable {
    /// The config blob's bytes.
    let config: Data
    /// The layer: the bundle archive.
    let layer: OCIDescriptor
    /// The artifact's manifest.
    let manifest: OCIManifest
    /// Its canonical bytes.
    let manifestData: Data

    /// The bundle at `path`, verified with `trust` (every class; compatibility and behaviour are
    /// left to whoever loads it when this build lacks the bundle's plugin).
    /// - Throws: ``BundleError`` for the first check that fails: only a bundle that verifies is handed off.
    static func verified(_ path: String, trust: BundleTrust) throws -> OpenedBundle {
        try BundleLoader.requireFile(path)
        var verifier = try trust.verifier()
        verifier.leavesMissingPluginToLoader = true
        let (report, opened, _) = verifier.verify(path)
        guard report.passed, let opened else { throw report.failureError }
        return opened
    }

    /// The bundle file's digest (`sha256:<hex>`) and size: the layer's, before it is described.
    static func layerDigest(of path: String) throws -> (digest: String, size: Int64) {
        let size = try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return ("sha256:" + (try BundleDigest.sha256(of: path)), size)
    }

    /// Describes `bundle`, whose file has `layerDigest`, as an artifact.
    /// - Parameters:
    ///   - bundle: The verified bundle.
    ///   - layerDigest: Its file's digest and size.
    ///   - source: The `org.opencontainers.image.source` annotation, when given.
    /// - Throws: `EncodingError` if the manifest cannot be encoded (it always can).
    init(bundle: OpenedBundle, layerDigest: (digest: String, size: Int64), source: String?) throws {
        let manifest = bundle.contents.manifest
        layer = OCIDescriptor(
            mediaType: OCIMediaTypes.bundleLayer, digest: layerDigest.digest, size: layerDigest.size,
            annotations: ["org.opencontainers.image.title": "\(manifest.folder).tar.gz"])
        config = bundle.manifestData
        var annotations = [
            "org.opencontainers.image.title": manifest.name,
            "org.opencontainers.image.version": manifest.version,
            "org.opencontainers.image.created": "\(manifest.created.description)T00:00:00Z",
            "dev.ferry.bundle.format": "\(manifest.formatVersion)",
            "dev.ferry.bundle.plugin": "\(manifest.plugin.id) \(manifest.plugin.version)",
            "dev.ferry.bundle.data-fingerprint": manifest.trainingData.fingerprint,
        ]
        if let target = manifest.target { annotations["dev.ferry.bundle.target"] = target }
        if let source { annotations["org.opencontainers.image.source"] = source }
        self.manifest = OCIManifest(
            artifactType: OCIMediaTypes.bundleArtifact,
            config: OCIDescriptor(mediaType: OCIMediaTypes.bundleConfig, digest: Digests.sha256(config), size: Int64(config.count)),
            layers: [layer], annotations: annotations)
        manifestData = try self.manifest.encoded()
    }

    /// The manifest's digest.
    var digest: String { Digests.sha256(manifestData) }

    /// The descriptor of the manifest.
    var descriptor: OCIDescriptor {
        OCIDescriptor(
            mediaType: OCIMediaTypes.imageManifest, digest: digest, size: Int64(manifestData.count),
            artifactType: OCIMediaTypes.bundleArtifact)
    }
}
