extension Indicators {
    /// Bollinger Bands (TA-Lib `BBANDS` with an SMA): middle = SMA, bands = middle ± `deviations` ·
    /// the population standard deviation, computed as TA-Lib does from running sums of squares
    /// (0 when the variance is below 1e-8); warm-up `period - 1`.
    public static func bollingerBands(_ values: [Double], period: Int = 20, deviations: Double = 2)
        -> (upper: [Double], middle: [Double], lower: [Double])
    {
        let columns = ColumnOutput.columns(3, rows: values.count) { out in
            bollingerBands(values, period: period, deviations: deviations, into: out[0], out[1], out[2])
        }
        return (columns[0], columns[1], columns[2])
    }

    /// Bollinger Bands of `values`, written into the three outputs.
    static func bollingerBands(
        _ values: [Double], period: Int, deviations: Double, into upper: ColumnOutput, _ middle: ColumnOutput,
        _ lower: ColumnOutput
    ) {
        guard period >= 2, period <= values.count else {
            sma(values, period: period, into: middle)
            return ColumnOutput.fillNaN([upper, lower], upTo: values.count)
        }
        ColumnOutput.fillNaN([upper, middle, lower], upTo: period - 1)
        let n = Double(period)
        values.withUnsafeBufferPointer { x in
            // The middle band is TA-Lib's SMA, its running total kept alongside the sum of squares.
            var total = 0.0
            var squares = 0.0
            for i in 0..<(period - 1) {
                total += x[i]
                squares += x[i] * x[i]
            }
            for i in (period - 1)..<x.count {
                total += x[i]
                let mid = total / n
                let leaving = x[i - period + 1]
                total -= leaving
                squares += x[i] * x[i]
                var variance = squares / n
                squares -= leaving * leaving
                variance -= mid * mid
                let deviation = (variance < 0.00000001) ? 0 : variance.squareRoot()
                let width = deviation * deviations
                upper[i] = mid + width
                middle[i] = mid
                lower[i] = mid - width
            }
        }
    }

    /// TA-Lib's true range of bar `i`: the largest of H − L, |H − C[i−1]| and |L − C[i−1]|.
    @inline(__always) static func trueRange(_ high: Double, _ low: Double, _ previousClose: Double) -> Double {
        max(high - low, max(abs(high - previousClose), abs(low - previousClose)))
    }

    /// Average true range (TA-Lib `ATR`, Wilder): the first value is the mean of the true ranges of
    /// bars 1...period, then `atr = (atr · (period − 1) + tr) / period` (computed as one fused step,
    /// within a few units in the last place of TA-Lib's); warm-up `period`.
    public static func atr(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        ColumnOutput.column(close.count) { atr(high: high, low: low, close: close, period: period, into: $0) }
    }

    /// ATR, written into `out`.
    static func atr(high: [Double], low: [Double], close: [Double], period: Int, into out: ColumnOutput) {
        guard period >= 1, period < close.count else { return out.fillNaN(upTo: close.count) }
        out.fillNaN(upTo: period)
        let n = Double(period)
        let keep = (n - 1) / n
        let share = 1 / n
        var total = 0.0
        for row in 1...period { total += trueRange(high[row], low[row], close[row - 1]) }
        var average = total / n
        out[period] = average
        for i in (period + 1)..<close.count {
            average = average * keep + trueRange(high[i], low[i], close[i - 1]) * share
            out[i] = average
        }
    }
}
