/// A model bundle in the registry: which model and version it is, its archive's SHA-256, who
/// signed it, which plugin reads it, where it came from, and its stage.
public struct RegisteredBundle: Codable, Sendable, Equatable {
    /// The model's name (`SPX-lasso`).
    public var name: String
    /// Its version (`1.0.0`).
    public var version: String
    /// SHA-256 of the bundle file, hex.
    public var digest: String
    /// The plugin id and version that read it.
    public var plugin: String
    public var pluginVersion: String
    /// What it predicts.
    public var target: String
    /// The signing key's fingerprint, or `nil` when unsigned.
    public var signer: String?
    /// The training run it was exported from, when known.
    public var parentRun: String?
    /// The fingerprint of the training data.
    public var dataFingerprint: String
    /// Where the store keeps its copy of the bundle.
    public var path: String
    /// When, and by whom, it was added.
    public var registeredAt: String
    public var registeredBy: String
    /// Where it was pulled from: an OCI reference pinned to the manifest's digest
    /// (`host/repository@sha256:…`); `nil` for a bundle added from a file.
    public var source: String?
    /// Its stage, and the last change of it.
    public var stage: Stage
    public var stageChangedAt: String
    public var stageChangedBy: String

    /// Where a model version is in its life.
    public enum Stage: String, Codable, Sendable, CaseIterable {
        case staging, production, archived
    }

    enum CodingKeys: String, CodingKey {
        case name, version, digest, plugin, target, signer, path, stage, source
        case pluginVersion = "plugin_version"
        case parentRun = "parent_run"
        case dataFingerprint = "data_fingerprint"
        case registeredAt = "registered_at"
        case registeredBy = "registered_by"
        case stageChangedAt = "stage_changed_at"
        case stageChangedBy = "stage_changed_by"
    }

    /// Makes an entry as it is first registered: in staging, changed by whoever added it.
    public init(
        name: String, version: String, digest: String, plugin: String, pluginVersion: String, target: String, signer: String?,
        parentRun: String?, dataFingerprint: String, path: String, registeredAt: String, registeredBy: String, source: String? = nil
    ) {
        (self.name, self.version, self.digest, self.plugin) = (name, version, digest, plugin)
        (self.pluginVersion, self.target, self.signer, self.parentRun) = (pluginVersion, target, signer, parentRun)
        (self.dataFingerprint, self.path, self.registeredAt, self.registeredBy) = (dataFingerprint, path, registeredAt, registeredBy)
        self.source = source
        stage = .staging
        stageChangedAt = registeredAt
        stageChangedBy = registeredBy
    }
}

/// A name for one version of a model (`champion`, `challenger`), moved by whoever sets it.
public struct ModelAlias: Codable, Sendable, Equatable {
    public var name: String
    public var alias: String
    public var version: String
    public var setAt: String
    public var setBy: String

    /// Makes an alias entry.
    public init(name: String, alias: String, version: String, setAt: String, setBy: String) {
        (self.name, self.alias, self.version, self.setAt) = (name, alias, version, setAt)
        self.setBy = setBy
    }

    enum CodingKeys: String, CodingKey {
        case name, alias, version
        case setAt = "set_at"
        case setBy = "set_by"
    }
}

/// One change of a model version's stage.
public struct StageChange: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var fromStage: String?
    public var toStage: String
    public var changedAt: String
    public var changedBy: String

    enum CodingKeys: String, CodingKey {
        case name, version
        case fromStage = "from_stage"
        case toStage = "to_stage"
        case changedAt = "changed_at"
        case changedBy = "changed_by"
    }
}
