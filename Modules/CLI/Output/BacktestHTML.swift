import FerryPipeline
import Foundation

/// `ferry backtest --report`: one self-contained HTML page with the headline figures and the
/// equity and drawdown curves of the strategy beside buy-and-hold.
enum BacktestHTML {
    static func render(_ report: BacktestReport) -> String {
        let figures: [(String, String, (Double) -> String)] = [
            ("total_return", "total return", percent), ("annual_return", "annual return", percent),
            ("sharpe", "Sharpe", { String(format: "%.2f", $0) }),
            ("max_drawdown", "max drawdown", percent), ("var_95", "VaR 95%", percent),
        ]
        let tiles = HTMLCharts.tiles(
            figures.map { key, label, format in
                let ours = report.strategy[key] ?? .nan
                let theirs = report.buyAndHold[key] ?? .nan
                return ("neutral", "\(label): \(format(ours))", "buy and hold: \(format(theirs))")
            })
        let sections = [
            "<h2>Strategy against buy and hold</h2>" + tiles,
            HTMLCharts.lineChart(
                title: "Equity (wealth from 1)", dates: report.dates,
                lines: [
                    .init(label: "strategy", color: "#1f4e79", values: report.equity),
                    .init(label: "buy and hold", color: "#999999", values: report.buyAndHoldEquity),
                ],
                references: [(1, "#555555", "start")], format: { String(format: "%.2f", $0) }),
            HTMLCharts.lineChart(
                title: "Drawdown", dates: report.dates,
                lines: [
                    .init(label: "strategy", color: "#c0392b", values: report.drawdown),
                    .init(label: "buy and hold", color: "#999999", values: report.buyAndHoldDrawdown),
                ],
                format: percent),
        ]
        let summary =
            "\(HTMLCharts.escape(report.file)), \(report.dates.count) periods, \(report.dates.first.map { "\($0)" } ?? "-") to \(report.dates.last.map { "\($0)" } ?? "-"). "
            + "Rule: \(HTMLCharts.escape(report.rule)); costs \(String(format: "%g", report.costBasisPoints)) bps per unit traded; turnover \(String(format: "%.1f", report.turnover))."
        return HTMLCharts.page(title: "Backtest of \(HTMLCharts.escape(report.model))", summary: summary, sections: sections)
    }

    private static func percent(_ value: Double) -> String { value.isFinite ? String(format: "%.1f%%", value * 100) : "n/a" }
}
