extension Indicators {
    /// Relative strength index (TA-Lib `RSI`, Wilder): the first average gain and loss are plain
    /// means of the first `period` changes, then `avg = (avg * (period - 1) + change) / period`
    /// (computed as one fused step, within a few units in the last place of TA-Lib's);
    /// RSI = 100 · gain / (gain + loss), 0 when both are zero; warm-up `period`.
    public static func rsi(_ values: [Double], period: Int) -> [Double] {
        ColumnOutput.column(values.count) { rsi(values, period: period, into: $0) }
    }

    /// RSI of `values`, written into `out`.
    static func rsi(_ values: [Double], period: Int, into out: ColumnOutput) {
        guard period >= 2, period < values.count else { return out.fillNaN(upTo: values.count) }
        out.fillNaN(upTo: period)
        values.withUnsafeBufferPointer { x in
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

    /// Moving average convergence/divergence (TA-Lib `MACD`): both EMAs start level at the slow
    /// EMA's first row, each seeded with the mean of its own last `period` values; the signal is an
    /// EMA of MACD seeded the same way. All three have warm-up `(slow - 1) + (signal - 1)`.
    public static func macd(_ values: [Double], fast: Int = 12, slow: Int = 26, signal: Int = 9)
        -> (macd: [Double], signal: [Double], histogram: [Double])
    {
        let columns = ColumnOutput.columns(3, rows: values.count) { out in
            macd(values, fast: fast, slow: slow, signal: signal, into: out[0], out[1], out[2])
        }
        return (columns[0], columns[1], columns[2])
    }

    /// MACD of `values`: its line, signal and histogram written into the three outputs, in one pass.
    static func macd(
        _ values: [Double], fast: Int, slow: Int, signal: Int, into line: ColumnOutput, _ signalLine: ColumnOutput,
        _ histogram: ColumnOutput
    ) {
        let (fast, slow) = slow < fast ? (slow, fast) : (fast, slow)
        let start = slow - 1
        let warmUp = start + signal - 1
        let outputs = [line, signalLine, histogram]
        guard fast >= 2, signal >= 1, warmUp < values.count else { return ColumnOutput.fillNaN(outputs, upTo: values.count) }
        ColumnOutput.fillNaN(outputs, upTo: warmUp)
        values.withUnsafeBufferPointer { x in
            // Both EMAs in one pass, each seeded with the mean of its own last `period` values at `start`.
            var fastEMA = 0.0
            var slowEMA = 0.0
            for i in (start - fast + 1)...start { fastEMA += x[i] }
            for i in (start - slow + 1)...start { slowEMA += x[i] }
            fastEMA /= Double(fast)
            slowEMA /= Double(slow)
            let (kFast, kSlow) = (smoothing(fast), smoothing(slow))
            let kSignal = smoothing(signal)
            // The signal is seeded with the mean of the line's first `signal` values, summed in row order.
            var signalEMA = 0.0
            for i in start..<x.count {
                if i > start {
                    fastEMA = fastEMA * (1 - kFast) + x[i] * kFast
                    slowEMA = slowEMA * (1 - kSlow) + x[i] * kSlow
                }
                let value = fastEMA - slowEMA
                if i < warmUp {
                    signalEMA += value
                    continue
                }
                signalEMA = i == warmUp ? (signalEMA + value) / Double(signal) : signalEMA * (1 - kSignal) + value * kSignal
                line[i] = value
                signalLine[i] = signalEMA
                histogram[i] = value - signalEMA
            }
        }
    }

    /// Rate of change (TA-Lib `ROC`): `(x / x[t - period] - 1) · 100`, 0 when the earlier value is 0; warm-up `period`.
    public static func roc(_ values: [Double], period: Int) -> [Double] {
        ColumnOutput.column(values.count) { roc(values, period: period, into: $0) }
    }

    /// ROC of `values`, written into `out`.
    static func roc(_ values: [Double], period: Int, into out: ColumnOutput) {
        out.fillNaN(upTo: period)
        values.withUnsafeBufferPointer { x in
            out.fill(from: period) { i in
                let earlier = x[i - period]
                return earlier != 0 ? ((x[i] / earlier) - 1.0) * 100.0 : 0
            }
        }
    }

    /// Momentum (TA-Lib `MOM`): `x - x[t - period]`; warm-up `period`.
    public static func momentum(_ values: [Double], period: Int) -> [Double] {
        ColumnOutput.column(values.count) { momentum(values, period: period, into: $0) }
    }

    /// Momentum of `values`, written into `out`.
    static func momentum(_ values: [Double], period: Int, into out: ColumnOutput) {
        out.fillNaN(upTo: period)
        values.withUnsafeBufferPointer { x in out.fill(from: period) { x[$0] - x[$0 - period] } }
    }
}
