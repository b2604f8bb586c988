import FerryBundle
import FerryCore
import FerryFeatures
import FerryModels
import FerryStore
import Foundation

/// Registered models loaded for serving, one load per bundle digest: every load verifies the
/// bundle first, through the same `BundleLoader` call every front end uses. A lock, not an
/// actor: a request finds its loaded model without hopping to another executor.
final class ServedModels: @unchecked Sendable {
    struct Loaded: Sendable {
        let entry: RegisteredBundle
        let model: any TrainedModel
        /// Fits request rows to the model's schema (made once: it indexes the features).
        let alignment: SchemaAlignment
        /// The bundle's `metrics.json` (its monitoring baseline).
        let metrics: JSONValue
    }

    private let verifier: BundleVerifier
    private let lock = NSLock()
    private var loaded: [String: Loaded] = [:]

    init(verifier: BundleVerifier) { self.verifier = verifier }

    /// The model of `entry`, loaded (and verified) the first time it is asked for; requests for
    /// it meanwhile wait for that one load.
    func model(for entry: RegisteredBundle) throws -> Loaded {
        lock.lock()
        defer { lock.unlock() }
        if let ready = loaded[entry.digest] { return ready }
        let (bundle, model) = try BundleLoader.load(entry.path, verifier: verifier)
        let ready = Loaded(entry: entry, model: model, alignment: SchemaAlignment(schema: model.schema), metrics: bundle.contents.metrics)
        loaded[entry.digest] = ready
        return ready
    }
}
