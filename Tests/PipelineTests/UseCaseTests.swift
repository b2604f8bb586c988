import FerryBundle
import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// Every Pipeline use case, called in process as a front end calls it (not through the binary),
/// on the committed example bundle (lasso on SPX with WTI) and the fixture model.
@Suite struct UseCaseTests {
    static let example = TestRepository.path("bundles/example/SPX-lasso-1.0.0.tar.gz")
    static let spx = TestRepository.path("data/SPX.csv"), goog = TestRepository.path("data/GOOG.csv"),
        wti = TestRepository.path("data/WTI.csv")
    static let quiet = FixtureModel.quietLogger

    @Test func bundlePredictorComputesTheBundlesFeaturesAndPredicts() throws {
        let predictor = try BundlePredictor(bundle: Self.example, verifier: FixtureModel.verifier)
        let scored = try predictor.predictions(for: Self.spx, reference: Self.wti, reader: .init())
        #expect(scored.features.columnNames == predictor.contents.schema.featureNames)
        #expect(scored.predictions.count == scored.features.rowCount && scored.predictions.allSatisfy(\.isFinite))
        let missing = #expect(throws: FerryError.self) { try predictor.predictions(for: Self.spx, reference: nil, reader: .init()) }
        #expect(missing?.code == .invalidArgument && missing?.field == "reference")
    }

    @Test func bundleScoringGivesTheSameNumbersForBarsAndForTheirFeatureTable() throws {
        let folder = try TemporaryFolder("scoring")
        defer { folder.remove() }
        let bars = try BundleScoring(model: .bundle(Self.example), input: .bars([Self.spx], reference: Self.wti)).run(
            verifier: FixtureModel.verifier)
        #expect(bars.model == "SPX-lasso" && bars.rows.count > 4_900 && bars.rows.allSatisfy { $0.instrument == "SPX" })
        // The same rows as a feature table: the features the bundle's pipeline computed.
        let predictor = try BundlePredictor(bundle: Self.example, verifier: FixtureModel.verifier)
        let features = try predictor.predictions(for: Self.spx, reference: Self.wti, reader: .init()).features
        let names = features.columnNames
        var csv = "Date," + names.joined(separator: ",") + "\n"
        for row in 0..<features.rowCount {
            csv += features.index[row].iso8601 + "," + names.map { "\((features[column: $0] ?? [])[row])" }.joined(separator: ",") + "\n"
        }
        try csv.write(toFile: folder.file("SPX.csv"), atomically: true, encoding: .utf8)
        let table = try BundleScoring(model: .bundle(Self.example), input: .table(folder.file("SPX.csv"))).run(
            verifier: FixtureModel.verifier)
        #expect(table.rows.map(\.prediction.bitPattern) == bars.rows.map(\.prediction.bitPattern), "bit for bit")
        #expect(table.rows.map(\.date) == bars.rows.map(\.date))
    }

    @Test func monitorJobGradesTheBundleOnNewBars() throws {
        var job = MonitorJob(bundle: Self.example, dataPaths: [Self.spx])
        job.reference = Self.wti
        job.from = Timestamp(iso8601: "2018-01-01")
        let report = try job.run(verifier: FixtureModel.verifier, logger: Self.quiet)
        #expect(report.model == "SPX-lasso 1.0.0" && report.rows == 250)
        #expect(report.first.isoDate == "2018-01-02" && report.last.isoDate == "2018-12-28")
        #expect(report.metrics["directional_accuracy"] != nil && report.drift != nil)
    }

    @Test func promotionJobMeasuresBothSidesOnTheSameRows() throws {
        var job = PromotionJob(champion: Self.example, challenger: Self.example, dataPaths: [Self.spx])
        job.rows.reference = Self.wti
        job.rows.from = Timestamp(iso8601: "2018-01-01")
        let record = try job.run(verifier: FixtureModel.verifier, logger: Self.quiet)
        #expect(record.champion.metrics == record.challenger.metrics, "the same bundle scores the same")
        #expect(!record.verdict.promote, "a challenger no better than the champion is not promoted")
    }

    @Test func backtestAndSizingJobsTradeTheBundlesPredictions() throws {
        var backtest = BacktestJob(bundle: Self.example, dataPath: Self.spx)
        backtest.reference = Self.wti
        backtest.from = Timestamp(iso8601: "2016-01-12")
        let traded = try backtest.run(verifier: FixtureModel.verifier, logger: Self.quiet)
        #expect(traded.rule == "sign of the predicted return", "a return target trades the sign (TargetKind.return)")
        #expect(traded.equity.count == traded.dates.count && traded.equity.count > 700)
        var sizing = SizingJob(bundle: Self.example, dataPaths: [Self.spx, Self.goog])
        sizing.reference = Self.wti
        let sized = try sizing.run(verifier: FixtureModel.verifier, logger: Self.quiet)
        #expect(sized.positions.count == 2 && sized.positions.allSatisfy { abs($0.position) <= sized.maxPosition })
        sizing.lookback = 1
        let short = #expect(throws: FerryError.self) { try sizing.run(verifier: FixtureModel.verifier, logger: Self.quiet) }
        #expect(short?.code == .invalidArgument && short?.field == "lookback")
    }

