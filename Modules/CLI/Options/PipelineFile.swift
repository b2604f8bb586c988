import FerryFeatures
import Foundation

/// Reads a feature pipeline description from a JSON file, naming the file and the field at fault.
enum PipelineFile {
    static func read(_ path: String) throws -> FeaturePipeline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineFileError(message: "\(path): cannot be read")
        }
        let pipeline: FeaturePipeline
        do {
            pipeline = try JSONDecoder().decode(FeaturePipeline.self, from: data)
        } catch let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context),
            let DecodingError.valueNotFound(_, context)
        {
            let field = Self.path(context.codingPath)
            let known = field.hasSuffix("kind") ? " (known kinds: \(FeatureKind.allCases.map(\.rawValue).joined(separator: ", ")))" : ""
            throw PipelineFileError(message: "\(path): \(field.isEmpty ? "not JSON" : field): \(context.debugDescription)\(known)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw PipelineFileError(message: "\(path): \(Self.path(context.codingPath + [key])): missing")
        }
        do { try pipeline.validate() } catch { throw PipelineFileError(message: "\(path): \(error)") }
        return pipeline
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}

/// A pipeline file could not be used.
struct PipelineFileError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
