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
    }

    func add(to router: Router<FerryRequestContext>) {
        router.get("/v1/models/{name}/monitoring") { _, context -> Response in
            _ = try context.require(.read)
            let entry: RegisteredBundle
            do {
                entry = try store.resolve(ModelReference(try context.parameters.require("name")))
            } catch let missing as StoreError {
                throw HTTPError(.notFound, message: missing.message)
            }
            let served = try await models.model(for: entry)
            let pairs = try store.predictionsWithOutcomes(model: entry.name).filter { $0.prediction.version == entry.version && $0.prediction.value != nil }
            let result = try ServedModelStatus.evaluate(
                predictions: pairs.map { $0.prediction.value! }, outcomes: pairs.map(\.outcome), target: entry.target, bundleMetrics: served.metrics)
            if let result { metrics.recordStatus(model: entry.name, level: HealthStatus.allCases.firstIndex(of: result.status.overall) ?? 0) }
            return try JSONResponse.make(
                MonitoringResponse(
                    model: entry.name, version: entry.version, predictionsLogged: try store.predictionCount(model: entry.name),
                    predictionsWithOutcomes: pairs.count, status: result?.status.overall.rawValue ?? "unknown",
                    decidingMetric: result?.status.deciding.first?.metric, grades: result?.status.grades ?? [], metrics: result?.metrics.values ?? [:]))
        }
    }
}
