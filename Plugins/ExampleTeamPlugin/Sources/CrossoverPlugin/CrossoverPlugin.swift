import FerryCore
import FerryModels

/// A moving-average crossover model: predicts `scale · sign(fast − slow)`, where `fast` and `slow`
/// are two feature columns (by default `sma_5` and `sma_20`) and `scale` is learned from training
/// data as the mean absolute target. An example of a team's own plugin.
public struct CrossoverPlugin: ModelPlugin {
    /// Which columns cross.
    public struct Hyperparameters: PluginHyperparameters {
        /// The fast moving average's column.
        public var fast = "sma_5"
        /// The slow moving average's column.
        public var slow = "sma_20"

        public init() {}

        public func validate() throws {
            guard !fast.isEmpty, !slow.isEmpty, fast != slow else {
                throw HyperparameterError(field: "fast", value: fast, allowed: "a column name other than slow (\(slow))")
            }
        }
    }

    public static let id = "crossover"
    public static let version = SemanticVersion(0, 1, 0)
    public static let summary = "Example team plugin: scale · sign(fast MA − slow MA)."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws -> any TrainedModel {
        try hyperparameters.validate()
        for column in [hyperparameters.fast, hyperparameters.slow] where data.features[column: column] == nil {
            throw TrainingDataError("the crossover plugin needs a '\(column)' feature column")
        }
        let scale = data.target.reduce(0) { $0 + abs($1) } / Double(max(1, data.target.count))
        context.progress(1)
        return CrossoverModel(
            schema: FeatureSchema(features: [FeatureField(name: hyperparameters.fast), FeatureField(name: hyperparameters.slow)]),
            scale: scale)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws -> any TrainedModel {
        guard let scale = tensors["scale"], scale.shape == [1], tensors.count == 1 else {
            throw TensorError(message: "expected exactly one tensor, 'scale' of shape [1]")
        }
        return CrossoverModel(
            schema: FeatureSchema(features: [FeatureField(name: hyperparameters.fast), FeatureField(name: hyperparameters.slow)]),
            scale: scale.values[0])
    }
}

/// A trained crossover model.
public struct CrossoverModel: TrainedModel {
    public let schema: FeatureSchema
    /// The size of every prediction.
    public let scale: Double

    public func predict(_ features: Frame) throws -> [Double] {
        let fast = try features.values(of: schema.featureNames[0])
        let slow = try features.values(of: schema.featureNames[1])
        return zip(fast, slow).map { $0 > $1 ? scale : ($0 < $1 ? -scale : 0) }
    }

    public var tensors: [String: Tensor] { ["scale": .vector([scale])] }
}
