import FerryCore

/// What a ``TuningJob`` found: every candidate's score on every fold, the baselines' on the
/// same folds, the choice, and the final run trained with it.
public struct TuningOutcome: Sendable {
    /// What the folds were scored by.
    public let metric: TuningMetric
    /// The folds' dates and sizes.
    public let folds: [Fold]
    /// Every candidate tried, in grid order.
    public let candidates: [Candidate]
    /// The chosen hyperparameters (the best mean over the folds; the first on a tie).
    public let chosen: [String: String]
    /// Each naive baseline's scores on the same folds, by baseline id (one that cannot fit the rows is left out).
    public let baselines: [String: Summary]
    /// The chosen candidate's evaluation on the folds, every statistical and financial metric,
    /// beside the baselines and buy-and-hold (the final run keeps it too).
    public let walkForward: WalkForwardEvaluation
    /// The run trained with the chosen values: its evaluation on validation and test, beside the baselines.
    public let final: TrainingOutcome
    /// Its test backtest's wealth curves (first instrument, one-period lag, the folds' costs); `nil` without `return_1`.
    public let testEquity: Equity?

    /// Wealth from 1 after each period of a backtest, the model's signal and buy-and-hold.
    public struct Equity: Sendable {
        /// The periods' dates.
        public let dates: [Timestamp]
        /// The model's signal traded.
        public let model: [Double]
        /// Holding the instrument.
        public let buyAndHold: [Double]
    }

    /// What the folds say, computed from the numbers, never written by hand: on how many folds the
    /// chosen candidate beats each baseline by the metric (for `sharpe`, its signal traded after
    /// costs), and how often its Sharpe after costs beats buy-and-hold's.
    public var verdict: String { walkForward.verdict(by: metric.evaluationName) }

    /// One fold: the dates it trains on and is scored on.
    public typealias Fold = TuningRecord.Fold
    /// One candidate's hyperparameters and fold scores.
    public typealias Candidate = TuningRecord.Candidate

    /// Scores over the folds: each fold's, their mean, sample standard deviation and worst.
    public typealias Summary = FoldSummary
}

extension FoldSummary {
    /// The worst fold's score under `metric` (the highest error, or the lowest accuracy or Sharpe).
    public func worst(_ metric: TuningMetric) -> Double { worst(of: metric.evaluationName) }
}

extension TuningRecord.Candidate {
    /// Mean, standard deviation and worst over the folds.
    public var summary: TuningOutcome.Summary { TuningOutcome.Summary(foldScores) }
}
