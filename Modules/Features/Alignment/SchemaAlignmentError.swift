/// An inference table cannot be made to fit the schema.
public struct SchemaAlignmentError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable {
        case missingFeatures([String])
        case extraColumns([String])
        case notANumber(text: String, line: Int, column: String)
        case notADate(text: String, line: Int)
        case wrongCellCount(line: Int, count: Int, expected: Int)
    }

    private let kind: Kind
    /// Where the table came from.
    public let source: String

    static func missingFeatures(_ names: [String], source: String) -> Self { Self(kind: .missingFeatures(names), source: source) }
    static func extraColumns(_ names: [String], source: String) -> Self { Self(kind: .extraColumns(names), source: source) }
    static func notANumber(_ text: String, line: Int, column: String, source: String) -> Self {
        Self(kind: .notANumber(text: text, line: line, column: column), source: source)
    }
    static func notADate(_ text: String, line: Int, source: String) -> Self {
        Self(kind: .notADate(text: text, line: line), source: source)
    }
    static func wrongCellCount(line: Int, count: Int, expected: Int, source: String) -> Self {
        Self(kind: .wrongCellCount(line: line, count: count, expected: expected), source: source)
    }

    public var description: String {
        switch kind {
        case let .missingFeatures(names):
            return
                "\(source): missing feature\(names.count == 1 ? "" : "s") \(names.map { "'\($0)'" }.joined(separator: ", ")) (strict alignment refuses them)"
        case let .extraColumns(names):
            return
                "\(source): column\(names.count == 1 ? "" : "s") \(names.map { "'\($0)'" }.joined(separator: ", ")) not in the schema (strict alignment refuses them)"
        case let .notANumber(text, line, column):
            return "\(source):\(line): \(column) '\(text)' is not a finite number"
        case let .notADate(text, line):
            return "\(source):\(line): Date '\(text)' is not a date"
        case let .wrongCellCount(line, count, expected):
            return "\(source):\(line): row has \(count) cells, the header has \(expected)"
        }
    }
}
