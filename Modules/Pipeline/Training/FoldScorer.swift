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
        /// By the tuning metric.
        let score: Double
        /// Every statistical metric (``RegressionMetrics``).
        let statistics: [String: Double]
        /// `nil` where the rows have no `return_1` to trade on.
        let trades: Trades?

        /// The statistical metrics and the trades' financial ones, in one set.
        var metrics: [String: Double] { statistics.merging(trades?.model ?? [:]) { $1 } }
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
        let statistics = try RegressionMetrics(benchmark: kind.benchmark).metrics(predictions: predictions, actuals: data.target)
        return Result(
            score: try score(predictions, actuals: data.target, statistics: statistics), statistics: statistics.values,
            trades: trades.map { Trades(model: Self.kept($0["model"]), buyAndHold: Self.kept($0["buy_and_hold"])) })
    }

    private func score(_ predictions: [Double], actuals: [Double], statistics: MetricSet) throws -> Double {
        switch metric {
        case .mae, .rmse, .directionalAccuracy: return statistics[metric.evaluationName] ?? .nan
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

    /// Every naive baseline that applies to `trainingTarget`, trained and scored on each fold (one
    /// that cannot fit a fold's rows is left out).
    func baselines(registry: PluginRegistry, folds: TuningFolds, trainingTarget: [Double]) -> [String: [Result]] {
        var results: [String: [Result]] = [:]
        for baseline in registry.baselines where baseline.applies(toTarget: trainingTarget) {
            results[baseline.id] = try? folds.map { fold in
                let trained = try registry.train(id: baseline.id, on: try design.trainingData(fold.train), context: TrainingContext())
                return try evaluate(trained.model, on: fold.test)
            }
        }
        return results
    }

    /// The fold-by-fold evaluation of `model`'s results beside `baselines`' (each baseline kept only
    /// where it fitted every fold) and buy-and-hold's (only where every fold was traded).
    static func evaluation(
        folds: [TuningRecord.Fold], model: [Result], baselines: [String: [Result]], costBasisPoints: Double
    ) -> WalkForwardEvaluation {
        let buyAndHold = model.compactMap { $0.trades?.buyAndHold }
        return WalkForwardEvaluation(
            folds: folds, costBasisPoints: costBasisPoints, model: model.map(\.metrics),
            baselines: baselines.mapValues { $0.map(\.metrics) }, buyAndHold: buyAndHold.count == model.count ? buyAndHold : [])
    }
}
