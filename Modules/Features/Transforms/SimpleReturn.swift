import FerryCore

/// The simple return of the close over `period` bars: `close[t] / close[t - period] - 1`.
///
/// The first feature transform, and the pattern for the rest: a pure function of rows up to `t`
/// with `period` warm-up rows.
public struct SimpleReturn: FeatureTransform {
    /// How many bars back the return is measured from.
    public let period: Int

    /// Makes the transform; `period` must be at least 1 (a programming error otherwise).
    public init(period: Int = 1) {
        precondition(period >= 1, "a return's period must be at least 1")
        self.period = period
    }

    public var name: String { period == 1 ? "return_1" : "return_\(period)" }

    public var lookback: Int { period }

    public func values(for series: PriceSeries) -> [Double] {
        let close = series.close
        return close.indices.map { t in t < period ? .nan : close[t] / close[t - period] - 1 }
    }
}
