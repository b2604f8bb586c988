import FerryBundle
import FerryCore
import FerryFeatures
import FerryStore
import Foundation

/// Predictions from registered models, as every serving front end makes them: resolve a
/// reference (`NAME`, `NAME@ALIAS`, `NAME@VERSION`, or the caller's A/B arm), load the bundle
/// (verified, once per digest), align the rows to its schema, predict, and log every prediction.
///
/// ```swift
/// let serving = ModelServing(store: store, verifier: verifier)
/// let model = try await serving.model("SPX-lasso", caller: "desk-7")
/// let answer = try await serving.predict(PredictionRows(columns: model.featureNames, rows: rows), with: model)
/// print(answer.predictions, answer.warnings)
/// ```
///
/// The two steps are separate so that a front end can read its request knowing the model's
/// feature order (``ServedModel/featureNames``), which makes reading faster.
///
/// ## Topics
/// - ``model(_:caller:)``
/// - ``predict(_:with:)``
/// - ``PredictionRows``
/// - ``PredictionAnswer``
public final class ModelServing: Sendable {
    /// The store the registry and the prediction log are in.
    public let store: Store
    /// A/B splits by model name.
    public let splits: [String: TrafficSplit]
    /// Refuse rows that lack a feature or carry an extra field, unless a request says otherwise.
    public let strict: Bool
    /// Token and model lookups, kept for a short while.
    let lookups: RegistryLookups
    let loaded: LoadedModels
    let log: GroupCommitLog
    /// What the served rows looked like, per model (drift against the training ranges).
    let inputs = ServedInputs()

    /// Makes the use case over `store`, loading bundles with `verifier`; a bundle whose archive is
    /// not on this machine is pulled from its pinned `oci://` source with `pulls` when given
    /// (``RegisteredBundleFiles``), and refused otherwise.
    public convenience init(
        store: Store, verifier: BundleVerifier, splits: [String: TrafficSplit] = [:], strict: Bool = false, pulls: BundleTrust? = nil
    ) {
        let files = RegisteredBundleFiles(store: store, trust: pulls)
        self.init(store: store, splits: splits, strict: strict, locate: files.local) { try ServedModel.load($0, verifier: verifier) }
    }

    /// Makes the use case with its own loader (tests use a deliberately slow one).
    init(
        store: Store, splits: [String: TrafficSplit], strict: Bool = false, locate: @escaping LoadedModels.Locator = { $0 },
        loader: @escaping LoadedModels.Loader
    ) {
        self.store = store
        self.splits = splits
        self.strict = strict
        lookups = RegistryLookups(store: store)
        loaded = LoadedModels(locate: locate, loader: loader)
        log = GroupCommitLog(store: store)
    }

    /// The model `reference` names, loaded; given a `caller`, a model with a split and no `@`
    /// in the reference answers with the arm that caller is sticky to.
    /// Throws ``FerryError`` `invalidArgument` for a malformed reference, `notFound` when the
    /// registry has no such model, `unavailable` when its bundle cannot be loaded;
    /// ``ModelPausedError`` when the reference (or the caller's arm) is paused.
    public func model(_ reference: String, caller: String? = nil) async throws -> ServedModel {
        var parsed = try ModelReference(reference)
        var variant: String?
        if parsed.selector == nil, let caller, let split = splits[parsed.name] {
            let arm = split.arm(for: caller, model: parsed.name)
            parsed = try ModelReference("\(parsed.name)@\(arm)")
            variant = arm
        }
        if let pause = try lookups.pause(name: parsed.name, alias: parsed.selector ?? "") { throw ModelPausedError(pause) }
        var model = try await unpausedModel(parsed)
        model.variant = variant
        return model
    }

    /// The model `reference` names, loaded, paused or not (monitoring grades paused models too).
    func unpausedModel(_ reference: ModelReference) async throws -> ServedModel {
        try await load(try lookups.resolve(reference))
    }

    /// The model of a registry entry, loaded and verified once per digest.
    func load(_ entry: RegisteredBundle) async throws -> ServedModel {
        do {
            return try await loaded.model(for: entry)
        } catch let refused as BundleError {
            throw FerryError(.unavailable, "\(entry.name) \(entry.version) cannot be loaded: \(refused.message)", cause: refused)
        } catch let missing as FerryError where [.notFound, .conflict].contains(missing.code) {
            // Its archive is not on this machine, or holds other bytes (RegisteredBundleFiles).
            throw FerryError(.unavailable, "\(entry.name) \(entry.version) cannot be loaded: \(missing.message)", cause: missing)
        }
    }

    /// Predicts `rows` with `model` and logs each prediction, answering once they are committed.
    /// Throws ``FerryError`` `invalidData` naming the row and feature when the rows do not fit the schema.
    public func predict(_ rows: PredictionRows, with model: ServedModel) async throws -> PredictionAnswer {
        let aligned = try model.aligner.align(columns: rows.columns, rows: rows.rows, strict: rows.strict ?? strict)
        let values = try model.model.predict(aligned.frame)
        let now = StoreClock.timestamp()
        let day = rows.asOf ?? String(now.prefix(10))
        let entry = model.entry
        let logIDs = try await log.log(
            values.map {
                PredictionEntry(
                    model: entry.name, version: entry.version, variant: model.variant, caller: rows.caller,
                    instrument: rows.instrument ?? "-",
                    asOf: day, value: $0.isFinite ? $0 : nil, source: "api", createdAt: now)
            })
        inputs.record(
            model: entry.name, rows: values.count, outsideRange: aligned.report.outOfRange.map(\.column),
            missing: aligned.report.filledMissing)
        return PredictionAnswer(
            model: entry.name, version: entry.version, variant: model.variant, predictions: values,
            warnings: aligned.report.servedWarnings(featureCount: model.featureNames.count), logIDs: logIDs)
    }

    /// Forgets cached registry lookups, after this front end changed the registry.
    public func registryChanged() { lookups.clear() }

    /// The entry of a presented access token, or `nil` when the store has none (kept for a short while).
    public func token(_ presented: String) throws -> AccessToken? { try lookups.token(presented) }
}

/// Feature rows to predict, as a request gives them, with what the log keeps about them.
public struct PredictionRows: Sendable {
    /// The rows' fields, in the order the rows give them.
    public var columns: [String]
    /// Each row's values, in `columns` order.
    public var rows: [[Double]]
    /// Who asked (the A/B key and the log's caller).
    public var caller: String
    /// The instrument the rows are for, for the log.
    public var instrument: String?
    /// The day the rows are for (`YYYY-MM-DD`), for the log; today when absent.
    public var asOf: String?
    /// Refuse rows that lack a feature or carry a field the model does not read (`nil`: as the
    /// use case is set, ``ModelServing/strict``).
    public var strict: Bool?

    /// Makes the rows of one request.
    public init(
        columns: [String], rows: [[Double]], caller: String, instrument: String? = nil, asOf: String? = nil, strict: Bool? = nil
    ) {
        (self.columns, self.rows, self.caller) = (columns, rows, caller)
        (self.instrument, self.asOf, self.strict) = (instrument, asOf, strict)
    }
}

/// What a model answered, and what alignment did to the rows.
public struct PredictionAnswer: Sendable, Equatable {
    /// The model's name.
    public let model: String
    /// The version that answered.
    public let version: String
    /// The A/B arm, when the model has a split.
    public let variant: String?
    /// One per row; not finite where the model gave no number.
    public let predictions: [Double]
    /// What schema alignment filled, dropped or flagged.
    public let warnings: [String]
    /// Each prediction's id in the store's prediction log.
    public let logIDs: [Int64]
}
