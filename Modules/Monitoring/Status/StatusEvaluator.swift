import FerryCore

/// Grades current metrics against the baseline (the validation metrics a bundle carries).
///
/// Every metric gets a status and a reason; the overall status is the worst one, and the report
/// names the metric that set it.
public struct StatusEvaluator: Sendable {
    /// The thresholds.
    public var thresholds: StatusThresholds

    /// Makes an evaluator with `thresholds` (the plan's defaults unless given).
    public init(thresholds: StatusThresholds = StatusThresholds()) { self.thresholds = thresholds }

    /// The status of `current` against `baseline`, with the previous period (for sudden jumps and
    /// sustained lows) and the group fairness figures when known.
    public func evaluate(current: MetricSet, baseline: MetricSet, previous: MetricSet? = nil, fairness: GroupFairness? = nil)
        -> StatusReport
    {
        let t = thresholds
        var grades: [MetricGrade] = []
        if let now = current["mae"], let base = baseline["mae"], base > 0 {
            let rise = now / base - 1
            grades.append(
                grade(
                    "mae", now, rise <= t.maeYellow ? .green : rise <= t.maeRed ? .yellow : .red,
                    "MAE \(f(now)) is \(percent(rise)) against the baseline \(f(base)) (green ≤ +\(percent(t.maeYellow, sign: false)), red > +\(percent(t.maeRed, sign: false)))"
                ))
        }
        if let now = current["rmse"], let base = baseline["rmse"], base > 0 {
            let rise = now / base - 1
            var status: HealthStatus = rise <= t.rmseYellow ? .green : rise <= t.rmseRed ? .yellow : .red
            var reason = "RMSE \(f(now)) is \(percent(rise)) against the baseline \(f(base))"
            if let before = previous?["rmse"], before > 0, now / before - 1 > t.rmseRed {
                status = .red
                reason += "; a sudden jump of \(percent(now / before - 1)) within one period"
            }
            grades.append(grade("rmse", now, status, reason))
        }
        if let now = current["r2"], let base = baseline["r2"], now.isFinite, base.isFinite {
            let drop = base - now
            var status: HealthStatus = drop <= t.r2Yellow ? .green : drop <= t.r2Red ? .yellow : .red
            var reason =
                "R² \(f(now)) against the baseline \(f(base)): a drop of \(String(format: "%.2f", drop * 100)) points (hundredths of R²)"
            if base >= t.r2MeaningfulBaseline, now <= t.r2NearZero {
                status = .red
                reason += "; R² is near zero"
            }
            grades.append(grade("r2", now, status, reason))
        }
        if let share = current["large_error_share"] {
            grades.append(
                grade(
                    "large_error_share", share, share < t.largeErrorYellow ? .green : share <= t.largeErrorRed ? .yellow : .red,
                    "\(percent(share, sign: false)) of errors are large (green < \(percent(t.largeErrorYellow, sign: false)), red > \(percent(t.largeErrorRed, sign: false)))"
                ))
        }
        if let accuracy = current["directional_accuracy"] {
            var status: HealthStatus = accuracy >= t.directionGreen ? .green : accuracy >= t.directionRed ? .yellow : .red
            var reason =
                "directional accuracy \(percent(accuracy, sign: false)) (green ≥ \(percent(t.directionGreen, sign: false)), red < \(percent(t.directionRed, sign: false)) sustained)"
            if status == .red, let before = previous?["directional_accuracy"], before >= t.directionRed {
                status = .yellow
                reason += "; below the red line this period only (\(percent(before, sign: false)) before)"
            }
            grades.append(grade("directional_accuracy", accuracy, status, reason))
        }
        if let fairness {
            let share = fairness.gapShare
            grades.append(
                grade(
                    "group_mae_gap", share, share < t.fairnessYellow ? .green : share <= t.fairnessRed ? .yellow : .red,
                    "the worst group's MAE exceeds the best's by \(percent(share, sign: false)) of the overall MAE"))
        }
        return StatusReport(grades: grades)
    }

    private func grade(_ metric: String, _ value: Double, _ status: HealthStatus, _ reason: String) -> MetricGrade {
        MetricGrade(metric: metric, value: value, status: status, reason: reason)
    }

    private func f(_ value: Double) -> String {
        let magnitude = abs(value)
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? String(format: "%.3e", value) : String(format: "%.4f", value)
    }

    private func percent(_ share: Double, sign: Bool = true) -> String {
        String(format: sign ? "%+.1f%%" : "%.1f%%", share * 100)
    }
}

/// One metric's status and why.
public struct MetricGrade: Codable, Sendable, Equatable {
    /// The metric.
    public let metric: String
    /// Its current value.
    public let value: Double
    /// Its status.
    public let status: HealthStatus
    /// Why, in words, with the thresholds.
    public let reason: String
}

/// Every metric's grade, and the overall status: the worst of them.
public struct StatusReport: Codable, Sendable, Equatable {
    /// One grade per metric that could be computed.
    public let grades: [MetricGrade]

    /// Makes a report from its grades.
    public init(grades: [MetricGrade]) { self.grades = grades }

    /// The worst grade's status (green when there is none).
    public var overall: HealthStatus { grades.map(\.status).max() ?? .green }

    /// The grades that set the overall status.
    public var deciding: [MetricGrade] { grades.filter { $0.status == overall && overall != .green } }

    /// What the plan says to do at this status.
    public var actions: [String] {
        switch overall {
        case .green: return ["routine checks: schema holds, distributions and predictions logged"]
        case .yellow:
            return [
                "diagnostics: data quality, drifted features, worst groups",
                "shadow retrain: train a challenger on the latest data, export it, do not promote",
            ]
        case .red: return ["take the model out of production", "retrain on the latest data, then run the promotion gate"]
        }
    }
}
