import FerryBundle
import FerryCore
import FerryModels

/// What `ferry inspect` shows of a bundle: its manifest, schema, pipeline, environment, metrics,
/// golden pairs, signer and tensor shapes, read after the integrity check (the model is not
/// loaded). Encoded with the keys the bundle's files have (docs/bundle-format.md): as declared
/// for format 1, `snake_case` (``jsonKeys``) for format 2.
public struct BundleInspection: Encodable, Sendable {
    /// Name, version, plugin, target, training data and format.
    public let manifest: BundleManifest
    /// The features the model reads, in order.
    public let schema: FeatureSchema
    /// The feature pipeline it was trained with, when it was trained on bars.
    public let pipeline: JSONValue?
    /// The machine and libraries it was made with.
    public let environment: EnvironmentManifest
    /// The validation and test metrics.
    public let metrics: JSONValue
    /// The id of the key that signed it, or `nil` when unsigned.
    public let signer: String?
    /// Every tensor's shape, by name.
    public let tensors: [String: [Int]]
    /// The golden input/output pairs a reload must reproduce, and their tolerance.
    public let golden: GoldenSet

    /// How the JSON encoder must spell keys so they read as the bundle's own files do.
    public var jsonKeys: FerryJSON.Keys { manifest.formatVersion >= 2 ? .snakeCase : .asDeclared }

    private enum CodingKeys: String, CodingKey {
        case manifest, schema, pipeline, environment, metrics, signer, tensors, golden
    }

    /// Encodes every part; the metrics and the pipeline, kept as JSON trees whose keys no key
    /// strategy reaches, are spelled as the bundle's files spell them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let version = manifest.formatVersion
        try container.encode(manifest, forKey: .manifest)
        try container.encode(schema, forKey: .schema)
        try container.encode(
            pipeline.map { BundleLayout.asWritten($0, file: BundleLayout.schema, under: ["pipeline"], formatVersion: version) },
            forKey: .pipeline)
        try container.encode(environment, forKey: .environment)
        try container.encode(BundleLayout.asWritten(metrics, file: BundleLayout.metrics, formatVersion: version), forKey: .metrics)
        try container.encode(signer, forKey: .signer)
        try container.encode(tensors, forKey: .tensors)
        try container.encode(golden, forKey: .golden)
    }

    /// Reads the bundle at `path`.
    /// - Returns: What it holds.
    /// - Throws: ``FerryError`` `notFound` when there is no file at `path`; ``BundleError``
    ///   (integrity) when the archive or its checksums do not hold.
    public static func read(_ path: String) throws -> BundleInspection {
        try BundleLoader.requireFile(path)
        let opened = try BundleReader().read(path)
        let contents = opened.contents
        return BundleInspection(
            manifest: contents.manifest, schema: contents.schema, pipeline: contents.pipeline, environment: contents.environment,
            metrics: contents.metrics, signer: opened.signer, tensors: contents.tensors.mapValues(\.shape), golden: contents.golden)
    }
}
