/// Bars a caller holds in memory, one array per column: what libferry and the Python package are
/// handed instead of a bar file. FerryData's `series(instrument:)` checks them by the rules a bar file's
/// rows obey, so a feature computed from them is the one the CLI computes from the same file.
public struct BarColumns: Sendable {
    /// When each bar closed, in seconds since 1970-01-01 UTC, strictly increasing.
    public var timestamps: [Int64]
    /// Opening, highest, lowest, closing and adjusted closing prices, and volume.
    public var open: [Double], high: [Double], low: [Double], close: [Double], adjustedClose: [Double], volume: [Double]

    /// Makes the columns (checked by FerryData's `series(instrument:)`, not here).
    public init(
        timestamps: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], adjustedClose: [Double],
        volume: [Double]
    ) {
        self.timestamps = timestamps
        (self.open, self.high, self.low, self.close, self.adjustedClose, self.volume) = (open, high, low, close, adjustedClose, volume)
    }
}
