import FerryMonitoring
import FerryPipeline
import Hummingbird

/// `GET /v1/models/{name}/monitoring` and `GET /v1/models/{name}/drift` (read role), through
/// ``ServedMonitoring``: the served model's status, history and thresholds, and the drift of the
/// rows it was served; `GET /v1/models/{name}/ab` (read role), through ``ABReport``: its A/B arms
/// compared on their graded predictions (`?incumbent=ARM` names arm A).
struct MonitoringRoutes {
    let monitoring: ServedMonitoring
    let metrics: ServerMetrics

    func add(to router: Router<FerryRequestContext>) {
        router.get("/v1/models/{name}/drift") { _, context -> Response in
            _ = try context.require(.read)
            return try JSONResponse.make(try await monitoring.drift(try context.parameters.require("name")))
        }
        router.get("/v1/models/{name}/ab") { request, context -> Response in
            _ = try context.require(.read)
            let report = ABReport(serving: monitoring.serving)
            return try JSONResponse.make(
                try await report.report(
                    model: try context.parameters.require("name"), incumbent: request.uri.queryParameters["incumbent"].map(String.init)))
        }
        router.get("/v1/models/{name}/monitoring") { _, context -> Response in
            _ = try context.require(.read)
            let report = try await monitoring.report(try context.parameters.require("name"))
            if let overall = report.overall {
                metrics.recordStatus(model: report.model, level: HealthStatus.allCases.firstIndex(of: overall) ?? 0)
            }
            return try JSONResponse.make(report)
        }
    }
}
