import FerryPipeline
import Hummingbird

/// The answer of `POST /v1/models/{name}/predict`, written with ``JSONWriter``: keys sorted and
/// `variant` left out when there is none, as the other routes' `JSONEncoder` writes them.
struct PredictResponse {
    /// The model's name.
    let model: String
    /// The version that answered.
    let version: String
    /// The A/B arm, when the model has a split.
    let variant: String?
    /// One per row; `null` where the model gave no finite number.
    let predictions: [Double]
    /// What schema alignment filled, dropped or flagged.
    let warnings: [String]

    /// The 200 response.
    var response: Response { Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: json)) }

    /// The body.
    var json: ByteBuffer {
        var json = JSONWriter(capacity: 128 + 24 * predictions.count + warnings.reduce(0) { $0 + $1.utf8.count + 3 })
        json.raw(#"{"model":"#)
        json.string(model)
        json.raw(#","predictions":"#)
        json.array(predictions) { $0.number($1) }
        if let variant {
            json.raw(#","variant":"#)
            json.string(variant)
        }
        json.raw(#","version":"#)
        json.string(version)
        json.raw(#","warnings":"#)
        json.array(warnings) { $0.string($1) }
        json.raw("}")
        return json.buffer
    }
}

extension PredictResponse {
    /// The response to a served model's answer.
    init(_ answer: PredictionAnswer) {
        self.init(
            model: answer.model, version: answer.version, variant: answer.variant, predictions: answer.predictions,
            warnings: answer.warnings)
    }
}
