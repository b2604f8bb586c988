import Foundation

/// Decoding errors as one line naming the field, for 400 responses.
enum RequestErrors {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context): "field '\(path(context.codingPath + [key]))' is missing"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            context.codingPath.isEmpty
                ? "the body must be a JSON object: \(context.debugDescription)"
                : "field '\(path(context.codingPath))': \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            context.codingPath.isEmpty ? "not valid JSON" : "field '\(path(context.codingPath))': \(context.debugDescription)"
        default: "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }
}
