/// Scores a model's predictions against what then happened.
///
/// The Monitoring module implements it; Pipeline and the front ends call it through this seam so
/// that every front end computes the same numbers from the same baseline.
public protocol PerformanceMonitor: Sendable {
    /// Metrics of `predictions` against realised `actuals`; throws when they cannot be paired.
    func metrics(predictions: [Double], actuals: [Double]) throws -> MetricSet
}
