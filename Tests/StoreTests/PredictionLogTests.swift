import FerryCore
import Foundation
import GRDB
import Testing

@testable import FerryStore

/// Runs and the prediction log: batches are written once and whole.
@Suite struct PredictionLogTests {
    @Test func aBatchIsWrittenOnceForItsDay() throws {
        let store = try RegistryTests.store()
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

    @Test func aBatchThatFailsMidwayLeavesNothing() throws {
        let store = try RegistryTests.store()
        // The third prediction row fails, as a crash midway would.
        try store.pool.write { db in
            try db.execute(
                sql:
                    "CREATE TRIGGER fail BEFORE INSERT ON prediction WHEN (SELECT COUNT(*) FROM prediction) >= 2 BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )
        }
        let rows = (0..<5).map { ScoredRow(instrument: "I\($0)", asOf: "2018-12-28", value: Double($0)) }
        #expect(throws: DatabaseError.self) { try store.writeBatch(model: "m", version: "1", asOf: "2018-12-28", rows: rows) }
        #expect(try store.predictionCount(model: "m") == 0)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch") } == 0)
    }

    @Test func outcomesJoinTheirPredictionsThroughTheBundlesTarget() throws {
        let store = try RegistryTests.store()
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

    @Test func outcomesFromBeforeTargetsSurviveTheMigration() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-store-\(UUID().uuidString)/ferry.sqlite").path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(old, upTo: "v2-tokens")
        try old.write { try $0.execute(sql: "INSERT INTO outcome VALUES ('SPX', '2018-12-27', -0.01, 't')") }
        try old.close()
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == "v7-audit")
        let kept = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT instrument, as_of, target, value FROM outcome") }
        #expect(kept.count == 1 && kept[0]["target"] == "" && kept[0]["value"] == -0.01)
    }

    @Test func runsAreFoundByIdOrItsStart() throws {
        let store = try RegistryTests.store()
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

    @Test func refusesAFileThatIsNotAStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-store-\(UUID().uuidString).sqlite").path
        try Data("this is not SQLite".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FerryError.self) { try Store(path: path) }
        #expect(error.message.hasPrefix("\(path): not a Ferry store"))
    }
}
