/// What candidates are scored and chosen by, on each fold's scored rows.
public enum TuningMetric: String, Sendable, Codable, CaseIterable {
    /// Mean absolute error (lower is better).
    case mae
    /// Root mean squared error (lower is better).
    case rmse
    /// Directional accuracy around the target's benchmark (higher is better).
    case directionalAccuracy = "dir_acc"
    /// The annualised Sharpe ratio of trading the prediction's sign on the realised return, 252
    /// periods a year (higher is better; return targets only).
    case sharpe

    /// The metric's name in an evaluation (`directional_accuracy` for `dir_acc`).
    public var evaluationName: String { self == .directionalAccuracy ? "directional_accuracy" : rawValue }

    /// Whether `score` beats `other` (a `nan` never does).
    func isBetter(_ score: Double, than other: Double) -> Bool {
        guard !score.isNaN else { return false }
        guard !other.isNaN else { return true }
        switch self {
        case .mae, .rmse: return score < other
        case .directionalAccuracy, .sharpe: return score > other
        }
    }
}
