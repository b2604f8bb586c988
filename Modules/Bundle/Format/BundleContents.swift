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
    /// A composite's members, each a complete bundle written inside this one (`member-1.tar.gz`, …);
    /// their tensors are not in ``tensors``.
    public var members: [BundleContents]

    /// Makes the contents of a bundle.
    public init(
        manifest: BundleManifest, schema: FeatureSchema, pipeline: JSONValue?, tensors: [String: Tensor], environment: EnvironmentManifest,
        metrics: JSONValue, golden: GoldenSet, modelCard: String, members: [BundleContents] = []
    ) {
        self.manifest = manifest
        self.schema = schema
        self.pipeline = pipeline
        self.tensors = tensors
        self.environment = environment
        self.metrics = metrics
        self.golden = golden
        self.modelCard = modelCard
        self.members = members
    }

    /// The bytes of each checked file, by file name, in the current format's spelling.
    func files() throws -> [String: Data] {
        var schemaObject = try JSONValue.decoding(FerryJSON.encoder().encode(schema))
        if case var .object(fields) = schemaObject {
            fields["pipeline"] = pipeline ?? .null
            schemaObject = .object(fields)
        }
        return [
            BundleLayout.manifest: try BundleJSON.encode(manifest, file: BundleLayout.manifest),
            BundleLayout.schema: try BundleJSON.encode(schemaObject, file: BundleLayout.schema),
            BundleLayout.weights: Data(Safetensors.encode(tensors)),
            BundleLayout.environment: try BundleJSON.encode(environment, file: BundleLayout.environment),
            BundleLayout.metrics: try BundleJSON.encode(metrics, file: BundleLayout.metrics),
            BundleLayout.golden: try BundleJSON.encode(golden, file: BundleLayout.golden),
            BundleLayout.modelCard: Data(modelCard.utf8),
        ]
    }
}

/// Canonical JSON for bundle files: sorted keys, two-space indentation, a final newline, keys
/// spelled as the format version spells them (``BundleKeys``).
enum BundleJSON {
    static func encode(_ value: some Encodable, file: String) throws -> Data {
        if let tree = value as? JSONValue {
            return try FerryJSON.encoder(pretty: true).encode(BundleKeys.renamed(tree, file: file, .toFile)) + Data("\n".utf8)
        }
        return try BundleKeys.encoder(file: file).encode(value) + Data("\n".utf8)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, file: String, formatVersion: Int) throws -> T {
        do {
            let decoder = BundleKeys.decoder(file: file, formatVersion: formatVersion)
            if formatVersion >= 2, T.self == JSONValue.self,
                let tree = BundleKeys.renamed(try decoder.decode(JSONValue.self, from: data), file: file, .toSwift) as? T
            {
                return tree
            }
            return try decoder.decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            let field = BundleKeys.spelled(context.codingPath + [key], file: file, formatVersion: formatVersion)
            throw BundleError.malformed(file, "missing field \(field)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            let field = BundleKeys.spelled(context.codingPath, file: file, formatVersion: formatVersion)
            throw BundleError.malformed(file, field.isEmpty ? "not valid JSON" : "field \(field): \(context.debugDescription)")
        }
    }
}

extension JSONValue {
    /// The JSON value in `data`.
    static func decoding(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
}
