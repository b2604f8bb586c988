import HTTPTypes
import FerryCore
import FerryFeatures
import FerryStore
import Foundation
import Hummingbird

/// `POST /v1/models/{name}/predict` (predict role): one row or a batch, aligned to the model's
/// schema (warnings returned), A/B-routed when the model has a split, every prediction logged.
struct PredictRoutes {
    let lookups: LookupCache
    let models: ServedModels
    let metrics: ServerMetrics
    let inputs: ServedInputs
    let log: GroupCommitLog
    let splits: [String: TrafficSplit]
    let maxBytes: Int

    /// The header that names the caller for A/B routing (the token's id when absent).
    static let callerHeader = HTTPField.Name("X-Ferry-Caller")!

    func add(to router: Router<FerryRequestContext>) {
        router.post("/v1/models/{name}/predict") { request, context -> Response in
            let token = try context.require(.predict)
            let name = try context.parameters.require("name")
            let body = try await request.body.collect(upTo: maxBytes)
            let caller = request.headers[Self.callerHeader] ?? token.id
            let (reference, variant) = try route(name, caller: caller)
            let entry: RegisteredBundle
            do {
                entry = try lookups.resolve(reference)
            } catch let missing as StoreError {
                throw HTTPError(.notFound, message: missing.message)
            }
            let served: ServedModels.Loaded
            do {
                served = try models.model(for: entry)
            } catch {
                throw HTTPError(.serviceUnavailable, message: "\(entry.name) \(entry.version) cannot be loaded: \(error)")
            }
            let asked = try PredictRequest(body, expectedColumns: served.alignment.featureNames)
            let aligned: AlignedTable
            do {
                aligned = try served.alignment.align(columns: asked.columns, rows: asked.rows, source: "rows")
            } catch let refused as SchemaAlignmentError {
                throw HTTPError(.badRequest, message: refused.description)
            }
            let values = try served.model.predict(aligned.frame)
            let now = StoreClock.timestamp()
            let day = asked.asOf ?? String(now.prefix(10))
            try await log.log(values.map {
                PredictionEntry(
                    model: entry.name, version: entry.version, variant: variant, caller: caller, instrument: asked.instrument ?? "-", asOf: day,
                    value: $0.isFinite ? $0 : nil, source: "api", createdAt: now)
            })
            metrics.recordPredictions(model: entry.name, version: entry.version, count: values.count)
            inputs.record(
                model: entry.name, rows: values.count, outsideRange: aligned.report.outOfRange.map(\.column), missing: aligned.report.filledMissing)
            return PredictResponse(model: entry.name, version: entry.version, variant: variant, predictions: values, warnings: aligned.report.warnings)
                .response
        }
    }

    /// The reference to serve: `name` as given, or, when the model has a split and no `@`, the caller's arm.
    private func route(_ name: String, caller: String) throws -> (ModelReference, String?) {
        let reference: ModelReference
        do {
            reference = try ModelReference(name)
        } catch let bad as StoreError {
            throw HTTPError(.badRequest, message: bad.message)
        }
        guard reference.selector == nil, let split = splits[reference.name] else { return (reference, nil) }
        let arm = split.arm(for: caller, model: reference.name)
        return (try ModelReference("\(reference.name)@\(arm)"), arm)
    }
}
