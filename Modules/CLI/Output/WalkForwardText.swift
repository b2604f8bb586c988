import FerryCore
import FerryPipeline

/// The fold-by-fold evaluation as text: each metric's mean ± standard deviation and worst fold,
/// for the model, every baseline and buy-and-hold, then the computed verdict.
enum WalkForwardText {
    /// The statistical and financial metrics shown, in order (the record keeps them all).
    static let metrics = ["mae", "rmse", "directional_accuracy", "sharpe", "max_drawdown", "hit_rate"]

    /// The section for `evaluation`, its verdict by `metric`.
    static func render(_ evaluation: WalkForwardEvaluation, verdictBy metric: String) -> [String] {
        let folds = evaluation.folds
        var lines = [
            "",
            "walk-forward: \(folds.count) folds before the test split, scored \(folds.first?.scoredFrom ?? "-") … "
                + "\(folds.last?.scoredThrough ?? "-"); each cell: mean ± sd over the folds / worst fold",
            "".padded(to: 16) + metrics.map { ($0 == "directional_accuracy" ? "dir_acc" : $0).padded(to: 24) }.joined(),
        ]
        let arms =
            [("model", evaluation.model)] + evaluation.baselines.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            + (evaluation.buyAndHold.isEmpty ? [] : [("buy_and_hold", evaluation.buyAndHold)])
        for (name, arm) in arms {
            lines.append(
                name.padded(to: 16) + metrics.map { cell(WalkForwardEvaluation.summary(of: $0, in: arm), $0).padded(to: 24) }.joined())
        }
        if !evaluation.buyAndHold.isEmpty {
            lines.append(
                "  (financial columns: the signal traded on the first instrument's scored rows, one-period lag, "
                    + "\(evaluation.costBasisPoints) bps per unit traded)")
        }
        lines.append("  verdict: \(evaluation.verdict(by: metric))")
        return lines
    }

    private static func cell(_ summary: FoldSummary?, _ metric: String) -> String {
        guard let summary else { return "-" }
        return "\(number(summary.mean))±\(number(summary.standardDeviation))/\(number(summary.worst(of: metric)))"
    }

    private static func number(_ value: Double) -> String { value.isNaN ? "nan" : String(format: "%.3g", value) }

}
