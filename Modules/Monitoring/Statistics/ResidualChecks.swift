import Foundation

/// Checks that a model's residuals (actual − predicted) look like noise: centred on zero and
/// without strong autocorrelation.
public struct ResidualChecks: Codable, Sendable, Equatable {
    /// The residuals' mean.
    public let mean: Double
    /// The mean over its standard error (|t| above ``meanLimit`` means not centred).
    public let meanTStatistic: Double
    /// The Ljung–Box statistic Q = n(n + 2) Σₖ ρₖ² / (n − k) over ``lags`` lags.
    public let ljungBox: Double
    /// Its p-value, P(χ²(lags) > Q).
    public let ljungBoxPValue: Double
    /// The lags tested.
    public let lags: Int

    /// |t| at or below this passes the mean check (a two-sided 5% test).
    public static let meanLimit = 1.96
    /// A Ljung–Box p-value at or above this passes (no autocorrelation at 5%).
    public static let pValueLimit = 0.05

    /// Computes the checks on `residuals`; needs more rows than lags.
    public init(residuals: [Double], lags: Int = 10) throws {
        let n = residuals.count
        guard n > lags + 1, lags >= 1 else { throw ResidualCheckError(message: "\(n) residuals are too few for \(lags) lags") }
        let mean = residuals.reduce(0, +) / Double(n)
        let centred = residuals.map { $0 - mean }
        let variance = centred.reduce(0) { $0 + $1 * $1 }
        let deviation = (variance / Double(n - 1)).squareRoot()
        self.mean = mean
        meanTStatistic = deviation > 0 ? mean / (deviation / Double(n).squareRoot()) : 0
        var q = 0.0
        if variance > 0 {
            for k in 1...lags {
                var covariance = 0.0
                for t in k..<n { covariance += centred[t] * centred[t - k] }
                let rho = covariance / variance
                q += rho * rho / Double(n - k)
            }
        }
        ljungBox = Double(n) * Double(n + 2) * q
        ljungBoxPValue = ChiSquared.survival(ljungBox, degrees: lags)
        self.lags = lags
    }

    /// Whether the mean is near zero.
    public var meanPasses: Bool { abs(meanTStatistic) <= Self.meanLimit }
    /// Whether there is no strong autocorrelation.
    public var autocorrelationPasses: Bool { ljungBoxPValue >= Self.pValueLimit }
}

/// Residual checks cannot run on the data given.
public struct ResidualCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    public var description: String { message }
}
