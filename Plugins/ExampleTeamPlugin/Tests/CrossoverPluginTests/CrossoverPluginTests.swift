import CrossoverPlugin
import FerryCore
import FerryModels
import Testing

@Suite struct CrossoverPluginTests {
    static func data() throws -> TrainingData {
        let index = (0..<4).map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }
        let frame = try Frame(index: index, columns: [("sma_5", [2, 1, 3, 3]), ("sma_20", [1, 2, 3, 1]), ("rsi_14", [50, 50, 50, 50])])
        return try TrainingData(features: frame, target: [0.02, -0.01, 0.03, -0.02])
    }

    @Test func predictsTheSignOfTheCrossoverScaledByTheMeanMove() throws {
        let model = try CrossoverPlugin.train(on: Self.data(), hyperparameters: .init(), context: TrainingContext())
        #expect(try model.predict(Self.data().features) == [0.02, -0.02, 0, 0.02])
        let loaded = try CrossoverPlugin.load(tensors: model.tensors, hyperparameters: .init(), schema: model.schema)
        #expect(try loaded.predict(Self.data().features) == model.predict(Self.data().features))
    }

    @Test func refusesWhatItCannotUse() throws {
        var same = CrossoverPlugin.Hyperparameters()
        same.slow = "sma_5"
        #expect(throws: HyperparameterError.self) { try same.validate() }
        var missing = CrossoverPlugin.Hyperparameters()
        missing.fast = "ema_12"
        #expect(throws: TrainingDataError.self) {
            try CrossoverPlugin.train(on: Self.data(), hyperparameters: missing, context: TrainingContext())
        }
        #expect(throws: TensorError.self) {
            try CrossoverPlugin.load(tensors: [:], hyperparameters: .init(), schema: FeatureSchema(features: []))
        }
    }

    @Test func registersBesideOtherPlugins() throws {
        let registry = try PluginRegistry([CrossoverPlugin.self])
        let trained = try registry.train(id: "crossover", on: Self.data(), overrides: ["fast": "sma_5"], context: TrainingContext())
        #expect(trained.version == SemanticVersion(0, 1, 0))
    }
}
