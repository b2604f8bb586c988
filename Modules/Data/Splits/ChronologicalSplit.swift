import FerryCore

/// Row positions of a chronological train / validation / test split.
///
/// Training comes first, then validation, then test; `gap` rows are left out before validation
/// and before test (a purge for targets that look `gap` rows ahead). The leakage guard checks
/// the result against the timestamps.
public struct ChronologicalSplit: Sendable, Equatable, Codable {
    /// Training rows.
    public let train: Range<Int>
    /// Validation rows.
    public let validation: Range<Int>
    /// Test rows.
    public let test: Range<Int>

    /// Splits by shares of the rows: `train` and `validation` fractions, the rest for test.
    public static func byFraction(
        _ timestamps: [Timestamp], train: Double = 0.7, validation: Double = 0.15, gap: Int = 0
    ) throws -> ChronologicalSplit {
        guard train > 0, train < 1 else { throw SplitError.invalidFraction("train", train) }
        guard validation > 0, train + validation < 1 else { throw SplitError.invalidFraction("validation", validation) }
        let count = timestamps.count
        let trainEnd = Int((Double(count) * train).rounded(.down))
        let validationEnd = Int((Double(count) * (train + validation)).rounded(.down))
        return try ChronologicalSplit(timestamps, trainEnd: trainEnd, validationEnd: validationEnd, gap: gap)
    }

    /// Splits at dates: validation from the first row at or after `validationStart`, test from `testStart`.
    public static func byDate(
        _ timestamps: [Timestamp], validationStart: Timestamp, testStart: Timestamp, gap: Int = 0
    ) throws -> ChronologicalSplit {
        guard validationStart < testStart else {
            throw SplitError.datesOutOfOrder("validation", validationStart, "test", testStart)
        }
        let trainEnd = timestamps.firstIndex { $0 >= validationStart } ?? timestamps.count
        let validationEnd = timestamps.firstIndex { $0 >= testStart } ?? timestamps.count
        return try ChronologicalSplit(timestamps, trainEnd: trainEnd, validationEnd: validationEnd, gap: gap)
    }

    private init(_ timestamps: [Timestamp], trainEnd: Int, validationEnd: Int, gap: Int) throws {
        guard gap >= 0 else { throw SplitError.invalidFolds("gap \(gap) is negative") }
        train = 0..<trainEnd
        validation = min(trainEnd + gap, validationEnd)..<validationEnd
        test = min(validationEnd + gap, timestamps.count)..<timestamps.count
        for (name, rows) in [("train", train), ("validation", validation), ("test", test)] where rows.isEmpty {
            throw SplitError.tooFewRows(name, rows: 0)
        }
        try LeakageGuard.check(timestamps, train: train, evaluation: validation, name: "validation")
        try LeakageGuard.check(timestamps, train: train, evaluation: test, name: "test")
    }
}
