import Foundation

/// The standard normal distribution, for parametric VaR and expected shortfall.
enum NormalDistribution {
    /// Φ(z), the cumulative probability, through `erfc` (accurate in both tails).
    static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// φ(z), the density.
    static func pdf(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

    /// Φ⁻¹(p) for 0 < p < 1, by bisection on ``cdf(_:)`` until the bracket stops shrinking: slow
    /// next to a rational approximation, but exact to the last bit `erfc` gives, and called once per report.
    static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a probability strictly between 0 and 1")
        var low = -40.0
        var high = 40.0
        while true {
            let middle = (low + high) / 2
            if middle == low || middle == high { return middle }
            if cdf(middle) < p { low = middle } else { high = middle }
        }
    }
}
