import FerryCore
import FerryData

/// The walk-forward folds of a tuning run, cut by date so that several instruments share them:
/// the dates before the test split are split by ``WalkForward`` (each fold trains on earlier
/// dates, less a gap, and is scored on the block after), and each fold takes every instrument's
/// rows on its dates.
struct TuningFolds {
    /// One fold's rows, from every instrument.
    struct Fold {
        let number: Int
        let train: Frame
        let test: Frame
        /// The first and last date of its training and scored rows.
        let summary: TuningOutcome.Fold
    }

    private let folds: [Fold]

    /// The folds of `plan` over `design`'s rows dated before `testStart`.
    init(design: TrainingDesign, before testStart: Timestamp, plan: WalkForward) throws {
        let dates = Array(Set(design.blocks.flatMap { $0.index.filter { $0 < testStart } })).sorted()
        let ranges: [WalkForwardFold]
        do {
            ranges = try plan.folds(over: dates)
        } catch let refused as SplitError {
            throw FerryError(
                .invalidArgument, "the dates before the test split cannot be cut into folds: \(refused)", field: "folds", cause: refused)
        }
        folds = try ranges.map { range in
            let train = try Self.rows(of: design, from: dates[range.train.lowerBound], through: dates[range.train.upperBound - 1])
            let test = try Self.rows(of: design, from: dates[range.test.lowerBound], through: dates[range.test.upperBound - 1])
            return Fold(
                number: range.number, train: train, test: test,
                summary: TuningOutcome.Fold(
                    number: range.number, trainFrom: dates[range.train.lowerBound].iso8601,
                    trainThrough: dates[range.train.upperBound - 1].iso8601, scoredFrom: dates[range.test.lowerBound].iso8601,
                    scoredThrough: dates[range.test.upperBound - 1].iso8601, trainRows: train.rowCount, scoredRows: test.rowCount))
        }
    }

    /// How many folds.
    var count: Int { folds.count }

    /// The folds' dates and sizes, for the outcome.
    var summaries: [TuningOutcome.Fold] { folds.map(\.summary) }

    /// `transform` of every fold, in order.
    func map<Value>(_ transform: (Fold) throws -> Value) rethrows -> [Value] { try folds.map(transform) }

    /// Fold `index` (from 0).
    subscript(index: Int) -> Fold { folds[index] }

    /// Every instrument's rows dated `first...last`.
    private static func rows(of design: TrainingDesign, from first: Timestamp, through last: Timestamp) throws -> Frame {
        try Frame.concatenating(
            design.blocks.map { block in
                let start = block.index.firstIndex { $0 >= first } ?? block.index.count
                let end = block.index.firstIndex { $0 > last } ?? block.index.count
                return block.rows(start..<max(start, end))
            })
    }
}
