extension Indicators {
    /// The highest high and lowest low of rows `i - period + 1 ... i` for every `i >= period - 1`.
    static func rollingExtremes(high: [Double], low: [Double], period: Int) -> (highest: [Double], lowest: [Double]) {
        var highest = emptyColumn(high.count)
        var lowest = emptyColumn(low.count)
        guard period >= 1, period <= high.count else { return (highest, lowest) }
        // Monotonic deques of row positions: O(n) whatever the period.
        var maxQueue = [Int](repeating: 0, count: high.count)
        var minQueue = [Int](repeating: 0, count: low.count)
        var maxHead = 0, maxTail = 0, minHead = 0, minTail = 0
        for i in 0..<high.count {
            while maxTail > maxHead, high[maxQueue[maxTail - 1]] <= high[i] { maxTail -= 1 }
            maxQueue[maxTail] = i
            maxTail += 1
            while minTail > minHead, low[minQueue[minTail - 1]] >= low[i] { minTail -= 1 }
            minQueue[minTail] = i
            minTail += 1
            if maxQueue[maxHead] <= i - period { maxHead += 1 }
            if minQueue[minHead] <= i - period { minHead += 1 }
            if i >= period - 1 {
                highest[i] = high[maxQueue[maxHead]]
                lowest[i] = low[minQueue[minHead]]
            }
        }
        return (highest, lowest)
    }

    /// Stochastic oscillator (TA-Lib `STOCH`, SMA smoothing): fast %K = 100 · (C − LL) / (HH − LL)
    /// (0 when HH = LL) over `fastK` rows; %K = SMA(`slowK`) of it; %D = SMA(`slowD`) of %K. Both
    /// outputs have warm-up `(fastK − 1) + (slowK − 1) + (slowD − 1)`, as TA-Lib gives them.
    public static func stochastic(
        high: [Double], low: [Double], close: [Double], fastK: Int = 14, slowK: Int = 3, slowD: Int = 3
    ) -> (k: [Double], d: [Double]) {
        let (highest, lowest) = rollingExtremes(high: high, low: low, period: fastK)
        var raw = emptyColumn(close.count)
        for i in max(0, fastK - 1)..<close.count {
            let scale = (highest[i] - lowest[i]) / 100.0
            raw[i] = scale != 0 ? (close[i] - lowest[i]) / scale : 0
        }
        var k = sma(raw, period: slowK, from: fastK - 1)
        let d = sma(k, period: slowD, from: fastK + slowK - 2)
        let warmUp = min(close.count, (fastK - 1) + (slowK - 1) + (slowD - 1))
        for i in 0..<warmUp { k[i] = .nan }
        return (k, d)
    }

    /// Williams %R (TA-Lib `WILLR`): −100 · (HH − C) / (HH − LL) over `period` rows (0 when HH = LL); warm-up `period − 1`.
    public static func williamsR(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        let (highest, lowest) = rollingExtremes(high: high, low: low, period: period)
        var output = emptyColumn(close.count)
        for i in max(0, period - 1)..<close.count {
            let scale = (highest[i] - lowest[i]) / -100.0
            output[i] = scale != 0 ? (highest[i] - close[i]) / scale : 0
        }
        return output
    }

    /// Commodity channel index (TA-Lib `CCI`): with typical price TP = (H + L + C) / 3,
    /// (TP − SMA(TP)) / (0.015 · mean |TP − SMA(TP)|), 0 when either part is 0; warm-up `period − 1`.
    ///
    /// TA-Lib sums the window in the order of its circular buffer; this does too, so the results
    /// agree to the last bits even where the numerator nearly cancels.
    public static func cci(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        var output = emptyColumn(close.count)
        guard period >= 2, period <= close.count else { return output }
        var typical = [Double](repeating: 0, count: close.count)
        for i in 0..<close.count { typical[i] = (high[i] + low[i] + close[i]) / 3.0 }
        let n = Double(period)
        typical.withUnsafeBufferPointer { tp in
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
                output[i] = (distance != 0 && deviation != 0) ? distance / (0.015 * (deviation / n)) : 0
            }
        }
        return output
    }
}
