/// Wealth compounded from 1 through simple returns, and its fall from the running peak: the
/// curves ``ReturnStatistics`` reads its path statistics from and ``BacktestResult`` reports.
enum WealthCurve {
    /// Π(1 + r) after each period.
    static func equity(_ returns: [Double]) -> [Double] {
        var wealth = 1.0
        return returns.map {
            wealth *= 1 + $0
            return wealth
        }
    }

    /// Wealth over its running peak, minus 1, after each period; the starting wealth of 1 counts as a peak.
    static func drawdown(_ equity: [Double]) -> [Double] {
        var peak = 1.0
        return equity.map { wealth in
            peak = max(peak, wealth)
            return wealth / peak - 1
        }
    }
}
