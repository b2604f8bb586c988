import FerryCore
import FerryData
import FerryModels
import Logging

/// How a model is judged fold by fold: walk-forward folds cut from the dates before the test
/// split (expanding, or a rolling window), a gap before each scored block, and the cost of the
/// folds' backtests. ``TuningJob`` scores its candidates on them; ``TrainingJob`` evaluates its
/// model on them when asked (`ferry train --folds N`).
public struct WalkForwardPlan: Sendable {
    /// How many folds (2 to 100).
    public var folds = 5
    /// Rows left out between a fold's training rows and its scored rows; `nil`: the target's horizon.
    public var gap: Int?
    /// Train each fold on at most this many dates (a rolling window); `nil`: every earlier date.
    public var rollingWindow: Int?
    /// The cost of changing the position by one unit, in basis points, in the folds' backtests.
    public var costBasisPoints = 1.0

    /// Makes a plan of `folds` expanding folds, the target's horizon as gap and 1 bps costs.
    public init(folds: Int = 5) { self.folds = folds }

    /// The plan's folds over `design`'s rows dated before `testStart`; throws ``FerryError`` for a
    /// fold count out of range or dates that cannot be cut.
    func folds(of design: TrainingDesign, before testStart: Timestamp) throws -> TuningFolds {
        guard (2...100).contains(folds) else { throw FerryError(.invalidArgument, "\(folds) folds: give 2 to 100", field: "folds") }
        return try TuningFolds(
            design: design, before: testStart, plan: WalkForward(folds: folds, maxTrainSize: rollingWindow, gap: gap ?? design.gap))
    }

    /// `pluginID` with `overrides` trained on every fold's rows and evaluated on its scored block,
    /// in parallel, beside the naive baselines on the same folds and buy-and-hold.
    func evaluate(
        pluginID: String, overrides: [String: String], seed: UInt64, design: TrainingDesign, sets: SplitSets,
        registry: PluginRegistry, logger: Logger
    ) throws -> WalkForwardEvaluation {
        let folds = try folds(of: design, before: sets.testStart)
        let trainingTarget = try design.trainingData(sets.train).target
        let scorer = try FoldScorer(
            metric: .mae, kind: TargetKind(trainingValues: trainingTarget), design: design, costBasisPoints: costBasisPoints)
        let results = try (0..<folds.count).parallelMap { fold in
            let trained = try registry.train(
                id: pluginID, on: try design.trainingData(folds[fold].train), overrides: overrides,
                context: TrainingContext(seed: seed, logger: logger))
            return try scorer.evaluate(trained.model, on: folds[fold].test)
        }
        return FoldScorer.evaluation(
            folds: folds.summaries, model: results,
            baselines: scorer.baselines(registry: registry, folds: folds, trainingTarget: trainingTarget),
            costBasisPoints: costBasisPoints)
    }
}
