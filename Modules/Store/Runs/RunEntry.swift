import FerryCore
import GRDB

/// A training run as the store keeps it: its plugin, parameters and metrics (JSON text), the
/// fingerprint of its data, and the digest of the bundle exported from it, once there is one.
public struct RunEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "run"

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
        self.id = id
        self.createdAt = createdAt
        self.plugin = plugin
        self.pluginVersion = pluginVersion
        self.target = target
        self.seed = seed
        self.parameters = parameters
        self.metrics = metrics
        self.dataFingerprint = dataFingerprint
        self.bundleDigest = bundleDigest
    }

    enum CodingKeys: String, CodingKey {
        case id, plugin, target, seed, parameters, metrics
        case createdAt = "created_at"
        case pluginVersion = "plugin_version"
        case dataFingerprint = "data_fingerprint"
        case bundleDigest = "bundle_digest"
    }
}

extension Store {
    /// Records a run (replacing an entry with the same id).
    public func recordRun(_ run: RunEntry) throws {
        try pool.write { db in try run.save(db) }
    }

    /// Whether the store has the run with exactly this `id`.
    public func hasRun(_ id: String) throws -> Bool {
        try pool.read { db in try RunEntry.fetchOne(db, key: id) != nil }
    }

    /// Notes the digest of the bundle exported from run `id`; an unknown run is refused.
    public func setBundleDigest(_ digest: String, run id: String) throws {
        try pool.write { db in
            guard var run = try RunEntry.fetchOne(db, key: id) else { throw FerryError(.notFound, "no run '\(id)' in the store") }
            run.bundleDigest = digest
            try run.update(db)
        }
    }

    /// The run a bundle with `digest` was exported from, if the store recorded it.
    public func run(bundleDigest digest: String) throws -> RunEntry? {
        try pool.read { db in try RunEntry.filter(Column("bundle_digest") == digest).fetchOne(db) }
    }

    /// Every run, newest first.
    public func runs() throws -> [RunEntry] {
        try pool.read { db in try RunEntry.order(Column("created_at").desc, Column("id").desc).fetchAll(db) }
    }

    /// The run `id`, or the one whose id starts with it when only one does; refused otherwise.
    public func run(_ id: String) throws -> RunEntry {
        try pool.read { db in
            if let run = try RunEntry.fetchOne(db, key: id) { return run }
            let matches = try RunEntry.filter(Column("id").like("\(id)%")).fetchAll(db)
            guard matches.count == 1 else {
                throw FerryError(.notFound, matches.isEmpty ? "no run '\(id)' in the store" : "'\(id)' matches \(matches.count) runs; give more of the id")
            }
            return matches[0]
        }
    }
}
