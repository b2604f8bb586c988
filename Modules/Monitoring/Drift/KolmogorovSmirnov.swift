import Foundation

/// The two-sample Kolmogorov–Smirnov test, following `scipy.stats.ks_2samp` (two-sided, method
/// `auto`): the statistic D is the largest gap between the two empirical CDFs; the p-value is
/// exact for samples of up to 10,000 rows (Hodges' counting of lattice paths, in Viehmann's
/// numerically stable form) and asymptotic beyond (`kstwo.sf(D, n₁n₂/(n₁+n₂))`).
public enum KolmogorovSmirnov {
    /// The largest sample size for which scipy's `auto` method is exact (asymptotic beyond).
    public static let exactLimit = 10_000

    /// D and its p-value.
    public struct Result: Codable, Sendable, Equatable {
        /// The largest gap between the empirical CDFs.
        public let statistic: Double
        /// The probability of a gap at least this large if both samples came from one distribution.
        public let pValue: Double
    }

    /// The test of `reference` against `current`; throws for an empty sample or a NaN.
    public static func twoSample(_ reference: [Double], _ current: [Double]) throws -> Result {
        guard !reference.isEmpty, !current.isEmpty else { throw DriftError(message: "a sample is empty") }
        guard !reference.contains(where: \.isNaN), !current.contains(where: \.isNaN) else {
            throw DriftError(message: "a sample holds NaN; drop the missing values first")
        }
        let (n1, n2) = (reference.count, current.count)
        let d = statistic(reference.sorted(), current.sorted())
        let g = gcd(n1, n2)
        // scipy's auto method: exact up to 10,000 rows (and while the lattice fits), else asymptotic.
        if max(n1, n2) <= exactLimit, n1 / g < Int(Int32.max) / (n2 / g), let (rounded, p) = exactPValue(n1: n1, n2: n2, g: g, d: d) {
            return Result(statistic: rounded, pValue: min(max(p, 0), 1))
        }
        return Result(statistic: d, pValue: asymptoticPValue(n1: n1, n2: n2, d: d))
    }

    /// scipy's asymptotic two-sided p-value: `kstwo.sf(d, round(n₁n₂ / (n₁ + n₂)))`.
    static func asymptoticPValue(n1: Int, n2: Int, d: Double) -> Double {
        let (m, n) = (Double(max(n1, n2)), Double(min(n1, n2)))
        let effective = (m * n / (m + n)).rounded(.toNearestOrEven)
        return min(max(KolmogorovDistribution.survival(Int(effective), d), 0), 1)
    }

    /// max |F₁(v) − F₂(v)| over every value v of either sample (scipy evaluates at each data point).
    static func statistic(_ a: [Double], _ b: [Double]) -> Double {
        let (n1, n2) = (Double(a.count), Double(b.count))
        var i = 0
        var j = 0
        var largest = 0.0
        var smallest = 0.0
        while i < a.count || j < b.count {
            let value = j == b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            while i < a.count, a[i] <= value { i += 1 }
            while j < b.count, b[j] <= value { j += 1 }
            let difference = Double(i) / n1 - Double(j) / n2
            largest = max(largest, difference)
            smallest = min(smallest, difference)
        }
        return max(largest, min(max(-smallest, 0), 1))
    }

    /// scipy's `_attempt_exact_2kssamp` (two-sided): D rounded to the lattice, and its p-value;
    /// `nil` where the computation overflows.
    static func exactPValue(n1: Int, n2: Int, g: Int, d: Double) -> (Double, Double)? {
        let lcm = (n1 / g) * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        let rounded = Double(h) / Double(lcm)
        if h == 0 { return (rounded, 1) }
        let p = n1 == n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideCorridor(n1, n2, g, h)
        guard p.isFinite, (0...1).contains(p) else { return nil }
        return (rounded, p)
    }

    /// The share of lattice paths that leave |x − y| < h, for equal samples (scipy's `_compute_prob_outside_square`).
    static func probabilityOutsideSquare(_ n: Int, _ h: Int) -> Double {
        var total = 0.0
        var k = n / h
        while k >= 0 {
            var term = 1.0
            for j in 0..<h { term = Double(n - k * h - j) * term / Double(n + k * h + j + 1) }
            total = term * (1 - total)
            k -= 1
        }
        return 2 * total
    }

    /// The share of lattice paths from (0, 0) to (m, n) that leave |x/m − y/n| < h / lcm(m, n)
    /// (scipy's `_compute_outer_prob_inside_method`: Hodges' inside method, computing 1 − p directly).
    static func probabilityOutsideCorridor(_ first: Int, _ second: Int, _ g: Int, _ h: Int) -> Double {
        let (m, n) = first < second ? (second, first) : (first, second)
        let (mg, ng) = (m / g, n / g)
        var minj = 0
        var maxj = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var length = maxj - minj
        var column = [Double](repeating: 1, count: min(2 * maxj + 2, n + 1))
        for index in minj..<maxj { column[index] = 0 }
        for i in 1...m {
            let (lastMinj, lastLength) = (minj, length)
            minj = min(max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0), n)
            maxj = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxj <= minj { return 1 }
            var value = minj == 0 ? 0.0 : 1.0
            for jj in 0..<(maxj - minj) {
                let j = jj + minj
                value = (column[jj + minj - lastMinj] * Double(i) + value * Double(j)) / Double(i + j)
                column[jj] = value
            }
            length = maxj - minj
            if lastLength > length {
                for index in (maxj - minj)..<(maxj - minj + lastLength - length) { column[index] = 1 }
            }
        }
        return column[maxj - minj - 1]
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}

/// A drift test cannot run on the samples given.
public struct DriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    public var description: String { message }
}
