/// The last `capacity` values pushed, oldest first by position: what a window-based feature needs
/// to take a value back out of its running sums. Slot `k % capacity` holds the `k`-th value (no
/// division per bar: the next slot wraps by comparison).
struct Ring: Codable, Sendable {
    private(set) var slots: [Double]
    /// How many values were ever pushed.
    private(set) var pushed = 0
    /// The slot the next value goes to (`pushed % capacity`).
    private var next = 0

    init(capacity: Int) { slots = [Double](repeating: .nan, count: max(capacity, 1)) }

    /// Stores `value` as the newest.
    mutating func push(_ value: Double) {
        slots[next] = value
        next = next + 1 == slots.count ? 0 : next + 1
        pushed += 1
    }

    /// The value pushed `back` pushes ago (0: the newest); `nan` before there was one.
    func value(back: Int) -> Double {
        guard back < pushed, back < slots.count else { return .nan }
        let slot = next - 1 - back
        return slots[slot < 0 ? slot + slots.count : slot]
    }
}

/// TA-Lib's SMA one value at a time, with the batch kernel's running total in the same order
/// (add the newest, divide, take the oldest out), so the same bits. The first `skip` values are
/// warm-up of the input and are not read (the stochastic's smoothing starts this way).
struct RunningSMA: Codable, Sendable {
    let period: Int
    let skip: Int
    private var total = 0.0
    private var seen = 0
    private var window: Ring

    init(period: Int, skip: Int = 0) {
        self.period = period
        self.skip = skip
        window = Ring(capacity: period)
    }

    /// The average after `value`; `nan` during the warm-up.
    mutating func push(_ value: Double) -> Double {
        seen += 1
        guard seen > skip else { return .nan }
        window.push(value)
        total += value
        guard window.pushed >= period else { return .nan }
        let average = total / Double(period)
        total -= window.value(back: period - 1)
        return average
    }
}

/// TA-Lib's EMA one value at a time: seeded with the mean of the first `period` values (summed in
/// order), then `ema · (1 − k) + x · k`, as the batch kernel computes it.
struct RunningEMA: Codable, Sendable {
    let period: Int
    private var seed = 0.0
    private var seen = 0
    private var value = Double.nan

    init(period: Int) { self.period = period }

    mutating func push(_ x: Double) -> Double {
        seen += 1
        if seen < period {
            seed += x
            return .nan
        }
        if seen == period {
            seed += x
            value = seed / Double(period)
        } else {
            let k = Indicators.smoothing(period)
            value = value * (1 - k) + x * k
        }
        return value
    }
}

/// TA-Lib's MACD one close at a time: both EMAs start level at the slow EMA's first row, each
/// seeded with the mean of its own last `period` closes; the signal is an EMA of the line seeded
/// with the mean of its first `signal` values. All three are `nan` until the signal exists.
struct RunningMACD: Codable, Sendable {
    let fast: Int
    let slow: Int
    let signal: Int
    private var closes: Ring
    private var seen = 0
    private var fastEMA = 0.0
    private var slowEMA = 0.0
    private var signalEMA: RunningEMA

    init(fast: Int, slow: Int, signal: Int) {
        (self.fast, self.slow) = slow < fast ? (slow, fast) : (fast, slow)
        self.signal = signal
        closes = Ring(capacity: max(fast, slow))
        signalEMA = RunningEMA(period: signal)
    }

    /// The line, the signal and the histogram after `close`.
    mutating func push(_ close: Double) -> (macd: Double, signal: Double, histogram: Double) {
        seen += 1
        closes.push(close)
        let start = slow  // the slow EMA's first row, counting from 1
        guard seen >= start else { return (.nan, .nan, .nan) }
        if seen == start {
            fastEMA = 0
            slowEMA = 0
            for back in stride(from: fast - 1, through: 0, by: -1) { fastEMA += closes.value(back: back) }
            for back in stride(from: slow - 1, through: 0, by: -1) { slowEMA += closes.value(back: back) }
            fastEMA /= Double(fast)
            slowEMA /= Double(slow)
        } else {
            let (kFast, kSlow) = (Indicators.smoothing(fast), Indicators.smoothing(slow))
            fastEMA = fastEMA * (1 - kFast) + close * kFast
            slowEMA = slowEMA * (1 - kSlow) + close * kSlow
        }
        let line = fastEMA - slowEMA
        let signalValue = signalEMA.push(line)
        guard !signalValue.isNaN else { return (.nan, .nan, .nan) }
        return (line, signalValue, line - signalValue)
    }
}
