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

    /// The request: feature rows, and optionally which instrument and day they are for (for the log).
    struct PredictRequest: Decodable {
        let rows: [[String: Double]]
        let instrument: String?
        let asOf: String?

        enum CodingKeys: String, CodingKey {
            case rows, instrument
            case asOf = "as_of"
        }
    }

    struct PredictResponse: Encodable {
        let model: String
        let version: String
        let variant: String?
        let predictions: [Double?]
        let warnings: [String]
    }

    static let maxRows = 10_000

    func add(to router: Router<FerryRequestContext>) {
        router.post("/v1/models/{name}/predict") { request, context -> Response in
            let token = try context.require(.predict)
            let name = try context.parameters.require("name")
            let body = try await request.body.collect(upTo: maxBytes)
            let asked: PredictRequest
            do {
                asked = try JSONDecoder().decode(PredictRequest.self, from: Data(buffer: body))
            } catch {
                throw HTTPError(.badRequest, message: RequestErrors.describe(error))
            }
            guard !asked.rows.isEmpty, asked.rows.count <= Self.maxRows else {
                throw HTTPError(.badRequest, message: "field 'rows' must hold 1 to \(Self.maxRows) rows, not \(asked.rows.count)")
            }
            let caller = request.headers[HTTPField.Name("X-Ferry-Caller")!] ?? token.id
            let (reference, variant) = try route(name, caller: caller)
            let entry: RegisteredBundle
            do {
                entry = try lookups.resolve(reference)
            } catch let missing as StoreError {
                throw HTTPError(.notFound, message: missing.message)
            }
            let served: ServedModels.Loaded
            do {
                served = try await models.model(for: entry)
            } catch {
                throw HTTPError(.serviceUnavailable, message: "\(entry.name) \(entry.version) cannot be loaded: \(error)")
            }
            let aligned: AlignedTable
            do {
                let columns = asked.rows[0].keys.sorted()
                aligned = try SchemaAlignment(schema: served.model.schema).align(columns: columns, rows: try cells(asked.rows, columns: columns), source: "rows")
            } catch let refused as SchemaAlignmentError {
                throw HTTPError(.badRequest, message: refused.description)
            }
            let values = try served.model.predict(aligned.frame).map { $0.isFinite ? $0 : nil }
            let now = StoreClock.timestamp()
            let day = asked.asOf ?? String(now.prefix(10))
            try await log.log(values.map {
                PredictionEntry(
                    model: entry.name, version: entry.version, variant: variant, caller: caller, instrument: asked.instrument ?? "-", asOf: day,
                    value: $0, source: "api", createdAt: now)
            })
            metrics.recordPredictions(model: entry.name, version: entry.version, count: values.count)
            inputs.record(
                model: entry.name, rows: values.count, outsideRange: aligned.report.outOfRange.map(\.column), missing: aligned.report.filledMissing)
            return try JSONResponse.make(
                PredictResponse(model: entry.name, version: entry.version, variant: variant, predictions: values, warnings: aligned.report.warnings))
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

    /// The rows' values in `columns` order: every row must have the same fields.
    private func cells(_ rows: [[String: Double]], columns: [String]) throws -> [[Double]] {
        try rows.enumerated().map { index, row in
            if let extra = row.keys.first(where: { !columns.contains($0) }) ?? columns.first(where: { row[$0] == nil }) {
                throw HTTPError(.badRequest, message: "rows[\(index)]: field '\(extra)' is in some rows but not others")
            }
            return columns.map { row[$0]! }
        }
    }
}
