import FerryCore
import FerryModels
import FerryRisk

/// The financial side of an evaluation: the model's signals on the rows of the first instrument
/// (the test split, or a tuning fold's scored block), traded with ``SignalBacktest`` (one-period
/// lag; no costs unless given) on its `return_1` feature, beside buy-and-hold, measured with
/// ``ReturnStatistics``.
enum TestSplitBacktest {
    /// `model` and `buy_and_hold` statistics, or why there are none.
    static func measure(_ model: any TrainedModel, design: TrainingDesign, test: Frame, kind: TargetKind, costBasisPoints: Double = 0)
        throws -> Result<[String: MetricSet], SkipReason>
    {
        switch try trade(model, design: design, rows: test, kind: kind, costBasisPoints: costBasisPoints) {
        case let .failure(reason): return .failure(reason)
        case let .success((_, result)): return .success(try statistics(of: result))
        }
    }

    /// `model` (the signal traded) and `buy_and_hold` statistics of a backtest.
    static func statistics(of result: BacktestResult) throws -> [String: MetricSet] {
        let statistics = ReturnStatistics()
        return [
            "model": try statistics.statistics(returns: result.strategyReturns),
            "buy_and_hold": try statistics.statistics(returns: result.buyAndHoldReturns),
        ]
    }

    /// The trades themselves, period by period, with their dates (for equity curves), or why there are none.
    static func trade(_ model: any TrainedModel, design: TrainingDesign, rows test: Frame, kind: TargetKind, costBasisPoints: Double)
        throws -> Result<(dates: [Timestamp], result: BacktestResult), SkipReason>
    {
        let end = firstInstrumentEnd(test)
        // Without return_1 or two rows there is nothing to predict for: the reason comes from below.
        guard test[column: "return_1"] != nil, end >= 2 else {
            return try trade(predictions: [], rows: test, kind: kind, costBasisPoints: costBasisPoints)
        }
        let predictions = try model.predict(try design.trainingData(test.rows(0..<end)).features)
        return try trade(predictions: predictions, rows: test, kind: kind, costBasisPoints: costBasisPoints)
    }

    /// The trades of `predictions` already made for `test`'s rows (at least its first instrument's, in order).
    static func trade(predictions: [Double], rows test: Frame, kind: TargetKind, costBasisPoints: Double)
        throws -> Result<(dates: [Timestamp], result: BacktestResult), SkipReason>
    {
        guard let periodReturns = test[column: "return_1"] else { return .failure(SkipReason("no return_1 feature to trade on")) }
        let end = firstInstrumentEnd(test)
        guard end >= 2 else { return .failure(SkipReason("\(end) test row(s); a backtest needs two")) }
        let rows = test.rows(0..<end)
        let predictions = Array(predictions.prefix(end))
        let rule: PositionRule = kind == .direction ? .threshold(0.5) : .sign
        let result = try SignalBacktest(costBasisPoints: costBasisPoints).run(
            returns: Array(periodReturns[0..<end]), positions: predictions.map(rule.position(for:)))
        return .success((Array(rows.index), result))
    }

    /// Where the first instrument's rows end (several are stacked one after another; the first ends
    /// where the dates stop rising).
    private static func firstInstrumentEnd(_ test: Frame) -> Int {
        test.index.indices.dropFirst().first { test.index[$0] <= test.index[$0 - 1] } ?? test.rowCount
    }

    /// Why the financial metrics were left out.
    struct SkipReason: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
