/// Rolling-window statistics that the derived (non-TA-Lib) features share.
///
/// Each writes one value per row, `nan` until `period` values are in the window, and `nan`
/// while the window holds a `nan` input; sums are kept running, so the cost is O(n) whatever the period.
enum Rolling {
    /// Sample standard deviation (ddof 1) of the last `period` values.
    static func standardDeviation(_ values: [Double], period: Int, into out: ColumnOutput) {
        window(values, period: period, into: out) { _, _, deviation in deviation }
    }

    /// The z-score of each value in its window of `period`: (x − mean) / sample standard
    /// deviation, 0 when the window is flat.
    static func zScore(_ values: [Double], period: Int, into out: ColumnOutput) {
        let n = Double(period)
        window(values, period: period, into: out) { value, sum, deviation in deviation > 0 ? (value - sum / n) / deviation : 0 }
    }

    /// `value(x, sum, deviation)` of each full window of `period` without a `nan`, from running sums.
    private static func window(
        _ values: [Double], period: Int, into output: ColumnOutput, _ value: (Double, Double, Double) -> Double
    ) {
        var sum = 0.0
        var squares = 0.0
        var missing = 0
        let n = Double(period)
        for i in 0..<values.count {
            add(values[i], to: &sum, &squares, &missing)
            if i >= period { remove(values[i - period], from: &sum, &squares, &missing) }
            output[i] =
                i >= period - 1 && missing == 0
                ? value(values[i], sum, max(0, (squares - sum * sum / n) / (n - 1)).squareRoot()) : .nan
        }
    }

    /// Pearson correlation of the last `period` pairs; 0 when either side is flat over the window.
    static func correlation<X: RandomAccessCollection<Double>, Y: RandomAccessCollection<Double>>(
        _ x: X, _ y: Y, period: Int, into output: ColumnOutput
    ) where X.Index == Int, Y.Index == Int {
        var sx = 0.0
        var sy = 0.0
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        var missing = 0
        let n = Double(period)
        for i in 0..<x.count {
            if x[i].isNaN || y[i].isNaN {
                missing += 1
            } else {
                sx += x[i]
                sy += y[i]
                sxx += x[i] * x[i]
                syy += y[i] * y[i]
                sxy += x[i] * y[i]
            }
            if i >= period {
                let (a, b) = (x[i - period], y[i - period])
                if a.isNaN || b.isNaN {
                    missing -= 1
                } else {
                    sx -= a
                    sy -= b
                    sxx -= a * a
                    syy -= b * b
                    sxy -= a * b
                }
            }
            guard i >= period - 1, missing == 0 else {
                output[i] = .nan
                continue
            }
            let varianceX = sxx - sx * sx / n
            let varianceY = syy - sy * sy / n
            let scale = (varianceX * varianceY).squareRoot()
            output[i] = (varianceX <= 1e-300 || varianceY <= 1e-300) ? 0 : min(1, max(-1, (sxy - sx * sy / n) / scale))
        }
    }

    /// Rolling VWAP: Σ(TP · V) / Σ V over the last `period` rows, TP = (H + L + C) / 3; TP where the volumes sum to 0.
    static func vwap(
        high: [Double], low: [Double], close: [Double], volume: [Double], period: Int, into output: ColumnOutput
    ) {
        var weighted = 0.0
        var total = 0.0
        @inline(__always) func typical(_ i: Int) -> Double { (high[i] + low[i] + close[i]) / 3 }
        for i in 0..<close.count {
            weighted += typical(i) * volume[i]
            total += volume[i]
            if i >= period {
                weighted -= typical(i - period) * volume[i - period]
                total -= volume[i - period]
            }
            output[i] = i >= period - 1 ? (total > 0 ? weighted / total : typical(i)) : .nan
        }
    }

    /// Adds `value` to running sums of values and squares (counts it as missing when `nan`); the
    /// streaming deviation keeps its sums with these too, so both give the same bits.
    static func add(_ value: Double, to sum: inout Double, _ squares: inout Double, _ missing: inout Int) {
        if value.isNaN {
            missing += 1
        } else {
            sum += value
            squares += value * value
        }
    }

    /// Takes `value` back out of the sums ``add(_:to:_:_:)`` kept.
    static func remove(_ value: Double, from sum: inout Double, _ squares: inout Double, _ missing: inout Int) {
        if value.isNaN {
            missing -= 1
        } else {
            sum -= value
            squares -= value * value
        }
    }
}
