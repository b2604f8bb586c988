/// Turns each instrument's edge into a position, within the portfolio's limits.
///
/// The Risk module implements it; Pipeline feeds it model predictions and return history.
public protocol PositionSizer: Sendable {
    /// Positions as fractions of the portfolio, one per `signals` entry, in the same order, each
    /// with the reasons it was cut; `covariance` is of the instruments' periodic returns, in the same order.
    func positions(for signals: [PositionSignal], covariance: [[Double]]) throws -> [SizedPosition]
}

/// What a model says about one instrument, for sizing.
public struct PositionSignal: Sendable, Equatable, Codable {
    /// The instrument.
    public let instrument: String
    /// The full-Kelly fraction of the portfolio the edge justifies (negative: short).
    public let kelly: Double
    /// How the Kelly fraction was found, in words.
    public let basis: String

    /// Makes a signal.
    public init(instrument: String, kelly: Double, basis: String) {
        self.instrument = instrument
        self.kelly = kelly
        self.basis = basis
    }
}

/// One instrument's position and why it is what it is.
public struct SizedPosition: Sendable, Equatable, Codable {
    /// The signal it came from.
    public let signal: PositionSignal
    /// The position as a fraction of the portfolio (negative: short).
    public let position: Double
    /// Each step that changed it after the Kelly fraction: the fraction, each cap.
    public let reasons: [String]

    /// Makes a sized position.
    public init(signal: PositionSignal, position: Double, reasons: [String]) {
        self.signal = signal
        self.position = position
        self.reasons = reasons
    }
}