    @Test func batchJobWritesOneBatchPerDayAndVersion() throws {
        let folder = try TemporaryFolder("batch")
        defer { folder.remove() }
        let store = try Store(path: folder.file("ferry.sqlite"))
        _ = try BundleRegistration(store: store, verifier: FixtureModel.verifier).add(Self.example, by: "test")
        let job = BatchJob(model: try ModelReference("SPX-lasso"), dataPaths: [Self.spx, Self.goog], reference: Self.wti)
        let first = try job.run(store: store, verifier: FixtureModel.verifier)
        #expect(first.written && first.asOf == "2013-03-01", "the last day both files have")
        #expect(first.predictions.keys.sorted() == ["GOOG", "SPX"] && first.outcomesRecorded > 0)
        let again = try job.run(store: store, verifier: FixtureModel.verifier)
        #expect(!again.written && again.predictions == first.predictions)
        #expect(again.outcomesRecorded == 0, "a rerun over the same files records nothing new")
        #expect(try store.predictionCount(model: "SPX-lasso") == 2)
        let none = #expect(throws: FerryError.self) {
            try BatchJob(model: try ModelReference("SPX-lasso"), dataPaths: []).run(store: store, verifier: FixtureModel.verifier)
        }
        #expect(none?.code == .invalidArgument)
    }

    @Test func runKeeperWritesTheFolderAndTheStoreRowAndExportRecordsLineage() throws {
        let folder = try TemporaryFolder("keeper")
        defer { folder.remove() }
        let store = try Store(path: folder.file("ferry.sqlite"))
        let keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")), store: store)
        let record = try keeper.keep(try FixtureModel.job.run(registry: FixtureModel.registry, logger: Self.quiet))
        #expect(try keeper.record(nil) == record && keeper.record(record.id) == record)
        #expect(try store.hasRun(record.id))
        #expect(record.schema.targetKind == .return, "the target kind is decided at training and kept")
        let bundle = try BundleExport(sourceDateEpoch: nil).write(
            run: record, keeper: keeper, registry: FixtureModel.registry, to: .folder(folder.file("out")))
        #expect(bundle.path == folder.file("out/table-ridge-1.0.0.tar.gz") || bundle.path.hasSuffix("-ridge-1.0.0.tar.gz"))
        #expect(try store.run(bundleDigest: bundle.sha256)?.id == record.id)
        #expect(bundle.sha256 == (try BundleDigest.sha256(of: bundle.path)))
        let missing = #expect(throws: FerryError.self) { try keeper.record("no-such-run") }
        #expect(missing?.code == .notFound)
    }

    @Test func aDirectionTargetIsKeptAsSuch() throws {
        var job = TrainingJob(input: .market(dataPaths: [Self.spx], reference: nil), pluginID: "baseline-mean")
        job.target = "next_direction"
        let outcome = try job.run(registry: FixtureModel.registry, logger: Self.quiet)
        #expect(outcome.schema.targetKind == .direction && outcome.evaluation.benchmark == 0.5)
        #expect(FeatureSchema(features: [], target: "next_direction").resolvedTargetKind == .direction, "older schemas: by name")
        #expect(FeatureSchema(features: [], target: "next_return").resolvedTargetKind == .return)
    }

    @Test func shadowRetrainKeepsTheChallengersRunInTheStore() throws {
        let folder = try TemporaryFolder("shadow")
        defer { folder.remove() }
        let store = try Store(path: folder.file("ferry.sqlite"))
        var shadow = ShadowRetrain(champion: Self.example, dataPaths: [Self.spx])
        shadow.reference = Self.wti
        shadow.keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")), store: store)
        shadow.folder = folder.file("shadow")
        let champion = try BundleLoader.load(Self.example, verifier: FixtureModel.verifier).bundle.contents
        let challenger = try shadow.run(champion: champion, registry: FixtureModel.registry, logger: Self.quiet)
        #expect(FileManager.default.fileExists(atPath: challenger.bundle))
        #expect(try store.hasRun(challenger.run), "the challenger's run reaches the store")
        #expect(try store.run(bundleDigest: BundleDigest.sha256(of: challenger.bundle))?.id == challenger.run)
    }

    @Test func registryChangesResolveFirstAndAreCoded() throws {
        let folder = try TemporaryFolder("changes")
        defer { folder.remove() }
        let store = try Store(path: folder.file("ferry.sqlite"))
        _ = try BundleRegistration(store: store, verifier: FixtureModel.verifier).add(Self.example, by: "test")
        let changes = RegistryChanges(store: store)
        #expect(try changes.setAlias("champion", to: "SPX-lasso@1.0.0", by: "ana").version == "1.0.0")
        #expect(try store.resolve(ModelReference("SPX-lasso@champion")).version == "1.0.0")
        try changes.setStage("SPX-lasso@champion", to: .archived, by: "ana")
        let archived = #expect(throws: FerryError.self) { try changes.setAlias("champion", to: "SPX-lasso@1.0.0", by: "ana") }
        #expect(archived?.code == .refused)
        let unknown = #expect(throws: FerryError.self) { try changes.setAlias("champion", to: "GOOG-lasso", by: "ana") }
        #expect(unknown?.code == .notFound)
    }
}
