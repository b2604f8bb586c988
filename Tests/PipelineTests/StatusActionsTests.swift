import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// ``StatusActions``: a red model leaves production by itself (rolled back or paused), a yellow
/// one gets a challenger, and every grade and action is recorded; moving back onto a red version
/// needs a reason.
@Suite struct StatusActionsTests {
    /// A store with `model-a` 1.0.0 and 1.1.0 registered.
    static func twoVersions() throws -> (TemporaryFolder, Store) {
        let folder = try TemporaryFolder("status-actions")
        let store = try Store(path: folder.file("store/ferry.sqlite"))
        let registration = BundleRegistration(store: store, verifier: FixtureModel.verifier)
        for version in ["1.0.0", "1.1.0"] {
            let bundle = try FixtureModel.shared().export(name: "model-a", version: version, to: folder.file("model-a-\(version).tar.gz"))
            _ = try registration.add(bundle.path, by: "test")
        }
        return (folder, store)
    }

    /// Serves 25 predictions of `reference` for instrument T, one a day of `month` (2020), and
    /// records outcomes `error` away from each (0: exactly what was predicted).
    static func serve(_ reference: String, month: Int, error: Double, store: Store) async throws {
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let model = try await serving.model(reference)
        var outcomes: [(asOf: String, value: Double)] = []
        for day in 1...25 {
            let asOf = String(format: "2020-%02d-%02d", month, day)
            let rows = PredictionRows(columns: ["x1", "x2"], rows: [[Double(day % 5), 1]], caller: "t", instrument: "T", asOf: asOf)
            let value = try await serving.predict(rows, with: model).predictions[0]
            outcomes.append((asOf, value + (day.isMultiple(of: 2) ? error : -error)))
        }
        _ = try store.recordOutcomes(instrument: "T", target: "y", outcomes)
    }

    static func policy(_ onRed: ModelPolicy.RedAction, _ onYellow: ModelPolicy.YellowAction = .none, store: Store) throws {
        var policy = ModelPolicy(name: "model-a", setBy: "test")
        (policy.onRed, policy.onYellow, policy.logLine) = (onRed, onYellow, false)
        try RegistryChanges(store: store).setPolicy(policy)
    }

