import FerryCore

/// A split could not be made as asked, or would leak the future into training.
public struct SplitError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable {
        case invalidFraction(name: String, value: Double)
        case tooFewRows(set: String, rows: Int)
        case datesOutOfOrder(first: String, firstDate: Timestamp, second: String, secondDate: Timestamp)
        case leakage(set: String, row: Int, date: Timestamp, trainEnd: Timestamp)
        case invalidFolds(String)
    }

    private let kind: Kind

    static func invalidFraction(_ name: String, _ value: Double) -> SplitError {
        SplitError(kind: .invalidFraction(name: name, value: value))
    }

    static func tooFewRows(_ set: String, rows: Int) -> SplitError { SplitError(kind: .tooFewRows(set: set, rows: rows)) }

    static func datesOutOfOrder(_ first: String, _ firstDate: Timestamp, _ second: String, _ secondDate: Timestamp) -> SplitError {
        SplitError(kind: .datesOutOfOrder(first: first, firstDate: firstDate, second: second, secondDate: secondDate))
    }

    static func leakage(set: String, row: Int, date: Timestamp, trainEnd: Timestamp) -> SplitError {
        SplitError(kind: .leakage(set: set, row: row, date: date, trainEnd: trainEnd))
    }

    static func invalidFolds(_ reason: String) -> SplitError { SplitError(kind: .invalidFolds(reason)) }

    /// Whether this error is the leakage guard refusing a split.
    public var isLeakage: Bool {
        if case .leakage = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case let .invalidFraction(name, value):
            return "\(name) fraction \(value) is outside (0, 1), or the fractions add up to 1 or more and leave no test rows"
        case let .tooFewRows(set, rows):
            return "the \(set) set would have \(rows) rows; it needs at least 1"
        case let .datesOutOfOrder(first, firstDate, second, secondDate):
            return "\(second) start \(secondDate) must come after \(first) start \(firstDate)"
        case let .leakage(set, row, date, trainEnd):
            return "leakage: \(set) row \(row) (\(date)) is not after the end of training (\(trainEnd))"
        case let .invalidFolds(reason):
            return "walk-forward folds: \(reason)"
        }
    }
}
