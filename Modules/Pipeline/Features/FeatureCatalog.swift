import FerryCore
import FerryFeatures
import Foundation

/// The feature pipelines a front end can name: the standard set, or a description in a JSON file,
/// read and validated here so every front end refuses a bad file the same way (naming the file
/// and the field at fault).
///
/// ```swift
/// let pipeline = try FeatureCatalog.pipeline(file: "my-features.json")   // nil: the standard set
/// for entry in FeatureCatalog.entries(of: pipeline) { print(entry.name, entry.lookback) }
/// ```
public enum FeatureCatalog {
    /// One feature of a pipeline, as `ferry features list` shows it.
    public struct Entry: Encodable, Sendable, Equatable {
        /// The column name (`sma_20`).
        public let name: String
        /// The feature's kind (`sma`).
        public let kind: String
        /// Its periods.
        public let periods: [Int]
        /// How many rows it needs before its first value.
        public let lookback: Int
        /// What it computes.
        public let formula: String
    }

    /// The pipeline `file` names (`standard`, `standard-stationary`) or describes (a JSON file),
    /// or the standard one when `file` is `nil`; a named one reads the reference series only when `withReference`.
    /// - Returns: The validated pipeline.
    /// - Throws: ``FerryError`` `invalidData` naming the file and the field at fault.
    public static func pipeline(file: String?, withReference: Bool = true) throws -> FeaturePipeline {
        guard let file else { return FeaturePipeline.standard(withReference: withReference) }
        return try FeaturePipeline.named(file, withReference: withReference) ?? read(file)
    }

    /// Every feature column of `pipeline`, in order.
    public static func entries(of pipeline: FeaturePipeline) -> [Entry] {
        pipeline.features.flatMap { spec in
            spec.names.map {
                Entry(name: $0, kind: spec.kind.rawValue, periods: spec.periods, lookback: spec.lookback, formula: spec.formula)
            }
        }
    }

    /// Reads and validates the pipeline description in `path`.
    static func read(_ path: String) throws -> FeaturePipeline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FerryError(.notFound, "\(path): cannot be read")
        }
        let pipeline: FeaturePipeline
        do {
            pipeline = try JSONDecoder().decode(FeaturePipeline.self, from: data)
        } catch let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context),
            let DecodingError.valueNotFound(_, context)
        {
            let field = fieldPath(context.codingPath)
            let known = field.hasSuffix("kind") ? " (known kinds: \(FeatureKind.allCases.map(\.rawValue).joined(separator: ", ")))" : ""
            throw FerryError(
                .invalidData, "\(path): \(field.isEmpty ? "not JSON" : field): \(context.debugDescription)\(known)", field: field)
        } catch let DecodingError.keyNotFound(key, context) {
            let field = fieldPath(context.codingPath + [key])
            throw FerryError(.invalidData, "\(path): \(field): missing", field: field)
        }
        do { try pipeline.validate() } catch { throw FerryError(.invalidData, "\(path): \(error)") }
        return pipeline
    }

    /// `features[1].kind` for a decoding path.
    private static func fieldPath(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}
