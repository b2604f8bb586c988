import FerryCore
import FerryMonitoring
import FerryStore

/// How a served model is doing: its status graded from the logged predictions that have realised
/// outcomes against its bundle's validation baseline, the metric history by window, the
/// thresholds the dashboard draws, and drift of the served rows against the training ranges.
/// The monitoring routes and the dashboard read it; every grade asks the model's ``TargetKind``.
public struct ServedMonitoring: Sendable {
    /// The serving use case whose models and served rows are graded.
    public let serving: ModelServing
    /// Predictions with outcomes a status needs; fewer give `unknown`.
    public var minimumPairs = 20
    /// Predictions with outcomes per window of the history.
    public static let windowSize = 21

    /// Makes the use case over what `serving` serves.
    public init(serving: ModelServing) { self.serving = serving }

    /// The status report of the version `reference` resolves to; throws ``FerryError`` as
    /// ``ModelServing/model(_:caller:)`` does.
    public func report(_ reference: String) async throws -> ServedMonitoringReport {
        let served = try await resolve(reference)
        let entry = served.entry
        let store = serving.store
        let pairs = try store.predictionsWithOutcomes(model: entry.name).compactMap { pair -> Graded? in
            guard pair.prediction.version == entry.version, let value = pair.prediction.value else { return nil }
            return Graded(day: pair.prediction.asOf, prediction: value, outcome: pair.outcome)
        }
        let grader = RegressionMetrics(benchmark: served.targetKind.benchmark)
        let baseline = try? MonitorJob.baseline(served.metrics)
        var status: StatusReport?
        var current = MetricSet()
        if pairs.count >= minimumPairs {
            guard let baseline else {
                throw FerryError(.invalidData, "\(entry.name) \(entry.version): metrics.json has no monitoring_baseline")
            }
            current = try grader.metrics(predictions: pairs.map(\.prediction), actuals: pairs.map(\.outcome))
            status = StatusEvaluator().evaluate(current: current, baseline: baseline)
        }
        let history = try stride(from: 0, to: pairs.count - Self.windowSize + 1, by: Self.windowSize).map { start in
            let window = pairs[start..<(start + Self.windowSize)]
            let values = try grader.metrics(predictions: window.map(\.prediction), actuals: window.map(\.outcome)).values
            return ServedMonitoringReport.Window(
                last: window[window.endIndex - 1].day, mae: values["mae"] ?? .nan,
                directionalAccuracy: values["directional_accuracy"] ?? .nan)
        }
        return ServedMonitoringReport(
            model: entry.name, version: entry.version, predictionsLogged: try store.predictionCount(model: entry.name),
            predictionsWithOutcomes: pairs.count, status: status?.overall.rawValue ?? "unknown",
            decidingMetric: status?.deciding.first?.metric,
            grades: status?.grades ?? [], metrics: current.values, history: history,
            thresholds: Self.thresholds(baselineMAE: baseline?.values["mae"] ?? nil),
            overall: status?.overall)
    }

    /// Drift of the rows served for `reference`'s model since the server started.
    public func drift(_ reference: String) async throws -> ServedInputs.Report {
        let served = try await resolve(reference)
        return serving.inputs.report(model: served.entry.name, features: served.featureNames)
    }

    private func resolve(_ reference: String) async throws -> ServedModel {
        guard let parsed = try? ModelReference(reference) else { throw FerryError(.notFound, "no model '\(reference)' in the registry") }
        return try await serving.unpausedModel(parsed)
    }

    /// The lines the dashboard draws: MAE yellow/red (baseline × (1 + share)), directional accuracy green/red.
    static func thresholds(baselineMAE: Double?) -> [String: Double] {
        let limits = StatusThresholds()
        var lines = ["directional_accuracy_green": limits.directionGreen, "directional_accuracy_red": limits.directionRed]
        if let baselineMAE {
            lines["mae_yellow"] = baselineMAE * (1 + limits.maeYellow)
            lines["mae_red"] = baselineMAE * (1 + limits.maeRed)
            lines["mae_baseline"] = baselineMAE
        }
        return lines
    }

    private struct Graded {
        let day: String
        let prediction: Double
        let outcome: Double
    }
}

/// What ``ServedMonitoring/report(_:)`` finds (`GET /v1/models/{name}/monitoring`).
public struct ServedMonitoringReport: Encodable, Sendable {
    /// The model's name.
    public let model: String
    /// The version graded.
    public let version: String
    /// Predictions the log holds for the model, every version.
    public let predictionsLogged: Int
    /// Predictions of this version that have a realised outcome.
    public let predictionsWithOutcomes: Int
    /// `green`, `yellow`, `red`, or `unknown` (too few outcomes yet).
    public let status: String
    /// The metric that set the status.
    public let decidingMetric: String?
    /// Every metric's grade.
    public let grades: [MetricGrade]
    /// The metrics over every prediction with an outcome.
    public let metrics: [String: Double]
    /// MAE and directional accuracy per window of ``ServedMonitoring/windowSize`` predictions with outcomes, oldest first.
    public let history: [Window]
    /// The lines the dashboard draws.
    public let thresholds: [String: Double]
    /// The status as a level, `nil` while unknown (for the server's gauge; not encoded).
    public let overall: HealthStatus?

    /// One window of the history.
    public struct Window: Encodable, Sendable {
        /// The day of its last prediction.
        public let last: String
        /// Its mean absolute error.
        public let mae: Double
        /// Its directional accuracy.
        public let directionalAccuracy: Double
    }

    private enum CodingKeys: String, CodingKey {
        case model, version, predictionsLogged, predictionsWithOutcomes, status, decidingMetric, grades, metrics, history, thresholds
    }
}
