import FerryCore

/// The statistical metrics of forecasts against outcomes: MAE, RMSE, MAPE, R² and directional accuracy.
///
/// - `mae`: mean of |y − ŷ|.
/// - `rmse`: square root of the mean of (y − ŷ)².
/// - `mape`: mean of |y − ŷ| / max(|y|, ε) with ε the double epsilon (scikit-learn's
///   `mean_absolute_percentage_error`): the guard keeps it finite where y = 0, but for returns,
///   which sit near zero, it is large and best read beside MAE.
/// - `r2`: 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (scikit-learn's `r2_score`; 0 when y is constant and the fit exact is undefined, reported as NaN).
/// - `directional_accuracy`: share of rows where ŷ and y fall on the same side of ``benchmark``
///   (both above, or both at or below).
/// - `large_error_share`: share of rows where |y − ŷ| exceeds ``largeErrorTolerance``.
public struct RegressionMetrics: PerformanceMonitor {
    /// The level that separates "up" from "down" for directional accuracy (0 for returns).
    public var benchmark: Double
    /// An absolute error above this is a large error (0.05: five percentage points of return).
    public var largeErrorTolerance: Double

    /// Makes the monitor; directional accuracy is measured around `benchmark`.
    public init(benchmark: Double = 0, largeErrorTolerance: Double = 0.05) {
        self.benchmark = benchmark
        self.largeErrorTolerance = largeErrorTolerance
    }

    public func metrics(predictions: [Double], actuals: [Double]) throws -> MetricSet {
        guard predictions.count == actuals.count else {
            throw FrameError.lengthMismatch(column: "predictions", expected: actuals.count, actual: predictions.count)
        }
        guard !actuals.isEmpty else { throw FrameError.lengthMismatch(column: "actuals", expected: 1, actual: 0) }
        let n = Double(actuals.count)
        let errors = zip(actuals, predictions).map { $0 - $1 }
        let squared = errors.reduce(0) { $0 + $1 * $1 }
        let mean = actuals.reduce(0, +) / n
        let total = actuals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sameSide = zip(actuals, predictions).filter { ($0 > benchmark) == ($1 > benchmark) }.count
        return MetricSet([
            "mae": errors.reduce(0) { $0 + abs($1) } / n,
            "rmse": (squared / n).squareRoot(),
            "mape": zip(actuals, errors).reduce(0) { $0 + abs($1.1) / max(abs($1.0), Double.ulpOfOne) } / n,
            "r2": total > 0 ? 1 - squared / total : .nan,
            "directional_accuracy": Double(sameSide) / n,
            "large_error_share": Double(errors.filter { abs($0) > largeErrorTolerance }.count) / n,
        ])
    }
}
