import ArgumentParser
import FerryCore
import FerryPipeline
import FerryRisk
import Foundation

/// `ferry risk stats`: the empyrical statistics of each return or price series in some CSV files.
struct RiskStatsCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Sharpe, Sortino, drawdown, VaR and more for each series in CSV files.",
        discussion: """
            Reads CSV tables (a Date column and numeric columns; Yahoo bar files qualify). With \
            --returns, each column is a series of simple returns; with --prices, a series of prices \
            whose returns are computed (the first row has none). Without --column, every column is \
            a series, except that a bar file's prices default to Adj Close. A gap or an unreadable \
            cell is refused with its file and line. The definitions are empyrical's; docs/risk.md \
            gives each formula.
            Examples:
              ferry risk stats --prices data/SPX.csv --prices data/GOOG.csv
              ferry risk stats --returns strategy.csv --column pnl --json
            """)

    @Option(help: "A CSV of simple returns (0.01 is one percent); repeat for several files.") var returns: [String] = []
    @Option(help: "A CSV of prices; repeat for several files.") var prices: [String] = []
    @Option(help: "A column to use; repeat for several (default: every column, or Adj Close of a bar file).") var column: [String] = []
    @Option(help: "Periods in a year, for annualising: 252 for daily data, about 6240 for hourly FX.") var periodsPerYear = 252.0
    @Option(help: "The VaR and CVaR confidence.") var confidence = 0.95
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !returns.isEmpty || !prices.isEmpty else { throw ValidationError("give --returns FILE or --prices FILE") }
        guard confidence > 0, confidence < 1 else { throw ValidationError("--confidence takes a number between 0 and 1, such as 0.95") }
        guard periodsPerYear > 0 else { throw ValidationError("--periods-per-year must be positive") }
    }

    func perform() throws {
        let model = ReturnStatistics(periodsPerYear: periodsPerYear, cutoff: 1 - confidence)
        let series =
            try returns.flatMap { try RiskSeries.read($0, kind: .returns, columns: column) }
            + prices.flatMap { try RiskSeries.read($0, kind: .prices, columns: column) }
        let report = RiskReport(
            periodsPerYear: periodsPerYear, confidence: confidence,
            series: try series.map { try $0.statistics(model) })
        if output.json { try printJSON(report) } else { print(RiskText.render(report)) }
    }
}
