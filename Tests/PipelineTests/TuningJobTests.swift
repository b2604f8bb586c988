import FerryCore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// Walk-forward tuning: the folds come from before the test split only, the choice follows the
/// folds' mean, and the test split's targets can be noise without changing anything before the
/// final evaluation.
@Suite struct TuningJobTests {
    /// A table of 600 daily rows: `y = 0.5·x1 − 0.2·x2 + noise`, `x3` pure noise; the targets of
    /// the last `noisyTail` rows replaced by other noise.
    static func table(in folder: TemporaryFolder, name: String, noisyTail: Int = 0) throws -> String {
        var generator = SeededGenerator(seed: 7)
        var tail = SeededGenerator(seed: 99)
        var text = "Date,x1,x2,x3,y\n"
        for row in 0..<600 {
            let (x1, x2, x3) = (
                Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator),
                Double.random(in: -1...1, using: &generator)
            )
            var y = 0.5 * x1 - 0.2 * x2 + 0.1 * Double.random(in: -1...1, using: &generator)
            if row >= 600 - noisyTail { y = Double.random(in: -5...5, using: &tail) }
            let day = Timestamp(secondsSinceEpoch: 1_577_836_800 + Int64(row) * 86_400)
            text += "\(day.isoDate),\(x1),\(x2),\(x3),\(y)\n"
        }
        let path = folder.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func job(_ path: String, grid: [String]) throws -> TuningJob {
        var training = TrainingJob(input: .table(path: path), pluginID: "lasso")
        training.target = "y"
        return TuningJob(training: training, grid: try HyperparameterGrid(grid))
    }

    @Test func theFoldsChooseTheAlphaThatKeepsTheSignal() throws {
        let folder = try TemporaryFolder("tune")
        defer { folder.remove() }
        let job = try Self.job(try Self.table(in: folder, name: "t.csv"), grid: ["alpha=0.0001,0.01,10"])
        let outcome = try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        #expect(outcome.candidates.map { $0.parameters["alpha"] ?? "" } == ["0.0001", "0.01", "10"])
        #expect(outcome.candidates.allSatisfy { $0.foldScores.count == 5 })
        #expect(outcome.folds.count == 5 && outcome.folds.allSatisfy { $0.scoredRows > 0 && $0.trainRows > 0 })
        let strongest = try #require(outcome.candidates.last?.summary.mean)
        #expect(outcome.chosen["alpha"] != "10" && outcome.candidates.allSatisfy { $0.summary.mean <= strongest })
        let used = try JSONSerialization.jsonObject(with: outcome.final.plugin.hyperparameters) as? [String: Any]
        #expect(used?["alpha"] as? Double == outcome.chosen["alpha"].flatMap(Double.init), "the final run uses the choice")
        #expect(outcome.baselines["baseline-mean"]?.scores.count == 5, "the baselines are scored on the same folds")
        let chosenMean = try #require(outcome.candidates.first { $0.parameters == outcome.chosen }?.summary.mean)
        #expect(chosenMean < (outcome.baselines["baseline-mean"]?.mean ?? 0), "a real signal beats the mean on the folds")
        #expect(outcome.verdict.contains("beats baseline-mean on 5 of 5 folds"), "the verdict is computed: \(outcome.verdict)")
        #expect(outcome.financial == nil, "a plain table has no return_1 to trade on")
        let again = try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        #expect(again.candidates == outcome.candidates && again.chosen == outcome.chosen, "deterministic")
    }

    @Test func noiseInTheTestTargetsChangesNothingBeforeTheFinalEvaluation() throws {
        let folder = try TemporaryFolder("tune-blind")
        defer { folder.remove() }
        let grid = ["alpha=0.0001,0.001,0.01,0.1"]
        let clean = try Self.job(try Self.table(in: folder, name: "clean.csv"), grid: grid)
            .run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        let noisy = try Self.job(try Self.table(in: folder, name: "noisy.csv", noisyTail: 80), grid: grid)
            .run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        #expect(noisy.chosen == clean.chosen)
        #expect(noisy.folds == clean.folds)
        let bits = { (outcome: TuningOutcome) in outcome.candidates.flatMap { $0.foldScores.map(\.bitPattern) } }
        #expect(bits(noisy) == bits(clean), "every fold score, to the bit")
        #expect(noisy.baselines == clean.baselines)
        #expect(noisy.final.evaluation.test != clean.final.evaluation.test, "the noise did reach the test evaluation")
    }

