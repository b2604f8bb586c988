/// TA-Lib's RSI one close at a time: plain means of the first `period` gains and losses, then
/// Wilder smoothing, as the batch kernel computes it.
struct RunningRSI: Codable, Sendable {
    let period: Int
    private var previous = Double.nan
    private var seen = 0
    private var gain = 0.0
    private var loss = 0.0

    init(period: Int) { self.period = period }

    mutating func push(_ close: Double) -> Double {
        seen += 1
        defer { previous = close }
        guard seen > 1 else { return .nan }
        let change = close - previous
        let n = Double(period)
        if seen <= period + 1 {
            if change < 0 { loss -= change } else { gain += change }
            guard seen == period + 1 else { return .nan }
            loss /= n
            gain /= n
        } else {
            loss = loss * ((n - 1) / n) + max(-change, 0) * (1 / n)
            gain = gain * ((n - 1) / n) + max(change, 0) * (1 / n)
        }
        return Indicators.isZero(gain + loss) ? 0 : 100 * (gain / (gain + loss))
    }
}

/// The highest high and lowest low of the last `period` bars, from monotonic queues (amortised
/// O(1) per bar; a maximum involves no rounding, so it equals the batch kernel's).
struct RunningExtremes: Codable, Sendable {
    let period: Int
    private var seen = 0
    /// (bar number, value) candidates, values decreasing (highs) or increasing (lows).
    private var highs: [IndexedValue] = []
    private var lows: [IndexedValue] = []

    struct IndexedValue: Codable, Sendable {
        let bar: Int
        let value: Double
    }

    init(period: Int) { self.period = period }

    /// The window's extremes after this bar; `nil` until `period` bars are in.
    mutating func push(high: Double, low: Double) -> (highest: Double, lowest: Double)? {
        seen += 1
        while let last = highs.last, last.value <= high { highs.removeLast() }
        highs.append(IndexedValue(bar: seen, value: high))
        while let last = lows.last, last.value >= low { lows.removeLast() }
        lows.append(IndexedValue(bar: seen, value: low))
        let oldest = seen - period + 1
        if highs[0].bar < oldest { highs.removeFirst() }
        if lows[0].bar < oldest { lows.removeFirst() }
        guard seen >= period else { return nil }
        return (highs[0].value, lows[0].value)
    }
}

/// TA-Lib's STOCH (SMA smoothing) one bar at a time: fast %K over `fastK` bars, %K its SMA over
/// `slowK`, %D the SMA of %K over `slowD`; both `nan` until %D exists.
struct RunningStochastic: Codable, Sendable {
    let fastK: Int
    private var extremes: RunningExtremes
    private var slowK: RunningSMA
    private var slowD: RunningSMA

    init(fastK: Int, slowK: Int, slowD: Int) {
        self.fastK = fastK
        extremes = RunningExtremes(period: fastK)
        self.slowK = RunningSMA(period: slowK)
        self.slowD = RunningSMA(period: slowD)
    }

    mutating func push(high: Double, low: Double, close: Double) -> (k: Double, d: Double) {
        guard let (highest, lowest) = extremes.push(high: high, low: low) else { return (.nan, .nan) }
        let scale = (highest - lowest) / 100.0
        let k = slowK.push(scale != 0 ? (close - lowest) / scale : 0)
        guard !k.isNaN else { return (.nan, .nan) }
        let d = slowD.push(k)
        return d.isNaN ? (.nan, .nan) : (k, d)
    }
}

/// TA-Lib's WILLR one bar at a time.
struct RunningWilliamsR: Codable, Sendable {
    private var extremes: RunningExtremes

    init(period: Int) { extremes = RunningExtremes(period: period) }

    mutating func push(high: Double, low: Double, close: Double) -> Double {
        guard let (highest, lowest) = extremes.push(high: high, low: low) else { return .nan }
        let scale = (highest - lowest) / -100.0
        return scale != 0 ? (highest - close) / scale : 0
    }
}

/// TA-Lib's CCI one bar at a time: the typical prices of the window in a circular buffer summed in
/// slot order, as TA-Lib and the batch kernel sum them. The mean absolute deviation reads the
/// whole window, so this one is O(period) per bar, as TA-Lib's own is.
struct RunningCCI: Codable, Sendable {
    let period: Int
    private var typical: Ring

    init(period: Int) {
        self.period = period
        typical = Ring(capacity: period)
    }

    mutating func push(high: Double, low: Double, close: Double) -> Double {
        typical.push((high + low + close) / 3.0)
        guard typical.pushed >= period else { return .nan }
        let n = Double(period)
        var sum = 0.0
        for slot in typical.slots { sum += slot }
        let average = sum / n
        var deviation = 0.0
        for slot in typical.slots { deviation += abs(slot - average) }
        let distance = typical.value(back: 0) - average
        return (distance != 0 && deviation != 0) ? distance / (0.015 * (deviation / n)) : 0
    }
}
