// Times Ferry's two-sample KS test over every column of the samples in a binary file written by
// bench/ks_vs_scipy.py (FEATURES reference columns, then FEATURES current columns, ROWS each),
// columns in parallel; prints one JSON line with the seconds and every p-value for comparison.
//
//   KSBenchmark FILE ROWS FEATURES
import FerryCore
import FerryMonitoring
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let data = FileManager.default.contents(atPath: arguments[1]), let rows = Int(arguments[2]),
    let features = Int(arguments[3])
else {
    FileHandle.standardError.write(Data("usage: KSBenchmark FILE ROWS FEATURES\n".utf8))
    exit(64)
}
let values: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
func column(_ index: Int) -> [Double] { Array(values[(index * rows)..<((index + 1) * rows)]) }
let pairs = (0..<features).map { (column($0), column(features + $0)) }

let clock = ContinuousClock()
let start = clock.now
let results = try pairs.parallelMap { try KolmogorovSmirnov.twoSample($0.0, $0.1) }
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let json = try JSONSerialization.data(withJSONObject: [
    "seconds": seconds, "statistics": results.map(\.statistic), "pvalues": results.map(\.pValue),
])
print(String(decoding: json, as: UTF8.self))
