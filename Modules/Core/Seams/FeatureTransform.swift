/// A feature computed from an instrument's bars: a pure function of the rows up to each time.
///
/// The value at row `t` may read rows `0...t` and never a later one; the first ``lookback`` rows
/// have no value yet and are `Double.nan`. One transform may give several columns (MACD gives the
/// line, the signal and the histogram). Tests hold every transform to both promises.
public protocol FeatureTransform: Sendable {
    /// The output columns' names, such as `["rsi_14"]`.
    var names: [String] { get }

    /// How many leading rows have no value (the warm-up).
    var lookback: Int { get }

    /// One column per name, one value per bar of `input.series`; `Double.nan` during the warm-up.
    func columns(for input: FeatureInput) throws -> [[Double]]
}

/// What a feature transform reads: an instrument's bars, and optionally a second series on the same dates.
public struct FeatureInput: Sendable {
    /// The instrument's validated bars.
    public let series: PriceSeries
    /// A second series (another instrument's close, or a macro series) laid onto `series`' dates
    /// without look-ahead, for cross-asset features; `nan` where it has no value.
    public let reference: ReferenceSeries?

    /// Makes an input; throws ``FrameError`` when the reference does not have one value per bar.
    public init(series: PriceSeries, reference: ReferenceSeries? = nil) throws {
        if let reference, reference.values.count != series.count {
            throw FrameError.lengthMismatch(column: reference.id.rawValue, expected: series.count, actual: reference.values.count)
        }
        self.series = series
        self.reference = reference
    }
}

/// A second series already aligned onto an instrument's dates.
public struct ReferenceSeries: Sendable, Equatable {
    /// Its name, such as `WTI`.
    public let id: InstrumentID
    /// One value per bar of the instrument; `nan` where none is available yet.
    public let values: [Double]

    /// Makes a reference series.
    public init(id: InstrumentID, values: [Double]) {
        self.id = id
        self.values = values
    }
}
