extension Indicators {
    /// Relative strength index (TA-Lib `RSI`, Wilder): the first average gain and loss are plain
    /// means of the first `period` changes, then `avg = (avg * (period - 1) + change) / period`
    /// (computed as one fused step, within a few units in the last place of TA-Lib's);
    /// RSI = 100 · gain / (gain + loss), 0 when both are zero; warm-up `period`.
    public static func rsi(_ values: [Double], period: Int) -> [Double] {
        var output = emptyColumn(values.count)
        guard period >= 2, period < values.count else { return output }
        values.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                var gain = 0.0
                var loss = 0.0
                for i in 1...period {
                    let change = x[i] - x[i - 1]
                    if change < 0 { loss -= change } else { gain += change }
                }
                let n = Double(period)
                let keep = (n - 1) / n
                let share = 1 / n
                loss /= n
                gain /= n
                out[period] = isZero(gain + loss) ? 0 : 100 * (gain / (gain + loss))
                for i in (period + 1)..<x.count {
                    let change = x[i] - x[i - 1]
                    loss = loss * keep + max(-change, 0) * share
                    gain = gain * keep + max(change, 0) * share
                    out[i] = isZero(gain + loss) ? 0 : 100 * (gain / (gain + loss))
                }
            }
        }
        return output
    }

    /// Moving average convergence/divergence (TA-Lib `MACD`): both EMAs start level at the slow
    /// EMA's first row, each seeded with the mean of its own last `period` values; the signal is an
    /// EMA of MACD seeded the same way. All three have warm-up `(slow - 1) + (signal - 1)`.
    public static func macd(_ values: [Double], fast: Int = 12, slow: Int = 26, signal: Int = 9)
        -> (macd: [Double], signal: [Double], histogram: [Double])
    {
        let (fast, slow) = slow < fast ? (slow, fast) : (fast, slow)
        let start = slow - 1
        let warmUp = start + signal - 1
        guard fast >= 2, signal >= 1, warmUp < values.count else {
            return (emptyColumn(values.count), emptyColumn(values.count), emptyColumn(values.count))
        }
        var line: [Double]
        let histogram: [Double]
        // Both EMAs in one pass, each seeded with the mean of its own last `period` values at `start`.
        var fastEMA = 0.0
        var slowEMA = 0.0
        for i in (start - fast + 1)...start { fastEMA += values[i] }
        for i in (start - slow + 1)...start { slowEMA += values[i] }
        fastEMA /= Double(fast)
        slowEMA /= Double(slow)
        let (kFast, kSlow) = (smoothing(fast), smoothing(slow))
        line = column(values.count) { i in
            if i < start { return .nan }
            if i > start {
                fastEMA = fastEMA * (1 - kFast) + values[i] * kFast
                slowEMA = slowEMA * (1 - kSlow) + values[i] * kSlow
            }
            return fastEMA - slowEMA
        }
        let signalLine = ema(line, period: signal, firstOutput: warmUp)
        line.withUnsafeMutableBufferPointer { out in
            for i in 0..<warmUp { out[i] = .nan }
        }
        histogram = column(values.count) { line[$0] - signalLine[$0] }
        return (line, signalLine, histogram)
    }

    /// Rate of change (TA-Lib `ROC`): `(x / x[t - period] - 1) · 100`, 0 when the earlier value is 0; warm-up `period`.
    public static func roc(_ values: [Double], period: Int) -> [Double] {
        column(values.count) { i in
            guard i >= period else { return .nan }
            let earlier = values[i - period]
            return earlier != 0 ? ((values[i] / earlier) - 1.0) * 100.0 : 0
        }
    }

    /// Momentum (TA-Lib `MOM`): `x - x[t - period]`; warm-up `period`.
    public static func momentum(_ values: [Double], period: Int) -> [Double] {
        column(values.count) { $0 >= period ? values[$0] - values[$0 - period] : .nan }
    }
}
