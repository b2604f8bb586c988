import FerryCore
import FerryMonitoring
import FerryPipeline
import Foundation

/// `ferry monitor --report`: one self-contained HTML page with the status tiles, metrics against
/// their thresholds over time, drift per feature and MAE by group.
enum MonitorHTML {
    static func render(_ report: MonitorReport) -> String {
        let grades = report.status.grades.map { ($0.status.rawValue, "\($0.metric): \($0.status.rawValue)", $0.reason) }
        var sections = ["<h2>Status: \(report.status.overall.rawValue)</h2>" + HTMLCharts.tiles(grades)]
        let dates = report.history.map(\.last)
        let baselineMAE = report.baseline["mae"] ?? 0
        if baselineMAE > 0, report.history.count > 1 {
            sections.append(
                HTMLCharts.lineChart(
                    title: "MAE against the baseline, per window", dates: dates,
                    lines: [
                        .init(
                            label: "MAE / baseline", color: "#1f4e79", values: report.history.map { ($0.metrics["mae"] ?? 0) / baselineMAE }
                        )
                    ],
                    references: [(1.10, "#d4a017", "+10% (yellow)"), (1.30, "#c0392b", "+30% (red)")],
                    format: { String(format: "%.2f×", $0) }))
        }
        if report.history.count > 1 {
            sections.append(
                HTMLCharts.lineChart(
                    title: "Directional accuracy, per window", dates: dates,
                    lines: [
                        .init(
                            label: "directional accuracy", color: "#1f4e79",
                            values: report.history.map { $0.metrics["directional_accuracy"] ?? 0 })
                    ],
                    references: [(0.60, "#2e8b57", "60% (green)"), (0.55, "#c0392b", "55% (red)")],
                    format: { String(format: "%.0f%%", $0 * 100) }))
        }
        if let drift = report.drift {
            sections.append(
                HTMLCharts.bars(
                    title: "Drift per feature: KS statistic (red: drifted after \(drift.correction.rawValue) at \(drift.alpha))",
                    items: drift.features.map { ($0.column, $0.ksStatistic, $0.drifted) }))
        }
        if let fairness = report.fairness {
            sections.append(
                HTMLCharts.bars(
                    title: "MAE by group", items: fairness.maeByGroup.sorted { $0.key < $1.key }.map { ($0.key, $0.value, false) }))
        }
        let summary =
            "\(report.rows) rows, \(report.first) to \(report.last). Retrain: \(report.retrainDue ? "due" : "not due") (\(HTMLCharts.escape(report.retrainReason)))."
            + (report.conceptDrift ? " <b>Concept drift:</b> performance fell while the inputs look stable." : "")
        return HTMLCharts.page(
            title: "\(HTMLCharts.escape(report.model)): \(report.status.overall.rawValue)", summary: summary, sections: sections)
    }
}
