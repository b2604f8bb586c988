import FerryCore

/// Data drift per feature between a reference window (training) and a current window.
///
/// A feature is drifted when its KS test rejects "same distribution" at `alpha` after the
/// multiple-testing correction across all features; PSI, the normed Wasserstein distance and the
/// mean and variance shifts are reported beside it for a person to read.
public struct DriftAnalysis: Sendable {
    /// The level of the KS tests, after correction.
    public var alpha = 0.05
    /// The correction across features.
    public var correction = MultipleTesting.benjaminiHochberg

    /// Makes an analysis with the defaults (5%, Benjamini–Hochberg).
    public init() {}

    /// One row per column the two frames share, in the reference's order.
    public func compare(reference: Frame, current: Frame) throws -> DriftReport {
        let columns = reference.columnNames.filter { current[column: $0] != nil }
        guard !columns.isEmpty else { throw DriftError(message: "the two tables share no column") }
        let results = try columns.parallelMap { name -> (String, KolmogorovSmirnov.Result, [Double], [Double]) in
            let a = (reference[column: name] ?? []).filter { !$0.isNaN }
            let b = (current[column: name] ?? []).filter { !$0.isNaN }
            do {
                return (name, try KolmogorovSmirnov.twoSample(a, b), a, b)
            } catch let error as DriftError {
                throw DriftError(message: "column '\(name)': \(error.message)")
            }
        }
        let rejected = correction.rejections(results.map(\.1.pValue), alpha: alpha)
        let features = zip(results, rejected).map { result, drifted in
            let (name, ks, a, b) = result
            return FeatureDrift(
                column: name, ksStatistic: ks.statistic, ksPValue: ks.pValue, psi: DistributionShift.psi(reference: a, current: b),
                wasserstein: DistributionShift.normedWasserstein(reference: a, current: b),
                meanShift: DistributionShift.meanShift(reference: a, current: b),
                varianceRatio: DistributionShift.varianceRatio(reference: a, current: b), drifted: drifted)
        }
        return DriftReport(alpha: alpha, correction: correction, features: features)
    }
}

/// One feature's drift figures.
public struct FeatureDrift: Codable, Sendable, Equatable {
    public let column: String
    /// The two-sample KS statistic.
    public let ksStatistic: Double
    /// Its exact p-value.
    public let ksPValue: Double
    /// Population stability index (Evidently's binning).
    public let psi: Double
    /// Wasserstein distance over the reference standard deviation.
    public let wasserstein: Double
    /// Mean shift in reference standard deviations.
    public let meanShift: Double
    /// Current variance over reference variance.
    public let varianceRatio: Double
    /// Whether the corrected KS test rejects.
    public let drifted: Bool

    enum CodingKeys: String, CodingKey {
        case column, psi, wasserstein, drifted
        case ksStatistic = "ks_statistic"
        case ksPValue = "ks_pvalue"
        case meanShift = "mean_shift"
        case varianceRatio = "variance_ratio"
    }
}

/// Every feature's drift, and the share drifted.
public struct DriftReport: Codable, Sendable, Equatable {
    /// The test level.
    public let alpha: Double
    /// The correction used.
    public let correction: MultipleTesting
    /// One entry per shared column.
    public let features: [FeatureDrift]

    /// The share of features drifted.
    public var driftedShare: Double { Double(features.filter(\.drifted).count) / Double(max(features.count, 1)) }
}
