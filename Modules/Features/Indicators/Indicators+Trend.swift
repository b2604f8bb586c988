extension Indicators {
    /// Average directional index (TA-Lib `ADX`, Wilder, no rounding): +DM, −DM and TR are summed over
    /// the first `period − 1` changes, then Wilder-smoothed; DX = 100 · |−DI − +DI| / (−DI + +DI);
    /// the first ADX is the mean of the first `period` DX values, then Wilder-smoothed. Warm-up `2 · period − 1`.
    public static func adx(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        var output = emptyColumn(close.count)
        let warmUp = 2 * period - 1
        guard period >= 2, warmUp < close.count else { return output }
        let n = Double(period)
        var plusDM = 0.0, minusDM = 0.0, range = 0.0
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
            minusDM -= minusDM / n
            plusDM -= plusDM / n
            addMovement(i)
            range = range - (range / n) + trueRange(high[i], low[i], close[i - 1])
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
            if let dx = directionalIndex() { average = ((average * (n - 1)) + dx) / n }
            output[i] = average
        }
        return output
    }

    /// On-balance volume (TA-Lib `OBV`): starts at the first volume, then adds the volume on an up
    /// close and subtracts it on a down close; no warm-up.
    public static func obv(close: [Double], volume: [Double]) -> [Double] {
        guard let first = volume.first else { return [] }
        var output = [Double](repeating: 0, count: close.count)
        var total = first
        output[0] = total
        for i in 1..<max(1, close.count) {
            if close[i] > close[i - 1] {
                total += volume[i]
            } else if close[i] < close[i - 1] {
                total -= volume[i]
            }
            output[i] = total
        }
        return output
    }
}
