import Hummingbird

/// The routes without a token: `GET /health`, `GET /openapi.json`; and `GET /metrics` (read role).
struct OpenRoutes {
    let metrics: ServerMetrics

    func add(to router: Router<FerryRequestContext>) {
        router.get("/health") { _, _ -> Response in try JSONResponse.make(["status": "ok"]) }
        router.get("/openapi.json") { _, _ -> Response in JSONResponse.text(OpenAPIDocument.json, contentType: "application/json") }
        router.get("/metrics") { _, context -> Response in
            _ = try context.require(.read)
            return JSONResponse.text(metrics.render(), contentType: "text/plain; version=0.0.4")
        }
    }
}
