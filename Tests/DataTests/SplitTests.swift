// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import FerryData
import Testing

/// Chronological splits, walk-forward folds, and the leakage guard behind both.
@Suite struct SplitTests {
    /// `count` consecutive days from 2020-01-01.
    static func days(_ count: Int) -> [Timestamp] {
        let start = Timestamp(year: 2020, month: 1, day: 1)!
        return (0..<count).map { start.adding(seconds: Int64($0) * Timestamp.secondsPerDay) }
    }

    @Test func byFraction() throws {
        let split = try ChronologicalSplit.byFraction(Self.days(100))
        #expect(split.train == 0..<70)
        #expect(split.validation == 70..<85)
        #expect(split.test == 85..<100)
    }

    @Test func gapPurgesRowsBeforeEachEvaluationSet() throws {
        let split = try ChronologicalSplit.byFraction(Self.days(100), gap: 5)
        #expect(split.train == 0..<70)
        #expect(split.validation == 75..<85)
        #expect(split.test == 90..<100)
    }

    @Test func byDate() throws {
        let days = Self.days(100)
        let split = try ChronologicalSplit.byDate(days, validationStart: days[60], testStart: days[80])
        #expect(split.train == 0..<60)
        #expect(split.validation == 60..<80)
        #expect(split.test == 80..<100)
        #expect(throws: SplitError.self) { try ChronologicalSplit.byDate(days, validationStart: days[80], testStart: days[60]) }
    }

    @Test(arguments: [(0.0, 0.15), (1.0, 0.1), (0.7, 0.0), (0.7, 0.3), (0.9, 0.2)])
    func refusesFractionsThatLeaveASetEmpty(_ train: Double, _ validation: Double) {
        #expect(throws: SplitError.self) { try ChronologicalSplit.byFraction(Self.days(100), train: train, validation: validation) }
    }

    @Test func refusesTooFewRows() {
        #expect(throws: SplitError.self) { try ChronologicalSplit.byFraction(Self.days(3)) }
    }

    @Test func leakageGuardRefusesRowsThatPrecedeTheEndOfTraining() throws {
        var days = Self.days(100)
        days.swapAt(10, 90)  // a late date lands in training, an early one in test
        let error = try #require(throws: SplitError.self) { try ChronologicalSplit.byFraction(days) }
        #expect(error.isLeakage)
        #expect(error.description.contains("validation row 70 (2020-03-11) is not after the end of training (2020-03-31)"))
    }

    @Test func leakageGuardRefusesAnEqualTimestamp() throws {
        let days = Self.days(10)
        let error = try #require(throws: SplitError.self) {
            try LeakageGuard.check(days + [days[9]], train: 0..<10, evaluation: 10..<11, name: "validation")
        }
        #expect(error.isLeakage)
    }

    /// Expected folds are scikit-learn's `TimeSeriesSplit` on 12 samples.
    @Test func walkForwardMatchesTimeSeriesSplit() throws {
        let days = Self.days(12)
        let expanding = try WalkForward(folds: 3).folds(over: days)
        #expect(expanding.map(\.train) == [0..<3, 0..<6, 0..<9])
        #expect(expanding.map(\.test) == [3..<6, 6..<9, 9..<12])
        let gapped = try WalkForward(folds: 3, gap: 1).folds(over: days)
        #expect(gapped.map(\.train) == [0..<2, 0..<5, 0..<8])
        let rolling = try WalkForward(folds: 3, maxTrainSize: 4).folds(over: days)
        #expect(rolling.map(\.train) == [0..<3, 2..<6, 5..<9])
        let sized = try WalkForward(folds: 2, testSize: 2).folds(over: days)
        #expect(sized.map(\.test) == [8..<10, 10..<12])
    }

    @Test func walkForwardRefusesImpossiblePlans() {
        #expect(throws: SplitError.self) { try WalkForward(folds: 0).folds(over: Self.days(12)) }
        #expect(throws: SplitError.self) { try WalkForward(folds: 3, testSize: 4).folds(over: Self.days(12)) }
        #expect(throws: SplitError.self) { try WalkForward(folds: 20).folds(over: Self.days(12)) }
    }
}
