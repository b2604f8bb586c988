import FerryCore
import Foundation

/// What training a plugin by id gave: the model and the exact hyperparameters used, as JSON.
public struct TrainedPlugin: Sendable {
    /// The plugin's id.
    public let id: String
    /// The plugin's version.
    public let version: SemanticVersion
    /// The trained model.
    public let model: any TrainedModel
    /// The hyperparameters the model was trained with, every field present (defaults included), as canonical JSON.
    public let hyperparameters: Data
}

extension PluginRegistry {
    /// Trains the plugin `id` on `data`, its defaults overridden by `overrides` (`alpha` → `0.01`).
    ///
    /// Override values are read as JSON numbers or booleans where they parse as such, else as
    /// strings. Throws ``HyperparameterError`` naming an unknown field (and listing the known ones),
    /// a value of the wrong type, or one out of range.
    public func train(
        id: String, on data: TrainingData, overrides: [String: String] = [:], context: TrainingContext
    ) throws -> TrainedPlugin {
        try train(plugin(id: id), data: data, overrides: overrides, context: context)
    }

    /// Rebuilds a model of plugin `id` from its tensors and the hyperparameters JSON it was trained with.
    public func load(id: String, tensors: [String: Tensor], hyperparameters: Data, schema: FeatureSchema) throws -> any TrainedModel {
        try load(plugin(id: id), tensors: tensors, hyperparameters: hyperparameters, schema: schema)
    }

    /// The default hyperparameters of plugin `id`, as canonical JSON.
    public func defaultHyperparameters(id: String) throws -> Data { try defaults(plugin(id: id)) }

    /// The member plugins' ids of a composite plugin `id` with `hyperparameters` (JSON), in order;
    /// `nil` for a plugin that is not composite.
    public func memberIDs(id: String, hyperparameters: Data) throws -> [String]? {
        guard let composite = try plugin(id: id) as? any CompositeModelPlugin.Type else { return nil }
        return try memberIDs(composite, hyperparameters: hyperparameters)
    }

    private func memberIDs<P: CompositeModelPlugin>(_ plugin: P.Type, hyperparameters: Data) throws -> [String] {
        P.memberIDs(try P.Hyperparameters(json: hyperparameters))
    }

    private func defaults<P: ModelPlugin>(_ plugin: P.Type) throws -> Data { try HyperparameterJSON.encode(P.Hyperparameters()) }

    private func train<P: ModelPlugin>(
        _ plugin: P.Type, data: TrainingData, overrides: [String: String], context: TrainingContext
    ) throws -> TrainedPlugin {
        let hyperparameters: P.Hyperparameters = try HyperparameterJSON.applying(overrides, to: P.Hyperparameters())
        try hyperparameters.validate()
        var context = context
        if context.plugins == nil { context.plugins = self }
        let model = try P.train(on: data, hyperparameters: hyperparameters, context: context)
        return TrainedPlugin(id: P.id, version: P.version, model: model, hyperparameters: try HyperparameterJSON.encode(hyperparameters))
    }

    private func load<P: ModelPlugin>(_ plugin: P.Type, tensors: [String: Tensor], hyperparameters: Data, schema: FeatureSchema) throws
        -> any TrainedModel
    {
        let decoded = try P.Hyperparameters(json: hyperparameters)
        try decoded.validate()
        if let composite = plugin as? any CompositeModelPlugin.Type {
            return try loadComposite(composite, tensors: tensors, hyperparameters: hyperparameters, schema: schema)
        }
        return try P.load(tensors: tensors, hyperparameters: decoded, schema: schema)
    }

    private func loadComposite<P: CompositeModelPlugin>(
        _ plugin: P.Type, tensors: [String: Tensor], hyperparameters: Data, schema: FeatureSchema
    )
        throws -> any TrainedModel
    {
        try P.load(tensors: tensors, hyperparameters: P.Hyperparameters(json: hyperparameters), schema: schema, registry: self)
    }
}

extension PluginHyperparameters {
    /// Reads hyperparameters from JSON laid over the defaults: a field the JSON leaves out keeps its
    /// default (so a bundle from an older plugin version still reads); an unknown field, or one of
    /// the wrong type, is refused by name.
    public init(json: Data) throws {
        guard case let .object(given) = try JSONDecoder().decode(JSONValue.self, from: json) else {
            throw HyperparameterError(field: "hyperparameters", value: "(not an object)", allowed: "a JSON object")
        }
        guard case var .object(fields) = try JSONDecoder().decode(JSONValue.self, from: HyperparameterJSON.encode(Self())) else {
            self.init()
            return
        }
        for (key, value) in given {
            guard fields[key] != nil else {
                throw HyperparameterError.unknownName(key, value: "(given)", known: Array(fields.keys))
            }
            fields[key] = value
        }
        self = try HyperparameterJSON.decode(Self.self, from: .object(fields))
    }
}

/// Hyperparameters to and from canonical JSON, with `key=value` overrides.
enum HyperparameterJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func applying<H: PluginHyperparameters>(_ overrides: [String: String], to defaults: H) throws -> H {
        guard !overrides.isEmpty else { return defaults }
        guard case var .object(fields) = try JSONDecoder().decode(JSONValue.self, from: encode(defaults)) else { return defaults }
        for (key, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let current = fields[key] else {
                throw HyperparameterError.unknownName(key, value: text, known: Array(fields.keys))
            }
            guard let replaced = current.replaced(by: text) else {
                let kind = if case .bool = current { "true or false" } else { "a number" }
                throw HyperparameterError.wrongType(key, value: text, expected: kind)
            }
            fields[key] = replaced
        }
        return try decode(H.self, from: .object(fields))
    }

    /// Decodes `value` as `H`, naming the field whose value has the wrong type.
    static func decode<H: Decodable>(_ type: H.Type, from value: JSONValue) throws -> H {
        do {
            return try JSONDecoder().decode(H.self, from: encode(value))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
            let DecodingError.valueNotFound(_, context)
        {
            let field = context.codingPath.last?.stringValue ?? "?"
            var shown = "?"
            if case let .object(fields) = value, let given = fields[field] {
                shown = String(decoding: (try? encode(given)) ?? Data(), as: UTF8.self)
            }
            throw HyperparameterError(field: field, value: shown, allowed: context.debugDescription)
        }
    }
}
