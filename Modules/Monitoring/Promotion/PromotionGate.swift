import FerryCore

/// Decides whether a challenger replaces the champion: only if it is no worse on MAE, RMSE, R²,
/// directional accuracy and the fairness gap over the same recent rows, and its residuals pass
/// (mean near zero, no strong autocorrelation). Every reason is kept, for the record.
public struct PromotionGate: Sendable {
    /// Makes the gate.
    public init() {}

    /// The verdict on `challenger` against `champion`, both measured on the same rows.
    public func decide(champion: Contender, challenger: Contender) -> PromotionVerdict {
        var reasons: [String] = []
        var refused = false
        let lowerIsBetter = ["mae", "rmse"]
        let higherIsBetter = ["r2", "directional_accuracy"]
        for metric in lowerIsBetter + higherIsBetter {
            guard let ours = challenger.metrics[metric], let theirs = champion.metrics[metric] else {
                reasons.append("\(metric): not measured on both, so not compared")
                continue
            }
            let worse = lowerIsBetter.contains(metric) ? ours > theirs : ours < theirs
            refused = refused || worse
            reasons.append("\(metric): challenger \(format(ours)), champion \(format(theirs)): \(worse ? "worse" : "no worse")")
        }
        if let ours = challenger.fairness?.gapShare, let theirs = champion.fairness?.gapShare {
            let worse = ours > theirs
            refused = refused || worse
            reasons.append("group MAE gap: challenger \(format(ours)), champion \(format(theirs)): \(worse ? "worse" : "no worse")")
        }
        let residuals = challenger.residuals
        reasons.append(
            "residual mean \(format(residuals.mean)) (t = \(format(residuals.meanTStatistic))): \(residuals.meanPasses ? "near zero" : "not centred")"
        )
        reasons.append(
            "Ljung–Box Q = \(format(residuals.ljungBox)) over \(residuals.lags) lags, p = \(format(residuals.ljungBoxPValue)): \(residuals.autocorrelationPasses ? "no strong autocorrelation" : "autocorrelated")"
        )
        refused = refused || !residuals.meanPasses || !residuals.autocorrelationPasses
        return PromotionVerdict(promote: !refused, champion: champion.name, challenger: challenger.name, reasons: reasons)
    }

    private func format(_ value: Double) -> String {
        abs(value) != 0 && (abs(value) < 1e-3 || abs(value) >= 1e5) ? String(format: "%.3e", value) : String(format: "%.4f", value)
    }
}

/// One side of a promotion decision: a model's metrics, fairness and residuals on the shared rows.
public struct Contender: Codable, Sendable {
    /// Its name.
    public let name: String
    /// Its metrics on the shared rows.
    public let metrics: MetricSet
    /// Its MAE per group, when there are several groups.
    public let fairness: GroupFairness?
    /// Its residual checks.
    public let residuals: ResidualChecks

    /// Makes a contender.
    public init(name: String, metrics: MetricSet, fairness: GroupFairness?, residuals: ResidualChecks) {
        self.name = name
        self.metrics = metrics
        self.fairness = fairness
        self.residuals = residuals
    }
}

/// The gate's decision, with every reason.
public struct PromotionVerdict: Codable, Sendable, Equatable {
    /// Whether the challenger replaces the champion.
    public let promote: Bool
    /// The champion's name.
    public let champion: String
    /// The challenger's name.
    public let challenger: String
    /// One line per comparison and check.
    public let reasons: [String]
}
