import FerryPipeline
import HTTPTypes
import Hummingbird

/// `POST /v1/models/{name}/predict` (predict role): one row or a batch, through
/// ``ModelServing``: parse the body, call the use case, write the answer.
struct PredictRoutes {
    let serving: ModelServing
    let metrics: ServerMetrics
    let maxBytes: Int

    /// The header that names the caller for A/B routing (the token's id when absent).
    // swift-format-ignore: NeverForceUnwrap
    // A literal token name: valid by inspection, checked by every predict test.
    static let callerHeader = HTTPField.Name("X-Ferry-Caller")!

    func add(to router: Router<FerryRequestContext>) {
        router.post("/v1/models/{name}/predict") { request, context -> Response in
            let token = try context.require(.predict)
            let name = try context.parameters.require("name")
            let body = try await request.body.collect(atMost: maxBytes)
            let caller = request.headers[Self.callerHeader] ?? token.id
            let model = try await serving.model(name, caller: caller)
            let asked = try PredictRequest(body, expectedColumns: model.featureNames)
            let answer = try await serving.predict(
                PredictionRows(
                    columns: asked.columns, rows: asked.rows, caller: caller, instrument: asked.instrument, asOf: asked.asOf,
                    strict: asked.strict),
                with: model)
            metrics.recordPredictions(model: answer.model, version: answer.version, count: answer.predictions.count)
            return PredictResponse(answer).response
        }
    }
}
