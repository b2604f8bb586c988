extension Indicators {
    /// Simple moving average (TA-Lib `SMA`): the mean of the last `period` values; warm-up `period - 1`.
    public static func sma(_ values: [Double], period: Int) -> [Double] {
        ColumnOutput.column(values.count) { sma(values, period: period, into: $0) }
    }

    /// SMA of `values`, written into `out`; the running total is kept as TA-Lib keeps it.
    static func sma(_ values: [Double], period: Int, into out: ColumnOutput) {
        let first = period - 1
        guard period >= 1, first < values.count else { return out.fillNaN(upTo: values.count) }
        out.fillNaN(upTo: first)
        values.withUnsafeBufferPointer { x in
            var total = 0.0
            for i in 0..<first { total += x[i] }
            var trailing = 0
            let divisor = Double(period)
            for i in first..<x.count {
                total += x[i]
                out[i] = total / divisor
                total -= x[trailing]
                trailing += 1
            }
        }
    }

    /// Exponential moving average (TA-Lib `EMA`): seeded with the SMA of the first `period` values,
    /// then `ema += (x - ema) · k` with k = 2 / (period + 1), computed as `ema · (1 − k) + x · k` (one
    /// fused step in the loop-carried chain, within a few units in the last place of TA-Lib's); warm-up `period - 1`.
    public static func ema(_ values: [Double], period: Int) -> [Double] {
        ColumnOutput.column(values.count) { ema(values, period: period, into: $0) }
    }

    /// EMA of `values`, written into `out`.
    static func ema(_ values: [Double], period: Int, into out: ColumnOutput) {
        let firstOutput = period - 1
        guard period >= 1, firstOutput < values.count else { return out.fillNaN(upTo: values.count) }
        out.fillNaN(upTo: firstOutput)
        let k = smoothing(period)
        values.withUnsafeBufferPointer { x in
            var seed = 0.0
            for i in 0...firstOutput { seed += x[i] }
            var previous = seed / Double(period)
            out[firstOutput] = previous
            let keep = 1 - k
            for i in (firstOutput + 1)..<x.count {
                previous = previous * keep + x[i] * k
                out[i] = previous
            }
        }
    }
}
