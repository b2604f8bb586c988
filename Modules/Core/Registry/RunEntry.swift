/// A training run as the store keeps it: its plugin, parameters and metrics (JSON text), the
/// fingerprint of its data, and the digest of the bundle exported from it, once there is one.
public struct RunEntry: Codable, Sendable, Equatable {
    public var id: String
    public var createdAt: String
    public var plugin: String
    public var pluginVersion: String
    public var target: String
    public var seed: Int64
    /// The hyperparameters, canonical JSON.
    public var parameters: String
    /// Validation and test metrics of the model and each baseline, JSON.
    public var metrics: String
    public var dataFingerprint: String
    public var bundleDigest: String?

    /// Makes an entry.
    public init(
        id: String, createdAt: String, plugin: String, pluginVersion: String, target: String, seed: Int64, parameters: String,
        metrics: String, dataFingerprint: String, bundleDigest: String? = nil
    ) {
        (self.id, self.createdAt, self.plugin, self.pluginVersion) = (id, createdAt, plugin, pluginVersion)
        (self.target, self.seed, self.parameters, self.metrics) = (target, seed, parameters, metrics)
        (self.dataFingerprint, self.bundleDigest) = (dataFingerprint, bundleDigest)
    }

    enum CodingKeys: String, CodingKey {
        case id, plugin, target, seed, parameters, metrics
        case createdAt = "created_at"
        case pluginVersion = "plugin_version"
        case dataFingerprint = "data_fingerprint"
        case bundleDigest = "bundle_digest"
    }
}
