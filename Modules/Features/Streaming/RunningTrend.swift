/// TA-Lib's ATR one bar at a time: the mean of the first `period` true ranges, then Wilder smoothing.
struct RunningATR: Codable, Sendable {
    let period: Int
    private var previousClose = Double.nan
    private var seen = 0
    private var ranges: [Double] = []
    private var average = Double.nan

    init(period: Int) { self.period = period }

    mutating func push(high: Double, low: Double, close: Double) -> Double {
        seen += 1
        defer { previousClose = close }
        guard seen > 1 else { return .nan }
        let range = Indicators.trueRange(high, low, previousClose)
        let n = Double(period)
        if seen <= period + 1 {
            ranges.append(range)
            guard seen == period + 1 else { return .nan }
            var total = 0.0
            for value in ranges { total += value }
            average = total / n
            ranges = []
        } else {
            average = average * ((n - 1) / n) + range * (1 / n)
        }
        return average
    }
}

/// TA-Lib's ADX one bar at a time (Wilder, no rounding), the batch kernel's steps in its order.
struct RunningADX: Codable, Sendable {
    let period: Int
    private var seen = 0
    private var previousHigh = Double.nan
    private var previousLow = Double.nan
    private var previousClose = Double.nan
    private var plusDM = 0.0
    private var minusDM = 0.0
    private var range = 0.0
    private var sumDX = 0.0
    private var average = Double.nan

    init(period: Int) { self.period = period }

    mutating func push(high: Double, low: Double, close: Double) -> Double {
        seen += 1
        defer { (previousHigh, previousLow, previousClose) = (high, low, close) }
        let i = seen - 1  // the batch kernel's row
        guard i >= 1 else { return .nan }
        let n = Double(period)
        if i < period {
            addMovement(high: high, low: low)
            range += Indicators.trueRange(high, low, previousClose)
            return .nan
        }
        smooth(high: high, low: low, close: close, keep: 1 - 1 / n)
        let warmUp = 2 * period - 1
        if i <= warmUp {
            if let dx = directionalIndex() { sumDX += dx }
            guard i == warmUp else { return .nan }
            average = sumDX / n
        } else if let dx = directionalIndex() {
            average = average * ((n - 1) / n) + dx * (1 / n)
        }
        return average
    }

    private mutating func addMovement(high: Double, low: Double) {
        let up = high - previousHigh
        let down = previousLow - low
        if down > 0 && up < down {
            minusDM += down
        } else if up > 0 && up > down {
            plusDM += up
        }
    }

    private mutating func smooth(high: Double, low: Double, close: Double, keep: Double) {
        minusDM *= keep
        plusDM *= keep
        addMovement(high: high, low: low)
        range = range * keep + Indicators.trueRange(high, low, previousClose)
    }

    private func directionalIndex() -> Double? {
        guard !Indicators.isZero(range) else { return nil }
        let minusDI = 100.0 * (minusDM / range)
        let plusDI = 100.0 * (plusDM / range)
        let sum = minusDI + plusDI
        guard !Indicators.isZero(sum) else { return nil }
        return 100.0 * (abs(minusDI - plusDI) / sum)
    }
}

/// TA-Lib's OBV one bar at a time: the first volume, then ± each volume by the close's direction.
struct RunningOBV: Codable, Sendable {
    private var previousClose = Double.nan
    private var total = Double.nan

    mutating func push(close: Double, volume: Double) -> Double {
        defer { previousClose = close }
        guard !total.isNaN else {
            total = volume
            return total
        }
        total += close > previousClose ? volume : (close < previousClose ? -volume : 0)
        return total
    }
}

/// TA-Lib's BBANDS (SMA, population deviation from running sums of squares) one close at a time.
struct RunningBollinger: Codable, Sendable {
    let period: Int
    let deviations: Double
    private var middle: RunningSMA
    private var closes: Ring
    private var squares = 0.0

    init(period: Int, deviations: Double = 2) {
        self.period = period
        self.deviations = deviations
        middle = RunningSMA(period: period)
        closes = Ring(capacity: period)
    }

    mutating func push(_ close: Double) -> (upper: Double, middle: Double, lower: Double) {
        let mid = middle.push(close)
        closes.push(close)
        squares += close * close
        guard closes.pushed >= period else { return (.nan, .nan, .nan) }
        var variance = squares / Double(period)
        let leaving = closes.value(back: period - 1)
        squares -= leaving * leaving
        variance -= mid * mid
        let deviation = (variance < 0.00000001) ? 0 : variance.squareRoot()
        let width = deviation * deviations
        return (mid + width, mid, mid - width)
    }
}
