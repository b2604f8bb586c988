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
        guard period >= 1, period <= n else { return ColumnOutput.column(n) { $0.fillNaN(upTo: n) } }
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
        let columns = ColumnOutput.columns(2, rows: close.count) { out in
            stochastic(close: close, extremes: extremes, fastK: fastK, slowK: slowK, slowD: slowD, into: out[0], out[1])
        }
        return (columns[0], columns[1])
    }

    /// The stochastic oscillator's %K and %D, written into `kOut` and `dOut` in one pass: fast %K
    /// into a ring of `slowK` values, its running SMA into a ring of `slowD`, each running total kept
    /// in the order of TA-Lib's SMA (add the newest, divide, take the oldest out), so the same bits.
    static func stochastic(
        close: [Double], extremes: (highest: [Double], lowest: [Double]), fastK: Int, slowK: Int, slowD: Int,
        into kOut: ColumnOutput, _ dOut: ColumnOutput
    ) {
        let (highest, lowest) = extremes
        let firstK = (fastK - 1) + (slowK - 1)  // the first smoothed %K
        let warmUp = firstK + (slowD - 1)  // the first %D, and the first row either is given
        guard fastK >= 1, slowK >= 1, slowD >= 1, warmUp < close.count else {
            return ColumnOutput.fillNaN([kOut, dOut], upTo: close.count)
        }
        ColumnOutput.fillNaN([kOut, dOut], upTo: warmUp)
        var fastRing = [Double](repeating: 0, count: slowK)
        var slowRing = [Double](repeating: 0, count: slowD)
        fastRing.withUnsafeMutableBufferPointer { fast in
            slowRing.withUnsafeMutableBufferPointer { slow in
                var fastTotal = 0.0
                var slowTotal = 0.0
                var fastSlot = 0
                var slowSlot = 0
                for i in (fastK - 1)..<close.count {
                    let scale = (highest[i] - lowest[i]) / 100.0
                    let raw = scale != 0 ? (close[i] - lowest[i]) / scale : 0
                    fastTotal += raw
                    fast[fastSlot] = raw
                    fastSlot = fastSlot == slowK - 1 ? 0 : fastSlot + 1
                    guard i >= firstK else { continue }
                    let k = fastTotal / Double(slowK)
                    fastTotal -= fast[fastSlot]  // the oldest of the window, overwritten next
                    slowTotal += k
                    slow[slowSlot] = k
                    slowSlot = slowSlot == slowD - 1 ? 0 : slowSlot + 1
                    guard i >= warmUp else { continue }
                    kOut[i] = k
                    dOut[i] = slowTotal / Double(slowD)
                    slowTotal -= slow[slowSlot]
                }
            }
        }
    }

    /// Williams %R (TA-Lib `WILLR`): −100 · (HH − C) / (HH − LL) over `period` rows (0 when HH = LL); warm-up `period − 1`.
    public static func williamsR(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        williamsR(close: close, extremes: rollingExtremes(high: high, low: low, period: period), period: period)
    }

    /// Williams %R from precomputed `period`-row extremes (shared with the stochastic oscillator).
    static func williamsR(close: [Double], extremes: (highest: [Double], lowest: [Double]), period: Int) -> [Double] {
        ColumnOutput.column(close.count) { williamsR(close: close, extremes: extremes, period: period, into: $0) }
    }

    /// Williams %R, written into `out`.
    static func williamsR(
        close: [Double], extremes: (highest: [Double], lowest: [Double]), period: Int, into out: ColumnOutput
    ) {
        let (highest, lowest) = extremes
        out.fillNaN(upTo: period - 1)
        out.fill(from: period - 1) { i in
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
        ColumnOutput.column(close.count) { cci(high: high, low: low, close: close, period: period, into: $0) }
    }

    /// CCI, written into `out`.
    static func cci(high: [Double], low: [Double], close: [Double], period: Int, into out: ColumnOutput) {
        guard period >= 2, period <= close.count else { return out.fillNaN(upTo: close.count) }
        out.fillNaN(upTo: period - 1)
        let n = Double(period)
        // TA-Lib's circular buffer of typical prices: row r's lands in slot r modulo period, and
        // each window is summed from slot 0 up, as TA-Lib sums it.
        var ring = [Double](repeating: 0, count: period)
        ring.withUnsafeMutableBufferPointer { slots in
            var slot = 0
            for i in 0..<close.count {
                let typical = (high[i] + low[i] + close[i]) / 3.0
                slots[slot] = typical
                slot = slot == period - 1 ? 0 : slot + 1
                guard i >= max(period - 1, out.first) else { continue }
                var sum = 0.0
                for k in 0..<period { sum += slots[k] }
                let average = sum / n
                var deviation = 0.0
                for k in 0..<period { deviation += abs(slots[k] - average) }
                let distance = typical - average
                out[i] = (distance != 0 && deviation != 0) ? distance / (0.015 * (deviation / n)) : 0
            }
        }
    }
}
