import FerryBundle
import FerryCore
import FerryModels
import Foundation
import Logging

/// A shadow retrain: a challenger trained the way the champion bundle was (same plugin,
/// hyperparameters, feature pipeline and target) on the latest data, exported next to it and never
/// promoted. `ferry promote` decides between the two.
public struct ShadowRetrain: Sendable {
    /// The champion bundle's path, for messages.
    public var champion: String
    /// Bar files to train on (the latest data).
    public var dataPaths: [String]
    /// The second series, when the champion's features need one.
    public var reference: String?
    /// Where the challenger's run is kept (its folder, and the store's run table when the keeper has a store).
    public var keeper = RunKeeper()
    /// The folder the challenger bundle is written into.
    public var folder = "bundles/shadow"

    /// Makes a shadow retrain of `champion` on `dataPaths`.
    public init(champion: String, dataPaths: [String]) {
        self.champion = champion
        self.dataPaths = dataPaths
    }

    /// Trains, keeps the run and exports the challenger as `<name>-<version>-shadow-<last date>.tar.gz`;
    /// `contents` are the champion's, already verified and loaded.
    public func run(champion contents: BundleContents, registry: PluginRegistry, logger: Logger) throws -> ShadowChallenger {
        guard let target = contents.schema.target else {
            throw FerryError(.invalidData, "\(champion) names no target to train a challenger for")
        }
        var job = TrainingJob(input: .market(dataPaths: dataPaths, reference: reference), pluginID: contents.manifest.plugin.id)
        job.overrides = try contents.hyperparameterOverrides(bundle: champion)
        job.features = try contents.featurePipeline(bundle: champion)
        job.target = target
        job.seed = contents.manifest.seed
        let record = try keeper.keep(try job.run(registry: registry, logger: logger))

        var export = BundleExport()
        export.name = contents.manifest.name
        export.version =
            "\(contents.manifest.version)-shadow-\(record.split.test.last.map { $0.isoDate.replacingOccurrences(of: "-", with: "") } ?? record.id)"
        let challenger = try export.write(run: record, keeper: keeper, registry: registry, to: .folder(folder))
        return ShadowChallenger(
            bundle: challenger.path, run: record.id, trainedThrough: record.split.train.last,
            validation: record.evaluation.validation["model"])
    }
}

/// The challenger a shadow retrain exported.
public struct ShadowChallenger: Codable, Sendable, Equatable {
    /// The challenger bundle's path.
    public let bundle: String
    /// The run it was exported from.
    public let run: String
    /// The last date of its training rows.
    public let trainedThrough: Timestamp?
    /// Its validation metrics.
    public let validation: MetricSet?
}

extension ShadowRetrain {
    /// This retrain as ``StatusActions/challenger``: given the registry entry of the version a
    /// yellow grade was for, it verifies and loads that bundle and trains its challenger the same way.
    public func challengerMaker(verifier: BundleVerifier, logger: Logger) -> @Sendable (RegisteredBundle) async throws -> String {
        { entry in
            var shadow = self
            shadow.champion = entry.path
            let (bundle, _) = try BundleLoader.load(entry.path, verifier: verifier)
            return try shadow.run(champion: bundle.contents, registry: verifier.registry, logger: logger).bundle
        }
    }
}
