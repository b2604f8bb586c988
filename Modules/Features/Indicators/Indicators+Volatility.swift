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
        var squares = 0.0
        for i in 0..<(period - 1) { squares += values[i] * values[i] }
        for i in (period - 1)..<values.count {
            squares += values[i] * values[i]
            var variance = squares / n
            let leaving = values[i - period + 1]
            squares -= leaving * leaving
            variance -= middle[i] * middle[i]
            let deviation = (variance < 0.00000001) ? 0 : variance.squareRoot()
            let width = deviation * deviations
            upper[i] = middle[i] + width
            lower[i] = middle[i] - width
        }
        return (upper, middle, lower)
    }

    /// TA-Lib's true range of bar `i`: the largest of H − L, |H − C[i−1]| and |L − C[i−1]|.
    @inline(__always) static func trueRange(_ high: Double, _ low: Double, _ previousClose: Double) -> Double {
        var range = high - low
        let up = abs(high - previousClose)
        if up > range { range = up }
        let down = abs(low - previousClose)
        if down > range { range = down }
        return range
    }

    /// Average true range (TA-Lib `ATR`, Wilder): the first value is the mean of the true ranges of
    /// bars 1...period, then `atr = (atr · (period − 1) + tr) / period`; warm-up `period`.
    public static func atr(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        var output = emptyColumn(close.count)
        guard period >= 1, period < close.count else { return output }
        var total = 0.0
        for i in 1...period { total += trueRange(high[i], low[i], close[i - 1]) }
        var average = total / Double(period)
        output[period] = average
        let n = Double(period)
        for i in (period + 1)..<close.count {
            average *= n - 1
            average += trueRange(high[i], low[i], close[i - 1])
            average /= n
            output[i] = average
        }
        return output
    }
}
