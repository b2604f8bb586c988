import FerryMonitoring
import FerryPipeline

/// The human-readable form of a ``MonitorReport``.
enum MonitorText {
    static func render(_ report: MonitorReport) -> String {
        var lines = [
            "\(report.model): \(report.status.overall.rawValue.uppercased()) on \(report.rows) rows, \(report.first) .. \(report.last)"
        ]
        for grade in report.status.grades {
            lines.append(
                "  \(grade.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(grade.metric.padding(toLength: 21, withPad: " ", startingAt: 0)) \(grade.reason)"
            )
        }
        if !report.status.deciding.isEmpty {
            lines.append("  set by: \(report.status.deciding.map(\.metric).joined(separator: ", "))")
        }
        lines.append("  actions: \(report.status.actions.joined(separator: "; "))")
        if let drift = report.drift {
            lines.append(
                "  drift: \(drift.features.filter(\.drifted).count) of \(drift.features.count) features drifted against the rows before \(report.first)\(report.conceptDrift ? "; concept drift: performance fell while the inputs look stable" : "")"
            )
        }
        lines.append("  retrain: \(report.retrainDue ? "due" : "not due") (\(report.retrainReason))")
        if let challenger = report.challenger {
            lines.append(
                "  shadow retrain: wrote \(challenger.bundle) (run \(challenger.run)); not promoted: compare with ferry promote --champion \(report.bundle) --challenger \(challenger.bundle)"
            )
        }
        if report.status.overall == .red {
            lines.append("  the model should be out of production: ferry registry archive NAME@VERSION records it in the store")
        }
        return lines.joined(separator: "\n")
    }
}
