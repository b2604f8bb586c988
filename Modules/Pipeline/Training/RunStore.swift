import FerryCore
import FerryModels
import Foundation

/// Training runs on disk: one folder per run under a runs directory, holding `run.json` and
/// `weights.safetensors`. A run is written to a hidden folder and renamed into place, so a failed
/// write leaves no half-made run.
public struct RunStore: Sendable {
    /// The runs directory (`runs/` by default).
    public let directory: String

    /// Makes a store over `directory`.
    public init(directory: String = "runs") { self.directory = directory }

    /// Saves `outcome` as a new run and returns its record.
    public func save(_ outcome: TrainingOutcome, now: Date = Date()) throws -> RunRecord {
        let hyperparameters = try JSONDecoder().decode(JSONValue.self, from: outcome.plugin.hyperparameters)
        let files = FileManager.default
        let base = Self.runID(plugin: outcome.plugin.id, now: now, fingerprint: outcome.data.sha256)
        var id = base
        var suffix = 1
        while files.fileExists(atPath: (directory as NSString).appendingPathComponent(id)) {
            suffix += 1
            id = "\(base)-\(suffix)"
        }
        let record = RunRecord(
            id: id, created: Self.timestamp(now), plugin: .init(id: outcome.plugin.id, version: outcome.plugin.version),
            hyperparameters: hyperparameters, seed: outcome.seed, target: outcome.target, data: outcome.data,
            features: outcome.pipeline, schema: outcome.schema, split: outcome.split, evaluation: outcome.evaluation,
            weights: "weights.safetensors", golden: outcome.golden, tuning: outcome.tuning,
            walkForward: outcome.walkForward)
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let partial = (directory as NSString).appendingPathComponent(".\(id).partial")
        let final = (directory as NSString).appendingPathComponent(id)
        try? files.removeItem(atPath: partial)
        try files.createDirectory(atPath: partial, withIntermediateDirectories: false)
        do {
            try Self.encoder.encode(record).write(to: URL(fileURLWithPath: (partial as NSString).appendingPathComponent("run.json")))
            try Data(Safetensors.encode(outcome.plugin.model.tensors)).write(
                to: URL(fileURLWithPath: (partial as NSString).appendingPathComponent(record.weights)))
            try files.moveItem(atPath: partial, toPath: final)
        } catch {
            try? files.removeItem(atPath: partial)
            throw error
        }
        return record
    }

    /// The run with `id`; throws naming the runs there are when it does not exist.
    public func record(id: String) throws -> RunRecord {
        let path = (directory as NSString).appendingPathComponent("\(id)/run.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            let known = try ids()
            throw FerryError(.notFound, "no run '\(id)' in \(directory); runs: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        return try Self.decoder.decode(RunRecord.self, from: data)
    }

    /// The most recent run (by creation time, to the second; runs made in the same second by when
    /// their run.json was written, then by id), or an error when there is none.
    public func latest() throws -> RunRecord {
        let records = try ids().map { (record: try record(id: $0), written: writtenAt($0)) }
        guard
            let newest = records.max(by: {
                ($0.record.created, $0.written, $0.record.id) < ($1.record.created, $1.written, $1.record.id)
            })
        else {
            throw FerryError(.notFound, "no runs in \(directory); train one first")
        }
        return newest.record
    }

    /// When run `id`'s run.json was written (seconds since 1970, with the file system's fraction).
    private func writtenAt(_ id: String) -> Double {
        let path = (directory as NSString).appendingPathComponent("\(id)/run.json")
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    }

    /// The run ids, in name order.
    public func ids() throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter {
                !$0.hasPrefix(".")
                    && FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("\($0)/run.json"))
            }
            .sorted()
    }

    /// The trained model of run `record`, rebuilt through the plugin that made it.
    public func model(of record: RunRecord, registry: PluginRegistry) throws -> any TrainedModel {
        let weights = (directory as NSString).appendingPathComponent("\(record.id)/\(record.weights)")
        guard let bytes = FileManager.default.contents(atPath: weights) else { throw FerryError(.notFound, "\(weights): missing") }
        let tensors = try Safetensors.decode(Array(bytes)).tensors
        return try registry.load(
            id: record.plugin.id, tensors: tensors, hyperparameters: JSONEncoder().encode(record.hyperparameters), schema: record.schema)
    }

    static let encoder = FerryJSON.encoder(pretty: true)
    static let decoder = FerryJSON.decoder()

    static func runID(plugin: String, now: Date, fingerprint: String) -> String {
        let stamp = timestamp(now).filter(\.isNumber)
        return "\(plugin)-\(stamp.prefix(8))-\(stamp.dropFirst(8).prefix(6))-\(fingerprint.prefix(6))"
    }

    static func timestamp(_ date: Date) -> String {
        Timestamp(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down))).isoDateTime
    }
}
