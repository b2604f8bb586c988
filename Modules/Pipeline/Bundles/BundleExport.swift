import FerryBundle
import FerryCore
import FerryModels
import Foundation

/// Turns a kept training run into a bundle's contents.
public struct BundleExport: Sendable {
    /// The bundle's name (letters, digits, `.`, `_`, `-`); by default `<data>-<plugin>`, such as `SPX-lasso`.
    public var name: String?
    /// The bundle's version.
    public var version = "1.0.0"
    /// `SOURCE_DATE_EPOCH`, when set: the creation time to record (else the run's last data date).
    public var sourceDateEpoch: String?

    /// Makes an export with the default name and version.
    public init(sourceDateEpoch: String? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]) {
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The contents of a bundle of `record`, its weights read from `store`.
    public func contents(of record: RunRecord, store: RunStore, registry: PluginRegistry) throws -> BundleContents {
        let bundleName = name ?? "\(record.data.files.first.map { ($0.name as NSString).deletingPathExtension } ?? "model")-\(record.plugin.id)"
        for (label, value) in [("name", bundleName), ("version", version)]
        where value.isEmpty || !value.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) || value.hasPrefix(".") {
            throw FerryError(.invalidArgument, "bundle \(label) '\(value)' may hold only letters, digits, '.', '_' and '-'")
        }
        let created: Timestamp
        if let sourceDateEpoch {
            guard let seconds = Int64(sourceDateEpoch) else { throw FerryError(.invalidArgument, "SOURCE_DATE_EPOCH '\(sourceDateEpoch)' is not a whole number of seconds") }
            created = Timestamp(secondsSinceEpoch: seconds)
        } else {
            created = record.split.test.last ?? Timestamp(secondsSinceEpoch: 0)
        }
        let model = try store.model(of: record, registry: registry)
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let files = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(record.data.files))
        guard case let .array(fileList) = files else { throw FerryError(.invalidData, "run \(record.id): unreadable data fingerprint") }
        let manifest = BundleManifest(
            name: bundleName, version: version, plugin: .init(id: record.plugin.id, version: record.plugin.version), target: record.target,
            trainingData: .init(fingerprint: record.data.sha256, files: fileList, first: record.split.train.first, last: record.split.test.last),
            hyperparameters: record.hyperparameters, seed: record.seed, created: created, ferryVersion: FerryVersion.current)
        let evaluation = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(record.evaluation))
        let baseline = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(record.evaluation.validation["model"] ?? MetricSet()))
        return BundleContents(
            manifest: manifest, schema: record.schema,
            pipeline: try record.features.map { try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode($0)) },
            tensors: model.tensors,
            environment: .current(ferryVersion: FerryVersion.current, plugins: Dictionary(uniqueKeysWithValues: registry.plugins.map { ($0.id, $0.version.description) })),
            metrics: .object(["evaluation": evaluation, "monitoring_baseline": baseline]), golden: record.golden,
            modelCard: ModelCard.render(record, manifest: manifest))
    }
}
