/// How a model's prediction becomes a position (1 is fully long, −1 fully short, 0 flat).
public enum PositionRule: Sendable, Equatable, Codable {
    /// By the sign of a predicted return: long above 0, short below, flat at exactly 0.
    case sign
    /// From a predicted probability of an up move: long above `threshold`, short below
    /// 1 − `threshold`, flat between (0.5 trades every period).
    case threshold(Double)

    /// The position for one prediction; a prediction that is not a number gives no position.
    public func position(for prediction: Double) -> Double {
        guard prediction.isFinite else { return 0 }
        switch self {
        case .sign:
            return prediction > 0 ? 1 : prediction < 0 ? -1 : 0
        case let .threshold(threshold):
            return prediction > threshold ? 1 : prediction < 1 - threshold ? -1 : 0
        }
    }
}
