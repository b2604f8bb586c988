import Foundation

/// Distances between a reference sample (training) and a current one, after the conventions
/// users compare against: PSI as Evidently bins it, Wasserstein as scipy computes it.
public enum DistributionShift {
    /// Population stability index, Σ (ref − cur) · ln(ref / cur) over bins (Evidently's `psi`):
    /// with more than 20 distinct reference values, equal-width bins over both samples together,
    /// as many as Sturges' rule gives (NumPy's `histogram_bin_edges(..., "sturges")`); otherwise
    /// one bin per distinct value. Empty bins take 0.0001, or a millionth of the smallest
    /// non-empty share when that is at most 0.0001.
    public static func psi(reference: [Double], current: [Double]) -> Double {
        let (ref, cur): ([Double], [Double])
        if Set(reference).count > 20 {
            let edges = sturgesEdges(reference + current)
            (ref, cur) = (histogramShares(reference, edges), histogramShares(current, edges))
        } else {
            let keys = Set(reference).union(current).sorted()
            (ref, cur) = (
                keys.map { key in Double(reference.filter { $0 == key }.count) / Double(reference.count) },
                keys.map { key in Double(current.filter { $0 == key }.count) / Double(current.count) }
            )
        }
        let (r, c) = (fillZeroes(ref), fillZeroes(cur))
        return zip(r, c).reduce(0) { $0 + ($1.0 - $1.1) * log($1.0 / $1.1) }
    }

    /// The first Wasserstein distance between the samples' empirical distributions (scipy's
    /// `wasserstein_distance`), divided by the reference's standard deviation (at least 0.001), as
    /// Evidently norms it.
    public static func normedWasserstein(reference: [Double], current: [Double]) -> Double {
        wasserstein(reference, current) / max(standardDeviation(reference), 0.001)
    }

    /// ∫ |F_u − F_v| over the merged sorted values (scipy's `_cdf_distance` with p = 1).
    static func wasserstein(_ u: [Double], _ v: [Double]) -> Double {
        let (su, sv) = (u.sorted(), v.sorted())
        let all = (u + v).sorted()
        var (i, j) = (0, 0)
        var total = 0.0
        for k in 0..<(all.count - 1) {
            while i < su.count, su[i] <= all[k] { i += 1 }
            while j < sv.count, sv[j] <= all[k] { j += 1 }
            total += abs(Double(i) / Double(su.count) - Double(j) / Double(sv.count)) * (all[k + 1] - all[k])
        }
        return total
    }

    /// The current mean's distance from the reference mean, in reference standard deviations.
    public static func meanShift(reference: [Double], current: [Double]) -> Double {
        (mean(current) - mean(reference)) / max(standardDeviation(reference), 0.001)
    }

    /// The current variance over the reference variance.
    public static func varianceRatio(reference: [Double], current: [Double]) -> Double {
        let base = standardDeviation(reference)
        return base > 0 ? pow(standardDeviation(current) / base, 2) : .infinity
    }

    /// NumPy's Sturges bin edges over `values`.
    static func sturgesEdges(_ values: [Double]) -> [Double] {
        guard var first = values.min(), var last = values.max() else { return [0, 1] }
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let range = (values.max() ?? 0) - (values.min() ?? 0)
        let width = range / (log2(Double(values.count)) + 1)
        let bins = width > 0 ? Int(((last - first) / width).rounded(.up)) : 1
        let step = (last - first) / Double(bins)
        return (0...bins).map { $0 == bins ? last : Double($0) * step + first }
    }

    /// Each bin's share of `values`, NumPy's `histogram` counting (the last bin closed on the right).
    static func histogramShares(_ values: [Double], _ edges: [Double]) -> [Double] {
        let sorted = values.sorted()
        func below(_ edge: Double, inclusive: Bool) -> Int {
            var (low, high) = (0, sorted.count)
            while low < high {
                let middle = (low + high) / 2
                if inclusive ? sorted[middle] <= edge : sorted[middle] < edge { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let cumulative = edges.enumerated().map { below($1, inclusive: $0 == edges.count - 1) }
        return (0..<(edges.count - 1)).map { Double(cumulative[$0 + 1] - cumulative[$0]) / Double(values.count) }
    }

    /// Evidently's fill for empty bins.
    static func fillZeroes(_ shares: [Double]) -> [Double] {
        let smallest = shares.filter { $0 != 0 }.min() ?? 0.0001
        let fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001
        return shares.map { $0 == 0 ? fill : $0 }
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }

    /// Population standard deviation (ddof 0), as NumPy's `std`.
    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(values.count, 1))).squareRoot()
    }
}

/// Corrections for testing many features at once.
public enum MultipleTesting: String, Codable, Sendable, CaseIterable {
    /// Reject where p ≤ α / m.
    case bonferroni
    /// Benjamini–Hochberg: reject the k smallest p-values, k the largest with p₍ₖ₎ ≤ k·α / m.
    case benjaminiHochberg = "benjamini-hochberg"

    /// Which hypotheses are rejected at level `alpha`.
    public func rejections(_ pValues: [Double], alpha: Double) -> [Bool] {
        let m = Double(pValues.count)
        switch self {
        case .bonferroni:
            return pValues.map { $0 <= alpha / m }
        case .benjaminiHochberg:
            let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
            let largest = order.enumerated().last { rank, index in pValues[index] <= Double(rank + 1) * alpha / m }?.offset
            var rejected = [Bool](repeating: false, count: pValues.count)
            if let largest { for rank in 0...largest { rejected[order[rank]] = true } }
            return rejected
        }
    }
}
