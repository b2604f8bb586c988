// Writes a bundle with about MEGABYTES of float32 weights (seeded pseudo-random values, which gzip
// cannot shrink much), timing the export, and the raw weights file beside it for the gzip -6
// comparison. Prints one JSON line. Driven by bench/bundle_vs_tar.sh.
//
//   BundleBenchmark OUT_DIR MEGABYTES
import FerryBundle
import FerryCore
import FerryModels
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let megabytes = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: BundleBenchmark OUT_DIR MEGABYTES\n".utf8))
    exit(64)
}
let directory = arguments[1]
let count = megabytes << 18  // float32 values: 4 bytes each
var state: UInt64 = 20_261_121
let values = [Double].column(count: count) { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(Int64(bitPattern: state >> 11) % 2_000_000) / 1e7
}
let tensor = try Tensor(shape: [count], dtype: .float32, values: values)
let schema = FeatureSchema(features: [FeatureField(name: "x")], target: "y", targetKind: .return)
let golden = try GoldenSet(inputs: [[0]], outputs: [0], features: ["x"])
let contents = BundleContents(
    manifest: BundleManifest(
        name: "blob", version: "1.0.0", plugin: .init(id: "bench-blob", version: SemanticVersion(1, 0, 0)), target: "y",
        trainingData: .init(fingerprint: String(repeating: "0", count: 64), files: [], first: nil, last: nil),
        splits: .init(
            train: .init(rows: 0, first: nil, last: nil), validation: .init(rows: 0, first: nil, last: nil),
            test: .init(rows: 0, first: nil, last: nil), gap: 0),
        hyperparameters: .object([:]),
        seed: 0, created: Timestamp(secondsSinceEpoch: 0), ferryVersion: FerryVersion.current),
    schema: schema, pipeline: nil, tensors: ["blob": tensor],
    environment: .current(ferryVersion: FerryVersion.current, plugins: [:]), metrics: .object([:]), golden: golden, modelCard: "# blob\n")
try Data(Safetensors.encode(["blob": tensor])).write(to: URL(fileURLWithPath: "\(directory)/payload.safetensors"))
let clock = ContinuousClock()
let start = clock.now
try BundleWriter().write(contents, to: "\(directory)/blob-1.0.0.tar.gz")
let elapsed = clock.now - start
print(
    #"{"export_seconds": \#(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), "weights_bytes": \#(count * 4)}"#
)
