import FerryCore
import FerryData
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// ``BundleModel``: what an embedding front end (libferry, Python) opens and predicts with.
@Suite struct BundleModelTests {
    static let example = TestRepository.path("bundles/example/SPX-lasso-1.0.0.tar.gz")
    static let trust = BundleTrust(plugins: FixtureModel.registry)

    @Test func opensVerifiedAndReproducesTheGoldenOutputsBitForBit() throws {
        let model = try BundleModel.open(path: Self.example, trust: Self.trust)
        #expect(model.name == "SPX-lasso" && model.version == "1.0.0" && model.pluginID == "lasso" && model.target == "next_return")
        #expect(model.targetKind == .return && model.featureNames.count == 39 && model.signer == nil)
        let digest = try BundleDigest.sha256(of: Self.example)
        #expect(model.verification.passed && model.digest == digest)
        let golden = try BundleInspection.read(Self.example).golden
        let answer = try model.predict(columns: golden.features, rows: golden.inputs)
        #expect(answer.predictions.map(\.bitPattern) == golden.outputs.map(\.bitPattern))
        let fromBytes = try BundleModel.open(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.example))), trust: Self.trust)
        #expect(fromBytes.digest == model.digest)
        #expect(
            try fromBytes.predict(columns: golden.features, rows: golden.inputs).predictions.map(\.bitPattern)
                == golden.outputs.map(\.bitPattern))
    }

    @Test func alignsAsTheServerDoesAndRefusesInStrictMode() throws {
        let model = try BundleModel.open(path: Self.example, trust: Self.trust)
        let lenient = try model.predict(columns: ["sma_5", "extra"], rows: [[2500, 1]])
        #expect(lenient.predictions.count == 1)
        #expect(
            lenient.warnings.first == "38 of 39 features missing from the rows, filled with 0: "
                + model.featureNames.dropFirst().joined(separator: ", "))
        #expect(lenient.warnings.contains("1 field(s) not among the model's features, dropped: extra"))
        let strict = #expect(throws: FerryError.self) { try model.predict(columns: ["sma_5"], rows: [[2500]], strict: true) }
        #expect(strict?.code == .invalidData && strict?.message.contains("'rsi_14'") == true)
    }

    @Test func featuresFromBarsPredictWhatPredictOnTheBarFileDoes() throws {
        let model = try BundleModel.open(path: Self.example, trust: Self.trust)
        let (spx, wti) = (TestRepository.path("data/SPX.csv"), TestRepository.path("data/WTI.csv"))
        guard case let .prices(bars) = try MarketFileReader().read(spx).data else { throw FerryError(.invalidData, "SPX.csv") }
        let columns = BarColumns(
            timestamps: bars.timestamps.map(\.secondsSinceEpoch), open: bars.open, high: bars.high, low: bars.low, close: bars.close,
            adjustedClose: bars.adjustedClose, volume: bars.volume)
        let reference = try MarketFileReader().read(wti).data
        guard case let .macro(oil) = reference else { throw FerryError(.invalidData, "WTI.csv") }
        let rows = try model.features(bars: columns, reference: oil)
        #expect(rows.columns == model.featureNames && rows.firstBar > 0 && rows.firstBar + rows.rowCount == bars.count)
        let matrix = Self.rows(rows.values, width: rows.columns.count)
        let predicted = try model.predict(columns: rows.columns, rows: matrix, strict: true).predictions
        let scored = try BundleScoring(model: .bundle(Self.example), input: .bars([spx], reference: wti)).run(
            verifier: try Self.trust.verifier())
        #expect(predicted.map(\.bitPattern) == scored.rows.map(\.prediction.bitPattern))

        // Rows in place (libferry's ferry_predict): the same bits and the same warnings, in blocks.
        var inPlace = [Double](repeating: .nan, count: rows.rowCount)
        let warnings = try rows.values.withUnsafeBufferPointer { values in
            try inPlace.withUnsafeMutableBufferPointer {
                try model.predict(columns: rows.columns, values: values, rowCount: rows.rowCount, into: $0)
            }
        }
        #expect(inPlace.map(\.bitPattern) == predicted.map(\.bitPattern))
        #expect(warnings == (try model.predict(columns: rows.columns, rows: matrix)).warnings && !warnings.isEmpty)
        // The last row alone: the last prediction's bits, the same from columns in another order.
        let tail = Array(rows.values.suffix(30 * rows.columns.count))
        let last = try tail.withUnsafeBufferPointer { try model.predictLast(columns: rows.columns, values: $0, rowCount: 30) }
        #expect(last.prediction.bitPattern == predicted.last?.bitPattern)
        let reversed = Self.rows(tail, width: rows.columns.count).flatMap { $0.reversed() }
        let lastReordered = try reversed.withUnsafeBufferPointer {
            try model.predictLast(columns: rows.columns.reversed(), values: $0, rowCount: 30)
        }
        #expect(lastReordered.prediction.bitPattern == last.prediction.bitPattern && lastReordered.warnings == last.warnings)
        var broken = rows.values
        broken[3_000 * rows.columns.count + 5] = .nan
        let nan = #expect(throws: FerryError.self) {
            try broken.withUnsafeBufferPointer { values in
                try inPlace.withUnsafeMutableBufferPointer {
                    try model.predict(columns: rows.columns, values: values, rowCount: rows.rowCount, into: $0)
                }
            }
        }
        #expect(
            nan?.message
                == (#expect(throws: FerryError.self) {
                    try model.predict(columns: rows.columns, rows: Self.rows(broken, width: rows.columns.count))
                })?.message)

        let needsReference = #expect(throws: FerryError.self) { try model.features(bars: columns) }
        #expect(needsReference?.field == "reference")
        var brokenBars = columns
        brokenBars.high[3] = brokenBars.low[3] - 1
        brokenBars.timestamps[5] = brokenBars.timestamps[4]
        let refused = #expect(throws: DataValidationError.self) { try model.features(bars: brokenBars, reference: oil) }
        #expect(refused?.problems.map(\.kind) == [.highBelowLow, .dateRepeated])
        #expect(refused?.description.contains("row 3 (") == true)
        brokenBars.volume.removeLast()
        let short = #expect(throws: DataValidationError.self) { try model.features(bars: brokenBars, reference: oil) }
        #expect(short?.description.contains("Volume has") == true)
    }

    /// Row-major values as rows of `width`.
    static func rows(_ values: [Double], width: Int) -> [[Double]] {
        stride(from: 0, to: values.count, by: width).map { Array(values[$0..<$0 + width]) }
    }

    @Test func badInputIsAnErrorNeverATrap() throws {
        let missing = #expect(throws: FerryError.self) { try BundleModel.open(path: "/no/such/bundle.tar.gz", trust: Self.trust) }
        #expect(missing?.code == .notFound)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.example)))
        let truncated = #expect(throws: BundleError.self) {
            try BundleModel.open(bytes: Array(bytes.prefix(bytes.count / 2)), trust: Self.trust)
        }
        #expect(truncated?.failing == .integrity)
        #expect(throws: BundleError.self) { try BundleModel.open(bytes: [], trust: Self.trust) }
        let model = try BundleModel.open(path: Self.example, trust: Self.trust)
        let nan = #expect(throws: FerryError.self) { try model.predict(columns: ["sma_5"], rows: [[.nan]]) }
        #expect(nan?.code == .invalidData)
    }

    @Test func oneModelPredictsFromManyThreadsAtOnce() throws {
        let model = try BundleModel.open(path: Self.example, trust: Self.trust)
        let golden = try BundleInspection.read(Self.example).golden
        let expected = golden.outputs.map(\.bitPattern)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            results.add((try? model.predict(columns: golden.features, rows: golden.inputs).predictions.map(\.bitPattern)) ?? [])
        }
        #expect(results.all.count == 16 && results.all.allSatisfy { $0 == expected })
    }
}

/// Collects results from many threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[UInt64]] = []
    func add(_ value: [UInt64]) { lock.withLock { values.append(value) } }
    var all: [[UInt64]] { lock.withLock { values } }
}
