import FerryCore

/// MAE per group (an instrument, or any group column) and the gap between the worst and best group.
public struct GroupFairness: Codable, Sendable, Equatable {
    /// Each group's MAE.
    public let maeByGroup: [String: Double]
    /// The worst group's MAE minus the best's.
    public let gap: Double
    /// ``gap`` over the MAE of all rows together (0 when that MAE is 0).
    public let gapShare: Double

    /// The figures from MAEs already known per group and overall.
    public init(maeByGroup: [String: Double], overallMAE: Double) {
        self.maeByGroup = maeByGroup
        gap = (maeByGroup.values.max() ?? 0) - (maeByGroup.values.min() ?? 0)
        gapShare = overallMAE > 0 ? gap / overallMAE : 0
    }

    /// Computes the fairness figures of `predictions` against `actuals`, rows labelled by `groups`.
    public init(predictions: [Double], actuals: [Double], groups: [String]) throws {
        guard predictions.count == actuals.count, groups.count == actuals.count, !actuals.isEmpty else {
            throw FrameError.lengthMismatch(column: "groups", expected: actuals.count, actual: groups.count)
        }
        var sums: [String: (total: Double, count: Int)] = [:]
        var overall = 0.0
        for (group, (prediction, actual)) in zip(groups, zip(predictions, actuals)) {
            let error = abs(actual - prediction)
            sums[group, default: (0, 0)].total += error
            sums[group, default: (0, 0)].count += 1
            overall += error
        }
        self.init(maeByGroup: sums.mapValues { $0.total / Double($0.count) }, overallMAE: overall / Double(actuals.count))
    }
}
