/// Sizes Ferry accepts from a registry, which is untrusted input.
enum OCILimits {
    /// A manifest, an index, a config blob, a token answer: 4 MiB (what the distribution
    /// specification asks registries to accept for manifests).
    static let smallDocument = 4 << 20
    /// A signature blob.
    static let signature = 64 << 10
    /// A bundle layer: the bundle reader's own limit on the whole archive.
    static let bundle: Int64 = 16 << 30
    /// Referrers Ferry looks at for one bundle.
    static let referrers = 64
}
