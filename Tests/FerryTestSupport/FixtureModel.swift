import FerryBaselines
import FerryBundle
import FerryCore
import FerryLinear
import FerryModels
import FerryPipeline
import FerryStore
import Foundation
import Logging

/// The model most tests need: ridge trained once per test process on the fixture table
/// (`x1`, `x2` → `y`), kept in a run folder, and exported as bundles through ``BundleExport``,
/// the one export every front end uses.
public struct FixtureModel: Sendable {
    /// The plugins the fixture bundles need: lasso, ridge and the baselines.
    public static let registry: PluginRegistry = {
        do {
            return try PluginRegistry([LassoPlugin.self, RidgePlugin.self] + Baselines.plugins)
        } catch {
            preconditionFailure("the fixture plugins have distinct ids: \(error)")
        }
    }()

    /// A logger that stays quiet.
    public static var quietLogger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// A verifier for bundles made here, against this machine's environment.
    public static var verifier: BundleVerifier { BundleVerifier(registry: registry, environment: .current(registry: registry)) }

    /// The training job behind the fixture: ridge on `Tests/DataTests/Fixtures/table_good.csv`.
    public static var job: TrainingJob {
        var job = TrainingJob(input: .table(path: TestRepository.path("Tests/DataTests/Fixtures/table_good.csv")), pluginID: "ridge")
        job.target = "y"
        return job
    }

    /// The one trained run of this process (trained on first use).
    public static func shared() throws -> FixtureModel { try trained.get() }

    private static let trained: Result<FixtureModel, any Error> = Result {
        let folder = try TemporaryFolder("fixture-run")
        let keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")))
        return FixtureModel(keeper: keeper, record: try keeper.keep(try job.run(registry: registry, logger: quietLogger)))
    }

    /// Where the run is kept.
    public let keeper: RunKeeper
    /// The run.
    public let record: RunRecord

    /// Exports the run as bundle `name` `version` to `path`.
    @discardableResult
    public func export(name: String = "table-ridge", version: String = "1.0.0", to path: String) throws -> BundleExport.Exported {
        var export = BundleExport(sourceDateEpoch: nil)
        (export.name, export.version) = (name, version)
        return try export.write(run: record, keeper: keeper, registry: Self.registry, to: .file(path), lineage: false)
    }
}
