import FerryCore
import FerryMonitoring
import FerryStore

/// The A/B arms of a served model compared on their graded predictions (logged with the arm the
/// caller was routed to, then joined to realised outcomes): each arm against arm A, the
/// incumbent (`champion` when an arm has that name, else the first by name), with
/// ``ArmComparison``'s test and verdict. `ferry ab report` and `GET /v1/models/{name}/ab` read it.
public struct ABReport: Sendable {
    /// The serving use case whose log is read (and which knows each model's target kind).
    public let serving: ModelServing
    /// Graded predictions each arm needs before a verdict.
    public var minimumPerArm = 100

    /// Makes the report over what `serving` logs.
    public init(serving: ModelServing) { self.serving = serving }

    /// The comparison of a model's arms.
    public struct Report: Encodable, Sendable {
        /// The model.
        public let model: String
        /// Arm A.
        public let incumbent: String?
        /// Each other arm against arm A.
        public let comparisons: [ArmComparison]
        /// Predictions logged with an arm and not yet graded (no outcome yet), by arm.
        public let awaitingOutcomes: [String: Int]

        enum CodingKeys: String, CodingKey {
            case model, incumbent, comparisons
            case awaitingOutcomes = "awaiting_outcomes"
        }
    }

    /// Compares model `name`'s arms, with `incumbent` as arm A when given.
    /// - Throws: ``FerryError`` `notFound` for an unknown model, an incumbent that is not an arm, or
    ///   fewer than two arms with logged predictions.
    public func report(model name: String, incumbent: String? = nil) async throws -> Report {
        let served = try await serving.unpausedModel(ModelReference(name))
        let graded = try serving.store.predictionsWithOutcomes(model: name).filter { $0.prediction.variant != nil }
        let logged = try serving.store.predictionCountsByVariant(model: name)
        let arms = logged.keys.sorted()
        guard arms.count >= 2 else {
            throw FerryError(
                .notFound,
                "\(name) has \(arms.count) A/B arm(s) in the prediction log\(arms.isEmpty ? "" : " (\(arms[0]))"); a comparison needs two")
        }
        let first = incumbent ?? (arms.contains("champion") ? "champion" : arms[0])
        guard arms.contains(first) else {
            throw FerryError(.notFound, "\(name) has no arm '\(first)' in the prediction log; it has \(arms.joined(separator: ", "))")
        }
        func sample(_ arm: String) -> ArmComparison.Sample {
            let pairs = graded.filter { $0.prediction.variant == arm }.compactMap { pair in pair.prediction.value.map { ($0, pair.outcome) }
            }
            return ArmComparison.Sample(name: arm, predictions: pairs.map(\.0), actuals: pairs.map(\.1))
        }
        let incumbentSample = sample(first)
        let comparisons = arms.filter { $0 != first }.map {
            ArmComparison(a: incumbentSample, b: sample($0), benchmark: served.targetKind.benchmark, minimumPerArm: minimumPerArm)
        }
        let gradedByArm = Dictionary(grouping: graded, by: { $0.prediction.variant ?? "" }).mapValues(\.count)
        return Report(
            model: name, incumbent: first, comparisons: comparisons,
            awaitingOutcomes: logged.reduce(into: [:]) { awaiting, arm in awaiting[arm.key] = arm.value - (gradedByArm[arm.key] ?? 0) })
    }
}
