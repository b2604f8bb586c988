import FerryCore

/// Path statistics of a return series, after the empyrical definitions.
///
/// - `total_return`: Π(1 + rₜ) − 1.
/// - `max_drawdown`: the lowest value of wealth / running peak − 1, the starting wealth of 1 counted as a peak.
/// - `hit_rate`: wins over non-zero returns (NaN when every return is zero).
public struct ReturnStatistics: RiskModel {
    /// Makes the model.
    public init() {}

    public func statistics(returns: [Double]) throws -> MetricSet {
        if let bad = returns.firstIndex(where: { !$0.isFinite }) {
            throw ReturnSeriesError(message: "return at row \(bad) is \(returns[bad]); gaps must be filled or dropped before computing statistics")
        }
        guard !returns.isEmpty else { throw ReturnSeriesError(message: "no returns to compute statistics of") }
        var wealth = 1.0
        var peak = 1.0
        var maxDrawdown = 0.0
        for value in returns {
            wealth *= 1 + value
            peak = max(peak, wealth)
            maxDrawdown = min(maxDrawdown, wealth / peak - 1)
        }
        let nonZero = returns.filter { $0 != 0 }
        let wins = nonZero.filter { $0 > 0 }.count
        return MetricSet([
            "total_return": wealth - 1,
            "max_drawdown": maxDrawdown,
            "hit_rate": nonZero.isEmpty ? .nan : Double(wins) / Double(nonZero.count),
        ])
    }
}

/// A return series cannot be used as given.
public struct ReturnSeriesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the row.
    public let message: String

    public var description: String { message }
}