    @Test func aRedChampionIsRolledBackToThePreviousGreenVersion() async throws {
        let (folder, store) = try Self.twoVersions()
        defer { folder.remove() }
        try Self.policy(.rollback, store: store)
        let changes = RegistryChanges(store: store)
        let actions = StatusActions(store: store, verifier: FixtureModel.verifier)
        try changes.setStage("model-a@1.0.0", to: .production, by: "test")
        try await Self.serve("model-a", month: 1, error: 0, store: store)
        let green = try await actions.act(on: "model-a", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(green.status == "green" && green.action == nil && green.applied)
        try changes.setStage("model-a@1.1.0", to: .production, by: "test")
        try await Self.serve("model-a", month: 3, error: 50, store: store)

        let plan = try await actions.act(on: "model-a", dryRun: true, logger: FixtureModel.quietLogger)
        #expect(plan.status == "red" && plan.action?.kind == .rollback && plan.action?.toVersion == "1.0.0" && !plan.applied)
        #expect(try store.resolve(ModelReference("model-a")).version == "1.1.0", "a dry run changes nothing")
        #expect(try store.lastGrade(name: "model-a", version: "1.1.0") == nil, "a dry run records no grade")

        let red = try await actions.act(on: "model-a", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(red.status == "red" && red.action?.kind == .rollback && red.applied)
        #expect(red.action?.reason.contains("back to 1.0.0") == true)
        let served = try await ModelServing(store: store, verifier: FixtureModel.verifier).model("model-a")
        #expect(served.entry.version == "1.0.0", "the server answers with the version rolled back to")
        #expect(try store.bundles(name: "model-a").first { $0.version == "1.1.0" }?.stage == .archived)
        let history = try store.actions(name: "model-a")
        #expect(history.map(\.kind) == [.rollback])
        #expect(history.first?.report?.contains("\"status\":\"red\"") == true, "the action keeps the report that caused it")
        #expect(try store.lastGrade(name: "model-a", version: "1.1.0")?.status == "red")

        let refused = #expect(throws: FerryError.self) { try changes.setStage("model-a@1.1.0", to: .production, by: "test") }
        #expect(refused?.code == .refused && refused?.message.contains("graded red") == true)
        try changes.setStage("model-a@1.1.0", to: .production, by: "alice", forcedBecause: "the outcome feed was wrong")
        #expect(try store.resolve(ModelReference("model-a")).version == "1.1.0")
        let forced = try #require(try store.actions(name: "model-a").last)
        #expect(forced.kind == .forcedAlias && forced.by == "alice" && forced.reason == "the outcome feed was wrong")
    }

    @Test func withoutAnEarlierGreenVersionARollbackPausesAndSaysSo() async throws {
        let (folder, store) = try Self.twoVersions()
        defer { folder.remove() }
        try Self.policy(.rollback, store: store)
        try store.setAlias("champion", name: "model-a", version: "1.1.0", by: "test")
        try await Self.serve("model-a@champion", month: 2, error: 50, store: store)
        let red = try await StatusActions(store: store, verifier: FixtureModel.verifier).act(
            on: "model-a@champion", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(red.action?.kind == .pause && red.action?.alias == "champion")
        #expect(red.action?.reason.contains("no earlier version verifies and was green") == true)
        #expect(try store.pause(name: "model-a", alias: "champion") != nil)
    }

    @Test func aPausedModelServesNothingUntilSomeoneLiftsItWithAReason() async throws {
        let (folder, store) = try Self.twoVersions()
        defer { folder.remove() }
        try Self.policy(.pause, store: store)
        try store.setAlias("champion", name: "model-a", version: "1.0.0", by: "test")
        try await Self.serve("model-a@champion", month: 4, error: 50, store: store)
        let actions = StatusActions(store: store, verifier: FixtureModel.verifier)
        let red = try await actions.act(on: "model-a@champion", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(red.action?.kind == .pause)
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let paused = await #expect(throws: ModelPausedError.self) { try await serving.model("model-a@champion") }
        #expect(paused?.code == .unavailable && paused?.description.contains("status red") == true)
        #expect(try await serving.model("model-a@1.0.0").entry.version == "1.0.0", "only the paused alias stops")
        let batch = BatchJob(model: try ModelReference("model-a@champion"), dataPaths: [folder.file("bars.csv")])
        #expect(throws: ModelPausedError.self) { try batch.run(store: store, verifier: FixtureModel.verifier) }
        let again = try await actions.act(on: "model-a@champion", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(again.action?.kind == .noted && again.action?.reason.hasSuffix("already paused") == true)
        let third = try await actions.act(on: "model-a@champion", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(third.action == nil && third.applied, "the same state is noted once, not at every grading")

        let changes = RegistryChanges(store: store)
        #expect(throws: FerryError.self) { try changes.resume("model-a@champion", reason: " ", by: "alice") }
        try changes.resume("model-a@champion", reason: "outcomes were late", by: "alice")
        #expect(try await ModelServing(store: store, verifier: FixtureModel.verifier).model("model-a@champion").entry.version == "1.0.0")
        #expect(try store.actions(name: "model-a").map(\.kind) == [.pause, .noted, .resume])
        let notPaused = #expect(throws: FerryError.self) { try changes.resume("model-a@champion", reason: "again", by: "alice") }
        #expect(notPaused?.code == .notFound)
    }

    @Test func aYellowModelGetsAChallengerAndNothingIsPromoted() async throws {
        let (folder, store) = try Self.twoVersions()
        defer { folder.remove() }
        try Self.policy(.rollback, .shadow, store: store)
        try store.setAlias("champion", name: "model-a", version: "1.0.0", by: "test")
        try await Self.serve("model-a@champion", month: 5, error: 0, store: store)
        let serving = ModelServing(store: store, verifier: FixtureModel.verifier)
        let graded = try await ServedMonitoring(serving: serving).report("model-a@champion")
        let yellow = ServedMonitoringReport(
            model: graded.model, version: graded.version, predictionsLogged: graded.predictionsLogged,
            predictionsWithOutcomes: graded.predictionsWithOutcomes, status: "yellow", decidingMetric: "mae", grades: graded.grades,
            metrics: graded.metrics, history: graded.history, thresholds: graded.thresholds, overall: .yellow)
        var actions = StatusActions(store: store, verifier: FixtureModel.verifier)
        let noData = await #expect(throws: FerryError.self) {
            try await actions.act(
                on: yellow, reference: "model-a@champion", alias: "champion", dryRun: false, logger: FixtureModel.quietLogger)
        }
        #expect(noData?.code == .invalidArgument)
        #expect(try store.lastGrade(name: "model-a", version: "1.0.0") == nil, "a shadow that cannot train records nothing")
        let challengerPath = folder.file("model-a-1.0.0-shadow.tar.gz")
        actions.challenger = { champion in
            #expect(champion.version == "1.0.0")
            return try FixtureModel.shared().export(name: "model-a", version: "1.0.0-shadow", to: challengerPath).path
        }
        let outcome = try await actions.act(
            on: yellow, reference: "model-a@champion", alias: "champion", dryRun: false, logger: FixtureModel.quietLogger)
        #expect(outcome.action?.kind == .shadow && outcome.action?.toVersion == "1.0.0-shadow")
        let aliases = Dictionary(uniqueKeysWithValues: try store.aliases(name: "model-a").map { ($0.alias, $0.version) })
        #expect(aliases == ["champion": "1.0.0", "challenger": "1.0.0-shadow"])
        #expect(try store.bundles(name: "model-a").allSatisfy { $0.stage == .staging }, "nothing is promoted")
        #expect(try store.lastGrade(name: "model-a", version: "1.0.0")?.status == "yellow")
    }

    @Test func aVersionReferenceCannotBeActedOn() async throws {
        let (folder, store) = try Self.twoVersions()
        defer { folder.remove() }
        let refused = await #expect(throws: FerryError.self) {
            try await StatusActions(store: store, verifier: FixtureModel.verifier).act(
                on: "model-a@1.0.0", dryRun: true, logger: FixtureModel.quietLogger)
        }
        #expect(refused?.code == .invalidArgument && refused?.message.contains("not an alias") == true)
    }
}
