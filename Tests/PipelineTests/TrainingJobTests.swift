// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryBaselines
import FerryCore
import FerryData
import FerryLinear
import FerryModels
import FerryPipeline
import Foundation
import Logging
import Testing

@Suite struct TrainingJobTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func data(_ name: String) -> String { repository.appendingPathComponent("data/\(name)").path }
    static let registry = try! PluginRegistry([LassoPlugin.self, LogisticRegressionPlugin.self] + Baselines.plugins)
    static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    @Test func trainsOnMarketDataAndEvaluatesAgainstEveryBaseline() throws {
        var job = TrainingJob(input: .market(dataPaths: [Self.data("SPX.csv")], reference: nil), pluginID: "lasso")
        job.overrides = ["alpha": "0.0001"]
        let outcome = try job.run(registry: Self.registry, logger: Self.quiet)
        #expect(outcome.schema.featureNames.count == 38)
        #expect(outcome.schema.target == "next_return")
        #expect(Set(outcome.evaluation.test.keys) == ["model", "baseline-zero", "baseline-last", "baseline-mean"])
        #expect(outcome.split.gap == 1)
        #expect(outcome.split.train.last! < outcome.split.validation.first!)
        #expect(outcome.split.validation.last! < outcome.split.test.first!)
        let hyperparameters = String(decoding: outcome.plugin.hyperparameters, as: UTF8.self)
        #expect(hyperparameters.contains(#""alpha":0.0001"#))
        #expect(outcome.data.files.map(\.name) == ["SPX.csv"])

        // The financial side: the test-split signals traded, beside holding SPX over the same closes.
        let financial = try #require(outcome.evaluation.financial)
        #expect(Set(financial.keys) == ["model", "buy_and_hold"])
        #expect(financial["model"]?["sharpe"] != nil && financial["model"]?["var_95"] != nil)
        let closes = try String(contentsOfFile: Self.data("SPX.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .reduce(into: [String: Double]()) { table, line in
                let cells = line.split(separator: ",")
                table[String(cells[0])] = Double(cells[4])
            }
        let first = try #require(closes[outcome.split.test.first!.description])
        let last = try #require(closes[outcome.split.test.last!.description])
        #expect(abs((financial["buy_and_hold"]?["total_return"] ?? 0) - (last / first - 1)) < 1e-9)
    }

    @Test func trainingIsDeterministic() throws {
        var job = TrainingJob(input: .market(dataPaths: [Self.data("GOOG.csv")], reference: Self.data("WTI.csv")), pluginID: "logistic")
        job.target = "next_direction"
        let first = try job.run(registry: Self.registry, logger: Self.quiet)
        let second = try job.run(registry: Self.registry, logger: Self.quiet)
        #expect(Safetensors.encode(first.plugin.model.tensors) == Safetensors.encode(second.plugin.model.tensors))
        #expect(first.evaluation == second.evaluation)
        #expect(first.evaluation.benchmark == 0.5)
        // A 0/1 target is judged against its majority class, not against returns read as directions.
        #expect(Set(first.evaluation.test.keys) == ["model", "baseline-zero", "baseline-mean", "baseline-majority"])
        #expect(first.evaluation.skippedBaselines["baseline-last"]?.contains("baseline-majority stands in") == true)
        let upShare = first.evaluation.test["baseline-majority"]?["directional_accuracy"] ?? 0
        #expect(upShare > 0.5, "GOOG went up on most test days, and always-up scores that share")
    }

    @Test func severalInstrumentsShareTheSplitDates() throws {
        let job = TrainingJob(input: .market(dataPaths: [Self.data("SPX.csv"), Self.data("GOOG.csv")], reference: nil), pluginID: "lasso")
        let outcome = try job.run(registry: Self.registry, logger: Self.quiet)
        // Every test row (either instrument) comes after every training row.
        #expect(outcome.split.train.last! < outcome.split.test.first!)
        #expect(outcome.data.files.count == 2)
    }

    @Test func refusesWhatCannotBeTrained() throws {
        let mixed = TrainingJob(
            input: .market(dataPaths: [Self.data("SPX.csv"), Self.data("EURUSD-1h.csv")], reference: nil), pluginID: "lasso")
        let frequencies = try #require(throws: FerryError.self) { try mixed.run(registry: Self.registry, logger: Self.quiet) }
        #expect(frequencies.description.contains("different frequencies"))
        var target = TrainingJob(input: .market(dataPaths: [Self.data("SPX.csv")], reference: nil), pluginID: "lasso")
        target.target = "tomorrow"
        let targetError = try #require(throws: FerryError.self) { try target.run(registry: Self.registry, logger: Self.quiet) }
        #expect(targetError.description.contains("next_return, next_direction, forward_return_5"))
        var unknown = TrainingJob(input: .market(dataPaths: [Self.data("SPX.csv")], reference: nil), pluginID: "lasso")
        unknown.overrides = ["alpah": "1"]
        let parameterError = try #require(throws: HyperparameterError.self) { try unknown.run(registry: Self.registry, logger: Self.quiet) }
        #expect(parameterError.description.contains("'alpah'"))
        let missing = TrainingJob(input: .market(dataPaths: [Self.data("SPX.csv")], reference: nil), pluginID: "lstm")
        #expect(throws: PluginRegistryError.self) { try missing.run(registry: Self.registry, logger: Self.quiet) }
    }

    @Test func trainsOnAPlainTableAndKeepsTheRun() throws {
        let table = Self.repository.appendingPathComponent("Tests/DataTests/Fixtures/table_good.csv").path
        var job = TrainingJob(input: .table(path: table), pluginID: "lasso")
        job.target = "y"
        job.overrides = ["alpha": "0.01"]
        let outcome = try job.run(registry: Self.registry, logger: Self.quiet)
        #expect(outcome.schema.featureNames == ["x1", "x2"])
        #expect(outcome.evaluation.skippedBaselines["baseline-last"] != nil, "no return_1 column in a plain table")
        #expect(outcome.evaluation.financial == nil && outcome.evaluation.financialSkipped == "no return_1 feature to trade on")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-runs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        let record = try store.save(outcome)
        let again = try store.save(outcome)
        #expect(record.id != again.id, "two runs in the same second get distinct ids")
        #expect(try store.latest().id == again.id, "the same second: the one written last")
        // Written later wins over the id's order (two plugins' runs in one second sort by name otherwise).
        let first = (directory as NSString).appendingPathComponent("\(record.id)/run.json")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: first)
        #expect(try store.latest().id == record.id)
        #expect(try store.record(id: record.id) == record)
        let model = try store.model(of: record, registry: Self.registry)
        let rows = try NumericRows.frame(table)
        #expect(try model.predict(rows) == outcome.plugin.model.predict(rows))
        #expect(throws: FerryError.self) { try store.record(id: "nope") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.hasPrefix(".") })
    }
}

/// The fixture table's feature columns, for predictions.
enum NumericRows {
    static func frame(_ path: String) throws -> Frame {
        try NumericTableReader().read(path).selecting(["x1", "x2"])
    }
}
