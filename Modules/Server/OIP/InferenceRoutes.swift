import FerryCore
import FerryPipeline
import Foundation
import Hummingbird

/// The Open Inference Protocol (v2, REST) beside /v1, on the same use case, tokens and log:
/// server and model metadata, liveness and readiness (open, as Kubernetes probes carry no
/// token), and `infer` (predict role). A model is `NAME`, `NAME@ALIAS`, or `NAME` with
/// `/versions/VERSION`; ready means its bundle loaded after passing all four verification
/// classes (and, on a server that requires signatures, that it is signed).
struct InferenceRoutes {
    let serving: ModelServing
    let queries: RegistryQueries
    let metrics: ServerMetrics
    let maxBytes: Int
    let requireSignature: Bool

    func add(to router: Router<FerryRequestContext>) {
        router.get("/v2") { _, context in
            await InferenceError.answering {
                _ = try context.require(.read)
                return try Self.json(["name": "ferry", "version": FerryVersion.current, "extensions": ["binary_tensor_data"]])
            }
        }
        router.get("/v2/health/live") { _, _ in await InferenceError.answering { try Self.json(["live": true]) } }
        router.get("/v2/health/ready") { _, _ in await InferenceError.answering { try await serverReadiness() } }
        for prefix in ["/v2/models/{model}", "/v2/models/{model}/versions/{version}"] {
            router.get(RouterPath(prefix)) { _, context in
                await InferenceError.answering {
                    _ = try context.require(.read)
                    return try await metadata(try Self.reference(context))
                }
            }
            router.get(RouterPath(prefix + "/ready")) { _, context in
                await InferenceError.answering { try await modelReadiness(try Self.reference(context)) }
            }
            router.post(RouterPath(prefix + "/infer")) { request, context in
                await InferenceError.answering { try await infer(request, context: context) }
            }
        }
    }

    /// The reference a path names: `{model}`, or `{model}@{version}`.
    static func reference(_ context: FerryRequestContext) throws -> String {
        let model = try context.parameters.require("model")
        return context.parameters.get("version").map { "\(model)@\($0)" } ?? model
    }

    private func infer(_ request: Request, context: FerryRequestContext) async throws -> Response {
        let token = try context.require(.predict)
        let reference = try Self.reference(context)
        let body = try await request.body.collect(atMost: maxBytes)
        let asked = try InferenceRequest(body, headerLength: request.headers[InferenceResponse.headerLength].flatMap { Int($0) })
        let caller = asked.caller ?? request.headers[PredictRoutes.callerHeader] ?? token.id
        let model = try await servable(reference, caller: caller)
        let (columns, rows) = try asked.rows(features: model.featureNames)
        let answer = try await serving.predict(
            PredictionRows(columns: columns, rows: rows, caller: caller, instrument: asked.instrument, asOf: asked.asOf), with: model)
        metrics.recordPredictions(model: answer.model, version: answer.version, count: answer.predictions.count)
        return try InferenceResponse.make(answer, digest: model.entry.digest, id: asked.id, binary: asked.binaryOutput)
    }

    /// The model `reference` names, loaded (so verified), and signed when the server requires it.
    private func servable(_ reference: String, caller: String? = nil) async throws -> ServedModel {
        let model = try await serving.model(reference, caller: caller)
        guard !requireSignature || model.entry.signer != nil else {
            throw FerryError(
                .unavailable, "\(model.entry.name) \(model.entry.version) is not signed, and this server requires signatures: not ready")
        }
        return model
    }

    private func metadata(_ reference: String) async throws -> Response {
        let model = try await servable(reference)
        let entry = model.entry
        let versions = try queries.versions(of: entry.name).filter { $0.stage != .archived }.map(\.version)
        return try Self.json([
            "name": entry.name, "versions": versions, "platform": "ferry-\(entry.plugin)",
            "inputs": [["name": "input", "datatype": "FP64", "shape": [-1, model.featureNames.count]]],
            "outputs": [["name": "prediction", "datatype": "FP64", "shape": [-1]]],
            "parameters": [
                "version": entry.version, "features": model.featureNames, "target_kind": model.targetKind.rawValue,
                "bundle_sha256": entry.digest, "signed": entry.signer != nil, "signer": entry.signer ?? "", "verified": true,
            ] as [String: Any],
        ])
    }

    private func modelReadiness(_ reference: String) async throws -> Response {
        do {
            let model = try await servable(reference)
            return try Self.json(["name": model.entry.name, "version": model.entry.version, "ready": true])
        } catch let error as FerryError where error.code == .unavailable {
            return InferenceError.response(.serviceUnavailable, "not ready: \(error.message)")
        } catch let paused as ModelPausedError {
            return InferenceError.response(.serviceUnavailable, "not ready: \(paused.description)")
        }
    }

    /// Ready when every registered model's default reference that is in service (not archived,
    /// not paused) loads, verified, and is servable.
    private func serverReadiness() async throws -> Response {
        var notReady: [String] = []
        for name in Set(try queries.versions().map(\.name)).sorted() {
            do {
                _ = try await servable(name)
            } catch let error as FerryError where error.code == .unavailable {
                notReady.append("\(name): \(error.message)")
            } catch is ModelPausedError {
                continue
            } catch let error as FerryError where error.code == .refused {
                continue  // every version archived: out of service on purpose
            }
        }
        guard notReady.isEmpty else {
            return InferenceError.response(.serviceUnavailable, "not ready: " + notReady.joined(separator: "; "))
        }
        return try Self.json(["ready": true])
    }

    private static func json(_ object: [String: Any]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