    @Test func marketDataFoldsAreTradedBesideBuyAndHold() throws {
        var training = TrainingJob(input: .market(dataPaths: [TestRepository.path("data/SPX.csv")], reference: nil), pluginID: "lasso")
        training.overrides = ["max_iter": "200"]
        var job = TuningJob(training: training, grid: try HyperparameterGrid(["alpha=0.001"]))
        job.folds = 3
        let outcome = try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        let financial = try #require(outcome.financial)
        #expect(financial.costBasisPoints == 1 && financial.chosen.count == 3 && financial.buyAndHold.count == 3)
        #expect(financial.chosen.allSatisfy { Set($0.keys) == ["sharpe", "max_drawdown", "hit_rate", "total_return"] })
        let flat = try #require(financial.baselines["baseline-zero"])
        #expect(flat.allSatisfy { $0["max_drawdown"] == 0 && $0["total_return"] == 0 }, "predicting 0 never trades")
        #expect(outcome.verdict.contains("buy-and-hold's on") && outcome.final.tuning?.financial == financial)
    }

    @Test func theBundleRecordsTheTuning() throws {
        let folder = try TemporaryFolder("tune-bundle")
        defer { folder.remove() }
        let outcome = try Self.job(try Self.table(in: folder, name: "t.csv"), grid: ["alpha=0.0001,0.01"])
            .run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        let tuning = try #require(outcome.final.tuning)
        #expect(tuning.chosen == outcome.chosen && tuning.metric == "mae" && tuning.grid.map(\.name) == ["alpha"])
        #expect(tuning.candidates == outcome.candidates && tuning.baselines["baseline-mean"]?.count == 5)
        let keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")))
        let record = try keeper.keep(outcome.final)
        #expect(record.tuning == tuning)
        #expect(try RunStore(directory: folder.file("runs")).record(id: record.id).tuning == tuning, "run.json keeps it")
        let path = folder.file("tuned.tar.gz")
        _ = try BundleExport(sourceDateEpoch: nil).write(
            run: record, keeper: keeper, registry: FixtureModel.registry, to: .file(path), lineage: false)
        #expect(try BundleInspection.read(path).manifest.tuning == tuning, "the manifest carries it")
        #expect(try BundleTrust(plugins: FixtureModel.registry).verify(path).passed)
    }

    @Test func aBudgetDrawsTheSameCandidatesForTheSameSeed() throws {
        let grid = try HyperparameterGrid(["alpha=1,2,3,4", "max_iter=100,200"])
        #expect(grid.candidates.count == 8 && grid.candidates.first == ["alpha": "1", "max_iter": "100"])
        let drawn = grid.candidates(budget: 3, seed: 42)
        #expect(drawn.count == 3 && drawn == grid.candidates(budget: 3, seed: 42))
        #expect(grid.candidates(budget: 20, seed: 42).count == 8)
    }

    @Test func badGridsAndMetricsAreRefusedClearly() throws {
        #expect(throws: FerryError.self) { try HyperparameterGrid(["alpha"]) }
        #expect(throws: FerryError.self) { try HyperparameterGrid(["alpha="]) }
        let twice = #expect(throws: FerryError.self) { try HyperparameterGrid(["alpha=1", "alpha=2"]) }
        #expect(twice?.description.contains("given twice") == true)
        let folder = try TemporaryFolder("tune-bad")
        defer { folder.remove() }
        var job = try Self.job(try Self.table(in: folder, name: "t.csv"), grid: ["alpha=0.01"])
        job.folds = 1
        let one = #expect(throws: FerryError.self) { try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger) }
        #expect(one?.field == "folds")
        job.folds = 5
        job.gap = 600
        let gap = #expect(throws: FerryError.self) { try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger) }
        #expect(gap?.field == "folds" && gap?.description.contains("before the test split") == true)
    }
}
