extension Indicators {
    /// Simple moving average (TA-Lib `SMA`): the mean of the last `period` values; warm-up `period - 1`.
    public static func sma(_ values: [Double], period: Int) -> [Double] {
        sma(values, period: period, from: 0)
    }

    /// SMA of a column whose first `start` rows are warm-up; the running total is kept as TA-Lib keeps it.
    static func sma(_ values: [Double], period: Int, from start: Int) -> [Double] {
        var output = emptyColumn(values.count)
        let first = start + period - 1
        guard period >= 1, first < values.count else { return output }
        values.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                var total = 0.0
                for i in start..<first { total += x[i] }
                var trailing = start
                let divisor = Double(period)
                for i in first..<x.count {
                    total += x[i]
                    out[i] = total / divisor
                    total -= x[trailing]
                    trailing += 1
                }
            }
        }
        return output
    }

    /// Exponential moving average (TA-Lib `EMA`): seeded with the SMA of the first `period` values,
    /// then `ema += (x - ema) · k` with k = 2 / (period + 1), computed as `ema · (1 − k) + x · k` (one
    /// fused step in the loop-carried chain, within a few units in the last place of TA-Lib's); warm-up `period - 1`.
    public static func ema(_ values: [Double], period: Int) -> [Double] {
        ema(values, period: period, firstOutput: period - 1)
    }

    /// EMA whose first value stands at `firstOutput`, seeded with the mean of the `period` values
    /// ending there (TA-Lib starts MACD's fast EMA this way, level with the slow one).
    static func ema(_ values: [Double], period: Int, firstOutput: Int) -> [Double] {
        var output = emptyColumn(values.count)
        guard period >= 1, firstOutput >= period - 1, firstOutput < values.count else { return output }
        let k = smoothing(period)
        values.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                var seed = 0.0
                for i in (firstOutput - period + 1)...firstOutput { seed += x[i] }
                var previous = seed / Double(period)
                out[firstOutput] = previous
                let keep = 1 - k
                for i in (firstOutput + 1)..<x.count {
                    previous = previous * keep + x[i] * k
                    out[i] = previous
                }
            }
        }
        return output
    }
}
