import FerryCore
import FerryModels
import FerryMonitoring
import FerryRisk

/// Metrics of a model, and of every naive baseline, on the validation and test rows.
public struct Evaluation: Codable, Sendable, Equatable {
    /// The level that separates up from down (0 for returns, 0.5 for a 0/1 direction target).
    public let benchmark: Double
    /// Validation metrics by model: `model`, then each baseline's id.
    public let validation: [String: MetricSet]
    /// Test metrics, likewise.
    public let test: [String: MetricSet]
    /// Baselines that could not be evaluated, with why (the last-return baseline needs `return_1`).
    public let skippedBaselines: [String: String]
    /// Financial metrics of a backtest on the test rows of the first instrument (``TestSplitBacktest``):
    /// `model` (the model's signals traded) and `buy_and_hold`; `nil` in runs made before they were kept.
    public let financial: [String: MetricSet]?
    /// Why there are no financial metrics, when there are none.
    public let financialSkipped: String?

    static func compare(
        _ model: any TrainedModel, kind: TargetKind, design: TrainingDesign, sets: SplitSets, training: TrainingData,
        registry: PluginRegistry
    ) throws -> Evaluation {
        let monitor = RegressionMetrics(benchmark: kind.benchmark)
        var contenders: [String: any TrainedModel] = ["model": model]
        var skipped: [String: String] = [:]
        for baseline in registry.baselines where baseline.applies(toTarget: training.target) {
            do {
                contenders[baseline.id] = try registry.train(id: baseline.id, on: training, context: TrainingContext()).model
            } catch {
                skipped[baseline.id] = "\(error)"
            }
        }
        func score(_ rows: Frame) throws -> [String: MetricSet] {
            let data = try design.trainingData(rows)
            return try contenders.mapValues { try monitor.metrics(predictions: $0.predict(data.features), actuals: data.target) }
        }
        let financial = try TestSplitBacktest.measure(model, design: design, test: sets.test, kind: kind)
        return Evaluation(
            benchmark: monitor.benchmark, validation: try score(sets.validation), test: try score(sets.test), skippedBaselines: skipped,
            financial: try? financial.get(),
            financialSkipped: { if case let .failure(reason) = financial { reason.message } else { nil } }())
    }
}
