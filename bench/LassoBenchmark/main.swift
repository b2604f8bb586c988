// Times Ferry's Lasso on the rows in a binary file written by bench/lasso_vs_sklearn.py, and prints
// one JSON line: seconds (best of the runs), peak memory, and the coefficients for comparison.
//
//   LassoBenchmark FILE ROWS FEATURES ALPHA RUNS
import BenchSupport
import FerryCore
import FerryLinear
import FerryModels
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 6, let data = FileManager.default.contents(atPath: arguments[1]), let rows = Int(arguments[2]),
    let features = Int(arguments[3]), let alpha = Double(arguments[4]), let runs = Int(arguments[5])
else {
    FileHandle.standardError.write(Data("usage: LassoBenchmark FILE ROWS FEATURES ALPHA RUNS\n".utf8))
    exit(64)
}
// Layout: features columns of `rows` values (column-major), then the target.
let values: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
let index = (0..<rows).map { Timestamp(secondsSinceEpoch: Int64($0)) }
let frame = try Frame(index: index, columns: (0..<features).map { j in ("x\(j)", Array(values[(j * rows)..<((j + 1) * rows)])) })
let training = try TrainingData(features: frame, target: Array(values[(features * rows)..<((features + 1) * rows)]))
var parameters = LassoPlugin.Hyperparameters()
parameters.alpha = alpha
parameters.standardize = false

var best = Double.infinity
var coefficients: [Double] = []
let clock = ContinuousClock()
for _ in 0..<runs {
    let start = clock.now
    let model = try LassoPlugin.train(on: training, hyperparameters: parameters, context: TrainingContext())
    let elapsed = clock.now - start
    best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    coefficients = (model as? LinearModel)?.coefficients ?? []
}
let json = try JSONSerialization.data(withJSONObject: ["seconds": best, "peak_rss_bytes": PeakMemory.residentBytes(), "coef": coefficients])
print(String(decoding: json, as: UTF8.self))
