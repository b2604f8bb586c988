import FerryCore

/// The rules every bar obeys, read from a file or handed over in memory: prices and volume not
/// negative, `Low <= Open, Close <= High`.
public enum BarRules {
    /// One broken rule: the column it is found in, its kind and what is wrong.
    typealias Fault = (column: String, kind: DataProblem.Kind, message: String)

    /// The faults of one bar `[open, high, low, close, adjClose, volume]`, finite numbers each.
    static func faults(of bar: [Double]) -> [Fault] {
        let (open, high, low, close, volume) = (bar[0], bar[1], bar[2], bar[3], bar[5])
        var faults: [Fault] = zip(["Open", "High", "Low", "Close", "Adj Close"], bar).filter { $0.1 < 0 }.map {
            ($0.0, .negativePrice, "\($0.0) \($0.1) is negative")
        }
        if volume < 0 { faults.append(("Volume", .negativeVolume, "Volume \(volume) is negative")) }
        if high < low { return faults + [("High", .highBelowLow, "High \(high) is below Low \(low)")] }
        for (name, value) in [("Open", open), ("Close", close)] where value < low || value > high {
            faults.append((name, .priceOutsideRange, "\(name) \(value) is outside [Low \(low), High \(high)]"))
        }
        return faults
    }

    /// What is wrong with a bar handed over one at a time (a stream entry), one message per
    /// broken rule; empty for a good bar. Finite numbers each.
    public static func problems(open: Double, high: Double, low: Double, close: Double, volume: Double) -> [String] {
        faults(of: [open, high, low, close, close, volume]).map(\.message)
    }
}
