import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// ``ModelServing`` in process: resolve, load once per digest, align, predict, log; a slow load
/// of one model holds up no other.
@Suite struct ModelServingTests {
    /// A store with the fixture model registered as `model-a` and `model-b`.
    static func registeredStore() throws -> (TemporaryFolder, Store) {
        let folder = try TemporaryFolder("serving")
        let store = try Store(path: folder.file("store/ferry.sqlite"))
        let registration = BundleRegistration(store: store, verifier: FixtureModel.verifier)
        for name in ["model-a", "model-b"] {
            let bundle = try FixtureModel.shared().export(name: name, to: folder.file("\(name).tar.gz"))
            _ = try registration.add(bundle.path, by: "test")
        }
        return (folder, store)
    }

    @Test func predictsAlignsAndLogsEveryRow() async throws {
        let (folder, store) = try Self.registeredStore()
        defer { folder.remove() }
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let model = try await serving.model("model-a")
        #expect(model.featureNames == ["x1", "x2"])
        #expect(model.targetKind == .return)
        let rows = PredictionRows(columns: ["x2", "x1"], rows: [[2, 1], [4, 3]], caller: "desk", instrument: "SPX", asOf: "2020-01-02")
        let answer = try await serving.predict(rows, with: model)
        let inOrder = try await serving.predict(
            PredictionRows(columns: ["x1", "x2"], rows: [[1, 2], [3, 4]], caller: "desk"), with: model)
        #expect(answer.predictions == inOrder.predictions, "rows in any field order give the same bits")
        #expect(answer.predictions.count == 2 && answer.version == "1.0.0" && answer.variant == nil)
        #expect(try store.predictionCount(model: "model-a") == 4, "every prediction is logged before the answer")
        let missing = try await serving.predict(PredictionRows(columns: ["x1"], rows: [[1]], caller: "desk"), with: model)
        #expect(missing.warnings == ["1 of 2 features missing from the rows, filled with 0: x2"])
        let outside = try await serving.predict(
            PredictionRows(
                columns: ["x1", "x2", "extra"], rows: [[1e9, 2, 0], [1e9, 2, 0], [1e9, 2, 0], [1e9, 2, 0], [1, 2, 0]], caller: "desk"),
            with: model)
        #expect(outside.warnings.first == "1 field(s) not among the model's features, dropped: extra")
        #expect(outside.warnings.count == 2, "four out-of-range x1 values fold into one line: \(outside.warnings)")
        #expect(outside.warnings.last?.hasPrefix("x1 is outside the training range [") == true)
        #expect(outside.warnings.last?.hasSuffix("in 4 rows (rows[0], rows[1], rows[2], ...; rows count from 0)") == true)
        let bad = await #expect(throws: FerryError.self) {
            try await serving.predict(PredictionRows(columns: ["x1", "x2"], rows: [[1, .nan]], caller: "desk"), with: model)
        }
        #expect(bad?.code == .invalidData)
    }

    @Test func referencesThatResolveToNothingAreCoded() async throws {
        let (folder, store) = try Self.registeredStore()
        defer { folder.remove() }
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let unknown = await #expect(throws: FerryError.self) { try await serving.model("model-z") }
        #expect(unknown?.code == .notFound)
        let malformed = await #expect(throws: FerryError.self) { try await serving.model("@champion") }
        #expect(malformed?.code == .invalidArgument)
        let noVersion = await #expect(throws: FerryError.self) { try await serving.model("model-a@9.9.9") }
        #expect(noVersion?.code == .notFound)
    }

    @Test func aBundleThatNoLongerVerifiesIsUnavailable() async throws {
        let (folder, store) = try Self.registeredStore()
        defer { folder.remove() }
        let entry = try store.resolve(ModelReference("model-a"))
        try Data("not a bundle".utf8).write(to: URL(fileURLWithPath: entry.path))
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let refused = await #expect(throws: FerryError.self) { try await serving.model("model-a") }
        #expect(refused?.code == .unavailable)
        #expect(refused?.message.contains("model-a 1.0.0 cannot be loaded") == true)
    }

    @Test func servedMonitoringGradesLoggedPredictionsOnceOutcomesArrive() async throws {
        let (folder, store) = try Self.registeredStore()
        defer { folder.remove() }
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let monitoring = ServedMonitoring(serving: serving)
        #expect(try await monitoring.report("model-a").status == "unknown")
        let model = try await serving.model("model-a")
        for day in 1...25 {
            let rows = PredictionRows(
                columns: ["x1", "x2"], rows: [[Double(day % 5), 1]], caller: "test", instrument: "T",
                asOf: String(format: "2020-02-%02d", day))
            _ = try await serving.predict(rows, with: model)
        }
        _ = try store.recordOutcomes(
            instrument: "T", target: "y", (1...25).map { (String(format: "2020-02-%02d", $0), Double($0 % 5) * 1.1 + 2) })
        let report = try await monitoring.report("model-a")
        #expect(report.predictionsLogged == 25 && report.predictionsWithOutcomes == 25)
        #expect(["green", "yellow", "red"].contains(report.status) && report.history.count == 1)
        let drift = try await monitoring.drift("model-a")
        #expect(Set(drift.features.map(\.name)) == ["x1", "x2"] && drift.rows == 25)
        let unknown = await #expect(throws: FerryError.self) { try await monitoring.report("no-such-model") }
        #expect(unknown?.code == .notFound)
    }

    @Test func aSlowFirstLoadOfOneModelDoesNotDelayAnother() async throws {
        let (folder, store) = try Self.registeredStore()
        defer { folder.remove() }
        let loads = LoadCounter()
        // model-a's load holds until model-b has answered: no clock decides the outcome (a fixed sleep
        // let a busy machine finish it before model-b was even asked). The 120 s bound only ends a stall.
        let releaseA = DispatchSemaphore(value: 0)
        let serving = ModelServing(store: store, splits: [:]) { entry in
            loads.started(entry.name)
            if entry.name == "model-a" { _ = releaseA.wait(timeout: .now() + 120) }
            defer { loads.finished(entry.name) }
            return try ServedModel.load(entry, verifier: FixtureModel.verifier)
        }
        _ = try await serving.model("model-b")
        let firstRequestsForA = (0..<10).map { _ in Task { try await serving.model("model-a") } }
        while !loads.hasStarted("model-a") { try await Task.sleep(for: .milliseconds(10)) }
        let answer = try await serving.predict(
            PredictionRows(columns: ["x1", "x2"], rows: [[1, 2]], caller: "b"), with: try await serving.model("model-b"))
        #expect(!loads.hasFinished("model-a"), "model-b waited for model-a's load")
        releaseA.signal()
        #expect(answer.model == "model-b")
        for request in firstRequestsForA { #expect(try await request.value.entry.name == "model-a") }
        #expect(loads.count("model-a") == 1, "ten concurrent first requests share one load")
        #expect(loads.count("model-b") == 1)
    }
}

/// Counts loads per model, from any thread.
final class LoadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [String: Int] = [:]
    private var ends: Set<String> = []

    func started(_ name: String) { lock.withLock { starts[name, default: 0] += 1 } }
    func finished(_ name: String) { lock.withLock { _ = ends.insert(name) } }
    func hasStarted(_ name: String) -> Bool { lock.withLock { starts[name] != nil } }
    func hasFinished(_ name: String) -> Bool { lock.withLock { ends.contains(name) } }
    func count(_ name: String) -> Int { lock.withLock { starts[name] ?? 0 } }
}
