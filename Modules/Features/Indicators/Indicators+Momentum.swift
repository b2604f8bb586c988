extension Indicators {
    /// Relative strength index (TA-Lib `RSI`, Wilder): the first average gain and loss are plain
    /// means of the first `period` changes, then `avg = (avg * (period - 1) + change) / period`;
    /// RSI = 100 · gain / (gain + loss), 0 when both are zero; warm-up `period`.
    public static func rsi(_ values: [Double], period: Int) -> [Double] {
        var output = emptyColumn(values.count)
        guard period >= 2, period < values.count else { return output }
        values.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                var gain = 0.0, loss = 0.0
                for i in 1...period {
                    let change = x[i] - x[i - 1]
                    if change < 0 { loss -= change } else { gain += change }
                }
                let n = Double(period)
                loss /= n
                gain /= n
                out[period] = isZero(gain + loss) ? 0 : 100 * (gain / (gain + loss))
                for i in (period + 1)..<x.count {
                    let change = x[i] - x[i - 1]
                    loss *= n - 1
                    gain *= n - 1
                    if change < 0 { loss -= change } else { gain += change }
                    loss /= n
                    gain /= n
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
        var line = emptyColumn(values.count)
        var histogram = emptyColumn(values.count)
        guard fast >= 2, signal >= 1, warmUp < values.count else { return (line, emptyColumn(values.count), histogram) }
        let fastEMA = ema(values, period: fast, firstOutput: start)
        let slowEMA = ema(values, period: slow, firstOutput: start)
        for i in start..<values.count { line[i] = fastEMA[i] - slowEMA[i] }
        let signalLine = ema(line, period: signal, firstOutput: warmUp)
        for i in 0..<warmUp { line[i] = .nan }
        for i in warmUp..<values.count { histogram[i] = line[i] - signalLine[i] }
        return (line, signalLine, histogram)
    }

    /// Rate of change (TA-Lib `ROC`): `(x / x[t - period] - 1) · 100`, 0 when the earlier value is 0; warm-up `period`.
    public static func roc(_ values: [Double], period: Int) -> [Double] {
        var output = emptyColumn(values.count)
        guard period >= 1 else { return output }
        for i in period..<max(period, values.count) {
            let earlier = values[i - period]
            output[i] = earlier != 0 ? ((values[i] / earlier) - 1.0) * 100.0 : 0
        }
        return output
    }

    /// Momentum (TA-Lib `MOM`): `x - x[t - period]`; warm-up `period`.
    public static func momentum(_ values: [Double], period: Int) -> [Double] {
        var output = emptyColumn(values.count)
        guard period >= 1 else { return output }
        for i in period..<max(period, values.count) { output[i] = values[i] - values[i - period] }
        return output
    }
}
