import FerryCore
import FerryPipeline
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An Open Inference Protocol (v2) response: one output tensor `prediction` (FP64, `[N]`), the
/// registered version as `model_version`, and in `parameters` the bundle's SHA-256, the A/B arm
/// and the alignment warnings. As JSON, or, when the request asked for binary output, a JSON
/// header followed by the raw little-endian doubles (`Inference-Header-Content-Length`).
enum InferenceResponse {
    /// The response header naming the JSON header's length in a binary response.
    // swift-format-ignore: NeverForceUnwrap
    // A literal header name: valid by inspection, checked by every binary test.
    static let headerLength = HTTPField.Name("Inference-Header-Content-Length")!

    static func make(_ answer: PredictionAnswer, digest: String, id: String?, binary: Bool) throws -> Response {
        var parameters: [String: Any] = ["bundle_sha256": digest, "warnings": answer.warnings]
        if let variant = answer.variant { parameters["variant"] = variant }
        var output: [String: Any] = ["name": "prediction", "datatype": "FP64", "shape": [answer.predictions.count]]
        if binary {
            output["parameters"] = ["binary_data_size": answer.predictions.count * 8]
        } else {
            output["data"] = answer.predictions.map { $0.isFinite ? $0 as Any : NSNull() }
        }
        var object: [String: Any] = [
            "model_name": answer.model, "model_version": answer.version, "parameters": parameters, "outputs": [output],
        ]
        if let id { object["id"] = id }
        let header = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        guard binary else {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: header)))
        }
        var buffer = ByteBuffer(bytes: header)
        for value in answer.predictions { buffer.writeInteger(value.bitPattern, endianness: .little) }
        return Response(
            status: .ok, headers: [.contentType: "application/octet-stream", headerLength: "\(header.count)"],
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
