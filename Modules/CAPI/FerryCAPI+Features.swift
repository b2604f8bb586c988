import FerryCore
import FerryPipeline
import Foundation

// libferry's feature function: raw bars in, the model's features out (ferry.h, "Features").

/// Computes the model's features from `bar_count` bars (row-major: open, high, low, close,
/// adj_close, volume) dated by `timestamps`, with an optional reference series; `*features` gets
/// `*row_count` rows of the model's features (free with `ferry_values_free`), the first for bar
/// `*first_bar`.
@_cdecl("ferry_features_from_bars")
public func ferryFeaturesFromBars(
    _ model: OpaquePointer?, _ timestamps: UnsafePointer<Int64>?, _ bars: UnsafePointer<Double>?, _ barCount: Int,
    _ referenceTimestamps: UnsafePointer<Int64>?, _ referenceValues: UnsafePointer<Double>?, _ referenceCount: Int,
    _ features: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>?, _ rowCount: UnsafeMutablePointer<Int>?,
    _ firstBar: UnsafeMutablePointer<Int>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CStatus.run(error) {
        guard let model = OpenHandles.model(model) else { throw FerryError(.invalidArgument, "the model handle is NULL or closed") }
        guard let timestamps, let bars, let features, let rowCount, let firstBar, barCount > 0 else {
            throw FerryError(.invalidArgument, "timestamps, bars and the three outputs must not be NULL, and bar_count must be positive")
        }
        guard barCount <= CStatus.maximumCells / BarLayout.width, referenceCount <= CStatus.maximumCells, referenceCount >= 0 else {
            throw FerryError(.invalidArgument, "\(barCount) bars or \(referenceCount) reference values are over the limit")
        }
        let columns = BarLayout.columns(UnsafeBufferPointer(start: bars, count: barCount * BarLayout.width), count: barCount)
        let input = BarColumns(
            timestamps: Array(UnsafeBufferPointer(start: timestamps, count: barCount)), open: columns[0], high: columns[1],
            low: columns[2], close: columns[3], adjustedClose: columns[4], volume: columns[5])
        let rows = try model.features(bars: input, reference: try reference(referenceTimestamps, referenceValues, referenceCount))
        let copy = try CStatus.allocate(Double.self, count: max(rows.values.count, 1))
        _ = UnsafeMutableBufferPointer(start: copy, count: rows.values.count).initialize(from: rows.values)
        (features.pointee, rowCount.pointee, firstBar.pointee) = (copy, rows.rowCount, rows.firstBar)
    }
}

/// Frees an array libferry returned (`ferry_features_from_bars`); NULL is ignored.
@_cdecl("ferry_values_free")
public func ferryValuesFree(_ values: UnsafeMutablePointer<Double>?) { free(values) }

/// The six numbers of a bar as `ferry_features_from_bars` reads them, one bar after another.
private enum BarLayout {
    static let width = 6

    /// The bars' columns: open, high, low, close, adj_close, volume.
    static func columns(_ values: UnsafeBufferPointer<Double>, count: Int) -> [[Double]] {
        (0..<width).map { column in (0..<count).map { values[$0 * width + column] } }
    }
}

/// The reference series a caller passed, or `nil` when it passed none (NaN marks a missing value).
private func reference(_ timestamps: UnsafePointer<Int64>?, _ values: UnsafePointer<Double>?, _ count: Int) throws -> MacroSeries? {
    guard let timestamps, let values, count > 0 else {
        if timestamps != nil || values != nil {
            throw FerryError(.invalidArgument, "a reference needs both timestamps and values and a positive count", field: "reference")
        }
        return nil
    }
    let dates = UnsafeBufferPointer(start: timestamps, count: count).map(Timestamp.init(secondsSinceEpoch:))
    let observed = UnsafeBufferPointer(start: values, count: count).map { $0.isNaN ? nil : $0 }
    guard zip(dates, dates.dropFirst()).allSatisfy({ $0 < $1 }) else {
        throw FerryError(.invalidData, "the reference's timestamps are not strictly increasing", field: "reference")
    }
    return try MacroSeries(id: InstrumentID("reference"), timestamps: dates, values: observed)
}
