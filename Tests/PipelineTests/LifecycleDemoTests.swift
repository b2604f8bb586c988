import FerryBaselines
import FerryCore
import FerryData
import FerryLinear
import FerryModels
import FerryPipeline
import FerryStore
import Foundation
import Logging
import Testing

@Suite struct LifecycleDemoTests {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path

    @Test func loadsAlignsAndSplitsTheEmbeddedData() throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: runs) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let registry = try PluginRegistry([LassoPlugin.self] + Baselines.plugins)
        let location = try StoreLocation(runs + "/store/ferry.sqlite")
        let report = try LifecycleDemo(dataDirectory: directory).run(
            logger: logger, registry: registry, runs: runs, bundles: runs + "/bundles", store: location)
        let store = try location.open()
        #expect(report.verification.passed, "\(report.verification.checks.map(\.detail))")
        #expect(report.registered.name == "SPX-lasso" && report.registered.parentRun == report.run.id)
        #expect(report.batch.written && report.batch.asOf == "2018-12-31" && report.batch.predictions["SPX"] != nil)
        // The batch also recorded every realised next return in the file (4,982 feature rows, the
        // last one's future unknown), so a prediction served for an earlier day is graded.
        #expect(report.batch.outcomesRecorded == 4981)
        try store.logPredictions([
            PredictionEntry(
                model: "SPX-lasso", version: "1.0.0", instrument: "SPX", asOf: "2018-12-28", value: 0.001, source: "api", createdAt: "t")
        ])
        let graded = try store.predictionsWithOutcomes(model: "SPX-lasso")
        #expect(graded.count == 1 && abs(graded[0].outcome - (2506.850098 / 2485.739990 - 1)) < 1e-12, "\(graded.map(\.outcome))")
        #expect(report.bundle.hasSuffix("bundles/SPX-lasso-1.0.0.tar.gz"))
        #expect(report.monitoring.rows == report.run.split.test.rows)
        #expect(report.monitoring.status.grades.count == 5)
        #expect(report.files.map(\.instrument) == ["SPX", "GOOG", "EURUSD-1h", "WTI"])
        #expect(report.files.map(\.rows) == [5031, 2148, 5000, 8611])
        #expect(report.features.names.count == 39)
        #expect(report.features.droppedWarmUpRows == 49)
        #expect(report.features.rows == 5031 - 49)
        #expect(report.splitGap == 5)
        // 4982 feature rows: 70% train, then 5 purged rows before validation and before test.
        #expect(report.split["train"]?.rows == 3487)
        #expect(report.split["validation"]?.rows == 742)
        #expect(report.split["test"]?.rows == 743)
        #expect(report.split["train"]!.last < report.split["validation"]!.first)
        #expect(report.alignment.sameDay + report.alignment.forwardFilled + report.alignment.missing == 5031)
        #expect(report.alignment.missing == 0)
        #expect(report.walkForward.count == 5)
        #expect(report.walkForward.allSatisfy { $0.train.last < $0.test.first })
        #expect(report.run.plugin.id == "lasso")
        #expect(report.run.schema.featureNames.count == 39)
        #expect(Set(report.run.evaluation.test.keys) == ["model", "baseline-zero", "baseline-last", "baseline-mean"])
        #expect(try RunStore(directory: runs).latest().id == report.run.id)
    }

    @Test func findsTheRepositoryDataWithoutBeingTold() throws {
        let found = try EmbeddedDataSet.directory(environment: [:])
        #expect(FileManager.default.fileExists(atPath: (found as NSString).appendingPathComponent("SPX.csv")))
        let error = try #require(throws: EmbeddedDataError.self) { try EmbeddedDataSet.directory(explicit: "/nowhere") }
        #expect(error.description.contains("/nowhere"))
    }
}
