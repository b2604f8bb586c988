import FerryCore
import FerryData
import FerryFeatures

/// Feature states warmed up from bar files, so a stream's features start from the same first
/// bar as the batch's over the same file: each file's bars pushed through the pipeline, and its
/// last bar's time kept (the stream's next bar must be later).
enum StreamHistory {
    /// One state per file, by instrument (the file's stem); `reference` is the second series the
    /// pipeline reads, laid onto each file's dates as the batch lays it.
    static func states(files: [String], reference: String?, pipeline: FeaturePipeline) throws -> [String: InstrumentState] {
        let reader = MarketFileReader()
        var states: [String: InstrumentState] = [:]
        for path in files {
            guard case let .prices(series) = try reader.read(path).data else { throw FerryError(.invalidData, "\(path) is not a bar file") }
            var aligned: [Double]?
            if pipeline.needsReference {
                guard let reference else {
                    throw FerryError(
                        .invalidArgument, "the model's features need a reference series; give the one it was trained with for \(path)",
                        field: "reference")
                }
                aligned = try FeatureComputation(pipeline: pipeline).alignedReference(reference, onto: series, reader: reader).values
            }
            var features = try FeatureStream(pipeline: pipeline)
            var row: [Double] = []
            for index in 0..<series.count {
                let bar = StreamBar(
                    open: series.open[index], high: series.high[index], low: series.low[index], close: series.close[index],
                    volume: series.volume[index], reference: aligned?[index] ?? .nan)
                features.push(bar, into: &row)
            }
            states[series.instrument.rawValue] = InstrumentState(features: features, lastTime: series.timestamps.last)
        }
        return states
    }
}
