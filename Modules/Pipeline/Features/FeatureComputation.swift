import FerryCore
import FerryData
import FerryFeatures
import Logging

/// Computes a feature table from a bar file and, optionally, a second series joined onto its dates.
///
/// The second series may be another instrument's bars (its close is used) or a macro series;
/// it is laid onto the instrument's dates with ``CalendarAlignment`` (past observations only)
/// before any feature reads it.
public struct FeatureComputation: Sendable {
    /// The pipeline; `nil` for the standard set (with the correlation feature when a second series is given).
    public var pipeline: FeaturePipeline?
    /// How the second series is joined.
    public var alignment = CalendarAlignment()
    /// How rows with problems are treated when reading.
    public var mode: ReadMode

    /// Makes a computation.
    public init(pipeline: FeaturePipeline? = nil, mode: ReadMode = .strict) {
        self.pipeline = pipeline
        self.mode = mode
    }

    /// Reads `dataPath` (bars) and `referencePath` (bars or a macro series), and computes the features.
    public func run(dataPath: String, referencePath: String?, logger: Logger) throws -> FeatureTable {
        let reader = MarketFileReader(mode: mode)
        let series = try logger.step(
            "read", reading: ["file": .string(dataPath)], producing: { ["rows": .stringConvertible($0.count)] }
        ) { () throws -> PriceSeries in
            guard case let .prices(series) = try reader.read(dataPath).data else {
                throw FeatureComputationError(
                    message: "\(dataPath) is a single series; features need a bar file (Date,Open,High,Low,Close,Adj Close,Volume)")
            }
            return series
        }
        let reference = try referencePath.map { path in
            try logger.step(
                "align_reference", reading: ["file": .string(path), "onto": .string(series.instrument.rawValue)],
                producing: { ["missing": .stringConvertible($0.values.filter(\.isNaN).count)] }
            ) { try alignedReference(path, onto: series, reader: reader) }
        }
        return try table(for: series, reference: reference, logger: logger)
    }

    /// Computes the features of `series`, with `reference` already laid onto its dates.
    public func table(for series: PriceSeries, reference: ReferenceSeries?, logger: Logger) throws -> FeatureTable {
        let pipeline = self.pipeline ?? FeaturePipeline.standard(withReference: reference != nil)
        return try logger.step(
            "features", reading: ["rows": .stringConvertible(series.count), "features": .stringConvertible(pipeline.featureNames.count)],
            producing: {
                [
                    "rows": .stringConvertible($0.frame.rowCount), "columns": .stringConvertible($0.frame.columnNames.count),
                    "warmup_dropped": .stringConvertible($0.droppedWarmUpRows),
                ]
            }
        ) { try pipeline.compute(try FeatureInput(series: series, reference: reference)) }
    }

    /// The series in `path` (a macro series, or a bar file's close) on `series`' dates.
    func alignedReference(_ path: String, onto series: PriceSeries, reader: MarketFileReader) throws -> ReferenceSeries {
        let macro: MacroSeries
        switch try reader.read(path).data {
        case let .macro(values): macro = values
        case let .prices(bars): macro = try MacroSeries(id: bars.instrument, timestamps: bars.timestamps, values: bars.close)
        }
        return alignedReference(macro, onto: series)
    }

    /// `macro` on `series`' dates, past observations only.
    public func alignedReference(_ macro: MacroSeries, onto series: PriceSeries) -> ReferenceSeries {
        ReferenceSeries(id: macro.id, values: alignment.align(macro, onto: series.timestamps).values)
    }
}

/// Features could not be computed from the files given.
public struct FeatureComputationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    public var description: String { message }
}
