import FerryCore

/// Walk-forward folds: train on the past, test on the block that follows, then move on.
///
/// Follows scikit-learn's `TimeSeriesSplit`: `folds` test blocks of `testSize` rows
/// (by default `count / (folds + 1)`) at the end of the data; each fold trains on every row
/// before its block less `gap` (an expanding window), or on at most `maxTrainSize` of them (a
/// rolling window).
public struct WalkForward: Sendable, Equatable, Codable {
    /// How many folds to make.
    public var folds: Int
    /// Rows per test block; `nil` for `count / (folds + 1)`.
    public var testSize: Int?
    /// The most rows a fold trains on; `nil` for an expanding window.
    public var maxTrainSize: Int?
    /// Rows left out between each fold's training rows and its test block.
    public var gap: Int

    /// Makes a walk-forward plan; five expanding folds by default.
    public init(folds: Int = 5, testSize: Int? = nil, maxTrainSize: Int? = nil, gap: Int = 0) {
        self.folds = folds
        self.testSize = testSize
        self.maxTrainSize = maxTrainSize
        self.gap = gap
    }

    /// The folds over `timestamps`, each checked by the leakage guard.
    public func folds(over timestamps: [Timestamp]) throws -> [WalkForwardFold] {
        let count = timestamps.count
        guard folds >= 1 else { throw SplitError.invalidFolds("folds must be at least 1, not \(folds)") }
        guard gap >= 0 else { throw SplitError.invalidFolds("gap \(gap) is negative") }
        let blockSize = testSize ?? count / (folds + 1)
        guard blockSize >= 1 else {
            throw SplitError.invalidFolds("\(count) rows are too few for \(folds) folds")
        }
        guard count - gap - blockSize * folds > 0 else {
            throw SplitError.invalidFolds(
                "\(count) rows are too few for \(folds) test blocks of \(blockSize) rows and a gap of \(gap)")
        }
        return try (0..<folds).map { fold in
            let testStart = count - (folds - fold) * blockSize
            let trainEnd = testStart - gap
            let trainStart = maxTrainSize.map { max(0, trainEnd - $0) } ?? 0
            let result = WalkForwardFold(number: fold + 1, train: trainStart..<trainEnd, test: testStart..<(testStart + blockSize))
            try LeakageGuard.check(timestamps, train: result.train, evaluation: result.test, name: "fold \(fold + 1) test")
            return result
        }
    }
}

/// One walk-forward fold's rows.
public struct WalkForwardFold: Sendable, Equatable, Codable {
    /// The fold's 1-based number.
    public let number: Int
    /// Training rows.
    public let train: Range<Int>
    /// Test rows.
    public let test: Range<Int>
}
