import FerryCore
import FerryData
import FerryModels
import Foundation
import Logging

/// Walk-forward tuning, as `ferry tune` asks for it: every candidate of a hyperparameter grid
/// trained and scored on expanding (or rolling) folds over the training and validation dates
/// only, the best by the chosen metric's mean over the folds, then trained once more with it
/// (``TrainingJob``: on the training split, evaluated on validation and test beside the baselines).
///
/// ```swift
/// var tuning = TuningJob(training: TrainingJob(input: .market(dataPaths: ["data/SPX.csv"], reference: nil), pluginID: "lasso"),
///                        grid: try HyperparameterGrid(["alpha=1e-5,1e-4,1e-3"]))
/// tuning.metric = .mae
/// let outcome = try tuning.run(registry: registry, logger: logger)
/// print(outcome.chosen, outcome.candidates.map(\.summary.mean))
/// ```
///
/// The test split is never read before the final evaluation: the folds are cut from the rows
/// dated before the test split starts, so replacing every test target with noise leaves the
/// choice and every fold score unchanged to the bit (`TuningJobTests` checks it).
public struct TuningJob: Sendable {
    /// The data, plugin, fixed hyperparameters (`overrides`), target, seed and split.
    public var training: TrainingJob
    /// The values to try.
    public var grid: HyperparameterGrid
    /// The folds, their gap and window, and the cost of their backtests.
    public var plan = WalkForwardPlan()
    /// What the folds are scored and the candidates chosen by.
    public var metric = TuningMetric.mae
    /// The most candidates to try (drawn with the seed when the grid has more); `nil`: all.
    public var budget: Int?

    /// Makes a job trying `grid` on `training`'s data and plugin.
    public init(training: TrainingJob, grid: HyperparameterGrid) {
        self.training = training
        self.grid = grid
    }

    /// Runs the folds for every candidate and the baselines, then the final training; `progress`
    /// gets the share of fold fits done. Throws ``FerryError`` for data that cannot be split into
    /// the folds, ``HyperparameterError`` for a value the plugin refuses.
    public func run(registry: PluginRegistry, logger: Logger, progress: @escaping @Sendable (Double) -> Void = { _ in }) throws
        -> TuningOutcome
    {
        let design = try TrainingDesign.build(training, logger: logger)
        let sets = try design.split(training.split)
        let folds = try plan.folds(of: design, before: sets.testStart)
        let candidates = grid.candidates(budget: budget, seed: training.seed)
        let trainingTarget = try design.trainingData(sets.train).target
        let kind = TargetKind(trainingValues: trainingTarget)
        let scorer = try FoldScorer(metric: metric, kind: kind, design: design, costBasisPoints: plan.costBasisPoints)
        // Every (candidate, fold) fit is independent and seeded: they run on every core, and the
        // results come back in order, so the outcome is the same as one after another.
        let fits = candidates.indices.flatMap { candidate in (0..<folds.count).map { (candidate, $0) } }
        let done = FitCounter(total: fits.count, progress: progress)
        let (pluginID, overrides, seed) = (training.pluginID, training.overrides, training.seed)
        let results = try fits.parallelMap { candidate, fold -> FoldScorer.Result in
            defer { done.increment() }
            let trained = try registry.train(
                id: pluginID, on: try design.trainingData(folds[fold].train), overrides: overrides.merging(candidates[candidate]) { $1 },
                context: TrainingContext(seed: seed, logger: logger))
            return try scorer.evaluate(trained.model, on: folds[fold].test)
        }
        let byCandidate = candidates.indices.map { Array(results[($0 * folds.count)..<(($0 + 1) * folds.count)]) }
        let scored = zip(candidates, byCandidate).map { TuningOutcome.Candidate(parameters: $0, foldScores: $1.map(\.score)) }
        let baselines = scorer.baselines(registry: registry, folds: folds, trainingTarget: trainingTarget)
        guard let best = scored.indices.min(by: { metric.isBetter(scored[$0].summary.mean, than: scored[$1].summary.mean) })
        else { throw FerryError(.invalidArgument, "the grid has no candidate", field: "grid") }
        var final = training
        final.overrides = training.overrides.merging(scored[best].parameters) { $1 }
        final.walkForward = nil  // the chosen candidate's folds are evaluated already
        var outcome = try final.run(design: design, registry: registry, logger: logger)
        let walkForward = FoldScorer.evaluation(
            folds: folds.summaries, model: byCandidate[best], baselines: baselines, costBasisPoints: plan.costBasisPoints)
        outcome.walkForward = walkForward
        outcome.tuning = TuningRecord(
            metric: metric.rawValue, grid: grid.parameters, folds: folds.summaries, candidates: scored,
            baselines: baselines.mapValues { $0.map(\.score) }, chosen: scored[best].parameters)
        let test = try? TestSplitBacktest.trade(
            outcome.plugin.model, design: design, rows: sets.test, kind: kind, costBasisPoints: plan.costBasisPoints
        ).get()
        return TuningOutcome(
            metric: metric, folds: folds.summaries, candidates: scored, chosen: scored[best].parameters,
            baselines: baselines.mapValues { TuningOutcome.Summary($0.map(\.score)) }, walkForward: walkForward, final: outcome,
            testEquity: test.map { TuningOutcome.Equity(dates: $0.dates, model: $0.result.equity, buyAndHold: $0.result.buyAndHoldEquity) })
    }
}

/// Counts finished fits from several threads and reports the share done.
private final class FitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let progress: @Sendable (Double) -> Void

    init(total: Int, progress: @escaping @Sendable (Double) -> Void) { (self.total, self.progress) = (total, progress) }

    func increment() {
        let share = lock.withLock {
            done += 1
            return Double(done) / Double(max(total, 1))
        }
        progress(share)
    }
}
