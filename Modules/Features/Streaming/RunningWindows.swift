/// Simple returns one close at a time: `x / previous − 1`, `nan` on the first.
struct RunningReturn: Codable, Sendable {
    private var previous = Double.nan

    mutating func push(_ close: Double) -> Double {
        defer { previous = close }
        return previous.isNaN ? .nan : close / previous - 1
    }
}

/// A value `lag` pushes back: ROC, momentum and lagged returns read one.
struct RunningLag: Codable, Sendable {
    let lag: Int
    private var values: Ring

    init(lag: Int) {
        self.lag = lag
        values = Ring(capacity: lag + 1)
    }

    /// Pushes `value`; returns the value `lag` pushes back (`nan` before there is one).
    mutating func push(_ value: Double) -> Double {
        values.push(value)
        return values.value(back: lag)
    }
}

/// The sample standard deviation (ddof 1) of the last `period` values, from running sums taken
/// in the batch kernel's order; `nan` while the window holds a `nan`.
struct RunningDeviation: Codable, Sendable {
    let period: Int
    private var values: Ring
    private var sum = 0.0
    private var squares = 0.0
    private var missing = 0

    init(period: Int) {
        self.period = period
        values = Ring(capacity: period + 1)
    }

    mutating func push(_ value: Double) -> Double {
        values.push(value)
        Rolling.add(value, to: &sum, &squares, &missing)
        if values.pushed > period { Rolling.remove(values.value(back: period), from: &sum, &squares, &missing) }
        guard values.pushed >= period, missing == 0 else { return .nan }
        let n = Double(period)
        return max(0, (squares - sum * sum / n) / (n - 1)).squareRoot()
    }

    /// Pushes `value` and gives its z-score in the window (``Rolling/zScore(_:period:)``'s arithmetic).
    mutating func pushZScore(_ value: Double) -> Double {
        let deviation = push(value)
        guard !deviation.isNaN else { return .nan }
        return deviation > 0 ? (value - sum / Double(period)) / deviation : 0
    }
}

/// The Pearson correlation of the last `period` pairs from running sums in the batch kernel's
/// order; 0 when either side is flat, `nan` while the window holds a `nan`.
struct RunningCorrelation: Codable, Sendable {
    let period: Int
    private var xs: Ring
    private var ys: Ring
    private var sx = 0.0
    private var sy = 0.0
    private var sxx = 0.0
    private var syy = 0.0
    private var sxy = 0.0
    private var missing = 0

    init(period: Int) {
        self.period = period
        xs = Ring(capacity: period + 1)
        ys = Ring(capacity: period + 1)
    }

    mutating func push(_ x: Double, _ y: Double) -> Double {
        xs.push(x)
        ys.push(y)
        if x.isNaN || y.isNaN {
            missing += 1
        } else {
            (sx, sy) = (sx + x, sy + y)
            (sxx, syy, sxy) = (sxx + x * x, syy + y * y, sxy + x * y)
        }
        if xs.pushed > period {
            let (a, b) = (xs.value(back: period), ys.value(back: period))
            if a.isNaN || b.isNaN {
                missing -= 1
            } else {
                (sx, sy) = (sx - a, sy - b)
                (sxx, syy, sxy) = (sxx - a * a, syy - b * b, sxy - a * b)
            }
        }
        guard xs.pushed >= period, missing == 0 else { return .nan }
        let n = Double(period)
        let varianceX = sxx - sx * sx / n
        let varianceY = syy - sy * sy / n
        let scale = (varianceX * varianceY).squareRoot()
        return (varianceX <= 1e-300 || varianceY <= 1e-300) ? 0 : min(1, max(-1, (sxy - sx * sy / n) / scale))
    }
}

/// VWAP over the last `period` bars from running sums in the batch kernel's order: Σ(TP · V) / ΣV,
/// TP = (H + L + C) / 3, TP itself when the volumes sum to 0.
struct RunningVWAP: Codable, Sendable {
    let period: Int
    private var typical: Ring
    private var volumes: Ring
    private var weighted = 0.0
    private var total = 0.0

    init(period: Int) {
        self.period = period
        typical = Ring(capacity: period + 1)
        volumes = Ring(capacity: period + 1)
    }

    mutating func push(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let price = (high + low + close) / 3
        typical.push(price)
        volumes.push(volume)
        weighted += price * volume
        total += volume
        if typical.pushed > period {
            weighted -= typical.value(back: period) * volumes.value(back: period)
            total -= volumes.value(back: period)
        }
        guard typical.pushed >= period else { return .nan }
        return total > 0 ? weighted / total : price
    }
}
