// The ceilings under `ferry serve`'s batch figure, each on one thread with nothing else running:
// how many rows per second the predict route's body parser reads, and how many rows per second
// the prediction log commits (groups as the server's group commit makes them). Prints one JSON
// line. Run by bench/serve_v2_and_batches.sh beside the load test.
//
//   ServeCeilingBenchmark BODY.json ROWS_PER_BODY
import FerryCore
import FerryServer
import FerryStore
import Foundation
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count == 3, let body = FileManager.default.contents(atPath: arguments[1]), let rowsPerBody = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: ServeCeilingBenchmark BODY.json ROWS_PER_BODY\n".utf8))
    exit(64)
}

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `work` (which handles `perCall` rows) again and again for about `budget` seconds; rows per second.
func rowsPerSecond(perCall: Int, budget: Double = 2, _ work: () throws -> Void) rethrows -> Double {
    var calls = 0
    let start = clock.now
    repeat {
        try work()
        calls += 1
    } while seconds(clock.now - start) < budget
    return Double(calls * perCall) / seconds(clock.now - start)
}

let buffer = ByteBuffer(bytes: body)
let parsed = try PredictRequest(buffer)
precondition(parsed.rows.count == rowsPerBody, "the body holds \(parsed.rows.count) rows, not \(rowsPerBody)")
let parseRate = try rowsPerSecond(perCall: rowsPerBody) { _ = try PredictRequest(buffer) }

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-ceiling-\(getpid())")
defer { try? FileManager.default.removeItem(at: folder) }
let store = try Store(path: folder.appendingPathComponent("ferry.sqlite").path)
func entries(_ count: Int) -> [PredictionEntry] {
    (0..<count).map { index in
        PredictionEntry(
            model: "SPX-lasso", version: "1.0.0", caller: "tok_0123456789", instrument: "SPX", asOf: "2026-12-03",
            value: Double(index) * 1e-4, source: "api", createdAt: "2026-12-03T02:00:00.000Z")
    }
}
var logRates: [String: Double] = [:]
for group in [rowsPerBody, rowsPerBody * 16] {
    let batch = entries(group)
    logRates["\(group)"] = try rowsPerSecond(perCall: group) { try store.logPredictions(batch) }
}

let json = try JSONSerialization.data(
    withJSONObject: ["parse_rows_per_s": parseRate, "log_rows_per_s_by_group": logRates], options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
