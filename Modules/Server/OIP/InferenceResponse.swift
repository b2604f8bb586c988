import FerryCore
import FerryPipeline
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An Open Inference Protocol (v2) response: one output tensor `prediction` (FP64, `[N]`), the
/// registered version as `model_version`, and in `parameters` the bundle's SHA-256, each
/// prediction's id in the log, the A/B arm and the alignment warnings. As JSON, or, when the request asked for binary output, a JSON
/// header followed by the raw little-endian doubles (`Inference-Header-Content-Length`). Written
/// with ``JSONWriter`` (keys sorted), not `JSONSerialization`, which cost more than the prediction.
enum InferenceResponse {
    /// The response header naming the JSON header's length in a binary response.
    // swift-format-ignore: NeverForceUnwrap
    // A literal header name: valid by inspection, checked by every binary test.
    static let headerLength = HTTPField.Name("Inference-Header-Content-Length")!

    /// The 200 response for `answer`.
    static func make(_ answer: PredictionAnswer, digest: String, id: String?, binary: Bool) throws -> Response {
        var json = JSONWriter(capacity: 256 + 24 * answer.predictions.count + answer.warnings.reduce(0) { $0 + $1.utf8.count + 3 })
        if let id {
            json.raw(#"{"id":"#)
            json.string(id)
            json.raw(#","model_name":"#)
        } else {
            json.raw(#"{"model_name":"#)
        }
        json.string(answer.model)
        json.raw(#","model_version":"#)
        json.string(answer.version)
        json.raw(#","outputs":[{"#)
        if !binary {
            json.raw(#""data":"#)
            json.array(answer.predictions) { $0.number($1) }
            json.raw(",")
        }
        json.raw(#""datatype":"FP64","name":"prediction","#)
        if binary {
            json.raw(#""parameters":{"binary_data_size":"#)
            json.integer(answer.predictions.count * 8)
            json.raw("},")
        }
        json.raw(#""shape":["#)
        json.integer(answer.predictions.count)
        json.raw(#"]}],"parameters":{"bundle_sha256":"#)
        json.string(digest)
        json.raw(#","prediction_log_ids":"#)
        json.array(answer.logIDs) { $0.integer(Int($1)) }
        if let variant = answer.variant {
            json.raw(#","variant":"#)
            json.string(variant)
        }
        json.raw(#","warnings":"#)
        json.array(answer.warnings) { $0.string($1) }
        json.raw("}}")
        var buffer = json.buffer
        guard binary else {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
        }
        let headerCount = buffer.readableBytes
        for value in answer.predictions { buffer.writeInteger(value.bitPattern, endianness: .little) }
        return Response(
            status: .ok, headers: [.contentType: "application/octet-stream", headerLength: "\(headerCount)"],
            body: .init(byteBuffer: buffer))
    }
}

/// Open Inference Protocol errors: `{"error": "..."}` with the status /v1 gives the same failure.
enum InferenceError {
    /// Runs `body`, answering a thrown error in the protocol's shape.
    static func answering(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            let (status, message) = describe(error)
            return response(status, message)
        }
    }

    /// `{"error": message}` with `status`.
    static func response(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["error": message])) ?? Data()
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The status and message /v1 would answer `error` with.
    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let coded as FerryError: (coded.code.httpStatus, coded.message)
        case let paused as ModelPausedError: (paused.status, paused.description)
        case let http as HTTPError: (http.status, http.body ?? http.status.reasonPhrase)
        default: (.internalServerError, "\(error)")
        }
    }
}
