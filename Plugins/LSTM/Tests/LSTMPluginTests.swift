import FerryCore
import FerryModels
import Foundation
import Logging
import Testing

@testable import FerryLSTM

/// The `lstm` and `attention-lstm` plugins: training learns, repeats for a seed, and reloads from its tensors.
@Suite struct LSTMPluginTests {
    /// `rows` daily rows of two features; the target is whether x's last two values sum above 0,
    /// which a model reading one row at a time cannot know.
    static func memoryTask(rows: Int = 400, binary: Bool = true) throws -> TrainingData {
        var generator = SeededGenerator(seed: 7)
        let x = (0..<rows).map { _ in Double(generator.uniform(1)) }
        let noise = (0..<rows).map { _ in Double(generator.uniform(1)) }
        let sums = (0..<rows).map { x[$0] + ($0 > 0 ? x[$0 - 1] : 0) }
        let frame = try Frame(
            index: (0..<rows).map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }, columns: [("x", x), ("noise", noise)])
        return try TrainingData(features: frame, target: binary ? sums.map { $0 > 0 ? 1 : 0 } : sums.map { $0 * 0.01 })
    }

    static func settings(_ change: (inout LSTMSettings) -> Void = { _ in }) -> LSTMPlugin.Hyperparameters {
        var hyperparameters = LSTMPlugin.Hyperparameters()
        hyperparameters.settings.variant = "lightweight"
        hyperparameters.settings.lookback = 4
        hyperparameters.settings.epochs = 25
        hyperparameters.settings.batchSize = 32
        hyperparameters.settings.learningRate = 0.01
        change(&hyperparameters.settings)
        return hyperparameters
    }

    /// A training context that logs only errors, so the epochs stay out of the test output.
    static func context(seed: UInt64 = 42, progress: @escaping @Sendable (Double) -> Void = { _ in }) -> TrainingContext {
        var logger = Logger(label: "ferry.test")
        logger.logLevel = .error
        return TrainingContext(seed: seed, logger: logger, progress: progress)
    }

    static func accuracy(_ predictions: [Double], _ target: [Double]) -> Double {
        Double(zip(predictions, target).filter { ($0 > 0.5) == ($1 == 1) }.count) / Double(target.count)
    }

    @Test func learnsWhatNeedsTheWindow() throws {
        let data = try Self.memoryTask()
        let model = try LSTMPlugin.train(on: data, hyperparameters: Self.settings(), context: Self.context(seed: 1))
        let predictions = try model.predict(data.features)
        #expect(predictions.allSatisfy { (0...1).contains($0) }, "a sigmoid head gives probabilities")
        #expect(Self.accuracy(predictions, data.target) > 0.9)
        let lstm = try #require(model as? LSTMModel)
        #expect(abs(try lstm.predictLast(data.features) - predictions[399]) < 1e-6, "the last row alone, from its window")
        #expect(abs(try lstm.predictLast(data.features.rows(0..<2)) - predictions[1]) < 1e-6, "a short history reads what it has")
    }

    @Test func sameSeedSameWeightsOtherSeedOtherWeights() throws {
        let data = try Self.memoryTask(rows: 120)
        let hyperparameters = Self.settings { $0.epochs = 2 }
        let first = try LSTMPlugin.train(on: data, hyperparameters: hyperparameters, context: Self.context(seed: 3)).tensors
        let again = try LSTMPlugin.train(on: data, hyperparameters: hyperparameters, context: Self.context(seed: 3)).tensors
        let other = try LSTMPlugin.train(on: data, hyperparameters: hyperparameters, context: Self.context(seed: 4)).tensors
        #expect(first == again)
        #expect(first["lstm.weight_hh_l0"] != other["lstm.weight_hh_l0"])
    }

    @Test func tensorsCarryPyTorchsNamesAndTheScaler() throws {
        let data = try Self.memoryTask(rows: 120)
        let model = try LSTMPlugin.train(
            on: data,
            hyperparameters: Self.settings {
                $0.epochs = 1
                $0.variant = "baseline"
            }, context: Self.context())
        let tensors = model.tensors
        #expect(
            Set(tensors.keys)
                == Set(LSTMShape(inputs: 2, hidden: 64, layers: 2).tensorShapes.map(\.name) + ["scaler.mean", "scaler.scale"]))
        #expect(tensors["lstm.weight_ih_l0"]?.shape == [256, 2] && tensors["lstm.weight_ih_l0"]?.dtype == .float32)
        let mean = try #require(tensors["scaler.mean"]?.values)
        #expect(abs(mean[0] - data.features[column: "x"]!.reduce(0, +) / 120) < 1e-12, "fitted on the training rows")
    }

    @Test(arguments: [false, true])
    func reloadsFromItsTensorsAndPredictsTheSame(attention: Bool) throws {
        let data = try Self.memoryTask(rows: 150, binary: false)
        let model: any TrainedModel
        if attention {
            var hyperparameters = AttentionLSTMPlugin.Hyperparameters()
            hyperparameters.settings = Self.settings { $0.epochs = 2 }.settings
            hyperparameters.heads = 4
            model = try AttentionLSTMPlugin.train(on: data, hyperparameters: hyperparameters, context: Self.context())
            #expect(model.tensors["attention.in_proj_weight"]?.shape == [96, 32])
            let loaded = try AttentionLSTMPlugin.load(tensors: model.tensors, hyperparameters: hyperparameters, schema: model.schema)
            #expect(try loaded.predict(data.features) == (try model.predict(data.features)))
        } else {
            let hyperparameters = Self.settings { $0.epochs = 2 }
            model = try LSTMPlugin.train(on: data, hyperparameters: hyperparameters, context: Self.context())
            #expect(model.tensors["target.scale"] != nil, "a linear head keeps the target's statistics")
            let loaded = try LSTMPlugin.load(tensors: model.tensors, hyperparameters: hyperparameters, schema: model.schema)
            #expect(try loaded.predict(data.features) == (try model.predict(data.features)))
        }
        let predictions = try model.predict(data.features)
        #expect(predictions.allSatisfy { $0.isFinite })
        #expect(abs(predictions.reduce(0, +) / 150) < 0.02, "in the target's units, not standardised")
    }

    @Test func aMissingFeatureRestartsTheWindowAndItsRowIsNaN() throws {
        let data = try Self.memoryTask(rows: 60)
        let model = try LSTMPlugin.train(on: data, hyperparameters: Self.settings { $0.epochs = 1 }, context: Self.context())
        let whole = try model.predict(data.features)
        var x = try data.features.values(of: "x")
        x[30] = .nan
        let gapped = try model.predict(
            try Frame(index: data.features.index, columns: [("x", x), ("noise", data.features.values(of: "noise"))]))
        #expect(gapped[30].isNaN)
        // Windows away from the gap read the same rows (batched differently, so BLAS may round differently).
        #expect(zip(gapped[..<30], whole[..<30]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(gapped[34...], whole[34...]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(abs(gapped[31] - whole[31]) > 1e-6, "row 31 starts a new run")
        // The first rows read the shorter windows they have: row 0 alone.
        let first = try model.predict(data.features.rows(0..<1))
        #expect(first == [whole[0]])
    }

    @Test func refusesTensorsThatDoNotFit() throws {
        let data = try Self.memoryTask(rows: 60)
        let hyperparameters = Self.settings { $0.epochs = 1 }
        let model = try LSTMPlugin.train(on: data, hyperparameters: hyperparameters, context: Self.context())
        var tensors = model.tensors
        tensors["lstm.bias_hh_l0"] = nil
        #expect(throws: TensorError(message: "LSTM weights have no tensor lstm.bias_hh_l0")) {
            try LSTMPlugin.load(tensors: tensors, hyperparameters: hyperparameters, schema: model.schema)
        }
        tensors = model.tensors
        tensors["extra"] = .vector([1])
        #expect(throws: TensorError.self) { try LSTMPlugin.load(tensors: tensors, hyperparameters: hyperparameters, schema: model.schema) }
        let baseline = Self.settings { $0.variant = "baseline" }
        let error = try #require(throws: TensorError.self) {
            try LSTMPlugin.load(tensors: model.tensors, hyperparameters: baseline, schema: model.schema)
        }
        #expect(error.message.contains("shape"))
        let linear = Self.settings { $0.head = "linear" }
        #expect(throws: TensorError.self) { try LSTMPlugin.load(tensors: model.tensors, hyperparameters: linear, schema: model.schema) }
    }

    @Test func refusesSettingsOutOfRange() throws {
        #expect(throws: HyperparameterError(field: "variant", value: "huge", allowed: "baseline, enhanced, lightweight")) {
            try Self.settings { $0.variant = "huge" }.validate()
        }
        #expect(throws: HyperparameterError.self) { try Self.settings { $0.dropout = 1 }.validate() }
        #expect(throws: HyperparameterError.self) { try Self.settings { $0.lookback = 0 }.validate() }
        var attention = AttentionLSTMPlugin.Hyperparameters()
        attention.heads = 5
        #expect(throws: HyperparameterError.self) { try attention.validate() }
        let data = try Self.memoryTask(rows: 60, binary: false)
        #expect(throws: TrainingDataError.self) {
            try LSTMPlugin.train(on: data, hyperparameters: Self.settings { $0.head = "sigmoid" }, context: Self.context())
        }
        let short = try TrainingData(features: data.features.rows(0..<3), target: Array(data.target[0..<3]))
        #expect(throws: TrainingDataError.self) {
            try LSTMPlugin.train(on: short, hyperparameters: Self.settings(), context: Self.context())
        }
    }

    @Test func earlyStoppingKeepsTheBestEpoch() throws {
        let data = try Self.memoryTask(rows: 200)
        let epochs = EpochCounter()
        let context = Self.context(seed: 1, progress: { epochs.record($0) })
        _ = try LSTMPlugin.train(
            on: data,
            hyperparameters: Self.settings {
                $0.epochs = 400
                $0.patience = 2
                $0.learningRate = 0.05
            }, context: context)
        #expect(epochs.count < 400, "stopped after \(epochs.count) epochs")
    }

    /// Counts progress reports below 1 (one per epoch).
    final class EpochCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var reports = 0
        func record(_ fraction: Double) {
            lock.lock()
            if fraction < 1 { reports += 1 }
            lock.unlock()
        }
        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return reports
        }
    }
}
