import FerryCore
import FerryModels
import FerryMonitoring
import FerryRisk

/// Scores a model on a fold's scored rows by a ``TuningMetric``, and trades its signal there
/// (``TestSplitBacktest``: the first instrument, one-period lag, costs) when the rows carry
/// `return_1`.
struct FoldScorer {
    let metric: TuningMetric
    let kind: TargetKind
    let design: TrainingDesign
    let costBasisPoints: Double

    /// The metrics kept of each backtest: the financial side a reviewer reads first.
    static let financialMetrics = ["sharpe", "max_drawdown", "hit_rate", "total_return"]

    /// A model's backtest on one fold: its statistics and buy-and-hold's.
    struct Trades {
        let model: [String: Double]
        let buyAndHold: [String: Double]
    }

    /// A model on one fold.
    struct Result {
        let score: Double
        /// `nil` where the rows have no `return_1` to trade on.
        let trades: Trades?
    }

    init(metric: TuningMetric, kind: TargetKind, design: TrainingDesign, costBasisPoints: Double) throws {
        if metric == .sharpe, kind == .direction {
            throw FerryError(.invalidArgument, "sharpe needs a return target; this one is a 0/1 direction", field: "metric")
        }
        guard costBasisPoints >= 0, costBasisPoints.isFinite else {
            throw FerryError(.invalidArgument, "the cost \(costBasisPoints) bps must be 0 or more", field: "cost")
        }
        (self.metric, self.kind, self.design, self.costBasisPoints) = (metric, kind, design, costBasisPoints)
    }

    /// `model`'s score and trades on `rows`.
    func evaluate(_ model: any TrainedModel, on rows: Frame) throws -> Result {
        let data = try design.trainingData(rows)
        // One prediction of the rows serves the score and the backtest.
        let predictions = try model.predict(data.features)
        let trades = try? TestSplitBacktest.statistics(
            of: TestSplitBacktest.trade(predictions: predictions, rows: rows, kind: kind, costBasisPoints: costBasisPoints).get().result)
        return Result(
            score: try score(predictions, actuals: data.target),
            trades: trades.map { Trades(model: Self.kept($0["model"]), buyAndHold: Self.kept($0["buy_and_hold"])) })
    }

    private func score(_ predictions: [Double], actuals: [Double]) throws -> Double {
        switch metric {
        case .mae, .rmse, .directionalAccuracy:
            let metrics = try RegressionMetrics(benchmark: kind.benchmark).metrics(predictions: predictions, actuals: actuals)
            return metrics[metric == .directionalAccuracy ? "directional_accuracy" : metric.rawValue] ?? .nan
        case .sharpe:
            let returns = zip(predictions, actuals).map { prediction, realised in
                (prediction > 0 ? 1.0 : prediction < 0 ? -1.0 : 0.0) * realised
            }
            return try ReturnStatistics().statistics(returns: returns)["sharpe"] ?? .nan
        }
    }

    private static func kept(_ metrics: MetricSet?) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: financialMetrics.compactMap { name in metrics?[name].map { (name, $0) } })
    }

    /// The folds' financial record: the chosen candidate's trades, each baseline's, and buy-and-hold,
    /// fold by fold; `nil` unless every fold could be traded.
    static func financial(chosen: [Trades?], baselines: [String: [Result]], costBasisPoints: Double) -> TuningRecord.Financial? {
        let chosenTrades = chosen.compactMap { $0 }
        guard chosenTrades.count == chosen.count, !chosen.isEmpty else { return nil }
        var baselineTrades: [String: [[String: Double]]] = [:]
        for (id, results) in baselines {
            let trades = results.compactMap(\.trades)
            if trades.count == results.count { baselineTrades[id] = trades.map(\.model) }
        }
        return TuningRecord.Financial(
            costBasisPoints: costBasisPoints, chosen: chosenTrades.map(\.model), baselines: baselineTrades,
            buyAndHold: chosenTrades.map(\.buyAndHold))
    }
}
