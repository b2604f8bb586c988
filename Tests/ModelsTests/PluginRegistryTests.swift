import FerryCore
import FerryModels
import Testing

/// A model that predicts the training target's mean: enough to exercise the SDK.
struct MeanPlugin: ModelPlugin {
    struct Hyperparameters: PluginHyperparameters {
        var shrink = 0.0
        func validate() throws {
            guard (0...1).contains(shrink) else { throw HyperparameterError(field: "shrink", value: "\(shrink)", allowed: "0...1") }
        }
    }

    struct Model: TrainedModel {
        let schema: FeatureSchema
        let mean: Double
        func predict(_ features: Frame) throws -> [Double] { Array(repeating: mean, count: features.rowCount) }
        var tensors: [String: Tensor] { ["mean": .vector([mean])] }
    }

    static let id = "mean"
    static let version = SemanticVersion(1, 2, 0)
    static let summary = "Predicts the training mean."

    static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws -> any TrainedModel {
        try hyperparameters.validate()
        let mean = data.target.reduce(0, +) / Double(data.target.count) * (1 - hyperparameters.shrink)
        return Model(schema: FeatureSchema(features: data.features.columnNames.map { FeatureField(name: $0) }), mean: mean)
    }

    static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws -> any TrainedModel {
        guard let mean = tensors["mean"], mean.shape == [1] else { throw TensorError(message: "expected tensor 'mean' of shape [1]") }
        return Model(schema: schema, mean: mean.values[0])
    }
}

@Suite struct PluginRegistryTests {
    @Test func findsPluginsAndListsThemWhenOneIsMissing() throws {
        let registry = try PluginRegistry([MeanPlugin.self])
        #expect(try registry.plugin(id: "mean").version == SemanticVersion(1, 2, 0))
        let error = try #require(throws: PluginRegistryError.self) { try registry.plugin(id: "lstm") }
        #expect(error.description == "no plugin 'lstm' in this build; it has: mean 1.2.0")
        #expect(throws: PluginRegistryError.self) { try PluginRegistry([MeanPlugin.self, MeanPlugin.self]) }
    }

    @Test func trainsAndReloadsFromTensors() throws {
        let index = (0..<3).map { Timestamp(secondsSinceEpoch: Int64($0)) }
        let data = try TrainingData(features: try Frame(index: index, columns: [("x", [1, 2, 3])]), target: [1, 2, 6])
        let model = try MeanPlugin.train(on: data, hyperparameters: .init(), context: TrainingContext())
        let loaded = try MeanPlugin.load(tensors: model.tensors, hyperparameters: .init(), schema: model.schema)
        #expect(try loaded.predict(data.features) == [3, 3, 3])
        #expect(throws: FrameError.self) { try TrainingData(features: data.features, target: [1]) }
    }

    @Test func hyperparametersAreValidatedWithFieldAndRange() throws {
        let error = try #require(throws: HyperparameterError.self) { try MeanPlugin.Hyperparameters(shrink: 2).validate() }
        #expect(error.description == "hyperparameter 'shrink' = 2.0 is out of range (allowed: 0...1)")
    }

    @Test func semanticVersionsParseCompareAndGateReading() {
        #expect(SemanticVersion("1.2.3") == SemanticVersion(1, 2, 3))
        #expect(SemanticVersion("1.2") == nil)
        #expect(SemanticVersion("1.x.3") == nil)
        #expect(SemanticVersion(1, 2, 0).isReadable(by: SemanticVersion(1, 3, 0)))
        #expect(!SemanticVersion(1, 3, 0).isReadable(by: SemanticVersion(1, 2, 9)))
        #expect(!SemanticVersion(1, 0, 0).isReadable(by: SemanticVersion(2, 0, 0)))
    }

    @Test func tensorsMustFillTheirShape() {
        #expect(throws: TensorError.self) { try Tensor(shape: [2, 3], values: [1, 2, 3]) }
        #expect((try? Tensor(shape: [2, 2], values: [1, 2, 3, 4]))?.shape == [2, 2])
    }
}
