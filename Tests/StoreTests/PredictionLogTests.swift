import FerryCore
import Foundation
import Testing

@testable import FerryStore

/// Runs and the prediction log: batches are written once and whole.
@Suite struct PredictionLogTests {
    @Test(arguments: StoreBackend.allCases) func aBatchIsWrittenOnceForItsDay(backend: StoreBackend) throws {
        let store = try backend.store()
        let rows = [
            ScoredRow(instrument: "SPX", asOf: "2018-12-28", value: 0.01), ScoredRow(instrument: "GOOG", asOf: "2018-12-28", value: nil),
        ]
        #expect(try store.writeBatch(model: "SPX-lasso", version: "1.0.0", asOf: "2018-12-28", rows: rows) != nil)
        #expect(try store.writeBatch(model: "SPX-lasso", version: "1.0.0", asOf: "2018-12-28", rows: rows) == nil, "a rerun writes nothing")
        #expect(
            try store.writeBatch(model: "SPX-lasso", version: "1.0.1", asOf: "2018-12-28", rows: rows) != nil,
            "another version is another batch")
        #expect(try store.predictionCount(model: "SPX-lasso") == 4)
        #expect(try store.predictions(model: "SPX-lasso", limit: 1).first?.version == "1.0.1")
    }

    @Test(arguments: StoreBackend.allCases) func aBatchThatFailsMidwayLeavesNothing(backend: StoreBackend) throws {
        let store = try backend.store()
        // The third prediction row fails, as a crash midway would.
        switch backend {
        case .sqlite:
            try store.tamper(
                "CREATE TRIGGER fail BEFORE INSERT ON prediction WHEN NEW.instrument = 'I2' BEGIN SELECT RAISE(ABORT, 'boom'); END")
        case .postgres:
            try store.tamper("ALTER TABLE prediction ADD CONSTRAINT fail CHECK (instrument <> 'I2')")
        }
        let rows = (0..<5).map { ScoredRow(instrument: "I\($0)", asOf: "2018-12-28", value: Double($0)) }
        #expect(throws: (any Error).self) { try store.writeBatch(model: "m", version: "1", asOf: "2018-12-28", rows: rows) }
        #expect(try store.predictionCount(model: "m") == 0)
        #expect(try store.query("SELECT COUNT(*) AS n FROM batch").first?["n"] == .integer(0))
    }

    @Test(arguments: StoreBackend.allCases) func outcomesJoinTheirPredictionsThroughTheBundlesTarget(backend: StoreBackend) throws {
        let store = try backend.store()
        try store.register(RegistryTests.entry("m", "1"))
        try store.logPredictions([
            PredictionEntry(
                model: "m", version: "1", variant: "a", caller: "k", instrument: "SPX", asOf: "2018-12-27", value: 0.2, source: "api",
                createdAt: "t"),
            PredictionEntry(model: "m", version: "1", instrument: "SPX", asOf: "2018-12-28", value: 0.1, source: "api", createdAt: "t"),
        ])
        try store.recordOutcomes(instrument: "SPX", target: "next_return", [("2018-12-27", -0.01)])
        try store.recordOutcomes(instrument: "SPX", target: "next_direction", [("2018-12-27", 0), ("2018-12-28", 1)])
        let joined = try store.predictionsWithOutcomes(model: "m")
        #expect(
            joined.count == 1 && joined[0].outcome == -0.01 && joined[0].prediction.variant == "a",
            "only the bundle's own target (next_return) joins")
        #expect(try store.recordOutcomes(instrument: "SPX", target: "next_return", [("2018-12-27", -0.02)]) == 1)
        #expect(try store.predictionsWithOutcomes(model: "m").map(\.outcome) == [-0.02], "a day recorded again is replaced")
        #expect(
            try store.recordOutcomes(instrument: "SPX", target: "next_return", [("2018-12-27", -0.02)]) == 0,
            "the same value: nothing changed")
    }

    @Test(arguments: StoreBackend.allCases) func outcomesFromBeforeTargetsSurviveTheMigration(backend: StoreBackend) throws {
        let location = try backend.newLocation()
        let old = try backend.database(at: location)
        for migration in StoreMigrations.all.prefix(2) { try old.apply(migration) }
        _ = try old.write { session in try session.execute("INSERT INTO outcome VALUES ('SPX', '2018-12-27', -0.01, 't')", []) }
        let store = try Store(location: location)
        #expect(try store.schemaVersion() == "v8-store-setting")
        let kept = try store.query("SELECT instrument, as_of, target, value FROM outcome")
        #expect(kept.count == 1 && kept[0]["target"] == .text("") && kept[0]["value"] == .real(-0.01))
    }

    @Test(arguments: StoreBackend.allCases) func runsAreFoundByIdOrItsStart(backend: StoreBackend) throws {
        let store = try backend.store()
        for (id, created) in [("lasso-20261121-1", "2026-11-21T10:00:00Z"), ("lasso-20261121-2", "2026-11-21T11:00:00Z")] {
            try store.recordRun(
                RunEntry(
                    id: id, createdAt: created, plugin: "lasso", pluginVersion: "1.0.0", target: "next_return", seed: 42, parameters: "{}",
                    metrics: "{}", dataFingerprint: "abc"))
        }
        #expect(try store.runs().map(\.id) == ["lasso-20261121-2", "lasso-20261121-1"])
        try store.setBundleDigest("d1", run: "lasso-20261121-1")
        #expect(try store.run("lasso-20261121-1").bundleDigest == "d1")
        #expect(try store.run(bundleDigest: "d1")?.id == "lasso-20261121-1" && store.run(bundleDigest: "d2") == nil)
        #expect(throws: FerryError.self) { try store.run("lasso-2026") }
        #expect(throws: FerryError.self) { try store.setBundleDigest("d", run: "nope") }
    }

    @Test(arguments: StoreBackend.allCases) func servedPredictionsAreLoggedAsTheyWereWithTheirNulls(backend: StoreBackend) async throws {
        let store = try backend.store()
        let entries = [
            PredictionEntry(
                model: "m", version: "1", variant: "champion", caller: "desk-7", instrument: "SPX", asOf: "2018-12-27", value: -0.25,
                source: "api", createdAt: "t"),
            PredictionEntry(model: "m", version: "1", instrument: "-", asOf: "2018-12-28", value: nil, source: "api", createdAt: "t"),
            PredictionEntry(
                model: "m", version: "1", caller: "", instrument: "GOOG", asOf: "2018-12-28", value: 1e-300, source: "api", createdAt: "t"),
        ]
        let ids = try await store.logPredictions(entries)
        #expect(ids.count == 3 && ids == ids.sorted() && Set(ids).count == 3)
        #expect(try store.predictions(model: "m").reversed() == entries, "every field back as it was, nulls included")
        #expect(try await store.logPredictions([]).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases) func aStreamEntryIsLoggedOnceHoweverOftenItIsDelivered(backend: StoreBackend) throws {
        let store = try backend.store()
        func delivery(_ entry: String, _ value: Double) -> StreamDelivery {
            StreamDelivery(
                stream: "bars", entryID: entry,
                prediction: PredictionEntry(
                    model: "m", version: "1", instrument: "SPX", asOf: "2018-12-28T15:3\(entry.prefix(1)):00", value: value,
                    source: "stream",
                    createdAt: "t"))
        }
        #expect(try store.logStreamDeliveries([delivery("1-0", 0.1), delivery("2-0", 0.2), delivery("1-0", 0.3)]) == [true, true, false])
        #expect(try store.logStreamDeliveries([delivery("2-0", 0.4), delivery("3-0", 0.5)]) == [false, true], "redelivered after a crash")
        let logged = try store.streamPredictions(stream: "bars")
        #expect(logged.mapValues(\.value) == ["1-0": 0.1, "2-0": 0.2, "3-0": 0.5])
        #expect(try store.predictionCount(model: "m") == 3, "no prediction without its delivery")
    }

    /// SQLite only: a PostgreSQL URL that is wrong is refused by `PostgresURLTests`.
    @Test func refusesAFileThatIsNotAStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-store-\(UUID().uuidString).sqlite").path
        try Data("this is not SQLite".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FerryError.self) { try Store(path: path) }
        #expect(error.message.hasPrefix("\(path): not a Ferry store"))
    }
}
