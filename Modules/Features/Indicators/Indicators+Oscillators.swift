extension Indicators {
    /// The highest high and lowest low of rows `i - period + 1 ... i` for every `i >= period - 1`.
    static func rollingExtremes(high: [Double], low: [Double], period: Int) -> (highest: [Double], lowest: [Double]) {
        (rollingExtreme(high, period: period, keepsLarger: true), rollingExtreme(low, period: period, keepsLarger: false))
    }

    /// The largest (or smallest) of each window of `period` values (van Herk / Gil-Werman).
    ///
    /// A window spans at most two blocks of `period` rows, so its extreme is the larger of the
    /// suffix extreme of its first block and the prefix extreme of its last: one forward pass
    /// writes prefix extremes, one backward pass folds in suffix extremes. Branch-free, no buffers,
    /// and exact (a maximum involves no rounding), so it equals TA-Lib's result.
    static func rollingExtreme(_ values: [Double], period: Int, keepsLarger: Bool) -> [Double] {
        let n = values.count
        guard period >= 1, period <= n else { return emptyColumn(n) }
        @inline(__always) func pick(_ a: Double, _ b: Double) -> Double { keepsLarger ? max(a, b) : min(a, b) }
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            [Double].adviseHugePages(out)
            values.withUnsafeBufferPointer { x in
                var offset = 0
                for i in 0..<n {
                    out[i] = offset == 0 ? x[i] : pick(out[i - 1], x[i])
                    offset = offset == period - 1 ? 0 : offset + 1
                }
                var suffix = 0.0
                for j in stride(from: n - 1, through: 0, by: -1) {
                    suffix = (j % period == period - 1 || j == n - 1) ? x[j] : pick(suffix, x[j])
                    let last = j + period - 1
                    if last < n { out[last] = pick(suffix, out[last]) }
                }
                for i in 0..<(period - 1) { out[i] = .nan }
            }
            initialized = n
        }
    }

    /// Stochastic oscillator (TA-Lib `STOCH`, SMA smoothing): fast %K = 100 · (C − LL) / (HH − LL)
    /// (0 when HH = LL) over `fastK` rows; %K = SMA(`slowK`) of it; %D = SMA(`slowD`) of %K. Both
    /// outputs have warm-up `(fastK − 1) + (slowK − 1) + (slowD − 1)`, as TA-Lib gives them.
    public static func stochastic(
        high: [Double], low: [Double], close: [Double], fastK: Int = 14, slowK: Int = 3, slowD: Int = 3
    ) -> (k: [Double], d: [Double]) {
        stochastic(close: close, extremes: rollingExtremes(high: high, low: low, period: fastK), fastK: fastK, slowK: slowK, slowD: slowD)
    }

    /// Stochastic oscillator from precomputed `fastK`-row extremes (shared with Williams %R).
    static func stochastic(
        close: [Double], extremes: (highest: [Double], lowest: [Double]), fastK: Int, slowK: Int, slowD: Int
    ) -> (k: [Double], d: [Double]) {
        let (highest, lowest) = extremes
        let raw = column(close.count) { i in
            guard i >= fastK - 1 else { return .nan }
            let scale = (highest[i] - lowest[i]) / 100.0
            return scale != 0 ? (close[i] - lowest[i]) / scale : 0
        }
        var k = sma(raw, period: slowK, from: fastK - 1)
        let d = sma(k, period: slowD, from: fastK + slowK - 2)
        let warmUp = min(close.count, (fastK - 1) + (slowK - 1) + (slowD - 1))
        for i in 0..<warmUp { k[i] = .nan }
        return (k, d)
    }

    /// Williams %R (TA-Lib `WILLR`): −100 · (HH − C) / (HH − LL) over `period` rows (0 when HH = LL); warm-up `period − 1`.
    public static func williamsR(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        williamsR(close: close, extremes: rollingExtremes(high: high, low: low, period: period), period: period)
    }

    /// Williams %R from precomputed `period`-row extremes (shared with the stochastic oscillator).
    static func williamsR(close: [Double], extremes: (highest: [Double], lowest: [Double]), period: Int) -> [Double] {
        let (highest, lowest) = extremes
        return column(close.count) { i in
            guard i >= period - 1 else { return .nan }
            let scale = (highest[i] - lowest[i]) / -100.0
            return scale != 0 ? (highest[i] - close[i]) / scale : 0
        }
    }

    /// Commodity channel index (TA-Lib `CCI`): with typical price TP = (H + L + C) / 3,
    /// (TP − SMA(TP)) / (0.015 · mean |TP − SMA(TP)|), 0 when either part is 0; warm-up `period − 1`.
    ///
    /// TA-Lib sums the window in the order of its circular buffer; this does too, so the results
    /// agree to the last bits even where the numerator nearly cancels.
    public static func cci(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        var output = emptyColumn(close.count)
        guard period >= 2, period <= close.count else { return output }
        let typical = column(close.count) { (high[$0] + low[$0] + close[$0]) / 3.0 }
        let n = Double(period)
        typical.withUnsafeBufferPointer { tp in
            output.withUnsafeMutableBufferPointer { out in
                for i in (period - 1)..<tp.count {
                    let start = i - period + 1
                    // Buffer slot j holds the row whose position is j modulo period: sum slot 0 first.
                    let pivot = start + (period - start % period) % period
                    var sum = 0.0
                    for row in pivot...i { sum += tp[row] }
                    for row in start..<pivot { sum += tp[row] }
                    let average = sum / n
                    var deviation = 0.0
                    for row in pivot...i { deviation += abs(tp[row] - average) }
                    for row in start..<pivot { deviation += abs(tp[row] - average) }
                    let distance = tp[i] - average
                    out[i] = (distance != 0 && deviation != 0) ? distance / (0.015 * (deviation / n)) : 0
                }
            }
        }
        return output
    }
}
