import FerryCore
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
