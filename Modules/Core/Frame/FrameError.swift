/// Why a ``Frame`` (or a series) could not be built or read as asked.
public struct FrameError: Error, Equatable, CustomStringConvertible {
    private enum Kind: Equatable {
        case lengthMismatch(column: String, expected: Int, actual: Int)
        case duplicateColumn(String)
        case unknownColumn(String, available: [String])
    }

    private let kind: Kind

    /// A column whose length differs from the index's.
    public static func lengthMismatch(column: String, expected: Int, actual: Int) -> FrameError {
        FrameError(kind: .lengthMismatch(column: column, expected: expected, actual: actual))
    }

    /// A column name given twice.
    public static func duplicateColumn(_ name: String) -> FrameError { FrameError(kind: .duplicateColumn(name)) }

    /// A column asked for by name that the frame does not have.
    public static func unknownColumn(_ name: String, available: [String]) -> FrameError {
        FrameError(kind: .unknownColumn(name, available: available))
    }

    public var description: String {
        switch kind {
        case let .lengthMismatch(column, expected, actual):
            return "column '\(column)' has \(actual) values but the index has \(expected)"
        case let .duplicateColumn(name):
            return "column '\(name)' appears more than once"
        case let .unknownColumn(name, available):
            return "no column '\(name)'; the frame has: \(available.joined(separator: ", "))"
        }
    }
}
