import FerryCore
import FerryStore
import Foundation

extension RunEntry {
    /// The store's entry for a kept run: its hyperparameters and evaluation as canonical JSON.
    public init(_ record: RunRecord) throws {
        let encoder = FerryJSON.encoder()
        self.init(
            id: record.id, createdAt: record.created, plugin: record.plugin.id, pluginVersion: record.plugin.version.description,
            target: record.target, seed: Int64(bitPattern: record.seed),
            parameters: String(decoding: try encoder.encode(record.hyperparameters), as: UTF8.self),
            metrics: String(decoding: try encoder.encode(record.evaluation), as: UTF8.self), dataFingerprint: record.data.sha256)
    }
}
