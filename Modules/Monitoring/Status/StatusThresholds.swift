/// The thresholds of the original deployment plan, as defaults (a bundle may override them).
///
/// | metric | green | yellow | red |
/// |---|---|---|---|
/// | MAE vs baseline | ≤ +10% | +10% .. +30% | > +30% |
/// | RMSE vs baseline | ≤ +10% | +10% .. +25% | > +25%, or up > 25% from the previous period |
/// | R² vs baseline | drop ≤ 5 points | 5 .. 15 points | > 15 points, or ≤ 0.01 after a baseline ≥ 0.1 |
/// | large-error share | < 10% | 10% .. 20% | > 20% |
/// | directional accuracy | ≥ 60% | 55% .. 60% | < 55% in this and the previous period |
/// | group MAE gap / overall MAE | < 20% | 20% .. 40% | > 40% |
public struct StatusThresholds: Codable, Sendable, Equatable {
    /// MAE rise over the baseline (a share: 0.10 is +10%) up to which the status stays green.
    public var maeYellow = 0.10
    /// MAE rise beyond which it is red.
    public var maeRed = 0.30
    /// RMSE rise up to which it stays green.
    public var rmseYellow = 0.10
    /// RMSE rise beyond which it is red, whether against the baseline or the previous period.
    public var rmseRed = 0.25
    /// R² drop (in points of R², 0.05 = 5 points) up to which it stays green.
    public var r2Yellow = 0.05
    /// R² drop beyond which it is red.
    public var r2Red = 0.15
    /// R² at or below this is "near zero" (red), when the baseline R² was at least ``r2MeaningfulBaseline``.
    public var r2NearZero = 0.01
    /// The baseline R² from which losing it all counts as red.
    public var r2MeaningfulBaseline = 0.10
    /// Large-error share from which the status is yellow.
    public var largeErrorYellow = 0.10
    /// Large-error share beyond which it is red.
    public var largeErrorRed = 0.20
    /// Directional accuracy from which the status is green.
    public var directionGreen = 0.60
    /// Directional accuracy below which it is red (when sustained).
    public var directionRed = 0.55
    /// Group MAE gap share from which the status is yellow.
    public var fairnessYellow = 0.20
    /// Group MAE gap share beyond which it is red.
    public var fairnessRed = 0.40

    /// The defaults.
    public init() {}
}
