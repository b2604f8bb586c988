import FerryCore
import Foundation

/// Fractional Kelly with two caps: no position above `maxPosition` of the portfolio, and the
/// portfolio's parametric VaR, z · √(wᵀ Σ w) at `confidence`, no more than `varLimit`; when it
/// is more, every position is scaled down by the same factor.
public struct CappedKellySizer: PositionSizer {
    /// The share of the Kelly fraction taken (one half by default).
    public var kellyFraction: Double
    /// The largest position, long or short, as a fraction of the portfolio.
    public var maxPosition: Double
    /// The largest one-period portfolio VaR, as a fraction of the portfolio.
    public var varLimit: Double
    /// The VaR confidence.
    public var confidence: Double

    /// Makes a sizer with the defaults: half Kelly, 5% per position, 2% VaR at 95%.
    public init(kellyFraction: Double = 0.5, maxPosition: Double = 0.05, varLimit: Double = 0.02, confidence: Double = 0.95) {
        self.kellyFraction = kellyFraction
        self.maxPosition = maxPosition
        self.varLimit = varLimit
        self.confidence = confidence
    }

    public func positions(for signals: [PositionSignal], covariance: [[Double]]) throws -> [SizedPosition] {
        guard covariance.count == signals.count, covariance.allSatisfy({ $0.count == signals.count }) else {
            throw SizingError("the covariance is not \(signals.count) × \(signals.count), one row and column per instrument")
        }
        guard kellyFraction > 0, maxPosition > 0, varLimit > 0, confidence > 0.5, confidence < 1 else {
            throw SizingError("the Kelly fraction, position cap and VaR limit must be positive and the confidence between 0.5 and 1")
        }
        if let bad = signals.first(where: { !$0.kelly.isFinite }) { throw SizingError("\(bad.instrument): Kelly fraction \(bad.kelly)") }
        var weights: [Double] = []
        var reasons: [[String]] = []
        for signal in signals {
            let fractional = signal.kelly * kellyFraction
            var steps = [String(format: "Kelly %.4f × %g = %.4f", signal.kelly, kellyFraction, fractional)]
            var weight = fractional
            if abs(weight) > maxPosition {
                weight = weight < 0 ? -maxPosition : maxPosition
                steps.append(String(format: "capped at the maximum position %g", maxPosition))
            }
            weights.append(weight)
            reasons.append(steps)
        }
        let risk = Self.valueAtRisk(weights, covariance: covariance, confidence: confidence)
        if risk > varLimit {
            let scale = varLimit / risk
            weights = weights.map { $0 * scale }
            reasons = reasons.map {
                $0 + [String(format: "scaled by %.4f: portfolio VaR %.4f is above the limit %g", scale, risk, varLimit)]
            }
        }
        return signals.indices.map { SizedPosition(signal: signals[$0], position: weights[$0], reasons: reasons[$0]) }
    }

    /// The one-period parametric VaR of positions `weights` (as a positive loss): Φ⁻¹(confidence) · √(wᵀ Σ w).
    public static func valueAtRisk(_ weights: [Double], covariance: [[Double]], confidence: Double) -> Double {
        var variance = 0.0
        for row in weights.indices {
            for column in weights.indices { variance += weights[row] * covariance[row][column] * weights[column] }
        }
        return NormalDistribution.quantile(confidence) * max(variance, 0).squareRoot()
    }
}
