import FerryCore
import FerryPipeline

/// The human-readable form of a training run's evaluation.
enum EvaluationText {
    static let metrics = ["mae", "rmse", "mape", "r2", "directional_accuracy"]
    static let financialMetrics = ["total_return", "sharpe", "sortino", "max_drawdown", "var_95", "hit_rate"]

    static func render(_ record: RunRecord, runsDir: String) -> String {
        let split = record.split
        var lines = [
            "trained \(record.plugin.id) \(record.plugin.version) to predict \(record.target): run \(record.id) (\(runsDir)/\(record.id))",
            "  data      \(record.data.files.map(\.name).joined(separator: ", ")) (fingerprint \(record.data.sha256.prefix(12)))",
            "  split     train \(describe(split.train)); validation \(describe(split.validation)); test \(describe(split.test)); gap \(split.gap)",
            "  features  \(record.schema.features.count)",
        ]
        for (name, set) in [("validation", record.evaluation.validation), ("test", record.evaluation.test)] {
            lines.append("")
            lines.append(name.padded(to: 16) + metrics.map { ($0 == "directional_accuracy" ? "dir_acc" : $0).padded(to: 12) }.joined())
            let order = ["model"] + set.keys.filter { $0 != "model" }.sorted()
            for contender in order {
                guard let values = set[contender] else { continue }
                lines.append(
                    contender.padded(to: 16) + metrics.map { ($0 == "mape" ? "n/a" : format(values[$0])).padded(to: 12) }.joined())
            }
            if let model = set["model"]?["mae"] {
                let better = set.filter { $0.key != "model" && ($0.value["mae"] ?? .infinity) < model }.keys.sorted()
                if !better.isEmpty { lines.append("  warning: on \(name) MAE the model loses to \(better.joined(separator: ", "))") }
            }
        }
        if let financial = record.evaluation.financial {
            lines.append("")
            lines.append("test backtest".padded(to: 16) + financialMetrics.map { $0.padded(to: 14) }.joined())
            for contender in ["model", "buy_and_hold"] {
                guard let values = financial[contender] else { continue }
                lines.append(contender.padded(to: 16) + financialMetrics.map { format(values[$0]).padded(to: 14) }.joined())
            }
            lines.append("  (the model's test-split signals on the first instrument, held one period, no costs; ferry backtest for more)")
        } else if let reason = record.evaluation.financialSkipped {
            lines.append("  (financial metrics skipped: \(reason))")
        }
        // Every target Ferry knows (a signed change, a 0/1 direction) crosses or touches zero, where a
        // percentage error divides by (nearly) nothing: the number would mislead, so it is not shown.
        lines.append(
            "  (mape n/a: the \(record.schema.resolvedTargetKind.rawValue) target crosses zero; run.json keeps scikit-learn's value)")
        for (baseline, reason) in record.evaluation.skippedBaselines.sorted(by: { $0.key < $1.key }) {
            lines.append("  (\(baseline) skipped: \(reason))")
        }
        if let walkForward = record.walkForward { lines += WalkForwardText.render(walkForward, verdictBy: verdictMetric(record)) }
        return lines.joined(separator: "\n")
    }

    /// The tuning's metric, else directional accuracy for a 0/1 target and MAE for the others.
    private static func verdictMetric(_ record: RunRecord) -> String {
        if let metric = record.tuning.flatMap({ TuningMetric(rawValue: $0.metric) }) { return metric.evaluationName }
        return record.schema.resolvedTargetKind == .direction ? "directional_accuracy" : "mae"
    }

    private static func describe(_ set: SplitSummary.RowSet) -> String {
        "\(set.rows) rows \(set.first.map(\.description) ?? "") .. \(set.last.map(\.description) ?? "")"
    }

    private static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value.isNaN { return "nan" }
        let magnitude = abs(value)
        if magnitude != 0, magnitude < 1e-3 || magnitude >= 1e6 {
            return String(format: "%.3e", value)
        }
        return String(format: "%.5f", value)
    }

}
