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
    /// The folds' backtests of the chosen candidate, the baselines and buy-and-hold; `nil` without `return_1`.
    public let financial: TuningRecord.Financial?
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

    /// What the folds say, computed from the scores, never written by hand: on how many folds the
    /// chosen candidate beats each baseline by the metric, and (with backtests) how often its Sharpe
    /// after costs beats buy-and-hold's. "beats baseline-mean on 2 of 5 folds (mae); …".
    public var verdict: String {
        guard let scores = candidates.first(where: { $0.parameters == chosen })?.foldScores else { return "no candidate was chosen" }
        let wins = baselines.sorted { $0.key < $1.key }.map { id, baseline in
            "\(id) on \(zip(scores, baseline.scores).filter { metric.isBetter($0, than: $1) }.count) of \(scores.count) folds"
        }
        var text = "the chosen candidate beats " + wins.joined(separator: ", ") + " (\(metric.rawValue))"
        if let financial {
            let sharpe = zip(financial.chosen, financial.buyAndHold).filter { ($0["sharpe"] ?? -.infinity) > ($1["sharpe"] ?? .infinity) }
            text +=
                "; its Sharpe after \(financial.costBasisPoints) bps beats buy-and-hold's on \(sharpe.count) of \(financial.chosen.count) folds"
        }
        return text
    }

    /// One fold: the dates it trains on and is scored on.
    public typealias Fold = TuningRecord.Fold
    /// One candidate's hyperparameters and fold scores.
    public typealias Candidate = TuningRecord.Candidate

    /// Scores over the folds: each fold's, their mean, sample standard deviation and worst
    /// (the highest error, or the lowest accuracy or Sharpe, as the metric reads).
    public struct Summary: Sendable, Codable, Equatable {
        /// Each fold's score, in fold order.
        public let scores: [Double]
        /// Their mean.
        public let mean: Double
        /// Their sample standard deviation (0 for one fold).
        public let standardDeviation: Double
        /// The lowest and the highest score.
        public let lowest: Double, highest: Double

        /// The summary of `scores`.
        public init(_ scores: [Double]) {
            self.scores = scores
            let n = Double(scores.count)
            let average = scores.reduce(0, +) / n
            mean = average
            standardDeviation = scores.count < 2 ? 0 : (scores.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1)).squareRoot()
            lowest = scores.min() ?? .nan
            highest = scores.max() ?? .nan
        }

        /// The worst fold's score under `metric`.
        public func worst(_ metric: TuningMetric) -> Double { metric.isBetter(lowest, than: highest) ? highest : lowest }
    }
}

extension TuningRecord.Candidate {
    /// Mean, standard deviation and worst over the folds.
    public var summary: TuningOutcome.Summary { TuningOutcome.Summary(foldScores) }
}
