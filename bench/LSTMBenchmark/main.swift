// Times Ferry's LSTM on the rows in a binary file written by bench/lstm_vs_torch.py and prints one
// JSON line: the best training epoch (every window of `lookback` rows, batch 64, no hold-out), the
// median latency of one window's prediction, peak memory, and the compute kernel Ferry's own
// products and cells ran on.
//
//   LSTMBenchmark FILE ROWS FEATURES VARIANT HEADS EPOCH_RUNS LATENCY_CALLS
import BenchSupport
import FerryCore
import FerryLSTM
import FerryModels
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 8, let data = FileManager.default.contents(atPath: arguments[1]), let rows = Int(arguments[2]),
    let features = Int(arguments[3]), let heads = Int(arguments[5]), let runs = Int(arguments[6]), let calls = Int(arguments[7])
else {
    FileHandle.standardError.write(Data("usage: LSTMBenchmark FILE ROWS FEATURES VARIANT HEADS EPOCH_RUNS LATENCY_CALLS\n".utf8))
    exit(64)
}
// Layout: features columns of `rows` values (column-major), then the 0/1 target.
let values: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
let index = (0..<rows).map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }
let frame = try Frame(index: index, columns: (0..<features).map { j in ("x\(j)", Array(values[(j * rows)..<((j + 1) * rows)])) })
let training = try TrainingData(features: frame, target: Array(values[(features * rows)..<((features + 1) * rows)]))
var settings = LSTMSettings()
settings.variant = arguments[4]
settings.epochs = 1
settings.validationFraction = 0

func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }

let clock = ContinuousClock()
var best = Double.infinity
var model: (any TrainedModel)?
for _ in 0..<runs {
    let start = clock.now
    if heads > 0 {
        var hyperparameters = AttentionLSTMPlugin.Hyperparameters()
        (hyperparameters.settings, hyperparameters.heads) = (settings, heads)
        model = try AttentionLSTMPlugin.train(on: training, hyperparameters: hyperparameters, context: TrainingContext())
    } else {
        var hyperparameters = LSTMPlugin.Hyperparameters()
        hyperparameters.settings = settings
        model = try LSTMPlugin.train(on: training, hyperparameters: hyperparameters, context: TrainingContext())
    }
    best = min(best, seconds(clock.now - start))
}
guard let trained = model as? LSTMModel else { exit(70) }
let window = frame.rows((rows - settings.lookback)..<rows)
var latencies: [Double] = []
var sink = 0.0
for _ in 0..<calls {
    let start = clock.now
    sink += try trained.predictLast(window)
    latencies.append(seconds(clock.now - start))
}
latencies.sort()
let json = try JSONSerialization.data(withJSONObject: [
    "epoch_seconds": best, "latency_median_seconds": latencies[latencies.count / 2], "peak_rss_bytes": PeakMemory.residentBytes(),
    "last_prediction": sink / Double(calls), "ferry_kernel": ComputeKernel.selected.description,
])
print(String(decoding: json, as: UTF8.self))
