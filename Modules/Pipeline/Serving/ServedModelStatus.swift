import FerryCore
import FerryMonitoring

/// A served model's monitoring status from its logged predictions and the realised outcomes
/// recorded for them, graded against the validation baseline its bundle carries.
public enum ServedModelStatus {
    /// The status, or `nil` with fewer than `minimumPairs` predictions that have an outcome.
    public static func evaluate(
        predictions: [Double], outcomes: [Double], target: String, bundleMetrics: JSONValue, minimumPairs: Int = 20
    ) throws -> (status: StatusReport, metrics: MetricSet)? {
        guard predictions.count >= minimumPairs else { return nil }
        let isDirection = target == "next_direction" || outcomes.allSatisfy { $0 == 0 || $0 == 1 }
        let metrics = try RegressionMetrics(benchmark: isDirection ? 0.5 : 0).metrics(predictions: predictions, actuals: outcomes)
        return (StatusEvaluator().evaluate(current: metrics, baseline: try MonitorJob.baseline(bundleMetrics)), metrics)
    }
}
