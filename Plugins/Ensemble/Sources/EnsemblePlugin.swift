import FerryCore
import FerryModels
import Foundation

/// An ensemble of other plugins' models, weighted by their recent accuracy: each member's weight is
/// proportional to 1 / (its mean absolute error over the last `window` training rows).
///
/// Members are trained by id, with their default hyperparameters, on the same features. The
/// ensemble's tensors hold every member's tensors (prefixed `member.<k>.`) and the `weights`.
public struct EnsemblePlugin: CompositeModelPlugin {
    /// The ensemble's hyperparameters.
    public struct Hyperparameters: PluginHyperparameters {
        /// The member plugins' ids, in order.
        public var members = ["lasso", "ridge", "baseline-mean"]
        /// How many of the most recent training rows set the weights.
        public var window = 20

        public init() {}

        public func validate() throws {
            guard members.count >= 2, Set(members).count == members.count, !members.contains(EnsemblePlugin.id) else {
                throw HyperparameterError(
                    field: "members", value: members.joined(separator: ","), allowed: "two or more distinct plugin ids, not ensemble")
            }
            guard (1...100_000).contains(window) else {
                throw HyperparameterError(field: "window", value: "\(window)", allowed: "1...100000")
            }
        }
    }

    public static let id = "ensemble"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Weighted ensemble of other plugins; weights follow inverse recent error."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws -> any TrainedModel {
        try hyperparameters.validate()
        guard let registry = context.plugins else {
            throw TrainingDataError("the ensemble needs the plugin registry in its training context")
        }
        let recent = max(0, data.features.rowCount - hyperparameters.window)..<data.features.rowCount
        let recentFeatures = data.features.rows(recent)
        let recentTarget = Array(data.target[recent])
        var members: [any TrainedModel] = []
        var inverseErrors: [Double] = []
        for (position, id) in hyperparameters.members.enumerated() {
            let member = try registry.train(id: id, on: data, context: context).model
            let predictions = try member.predict(recentFeatures)
            let error = zip(predictions, recentTarget).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(max(1, recentTarget.count))
            members.append(member)
            inverseErrors.append(1 / max(error, 1e-12))
            context.progress(Double(position + 1) / Double(hyperparameters.members.count))
        }
        let total = inverseErrors.reduce(0, +)
        let schema = FeatureSchema(features: data.features.columnNames.map { FeatureField(name: $0) })
        return EnsembleModel(schema: schema, members: members, weights: inverseErrors.map { $0 / total })
    }

    public static func memberIDs(_ hyperparameters: Hyperparameters) -> [String] { hyperparameters.members }

    /// Ensembles load through the registry (``CompositeModelPlugin``); without one, loading is refused.
    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws -> any TrainedModel {
        throw TensorError(message: "an ensemble's members load through the plugin registry (PluginRegistry.load)")
    }

    public static func load(
        tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema, registry: PluginRegistry
    ) throws -> any TrainedModel {
        guard let weights = tensors["weights"], weights.shape == [hyperparameters.members.count] else {
            throw TensorError(message: "expected tensor 'weights' of shape [\(hyperparameters.members.count)]")
        }
        let members = try hyperparameters.members.enumerated().map { position, id in
            let prefix = MemberTensors.prefix(position)
            let own = Dictionary(
                uniqueKeysWithValues: tensors.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
            )
            return try registry.load(id: id, tensors: own, hyperparameters: registry.defaultHyperparameters(id: id), schema: schema)
        }
        let expected = Set(
            ["weights"]
                + members.enumerated().flatMap { position, member in member.tensors.keys.map { MemberTensors.prefix(position) + $0 } })
        guard Set(tensors.keys) == expected else {
            throw TensorError(message: "unexpected tensors: \(Set(tensors.keys).subtracting(expected).sorted().joined(separator: ", "))")
        }
        return EnsembleModel(schema: schema, members: members, weights: weights.values)
    }
}

/// A trained ensemble: the weighted sum of its members' predictions.
public struct EnsembleModel: TrainedModel {
    public let schema: FeatureSchema
    /// The members, in order.
    let members: [any TrainedModel]
    /// Their weights, summing to 1.
    public let weights: [Double]

    public func predict(_ features: Frame) throws -> [Double] {
        var total = [Double](repeating: 0, count: features.rowCount)
        for (member, weight) in zip(members, weights) {
            for (row, value) in try member.predict(features).enumerated() { total[row] += weight * value }
        }
        return total
    }

    /// The loosest of the members' tolerances (a float32 member loosens the whole).
    public var goldenTolerance: Double { members.map(\.goldenTolerance).max() ?? 1e-9 }

    public var tensors: [String: Tensor] {
        var all: [String: Tensor] = ["weights": .vector(weights)]
        for (position, member) in members.enumerated() {
            for (name, tensor) in member.tensors { all[MemberTensors.prefix(position) + name] = tensor }
        }
        return all
    }
}
