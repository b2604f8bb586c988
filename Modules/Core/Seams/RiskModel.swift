/// Turns a series of periodic returns into performance and risk statistics.
///
/// The Risk module implements it; Pipeline reports what it computes beside the statistical metrics.
public protocol RiskModel: Sendable {
    /// Statistics of simple periodic `returns` (0.01 is one percent); throws on unusable input.
    func statistics(returns: [Double]) throws -> MetricSet
}
