// Times Ferry's feature computation on the bars in a binary file written by bench/features_vs_talib.py,
// and prints one JSON line: rows, columns, the first run's seconds (cold), the best of the runs
// (warm), and the process's peak memory.
//
//   FeatureBenchmark FILE RUNS whole    Ferry's whole feature set (39 features + 3 targets)
//   FeatureBenchmark FILE RUNS talib21  only the 21 series TA-Lib is timed on, warm-up kept
//   FeatureBenchmark FILE RUNS stream   the 39 features bar by bar through FeatureStream (per-bar cost)
import BenchSupport
import FerryCore
import FerryFeatures
import Foundation

/// The 21 series bench/features_vs_talib.py times TA-Lib on.
let talib21 = FeaturePipeline(
    features: [
        FeatureSpec(.sma, [5]), FeatureSpec(.sma, [20]), FeatureSpec(.volumeSMA, [10]), FeatureSpec(.ema, [12]),
        FeatureSpec(.ema, [26]), FeatureSpec(.rsi, [14]), FeatureSpec(.macd), FeatureSpec(.bollinger, [20]),
        FeatureSpec(.atr, [14]), FeatureSpec(.obv), FeatureSpec(.stochastic), FeatureSpec(.williamsR, [14]),
        FeatureSpec(.cci, [14]), FeatureSpec(.adx, [14]), FeatureSpec(.roc, [10]), FeatureSpec(.momentum, [10]),
    ], dropWarmUp: false)

let arguments = CommandLine.arguments
guard arguments.count == 4, var data = FileManager.default.contents(atPath: arguments[1]), let runs = Int(arguments[2]),
    ["whole", "talib21", "stream"].contains(arguments[3])
else {
    FileHandle.standardError.write(Data("usage: FeatureBenchmark FILE RUNS whole|talib21|stream\n".utf8))
    exit(64)
}
/// The file's bars as the pipeline's input; the file's bytes are released on return, so the
/// process holds only the input when the clock starts.
func readInput() throws -> FeatureInput {
    let columns = 6  // open, high, low, close, volume, reference
    let count = data.count / (columns * MemoryLayout<Double>.size)
    func column(_ index: Int) -> [Double] {
        data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)[(index * count)..<((index + 1) * count)]) }
    }
    let series = try PriceSeries(
        instrument: "SYNTH", timestamps: (0..<count).map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) },
        open: column(0), high: column(1), low: column(2), close: column(3), adjustedClose: column(3), volume: column(4))
    return try FeatureInput(series: series, reference: ReferenceSeries(id: "REF", values: column(5)))
}
let input = try readInput()
data = Data()
let series = input.series
let count = series.count
let pipeline = arguments[3] == "whole" ? FeaturePipeline.standard(withReference: true) : talib21

/// The bars as a stream delivers them (made before the clock starts, in stream mode only).
let streamBars =
    arguments[3] != "stream"
    ? []
    : (0..<count).map { i in
        StreamBar(
            open: series.open[i], high: series.high[i], low: series.low[i], close: series.close[i], volume: series.volume[i],
            reference: input.reference?.values[i] ?? .nan)
    }

/// Pushes every bar through a new stream of the whole set; the stream after the last bar.
func streamEveryBar() throws -> FeatureStream {
    var stream = try FeatureStream(pipeline: .standard(withReference: true))
    var row: [Double] = []
    for bar in streamBars { stream.push(bar, into: &row) }
    return stream
}

var timings: [Double] = []
var outputBytes = 0  // the table's own size: its columns and its index, 8 bytes a cell
let inputBytes = PeakMemory.currentBytes()  // resident with the input loaded, before any run
PeakMemory.reset()
var produced = 0
var stateNumbers = 0  // stream mode: how many numbers the states kept after the last bar
let clock = ContinuousClock()
for _ in 0..<runs {
    let start = clock.now
    var stream: FeatureStream?
    if arguments[3] == "stream" {
        stream = try streamEveryBar()
    } else {
        let table = try pipeline.compute(input)
        produced = table.frame.columnNames.count
        outputBytes = (table.frame.columnNames.count + 1) * table.frame.rowCount * MemoryLayout<Double>.size
    }
    let elapsed = clock.now - start
    timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    if let stream {
        produced = stream.featureNames.count
        stateNumbers = stream.stateSizes.reduce(0) { $0 + $1.numbers }
    }
}
print(
    #"{"rows": \#(count), "columns": \#(produced), "first_seconds": \#(timings[0]), "best_seconds": \#(timings.min() ?? 0), "peak_rss_bytes": \#(PeakMemory.residentBytes()), "resident_before_bytes": \#(inputBytes), "output_bytes": \#(outputBytes), "state_numbers": \#(stateNumbers)}"#
)
