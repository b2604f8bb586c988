extension Indicators {
    /// Bollinger Bands (TA-Lib `BBANDS` with an SMA): middle = SMA, bands = middle ± `deviations` ·
    /// the population standard deviation, computed as TA-Lib does from running sums of squares
    /// (0 when the variance is below 1e-8); warm-up `period - 1`.
    public static func bollingerBands(_ values: [Double], period: Int = 20, deviations: Double = 2)
        -> (upper: [Double], middle: [Double], lower: [Double])
    {
        let middle = sma(values, period: period)
        var upper = emptyColumn(values.count)
        var lower = emptyColumn(values.count)
        guard period >= 2, period <= values.count else { return (upper, middle, lower) }
        let n = Double(period)
        values.withUnsafeBufferPointer { x in
            middle.withUnsafeBufferPointer { mid in
                upper.withUnsafeMutableBufferPointer { up in
                    lower.withUnsafeMutableBufferPointer { down in
                        var squares = 0.0
                        for i in 0..<(period - 1) { squares += x[i] * x[i] }
                        for i in (period - 1)..<x.count {
                            squares += x[i] * x[i]
                            var variance = squares / n
                            let leaving = x[i - period + 1]
                            squares -= leaving * leaving
                            variance -= mid[i] * mid[i]
                            let deviation = (variance < 0.00000001) ? 0 : variance.squareRoot()
                            let width = deviation * deviations
                            up[i] = mid[i] + width
                            down[i] = mid[i] - width
                        }
                    }
                }
            }
        }
        return (upper, middle, lower)
    }

    /// TA-Lib's true range of bar `i`: the largest of H − L, |H − C[i−1]| and |L − C[i−1]|.
    @inline(__always) static func trueRange(_ high: Double, _ low: Double, _ previousClose: Double) -> Double {
        max(high - low, max(abs(high - previousClose), abs(low - previousClose)))
    }

    /// Average true range (TA-Lib `ATR`, Wilder): the first value is the mean of the true ranges of
    /// bars 1...period, then `atr = (atr · (period − 1) + tr) / period` (computed as one fused step,
    /// within a few units in the last place of TA-Lib's); warm-up `period`.
    public static func atr(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        guard period >= 1, period < close.count else { return emptyColumn(close.count) }
        let n = Double(period)
        let keep = (n - 1) / n
        let share = 1 / n
        var average = 0.0
        return column(close.count) { i in
            if i < period { return .nan }
            if i == period {
                var total = 0.0
                for row in 1...period { total += trueRange(high[row], low[row], close[row - 1]) }
                average = total / n
            } else {
                average = average * keep + trueRange(high[i], low[i], close[i - 1]) * share
            }
            return average
        }
    }
}
