import FerryCore
import Foundation

/// Performance and risk statistics of a series of simple periodic returns, after the empyrical
/// definitions (docs/risk.md gives each formula).
///
/// - `sharpe`: mean / std (ddof = 1) · √periodsPerYear.
/// - `sortino`: mean · periodsPerYear / (√mean(min(r, 0)²) · √periodsPerYear), the downside
///   deviation taken over all observations.
/// - `annual_return`: (Π(1 + r))^(periodsPerYear / n) − 1.
/// - `annual_volatility`: std (ddof = 1) · √periodsPerYear.
/// - `max_drawdown`: the lowest wealth / running peak − 1, the starting wealth of 1 counted as a peak.
/// - `calmar`: annual_return / |max_drawdown|; NaN without a drawdown.
/// - `var_95`, `cvar_95`: historical VaR and CVaR at the cutoff (5%), as returns.
/// - `parametric_var_95`, `parametric_es_95`: the same under a normal distribution.
/// - `total_return`: Π(1 + r) − 1.
/// - `hit_rate`: wins over non-zero returns (NaN when every return is zero).
///
/// Ratios divide as NumPy does: x / 0 is ±∞ and 0 / 0 is NaN; a statistic that needs two
/// observations (Sharpe, Sortino, volatility, the parametric figures) is NaN for one, as in empyrical.
public struct ReturnStatistics: RiskModel {
    /// Periods in a year, for annualising (252 trading days).
    public var periodsPerYear: Double
    /// The tail probability of VaR and CVaR (0.05 for 95%).
    public var cutoff: Double

    /// Makes the model.
    public init(periodsPerYear: Double = 252, cutoff: Double = 0.05) {
        self.periodsPerYear = periodsPerYear
        self.cutoff = cutoff
    }

    public func statistics(returns: [Double]) throws -> MetricSet {
        if let bad = returns.firstIndex(where: { !$0.isFinite }) {
            throw ReturnSeriesError(
                row: bad, message: "return at row \(bad) is \(returns[bad]); gaps must be filled or dropped before computing statistics")
        }
        guard !returns.isEmpty else { throw ReturnSeriesError(row: nil, message: "no returns to compute statistics of") }
        guard cutoff > 0, cutoff < 1 else {
            throw ReturnSeriesError(row: nil, message: "the VaR cutoff \(cutoff) must lie strictly between 0 and 1")
        }
        let moments = SampleMoments(returns)
        let equity = WealthCurve.equity(returns)
        let finalWealth = equity.last ?? 1
        let maxDrawdown = min(WealthCurve.drawdown(equity).min() ?? 0, 0)
        let tail = TailRisk(returns, cutoff: cutoff, moments: moments)
        let annualReturn = pow(finalWealth, periodsPerYear / Double(returns.count)) - 1
        let downsideDeviation = (returns.reduce(0) { $0 + min($1, 0) * min($1, 0) } / Double(returns.count)).squareRoot()
        let calmar = maxDrawdown < 0 ? annualReturn / -maxDrawdown : .nan
        let nonZero = returns.filter { $0 != 0 }
        let label = Int((100 * (1 - cutoff)).rounded())
        return MetricSet([
            "sharpe": moments.mean / moments.standardDeviation * periodsPerYear.squareRoot(),
            "sortino": returns.count < 2 ? .nan : moments.mean * periodsPerYear / (downsideDeviation * periodsPerYear.squareRoot()),
            "annual_return": annualReturn,
            "annual_volatility": moments.standardDeviation * periodsPerYear.squareRoot(),
            "max_drawdown": maxDrawdown,
            "calmar": calmar.isInfinite ? .nan : calmar,
            "var_\(label)": tail.historicalVaR,
            "cvar_\(label)": tail.historicalCVaR,
            "parametric_var_\(label)": tail.parametricVaR,
            "parametric_es_\(label)": tail.parametricES,
            "total_return": finalWealth - 1,
            "hit_rate": nonZero.isEmpty ? .nan : Double(nonZero.filter { $0 > 0 }.count) / Double(nonZero.count),
        ])
    }
}

/// A return series cannot be used as given.
public struct ReturnSeriesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The row (0-based) at fault, when one is.
    public let row: Int?
    /// What is wrong, naming the row.
    public let message: String

    public var description: String { message }
}
