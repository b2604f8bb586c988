import FerryCore
import Foundation

extension PositionSignal {
    /// The full-Kelly signal for one prediction, from the returns known when it is made: binary
    /// (p − (1 − p) / b, b the payoff ratio of `history`) for a probability of an up move, or
    /// continuous (μ / σ², μ the prediction spread over `horizon` periods, σ² the sample variance of `history`) for a return.
    public static func kelly(instrument: String, prediction: Double, isProbability: Bool, horizon: Int = 1, history: [Double]) throws
        -> PositionSignal
    {
        if isProbability {
            let probability = min(max(prediction, 0), 1)
            let payoff = try KellyCriterion.payoffRatio(history: history)
            return PositionSignal(
                instrument: instrument, kelly: try KellyCriterion.binary(probability: probability, payoffRatio: payoff),
                basis: String(
                    format: "binary: up with probability %.4f, payoff ratio %.4f over %d returns", probability, payoff, history.count))
        }
        let perPeriod = prediction / Double(max(horizon, 1))
        let variance = try SampleCovariance.of([history])[0][0]
        return PositionSignal(
            instrument: instrument, kelly: try KellyCriterion.continuous(expectedReturn: perPeriod, variance: variance),
            basis: String(
                format: "continuous: predicted return %.6f per period / variance %.3g over %d returns", perPeriod, variance, history.count))
    }
}
