/// A feature computed from an instrument's bars: a pure function of the rows up to each time.
///
/// The value at row `t` may read rows `0...t` and never a later one; the first `lookback` rows
/// have no value yet and are `Double.nan`. Tests hold every transform to both promises.
public protocol FeatureTransform: Sendable {
    /// The output column's name, such as `rsi_14`.
    var name: String { get }

    /// How many leading rows have no value (the warm-up).
    var lookback: Int { get }

    /// One value per bar of `series`; `Double.nan` during the warm-up.
    func values(for series: PriceSeries) -> [Double]
}
