extension Indicators {
    /// Average directional index (TA-Lib `ADX`, Wilder, no rounding): +DM, −DM and TR are summed over
    /// the first `period − 1` changes, then Wilder-smoothed; DX = 100 · |−DI − +DI| / (−DI + +DI);
    /// the first ADX is the mean of the first `period` DX values, then Wilder-smoothed. Warm-up `2 · period − 1`.
    ///
    /// Wilder's `s − s/n + x` and `(s·(n − 1) + x)/n` are computed as `s·a + x` and `s·a + x·b` (one
    /// fused step instead of a divide in the loop-carried chain); the results stay within a few
    /// units in the last place of TA-Lib's.
    public static func adx(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        ColumnOutput.column(close.count) { adx(high: high, low: low, close: close, period: period, into: $0) }
    }

    /// ADX, written into `output`.
    static func adx(high: [Double], low: [Double], close: [Double], period: Int, into output: ColumnOutput) {
        let warmUp = 2 * period - 1
        guard period >= 2, warmUp < close.count else { return output.fillNaN(upTo: close.count) }
        output.fillNaN(upTo: warmUp)
        let n = Double(period)
        let keep = 1 - 1 / n
        let share = 1 / n
        let keepAverage = (n - 1) / n
        var plusDM = 0.0
        var minusDM = 0.0
        var range = 0.0
        /// Adds row `i`'s directional movement to the running sums.
        func addMovement(_ i: Int) {
            let up = high[i] - high[i - 1]
            let down = low[i - 1] - low[i]
            if down > 0 && up < down {
                minusDM += down
            } else if up > 0 && up > down {
                plusDM += up
            }
        }
        /// DX of the current smoothed sums, or `nil` where TA-Lib skips it (a zero range or zero DI sum).
        func directionalIndex() -> Double? {
            guard !isZero(range) else { return nil }
            let minusDI = 100.0 * (minusDM / range)
            let plusDI = 100.0 * (plusDM / range)
            let sum = minusDI + plusDI
            guard !isZero(sum) else { return nil }
            return 100.0 * (abs(minusDI - plusDI) / sum)
        }
        /// Wilder-smooths the sums and adds row `i`.
        func smooth(_ i: Int) {
            minusDM *= keep
            plusDM *= keep
            addMovement(i)
            range = range * keep + trueRange(high[i], low[i], close[i - 1])
        }
        for i in 1..<period {
            addMovement(i)
            range += trueRange(high[i], low[i], close[i - 1])
        }
        var sumDX = 0.0
        for i in period...warmUp {
            smooth(i)
            if let dx = directionalIndex() { sumDX += dx }
        }
        var average = sumDX / n
        output[warmUp] = average
        for i in (warmUp + 1)..<close.count {
            smooth(i)
            if let dx = directionalIndex() { average = average * keepAverage + dx * share }
            output[i] = average
        }
    }

    /// On-balance volume (TA-Lib `OBV`): starts at the first volume, then adds the volume on an up
    /// close and subtracts it on a down close; no warm-up.
    public static func obv(close: [Double], volume: [Double]) -> [Double] {
        ColumnOutput.column(close.count) { obv(close: close, volume: volume, into: $0) }
    }

    /// OBV, written into `out`.
    static func obv(close: [Double], volume: [Double], into out: ColumnOutput) {
        guard var total = volume.first else { return }
        out[0] = total
        close.withUnsafeBufferPointer { c in
            volume.withUnsafeBufferPointer { v in
                for i in 1..<max(1, c.count) {
                    // A select, not a branch: up and down closes alternate unpredictably. Adding 0 leaves the total as it is.
                    total += c[i] > c[i - 1] ? v[i] : (c[i] < c[i - 1] ? -v[i] : 0)
                    out[i] = total
                }
            }
        }
    }
}
