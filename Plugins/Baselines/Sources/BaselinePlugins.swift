import FerryCore
import FerryModels

/// Naive forecasts every evaluation reports beside the model, so nobody ships a model that
/// loses to doing nothing.
public enum Baselines {
    /// The baseline plugins, in the order reports list them.
    public static let plugins: [any ModelPlugin.Type] = [
        ZeroBaseline.self, LastReturnBaseline.self, MeanBaseline.self, MajorityClassBaseline.self,
    ]

    /// Whether `target` is a 0/1 direction (every value 0 or 1).
    static func isDirection(_ target: [Double]) -> Bool { !target.isEmpty && target.allSatisfy { $0 == 0 || $0 == 1 } }
}

/// Hyperparameters for baselines that take none.
public struct NoHyperparameters: PluginHyperparameters {
    public init() {}
    public func validate() throws {}
}

/// A baseline's trained form: a constant, or one input column passed through.
public struct BaselineModel: TrainedModel {
    public let schema: FeatureSchema
    /// The constant predicted, when there is one.
    let constant: Double?
    /// The column passed through, when there is one.
    let column: String?

    public func predict(_ features: Frame) throws -> [Double] {
        if let column { return try features.values(of: column) }
        return Array(repeating: constant ?? 0, count: features.rowCount)
    }

    public var tensors: [String: Tensor] { constant.map { ["mean": .vector([$0])] } ?? [:] }
}

/// Predicts a zero return (for direction targets: always "down or flat").
public struct ZeroBaseline: ModelPlugin {
    public static let isBaseline = true
    public static let id = "baseline-zero"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Naive baseline: predicts 0."

    public static func train(on data: TrainingData, hyperparameters: NoHyperparameters, context: TrainingContext) throws -> any TrainedModel
    {
        BaselineModel(schema: FeatureSchema(features: []), constant: nil, column: nil)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: NoHyperparameters, schema: FeatureSchema) throws -> any TrainedModel
    {
        guard tensors.isEmpty else { throw TensorError(message: "the zero baseline has no tensors") }
        return BaselineModel(schema: schema, constant: nil, column: nil)
    }
}

/// Predicts that the next return equals the last one (the `return_1` feature).
public struct LastReturnBaseline: ModelPlugin {
    public static let isBaseline = true
    /// The input column whose value is the forecast.
    public static let column = "return_1"
    public static let id = "baseline-last"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Naive baseline: predicts the last return (the return_1 feature)."

    public static func train(on data: TrainingData, hyperparameters: NoHyperparameters, context: TrainingContext) throws -> any TrainedModel
    {
        guard data.features[column: column] != nil else {
            throw TrainingDataError("the last-return baseline needs a '\(column)' feature column")
        }
        // A return is no forecast of a 0/1 direction: read as one it says "down" on every row.
        guard !Baselines.isDirection(data.target) else {
            throw TrainingDataError("the last-return baseline forecasts returns; for a 0/1 direction target baseline-majority stands in")
        }
        return BaselineModel(schema: FeatureSchema(features: [FeatureField(name: column)]), constant: nil, column: column)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: NoHyperparameters, schema: FeatureSchema) throws -> any TrainedModel
    {
        guard tensors.isEmpty, schema.featureNames.contains(column) else {
            throw TensorError(message: "the last-return baseline has no tensors and needs a '\(column)' feature")
        }
        return BaselineModel(schema: FeatureSchema(features: [FeatureField(name: column)]), constant: nil, column: column)
    }
}

/// Predicts the training target's historical mean.
public struct MeanBaseline: ModelPlugin {
    public static let isBaseline = true
    public static let id = "baseline-mean"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Naive baseline: predicts the training target's mean."

    public static func train(on data: TrainingData, hyperparameters: NoHyperparameters, context: TrainingContext) throws -> any TrainedModel
    {
        guard !data.target.isEmpty, data.target.allSatisfy(\.isFinite) else {
            throw TrainingDataError("the mean baseline needs a finite, non-empty target")
        }
        let mean = data.target.reduce(0, +) / Double(data.target.count)
        return BaselineModel(schema: FeatureSchema(features: []), constant: mean, column: nil)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: NoHyperparameters, schema: FeatureSchema) throws -> any TrainedModel
    {
        guard let mean = tensors["mean"], mean.shape == [1], tensors.count == 1 else {
            throw TensorError(message: "expected tensor 'mean' of shape [1]")
        }
        return BaselineModel(schema: schema, constant: mean.values[0], column: nil)
    }
}

/// Predicts the training rows' majority class of a 0/1 direction target ("always up" on most
/// equity data; 1 on a tie): the baseline a direction model must beat, where the last return and
/// zero always read "down".
public struct MajorityClassBaseline: ModelPlugin {
    public static let isBaseline = true
    public static let id = "baseline-majority"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Naive baseline for 0/1 targets: predicts the training rows' majority class."

    /// 0/1 direction targets only.
    public static func applies(toTarget values: [Double]) -> Bool { Baselines.isDirection(values) }

    public static func train(on data: TrainingData, hyperparameters: NoHyperparameters, context: TrainingContext) throws -> any TrainedModel
    {
        guard Baselines.isDirection(data.target) else {
            throw TrainingDataError("the majority-class baseline is for 0/1 direction targets; this target has other values")
        }
        let ups = data.target.filter { $0 == 1 }.count
        return BaselineModel(schema: FeatureSchema(features: []), constant: 2 * ups >= data.target.count ? 1 : 0, column: nil)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: NoHyperparameters, schema: FeatureSchema) throws -> any TrainedModel
    {
        guard let majority = tensors["mean"], majority.shape == [1], tensors.count == 1, majority.values[0] == 0 || majority.values[0] == 1
        else { throw TensorError(message: "expected tensor 'mean' of shape [1] holding the class, 0 or 1") }
        return BaselineModel(schema: schema, constant: majority.values[0], column: nil)
    }
}
