/// One instrument's price and volume bars in time order, stored column by column.
///
/// A `PriceSeries` is what the Data module yields after validation: timestamps strictly
/// increasing, prices non-negative, `low <= open, close <= high`. Features read its columns
/// directly, so they are plain arrays of equal length.
public struct PriceSeries: Sendable, Equatable {
    /// Which instrument these bars are for.
    public let instrument: InstrumentID
    /// When each bar closed, strictly increasing.
    public let timestamps: [Timestamp]
    /// Opening prices.
    public let open: [Double]
    /// Highest prices.
    public let high: [Double]
    /// Lowest prices.
    public let low: [Double]
    /// Closing prices.
    public let close: [Double]
    /// Closing prices adjusted for splits and dividends (equal to `close` where there are none).
    public let adjustedClose: [Double]
    /// Volume traded (shares, contracts or units).
    public let volume: [Double]

    /// Makes a series from equal-length columns; throws ``FrameError`` when their lengths differ.
    public init(
        instrument: InstrumentID, timestamps: [Timestamp], open: [Double], high: [Double], low: [Double],
        close: [Double], adjustedClose: [Double], volume: [Double]
    ) throws {
        let lengths = [open.count, high.count, low.count, close.count, adjustedClose.count, volume.count]
        if let bad = lengths.first(where: { $0 != timestamps.count }) {
            throw FrameError.lengthMismatch(column: "\(instrument) price columns", expected: timestamps.count, actual: bad)
        }
        self.init(
            unchecked: instrument, timestamps: timestamps, open: open, high: high, low: low, close: close, adjustedClose: adjustedClose,
            volume: volume)
    }

    /// How many bars the series holds.
    public var count: Int { timestamps.count }

    /// Whether any bar carries a time of day (intraday data) rather than a bare date.
    public var hasTimeOfDay: Bool { timestamps.contains { $0.secondOfDay != 0 } }

    /// The bars in `range`, as a series of their own.
    public func rows(_ range: Range<Int>) -> PriceSeries {
        // Slicing equal-length columns by one in-bounds range keeps them equal, so this cannot throw.
        PriceSeries(
            unchecked: instrument, timestamps: Array(timestamps[range]), open: Array(open[range]),
            high: Array(high[range]), low: Array(low[range]), close: Array(close[range]),
            adjustedClose: Array(adjustedClose[range]), volume: Array(volume[range]))
    }

    private init(
        unchecked instrument: InstrumentID, timestamps: [Timestamp], open: [Double], high: [Double],
        low: [Double], close: [Double], adjustedClose: [Double], volume: [Double]
    ) {
        self.instrument = instrument
        self.timestamps = timestamps
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.adjustedClose = adjustedClose
        self.volume = volume
    }
}
