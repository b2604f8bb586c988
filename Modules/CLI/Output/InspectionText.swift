import FerryCore

/// The human-readable form of a ``DataInspection``.
enum InspectionText {
    /// How many problems are listed before the rest are counted.
    static let problemsShown = 20

    static func render(_ report: DataInspection) -> String {
        var lines = [
            "\(report.file)  [\(report.accepted ? report.kind : "REFUSED")]\(report.instrument.isEmpty ? "" : "  \(report.instrument)")"
        ]
        if report.kind != "refused" {
            lines.append("  rows       \(report.rowsRead) (\(report.validRows) valid)")
            if let first = report.first, let last = report.last {
                lines.append("  dates      \(first) .. \(last) (\(report.frequency?.rawValue ?? "single row"))")
            }
            let gaps = report.gaps.longest.map { "\($0.from) .. \($0.to) (\(formatDays($0.days)))" }
            lines.append("  gaps       \(report.gaps.count)\(gaps.isEmpty ? "" : "; longest: " + gaps.prefix(3).joined(separator: ", "))")
            if report.kind == "macro" { lines.append("  missing    \(report.missingValues) dates without a value") }
        }
        lines.append("  problems   \(report.problems.isEmpty ? "none" : String(report.problems.count))")
        lines += report.problems.prefix(problemsShown).map { "    \($0)" }
        if report.problems.count > problemsShown {
            lines.append("    ... and \(report.problems.count - problemsShown) more (--json lists them all)")
        }
        return lines.joined(separator: "\n")
    }

    private static func formatDays(_ days: Double) -> String {
        days == days.rounded() ? "\(Int(days)) days" : "\((days * 10).rounded() / 10) days"
    }
}
