import FerryCore
import Foundation

/// Student's t distribution with real degrees of freedom (Welch's test has fractional ones).
public enum StudentT {
    /// P(|T| > |t|), the two-sided p-value: the regularized incomplete beta I(ν/(ν+t²); ν/2, 1/2).
    public static func twoSidedPValue(_ t: Double, degrees: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        return regularizedBeta(degrees / (degrees + t * t), degrees / 2, 0.5)
    }

    /// The t with P(T ≤ t) = `probability` (for a confidence interval), found by bisection on the
    /// two-sided p-value to 1e-12.
    public static func quantile(_ probability: Double, degrees: Double) -> Double {
        guard probability != 0.5 else { return 0 }
        let tail = probability > 0.5 ? 2 * (1 - probability) : 2 * probability
        var (low, high) = (0.0, 1.0)
        while twoSidedPValue(high, degrees: degrees) > tail { high *= 2 }
        for _ in 0..<200 where high - low > 1e-12 * max(1, high) {
            let middle = (low + high) / 2
            if twoSidedPValue(middle, degrees: degrees) > tail { low = middle } else { high = middle }
        }
        let t = (low + high) / 2
        return probability > 0.5 ? t : -t
    }

    /// I_x(a, b), by Lentz's continued fraction on whichever side converges fast.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logFront: Double = a * log(x) + b * log(1 - x) - logBeta
        if x < (a + 1) / (a + b + 2) { return exp(logFront) * continuedFraction(x, a, b) / a }
        return 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1..<10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }
}

/// Welch's two-sample t-test of the difference of two means (unequal variances), as
/// `scipy.stats.ttest_ind(b, a, equal_var=False)` computes it, with its confidence interval.
public struct WelchTest: Codable, Sendable, Equatable {
    /// mean(b) − mean(a).
    public let difference: Double
    /// The t statistic of the difference.
    public let statistic: Double
    /// Welch–Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    /// The two-sided p-value.
    public let pValue: Double
    /// The confidence interval of the difference, at ``level``.
    public let low: Double
    public let high: Double
    /// The interval's confidence level (0.95).
    public let level: Double

    /// Tests `b` against `a`; throws when either has fewer than two values or both have no spread.
    /// - Throws: ``FerryError`` `invalidData` naming what is short.
    public init(a: [Double], b: [Double], level: Double = 0.95) throws {
        guard a.count >= 2, b.count >= 2 else {
            throw FerryError(.invalidData, "Welch's t-test needs two or more values on each side (has \(a.count) and \(b.count))")
        }
        func moments(_ values: [Double]) -> (mean: Double, varianceOfMean: Double) {
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            return (mean, variance / n)
        }
        let (left, right) = (moments(a), moments(b))
        let spread = left.varianceOfMean + right.varianceOfMean
        guard spread > 0 else { throw FerryError(.invalidData, "Welch's t-test needs values that vary (both sides are constant)") }
        difference = right.mean - left.mean
        statistic = difference / spread.squareRoot()
        degreesOfFreedom =
            spread * spread
            / (left.varianceOfMean * left.varianceOfMean / Double(a.count - 1) + right.varianceOfMean * right.varianceOfMean
                / Double(b.count - 1))
        pValue = StudentT.twoSidedPValue(statistic, degrees: degreesOfFreedom)
        let margin = StudentT.quantile(0.5 + level / 2, degrees: degreesOfFreedom) * spread.squareRoot()
        (low, high, self.level) = (difference - margin, difference + margin, level)
    }

    enum CodingKeys: String, CodingKey {
        case difference, statistic, low, high, level
        case degreesOfFreedom = "degrees_of_freedom"
        case pValue = "p_value"
    }
}
