import FerryBundle
import FerryCore
import FerryFeatures
import FerryModels
import FerryStore
import Foundation

/// A registered model, verified and loaded, ready to answer: what ``ModelServing`` predicts with.
public struct ServedModel: Sendable {
    /// The registry entry it was loaded from.
    public let entry: RegisteredBundle
    /// The A/B arm it was chosen as, when the model has a split.
    public internal(set) var variant: String?
    /// The model.
    let model: any TrainedModel
    /// Fits request rows to the model's schema, leniently or strictly (made once).
    let aligner: RowAligner
    /// The bundle's `metrics.json` (its monitoring baseline).
    let metrics: JSONValue

    /// The model's features, in schema order: the order a request's rows are fastest in.
    public var featureNames: [String] { aligner.featureNames }
    /// The model's features with the ranges seen in training.
    public var features: [FeatureField] { model.schema.features }
    /// What the model predicts, as its schema records it.
    public var targetKind: TargetKind { model.schema.resolvedTargetKind }

    /// Loads the bundle of `entry`, verifying it first, through the one library call every front end uses.
    static func load(_ entry: RegisteredBundle, verifier: BundleVerifier) throws -> ServedModel {
        let (bundle, model) = try BundleLoader.load(entry.path, verifier: verifier)
        return ServedModel(entry: entry, model: model, metrics: bundle.contents.metrics)
    }

    /// Makes a served model from its parts (for tests that load without a bundle).
    init(entry: RegisteredBundle, model: any TrainedModel, metrics: JSONValue) {
        self.entry = entry
        self.model = model
        aligner = RowAligner(schema: model.schema)
        self.metrics = metrics
    }
}

/// The loaded models of a server, one load per bundle digest.
///
/// Loading one model never holds up another: a load runs on a dispatch thread of its own (a
/// slow, blocking load must not occupy one of the few threads Swift concurrency runs requests
/// on), and the lock guards only the two tables. Requests that ask for a model while it loads await that one
/// load; a load that fails is forgotten, so the next request tries again.
final class LoadedModels: @unchecked Sendable {
    /// Turns a registry entry into a served model (``ServedModel/load(_:verifier:)``; slower ones in tests).
    typealias Loader = @Sendable (RegisteredBundle) throws -> ServedModel
    /// Finds (or pulls) an entry's archive on this machine before it loads (``RegisteredBundleFiles/local(_:)``).
    typealias Locator = @Sendable (RegisteredBundle) async throws -> RegisteredBundle

    private let locate: Locator
    private let loader: Loader
    private let lock = NSLock()
    private var ready: [String: ServedModel] = [:]
    private var loading: [String: Task<ServedModel, any Error>] = [:]

    init(locate: @escaping Locator = { $0 }, loader: @escaping Loader) {
        self.locate = locate
        self.loader = loader
    }

    /// The model of `entry`, loaded the first time it is asked for.
    func model(for entry: RegisteredBundle) async throws -> ServedModel {
        let digest = entry.digest
        if let model = lock.withLock({ ready[digest] }) { return model }
        let task = lock.withLock { () -> Task<ServedModel, any Error> in
            if let running = loading[digest] { return running }
            let (locate, loader) = (self.locate, self.loader)
            let started = Task {
                let local = try await locate(entry)
                return try await runOffThePool { try loader(local) }
            }
            loading[digest] = started
            return started
        }
        do {
            let model = try await task.value
            finish(digest, task: task, with: model)
            return model
        } catch {
            finish(digest, task: task, with: nil)
            throw error
        }
    }

    /// Moves a finished load from `loading` to `ready` (or drops it when it failed), once.
    private func finish(_ digest: String, task: Task<ServedModel, any Error>, with model: ServedModel?) {
        lock.withLock {
            guard loading[digest] == task else { return }
            loading[digest] = nil
            if let model { ready[digest] = model }
        }
    }
}
