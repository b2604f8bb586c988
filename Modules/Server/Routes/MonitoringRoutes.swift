import FerryMonitoring
import FerryPipeline
import FerryStore
import Hummingbird

/// `GET /v1/models/{name}/monitoring` (read role): the served model's status from its logged
/// predictions that have realised outcomes, graded against its bundle's validation baseline.
struct MonitoringRoutes {
    let store: Store
    let models: ServedModels
    let metrics: ServerMetrics
    let inputs: ServedInputs

    struct MonitoringResponse: Encodable {
        let model: String
        let version: String
        let predictionsLogged: Int
        let predictionsWithOutcomes: Int
        /// `green`, `yellow`, `red`, or `unknown` (too few outcomes yet).
        let status: String
        let decidingMetric: String?
        let grades: [MetricGrade]
        let metrics: [String: Double]
        /// MAE and directional accuracy per window of ``windowSize`` predictions with outcomes, oldest first.
        let history: [Window]
        /// The lines the dashboard draws: MAE yellow/red (baseline × (1 + share)), directional accuracy green/red.
        let thresholds: [String: Double]
    }

    struct Window: Encodable {
        let last: String
        let mae: Double
        let directionalAccuracy: Double
    }

    static let windowSize = 21

    /// The registered bundle `name` resolves to; 404 when there is none.
    private func resolve(_ name: String) throws -> RegisteredBundle {
        do {
            return try store.resolve(ModelReference(name))
        } catch let missing as StoreError {
            throw HTTPError(.notFound, message: missing.message)
        }
    }

    /// Consecutive windows of ``windowSize`` (day, prediction, outcome), each graded alone.
    private func windows(_ pairs: [(day: String, prediction: Double, outcome: Double)], target: String) throws -> [Window] {
        let isDirection = target == "next_direction"
        let grader = RegressionMetrics(benchmark: isDirection ? 0.5 : 0)
        return try stride(from: 0, to: pairs.count - Self.windowSize + 1, by: Self.windowSize).map { start in
            let window = pairs[start..<(start + Self.windowSize)]
            let values = try grader.metrics(predictions: window.map(\.prediction), actuals: window.map(\.outcome)).values
            return Window(last: window.last!.day, mae: values["mae"] ?? .nan, directionalAccuracy: values["directional_accuracy"] ?? .nan)
        }
    }

    func add(to router: Router<FerryRequestContext>) {
        router.get("/v1/models/{name}/drift") { _, context -> Response in
            _ = try context.require(.read)
            let entry = try resolve(try context.parameters.require("name"))
            let features = try models.model(for: entry).model.schema.featureNames
            return try JSONResponse.make(inputs.report(model: entry.name, features: features))
        }
        router.get("/v1/models/{name}/monitoring") { _, context -> Response in
            _ = try context.require(.read)
            let entry = try resolve(try context.parameters.require("name"))
            let served = try models.model(for: entry)
            let pairs = try store.predictionsWithOutcomes(model: entry.name).filter { $0.prediction.version == entry.version && $0.prediction.value != nil }
            let result = try ServedModelStatus.evaluate(
                predictions: pairs.map { $0.prediction.value! }, outcomes: pairs.map(\.outcome), target: entry.target, bundleMetrics: served.metrics)
            if let result { metrics.recordStatus(model: entry.name, level: HealthStatus.allCases.firstIndex(of: result.status.overall) ?? 0) }
            let history = try windows(pairs.map { ($0.prediction.asOf, $0.prediction.value!, $0.outcome) }, target: entry.target)
            let limits = StatusThresholds()
            let baselineMAE = (try? MonitorJob.baseline(served.metrics).values["mae"]) ?? nil
            var thresholds = ["directional_accuracy_green": limits.directionGreen, "directional_accuracy_red": limits.directionRed]
            if let baselineMAE {
                thresholds["mae_yellow"] = baselineMAE * (1 + limits.maeYellow)
                thresholds["mae_red"] = baselineMAE * (1 + limits.maeRed)
                thresholds["mae_baseline"] = baselineMAE
            }
            return try JSONResponse.make(
                MonitoringResponse(
                    model: entry.name, version: entry.version, predictionsLogged: try store.predictionCount(model: entry.name),
                    predictionsWithOutcomes: pairs.count, status: result?.status.overall.rawValue ?? "unknown",
                    decidingMetric: result?.status.deciding.first?.metric, grades: result?.status.grades ?? [], metrics: result?.metrics.values ?? [:],
                    history: history, thresholds: thresholds))
        }
    }
}
