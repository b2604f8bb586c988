/// A backtest of positions against an asset's returns with a one-period execution lag and
/// proportional transaction costs.
///
/// `returns[t]` is the asset's simple return over period t (close t − 1 to close t) and
/// `positions[t]` the position decided at the close of t, from what was known then. The position
/// is held over the next period, so period t earns
///
///     strategy[t] = positions[t − 1] · returns[t] − cost · |positions[t − 1] − positions[t − 2]|
///
/// with the book flat before the first period (positions[−1] = 0), cost = basis points / 10,000
/// charged on the change in position. A position never earns the return of the period it was
/// decided in, so a signal cannot use the return it predicts. Period 0 has no position yet; the
/// results start at period 1.
public struct SignalBacktest: Sendable {
    /// The cost of trading one unit of position, in basis points of its value.
    public var costBasisPoints: Double

    /// Makes a backtest with `costBasisPoints` per unit traded.
    public init(costBasisPoints: Double = 0) { self.costBasisPoints = costBasisPoints }

    /// Runs the backtest; throws naming the row of a non-finite return or position.
    public func run(returns: [Double], positions: [Double]) throws -> BacktestResult {
        guard returns.count == positions.count else {
            throw ReturnSeriesError(row: nil, message: "\(returns.count) returns but \(positions.count) positions")
        }
        guard returns.count >= 2 else { throw ReturnSeriesError(row: nil, message: "a backtest needs at least two periods") }
        for (name, series) in [("return", returns), ("position", positions)] {
            if let bad = series.firstIndex(where: { !$0.isFinite }) {
                throw ReturnSeriesError(row: bad, message: "\(name) at row \(bad) is \(series[bad])")
            }
        }
        guard costBasisPoints >= 0, costBasisPoints.isFinite else {
            throw ReturnSeriesError(row: nil, message: "the cost \(costBasisPoints) bps must be a non-negative number")
        }
        let cost = costBasisPoints / 10_000
        var strategy: [Double] = []
        var traded = 0.0
        var previous = 0.0
        for period in 1..<returns.count {
            let held = positions[period - 1]
            let trade = abs(held - previous)
            traded += trade
            strategy.append(held * returns[period] - cost * trade)
            previous = held
        }
        return BacktestResult(strategyReturns: strategy, buyAndHoldReturns: Array(returns.dropFirst()), turnover: traded)
    }
}

/// What a backtest produced, period by period from period 1.
public struct BacktestResult: Sendable, Equatable {
    /// The strategy's return in each period, after costs.
    public let strategyReturns: [Double]
    /// The asset's own return in each period: holding it throughout, with no costs.
    public let buyAndHoldReturns: [Double]
    /// The sum of |change in position|, the first entry included.
    public let turnover: Double

    /// Wealth from 1 after each period.
    public var equity: [Double] { WealthCurve.equity(strategyReturns) }
    /// Wealth from 1 after each period, holding the asset.
    public var buyAndHoldEquity: [Double] { WealthCurve.equity(buyAndHoldReturns) }
    /// Wealth over its running peak, minus 1, after each period (0 at a new high).
    public var drawdown: [Double] { WealthCurve.drawdown(equity) }
    /// The same for buy-and-hold.
    public var buyAndHoldDrawdown: [Double] { WealthCurve.drawdown(buyAndHoldEquity) }
}
