import FerryCore
import FerryModels
import Foundation

/// Everything a bundle holds, in memory: what ``BundleWriter`` writes and ``BundleReader`` reads back.
public struct BundleContents: Sendable {
    /// `manifest.json`.
    public var manifest: BundleManifest
    /// The schema part of `schema.json`: ordered features with dtypes and training ranges, target, frequency, alignment policy.
    public var schema: FeatureSchema
    /// The feature pipeline part of `schema.json`, which recomputes the features from raw bars (absent for plain tables).
    public var pipeline: JSONValue?
    /// `weights.safetensors`: every tensor of the model.
    public var tensors: [String: Tensor]
    /// `environment.json`.
    public var environment: EnvironmentManifest
    /// `metrics.json`: validation and test metrics; the validation metrics are monitoring's baseline.
    public var metrics: JSONValue
    /// `golden.json`: input rows and the outputs the model gave.
    public var golden: GoldenSet
    /// `MODEL_CARD.md`.
    public var modelCard: String

    /// Makes the contents of a bundle.
    public init(
        manifest: BundleManifest, schema: FeatureSchema, pipeline: JSONValue?, tensors: [String: Tensor], environment: EnvironmentManifest,
        metrics: JSONValue, golden: GoldenSet, modelCard: String
    ) {
        self.manifest = manifest
        self.schema = schema
        self.pipeline = pipeline
        self.tensors = tensors
        self.environment = environment
        self.metrics = metrics
        self.golden = golden
        self.modelCard = modelCard
    }

    /// The bytes of each checked file, by file name.
    func files() throws -> [String: Data] {
        var schemaObject = try JSONValue.decoding(BundleJSON.encode(schema))
        if case var .object(fields) = schemaObject {
            fields["pipeline"] = pipeline ?? .null
            schemaObject = .object(fields)
        }
        return [
            BundleLayout.manifest: try BundleJSON.encode(manifest),
            BundleLayout.schema: try BundleJSON.encode(schemaObject),
            BundleLayout.weights: Data(Safetensors.encode(tensors)),
            BundleLayout.environment: try BundleJSON.encode(environment),
            BundleLayout.metrics: try BundleJSON.encode(metrics),
            BundleLayout.golden: try BundleJSON.encode(golden),
            BundleLayout.modelCard: Data(modelCard.utf8),
        ]
    }
}

/// Canonical JSON for bundle files: sorted keys, two-space indentation, a final newline.
enum BundleJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        try FerryJSON.encoder(pretty: true).encode(value) + Data("\n".utf8)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, file: String) throws -> T {
        do {
            return try FerryJSON.decoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw BundleError.malformed(file, "missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw BundleError.malformed(file, field.isEmpty ? "not valid JSON" : "field \(field): \(context.debugDescription)")
        }
    }
}

extension JSONValue {
    /// The JSON value in `data`.
    static func decoding(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
}
