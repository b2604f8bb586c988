import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// ``ABReport``: arms read from the prediction log, graded against outcomes, compared with arm A.
@Suite struct ABReportTests {
    /// Serves `callers` requests through a champion/challenger split, each caller its own
    /// instrument, and records outcomes that miss arm A's predictions by `missA` and arm B's by `missB`.
    static func serveSplit(store: Store, callers: Int, missA: Double, missB: Double, seed: UInt64) async throws {
        let split = try TrafficSplit("champion:50,challenger:50")
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier, splits: ["model-a": split])
        var random = SeededGenerator(seed: seed)
        for caller in 0..<callers {
            let name = "desk-\(caller)"
            let model = try await serving.model("model-a", caller: name)
            let x1 = Double.random(in: -2...2, using: &random)
            let rows = PredictionRows(columns: ["x1", "x2"], rows: [[x1, 1]], caller: name, instrument: name, asOf: "2020-06-01")
            let value = try await serving.predict(rows, with: model).predictions[0]
            let miss = (model.variant == "challenger" ? missB : missA) * Double.random(in: 0.5...1.5, using: &random)
            _ = try store.recordOutcomes(instrument: name, target: "y", [("2020-06-01", value + (caller.isMultiple(of: 2) ? miss : -miss))])
        }
    }

    static func store() throws -> (TemporaryFolder, Store) {
        let (folder, store) = try StatusActionsTests.twoVersions()
        try store.setAlias("champion", name: "model-a", version: "1.0.0", by: "test")
        try store.setAlias("challenger", name: "model-a", version: "1.1.0", by: "test")
        return (folder, store)
    }

    @Test func aBetterChallengerIsFoundOnceBothArmsHaveEnoughGradedPredictions() async throws {
        let (folder, store) = try Self.store()
        defer { folder.remove() }
        try await Self.serveSplit(store: store, callers: 300, missA: 1.0, missB: 0.6, seed: 3)
        let report = try await ABReport(serving: ModelServing(store: store, verifier: FixtureModel.verifier)).report(model: "model-a")
        let comparison = try #require(report.comparisons.first)
        #expect(report.incumbent == "champion" && comparison.a.name == "champion" && comparison.b.name == "challenger")
        #expect(comparison.a.graded + comparison.b.graded == 300 && min(comparison.a.graded, comparison.b.graded) >= 100)
        #expect(comparison.verdict == .bBetter, "\(comparison)")
        let difference = try #require(comparison.maeDifference)
        #expect(difference.high < 0 && difference.low < difference.difference)
        #expect(report.awaitingOutcomes == ["champion": 0, "challenger": 0])
    }

    @Test func equalArmsAreNoDifferenceAndAFewAreKeepTesting() async throws {
        let (folder, store) = try Self.store()
        defer { folder.remove() }
        try await Self.serveSplit(store: store, callers: 60, missA: 1.0, missB: 1.0, seed: 4)
        var report = ABReport(serving: ModelServing(store: store, verifier: FixtureModel.verifier))
        #expect(try await report.report(model: "model-a").comparisons.first?.verdict == .keepTesting)
        report.minimumPerArm = 20
        #expect(try await report.report(model: "model-a").comparisons.first?.verdict == .noDifference)
        let swapped = try await report.report(model: "model-a", incumbent: "challenger")
        #expect(swapped.comparisons.first?.a.name == "challenger")
        let unknown = await #expect(throws: FerryError.self) { try await report.report(model: "model-a", incumbent: "nobody") }
        #expect(unknown?.code == .notFound)
    }

    @Test func aModelWithoutArmsIsToldSo() async throws {
        let (folder, store) = try Self.store()
        defer { folder.remove() }
        let none = await #expect(throws: FerryError.self) {
            try await ABReport(serving: ModelServing(store: store, verifier: FixtureModel.verifier)).report(model: "model-a")
        }
        #expect(none?.code == .notFound && none?.message.contains("0 A/B arm(s)") == true)
    }
}
