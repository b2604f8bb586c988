import FerryBundle
import FerryCore
import FerryModels
import FerryStore

/// Registered models loaded for serving, one load per bundle digest: every load verifies the
/// bundle first, through the same `BundleLoader` call every front end uses.
actor ServedModels {
    struct Loaded: Sendable {
        let entry: RegisteredBundle
        let model: any TrainedModel
        /// The bundle's `metrics.json` (its monitoring baseline).
        let metrics: JSONValue
    }

    private let verifier: BundleVerifier
    private var loaded: [String: Loaded] = [:]

    init(verifier: BundleVerifier) { self.verifier = verifier }

    /// The model of `entry`, loaded (and verified) the first time it is asked for.
    func model(for entry: RegisteredBundle) throws -> Loaded {
        if let ready = loaded[entry.digest] { return ready }
        let (bundle, model) = try BundleLoader.load(entry.path, verifier: verifier)
        let ready = Loaded(entry: entry, model: model, metrics: bundle.contents.metrics)
        loaded[entry.digest] = ready
        return ready
    }
}
