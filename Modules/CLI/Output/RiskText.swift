import FerryPipeline
import Foundation

/// The human-readable form of a ``RiskReport``: one row per statistic, one column per series.
enum RiskText {
    static func render(_ report: RiskReport) -> String {
        let names = report.series.first?.statistics.names ?? []
        let width = 18
        func cell(_ text: String) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
        var lines = [
            cell("")
                + report.series.map { cell((($0.file as NSString).lastPathComponent as NSString).deletingPathExtension + " " + $0.column) }
                .joined(),
            cell("returns") + report.series.map { cell("\($0.observations)") }.joined(),
            cell("from") + report.series.map { cell($0.first?.description ?? "-") }.joined(),
            cell("to") + report.series.map { cell($0.last?.description ?? "-") }.joined(),
        ]
        for name in names {
            lines.append(cell(name) + report.series.map { cell(format($0.statistics[name] ?? .nan)) }.joined())
        }
        lines.append(
            "annualised over \(String(format: "%g", report.periodsPerYear)) periods a year; VaR at \(String(format: "%g", report.confidence * 100))%"
        )
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6f", value) : value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf")
    }
}
