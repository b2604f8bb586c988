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
        #expect(outcome.walkForward.buyAndHold.isEmpty, "a plain table has no return_1 to trade on")
        #expect(outcome.walkForward.model.allSatisfy { $0["sharpe"] == nil && $0["mae"] != nil })
        let chosenScores = try #require(outcome.candidates.first { $0.parameters == outcome.chosen }?.foldScores)
        #expect(outcome.walkForward.model.map { $0["mae"] } == chosenScores, "the evaluation is the chosen candidate's folds")
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
        job.plan.folds = 3
        let outcome = try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        let evaluation = outcome.walkForward
        #expect(evaluation.costBasisPoints == 1 && evaluation.model.count == 3 && evaluation.buyAndHold.count == 3)
        let traded: Set = ["sharpe", "max_drawdown", "hit_rate", "total_return"]
        #expect(evaluation.model.allSatisfy { traded.isSubset(of: $0.keys) && $0["rmse"] != nil && $0["directional_accuracy"] != nil })
        #expect(evaluation.buyAndHold.allSatisfy { Set($0.keys) == traded })
        let flat = try #require(evaluation.baselines["baseline-zero"])
        #expect(flat.allSatisfy { $0["max_drawdown"] == 0 && $0["total_return"] == 0 }, "predicting 0 never trades")
        #expect(outcome.verdict.contains("buy-and-hold's on") && outcome.final.walkForward == evaluation)
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

    /// `ferry train --folds N`: the model judged on the folds a tuning would use, every metric per
    /// fold beside the baselines; the run and the bundle's metrics keep it; a plain run has none.
    @Test func aTrainingRunJudgedOnTheFoldsMatchesATuningOfItsValues() throws {
        let folder = try TemporaryFolder("train-folds")
        defer { folder.remove() }
        let path = try Self.table(in: folder, name: "t.csv")
        var training = try Self.job(path, grid: ["alpha=0.001"]).training
        training.overrides = ["alpha": "0.001"]
        #expect(try training.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger).walkForward == nil)
        training.walkForward = WalkForwardPlan(folds: 4)
        let outcome = try training.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        let evaluation = try #require(outcome.walkForward)
        var tuning = try Self.job(path, grid: ["alpha=0.001"])
        tuning.plan.folds = 4
        let tuned = try tuning.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger)
        #expect(evaluation.folds == tuned.folds)
        let bits = { (folds: [[String: Double]]) in folds.map { $0["mae"]?.bitPattern } }
        #expect(bits(evaluation.model) == tuned.candidates[0].foldScores.map(\.bitPattern), "the same fits, to the bit")
        #expect(evaluation.baselines == tuned.walkForward.baselines)
        let mean = try #require(WalkForwardEvaluation.summary(of: "mae", in: evaluation.model))
        #expect(mean.scores.count == 4 && mean.worst(of: "mae") == mean.highest && mean.standardDeviation > 0)
        #expect(
            evaluation.verdict(by: "mae").contains("baseline-mean on 4 of 4 folds"),
            "a planted signal wins: \(evaluation.verdict(by: "mae"))")
        let keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")))
        let record = try keeper.keep(outcome)
        #expect(try RunStore(directory: folder.file("runs")).record(id: record.id).walkForward == evaluation, "run.json keeps it")
        let bundle = folder.file("folds.tar.gz")
        _ = try BundleExport(sourceDateEpoch: nil).write(
            run: record, keeper: keeper, registry: FixtureModel.registry, to: .file(bundle), lineage: false)
        let metrics = try BundleInspection.read(bundle).metrics
        guard case let .object(fields) = metrics, let carried = fields["walk_forward"] else {
            Issue.record("metrics.json has no walk_forward")
            return
        }
        #expect(carried == (try FerryJSON.value(of: evaluation)), "the bundle carries it")
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
        job.plan.folds = 1
        let one = #expect(throws: FerryError.self) { try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger) }
        #expect(one?.field == "folds")
        job.plan.folds = 5
        job.plan.gap = 600
        let gap = #expect(throws: FerryError.self) { try job.run(registry: FixtureModel.registry, logger: FixtureModel.quietLogger) }
        #expect(gap?.field == "folds" && gap?.description.contains("before the test split") == true)
    }
}
