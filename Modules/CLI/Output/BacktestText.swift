import FerryPipeline
import Foundation

/// The human-readable form of a ``BacktestReport``: the strategy beside buy-and-hold.
enum BacktestText {
    static let shown = [
        "total_return", "annual_return", "annual_volatility", "sharpe", "sortino", "max_drawdown", "calmar", "var_95", "cvar_95",
        "hit_rate",
    ]

    static func render(_ report: BacktestReport) -> String {
        var lines = [
            "\(report.model) on \(report.file): \(report.dates.count) periods, \(report.dates.first.map { "\($0)" } ?? "-") .. \(report.dates.last.map { "\($0)" } ?? "-")",
            "  rule: \(report.rule); costs \(String(format: "%g", report.costBasisPoints)) bps per unit traded; turnover \(String(format: "%.1f", report.turnover))",
            "  " + "".padding(toLength: 19, withPad: " ", startingAt: 0) + "strategy".padding(toLength: 14, withPad: " ", startingAt: 0)
                + "buy and hold",
        ]
        for name in shown {
            lines.append(
                "  " + name.padding(toLength: 19, withPad: " ", startingAt: 0)
                    + format(report.strategy[name]).padding(toLength: 14, withPad: " ", startingAt: 0) + format(report.buyAndHold[name]))
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value.isFinite ? String(format: "%.4f", value) : value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf")
    }
}
