/// The media types Ferry's OCI artifacts use.
///
/// Ferry follows the OCI image specification 1.1's guidance for artifacts (and what ORAS and
/// KitOps do): an image manifest whose `artifactType` names what it is, a config blob of Ferry's
/// own type holding the bundle's `manifest.json` (so a registry UI or `skopeo inspect` shows what
/// the bundle is without pulling it), and the bundle archive itself as the one layer, byte for
/// byte, so the layer digest is the bundle's SHA-256. Unlike ModelPack's one-layer-per-file
/// layout, the bundle stays one canonical archive: its checksums and signature cover it whole.
public enum OCIMediaTypes {
    /// The `artifactType` of a bundle's manifest.
    public static let bundleArtifact = "application/vnd.ferry.bundle.v2"
    /// The config blob: the bundle's `manifest.json`.
    public static let bundleConfig = "application/vnd.ferry.bundle.config.v2+json"
    /// The one layer: the bundle archive (`.tar.gz`).
    public static let bundleLayer = "application/vnd.ferry.bundle.v2.tar+gzip"
    /// The `artifactType` of a signature attached as a referrer, and its one layer's type.
    public static let signatureArtifact = "application/vnd.ferry.signature.v1+json"
    /// OCI image manifest.
    public static let imageManifest = "application/vnd.oci.image.manifest.v1+json"
    /// OCI image index (the referrers list, and the `sha256-<hex>` fallback tag).
    public static let imageIndex = "application/vnd.oci.image.index.v1+json"
    /// The empty config of artifacts that need none (`{}`).
    public static let empty = "application/vnd.oci.empty.v1+json"
}
