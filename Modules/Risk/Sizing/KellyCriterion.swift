/// The Kelly fraction: the share of wealth to stake that maximises long-run growth.
public enum KellyCriterion {
    /// Binary form, for a bet won with probability `probability` that pays `payoffRatio` times what
    /// it risks: p − (1 − p) / b. Negative means the bet should be taken the other way.
    public static func binary(probability: Double, payoffRatio: Double) throws -> Double {
        guard probability >= 0, probability <= 1 else { throw SizingError("probability \(probability) is not between 0 and 1") }
        guard payoffRatio > 0, payoffRatio.isFinite else { throw SizingError("payoff ratio \(payoffRatio) must be a positive number") }
        return probability - (1 - probability) / payoffRatio
    }

    /// Continuous form, for a return with expected value `expectedReturn` and variance `variance`: μ / σ².
    public static func continuous(expectedReturn: Double, variance: Double) throws -> Double {
        guard variance > 0, variance.isFinite else { throw SizingError("return variance \(variance) must be a positive number") }
        guard expectedReturn.isFinite else { throw SizingError("expected return \(expectedReturn) is not a number") }
        return expectedReturn / variance
    }

    /// The payoff ratio a history of returns shows: the mean gain over the mean loss (both as positive numbers).
    public static func payoffRatio(history: [Double]) throws -> Double {
        let gains = history.filter { $0 > 0 }
        let losses = history.filter { $0 < 0 }
        guard !gains.isEmpty, !losses.isEmpty else {
            throw SizingError("a payoff ratio needs both gains and losses in the history (\(gains.count) gains, \(losses.count) losses)")
        }
        return (gains.reduce(0, +) / Double(gains.count)) / (-losses.reduce(0, +) / Double(losses.count))
    }
}

/// Positions cannot be sized from what was given.
public struct SizingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// Makes the error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
