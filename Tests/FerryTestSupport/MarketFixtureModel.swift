import FerryCore
import FerryPipeline
import Foundation

/// A model on real bars: lasso (alpha 1e-6, so its coefficients are not all zero) trained once
/// per test process on the embedded EUR/USD hourly file with the standard feature pipeline, and
/// exported as a bundle, for tests that score bars the way the batch and the stream do.
public enum MarketFixtureModel {
    /// The bundle's path (in a temporary folder, made on first use).
    public static func bundle() throws -> String { try exported.get() }

    /// The embedded EUR/USD hourly bars.
    public static let eurusd = TestRepository.path("data/EURUSD-1h.csv")

    private static let exported: Result<String, any Error> = Result {
        let folder = try TemporaryFolder("market-fixture")
        var job = TrainingJob(input: .market(dataPaths: [eurusd], reference: nil), pluginID: "lasso")
        job.overrides = ["alpha": "0.000001"]
        let keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")))
        let record = try keeper.keep(try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger))
        var export = BundleExport(sourceDateEpoch: nil)
        (export.name, export.version) = ("EURUSD-lasso", "1.0.0")
        let path = folder.file("EURUSD-lasso-1.0.0.tar.gz")
        try export.write(run: record, keeper: keeper, registry: FixtureModel.registry, to: .file(path), lineage: false)
        return path
    }
}
