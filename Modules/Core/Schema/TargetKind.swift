/// What a model's target measures, decided once when the model is trained and kept in its
/// schema: every metric, status and baseline asks it instead of guessing from values or names.
public enum TargetKind: String, Codable, Sendable, CaseIterable {
    /// Up (1) or down (0): predictions are probabilities, directional accuracy splits at 0.5.
    case direction
    /// A return or another signed change: directional accuracy splits at 0.
    case `return`

    /// The level that separates up from down: 0.5 for a direction, 0 for a return.
    public var benchmark: Double {
        switch self {
        case .direction: 0.5
        case .return: 0
        }
    }

    /// The kind of a target from its training values: a direction when every value is 0 or 1.
    public init(trainingValues values: [Double]) {
        self = values.allSatisfy { $0 == 0 || $0 == 1 } ? .direction : .return
    }

    /// The kind of a target known only by name (a schema written before kinds were kept):
    /// a direction when the name says so (`next_direction`), else a return.
    public init(legacyName name: String?) {
        self = name?.contains("direction") == true ? .direction : .return
    }
}
