/// A model judged on walk-forward folds over the dates before the test split: on each fold its
/// statistical metrics (`mae`, `rmse`, `r2`, `directional_accuracy`, …) and, where the rows carry
/// `return_1`, the financial ones of its signal traded on the first instrument (one-period lag,
/// costs: `sharpe`, `max_drawdown`, `hit_rate`, `total_return`), beside every naive baseline's
/// and buy-and-hold's. `ferry train --folds N` and `ferry tune` make it; a run keeps it and a
/// bundle (format 2, `walk_forward` in the manifest) carries it, so a reviewer reads the spread
/// over regimes, not one split's number.
public struct WalkForwardEvaluation: Codable, Sendable, Equatable {
    /// One fold: the dates it trained on and was scored on.
    public typealias Fold = TuningRecord.Fold

    /// The folds, in date order.
    public let folds: [Fold]
    /// The cost of changing the position by one unit in the folds' backtests, in basis points.
    public let costBasisPoints: Double
    /// The model's metrics, fold by fold.
    public let model: [[String: Double]]
    /// Each baseline's metrics, fold by fold, by baseline id (one that cannot fit the rows is left out).
    public let baselines: [String: [[String: Double]]]
    /// Buying and holding the first instrument, fold by fold (financial metrics only; empty without `return_1`).
    public let buyAndHold: [[String: Double]]

    /// Makes the record.
    public init(
        folds: [Fold], costBasisPoints: Double, model: [[String: Double]], baselines: [String: [[String: Double]]],
        buyAndHold: [[String: Double]]
    ) {
        (self.folds, self.costBasisPoints, self.model) = (folds, costBasisPoints, model)
        (self.baselines, self.buyAndHold) = (baselines, buyAndHold)
    }

    /// `metric` over the folds of `arm` (``model``, a baseline's or ``buyAndHold``); `nil` where a fold lacks it.
    public static func summary(of metric: String, in arm: [[String: Double]]) -> FoldSummary? {
        let values = arm.compactMap { $0[metric] }
        guard values.count == arm.count, !values.isEmpty else { return nil }
        return FoldSummary(values)
    }

    /// What the folds say, computed from the numbers: on how many folds the model beats each
    /// baseline by `metric`, and its Sharpe after costs buy-and-hold's: "the model beats
    /// baseline-mean on 2 of 5 folds (mae), …; its Sharpe after 1 bps beats buy-and-hold's on 1 of 5 folds".
    public func verdict(by metric: String) -> String {
        let lowerIsBetter = FoldSummary.lowerIsBetter(metric)
        guard Self.summary(of: metric, in: model) != nil else { return "the model's \(metric) was not measured on these folds" }
        let wins = baselines.sorted { $0.key < $1.key }.map { id, folds in
            let won = zip(model, folds).filter { ours, theirs in
                guard let a = ours[metric], let b = theirs[metric], !a.isNaN else { return false }
                return b.isNaN || (lowerIsBetter ? a < b : a > b)
            }
            return "\(id) on \(won.count) of \(model.count) folds"
        }
        var text = "the model beats " + (wins.isEmpty ? "no baseline (none fitted)" : wins.joined(separator: ", ")) + " (\(metric))"
        if !buyAndHold.isEmpty {
            let sharpe = zip(model, buyAndHold).filter { ($0["sharpe"] ?? -.infinity) > ($1["sharpe"] ?? .infinity) }
            text += "; its Sharpe after \(costBasisPoints) bps beats buy-and-hold's on \(sharpe.count) of \(model.count) folds"
        }
        return text
    }
}

/// One metric over folds: each fold's value, their mean, sample standard deviation, lowest and highest.
public struct FoldSummary: Sendable, Codable, Equatable {
    /// Each fold's value, in fold order.
    public let scores: [Double]
    /// Their mean.
    public let mean: Double
    /// Their sample standard deviation (0 for one fold).
    public let standardDeviation: Double
    /// The lowest and the highest value.
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

    /// The worst fold's value of `metric`: the highest of an error, the lowest of an accuracy, a
    /// Sharpe or a drawdown (drawdowns are negative).
    public func worst(of metric: String) -> Double { Self.lowerIsBetter(metric) ? highest : lowest }

    /// Whether a lower value of `metric` is better: errors (`mae`, `rmse`, `mape`, `large_error_share`).
    public static func lowerIsBetter(_ metric: String) -> Bool { ["mae", "rmse", "mape", "large_error_share"].contains(metric) }
}
