import ArgumentParser
import FerryCore
import FerryPipeline
import FerryRisk
import Foundation

/// `ferry backtest`: trade a bundled model's signals on a bar file, beside buy-and-hold.
struct BacktestCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Trade a bundled model's predictions on a bar file and measure the result beside buy-and-hold.",
        discussion: """
            Loads the bundle (verifying it first) and predicts on the bars with the feature pipeline \
            it carries. Each prediction, made at a close, becomes a position held over the next \
            period (one-period execution lag: a signal never earns the return of the period it was \
            made in): long or short by the sign of a predicted return, or by a probability \
            threshold for a next_direction model, or Kelly-sized from the returns known at that close. Costs are charged in basis points on every change \
            of position. Prints the strategy's and buy-and-hold's statistics (as ferry risk stats); \
            --report writes an HTML page with the equity and drawdown curves.
            Examples:
              ferry backtest --bundle bundles/example/SPX-lasso-1.0.0.tar.gz --data data/SPX.csv --with data/WTI.csv --from 2016-01-12 --cost-bps 2
            """)

    @Option(help: "The bundle (.tar.gz).") var bundle: String
    @Option(help: "The bar file to trade.") var data: String
    @OptionGroup var input: BundleInputOptions
    @Option(help: "Trade from this date (YYYY-MM-DD); default: every row with features.") var from: String?
    @Option(
        help:
            "sign (of a predicted return), threshold (of a predicted probability) or kelly (half Kelly from the trailing 252 returns, capped as ferry size caps); default by the bundle's target."
    )
    var rule: String?
    @Option(help: "With --rule threshold: long above it, short below 1 minus it.") var threshold = 0.5
    @Option(help: "Transaction cost in basis points per unit of position traded.") var costBps = 0.0
    @Option(help: "Periods per year, for annualising.") var periodsPerYear = 252.0
    @Option(help: "Write an HTML report with the equity and drawdown curves.") var report: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard threshold >= 0.5, threshold < 1 else { throw ValidationError("--threshold takes a probability from 0.5 to below 1") }
        guard costBps >= 0 else { throw ValidationError("--cost-bps cannot be negative") }
    }

    func perform() throws {
        var job = BacktestJob(bundle: bundle, dataPath: data)
        job.reference = input.reference
        job.costBasisPoints = costBps
        job.periodsPerYear = periodsPerYear
        switch rule {
        case nil: break
        case "sign": job.rule = .sign
        case "threshold": job.rule = .threshold(threshold)
        case "kelly": job.kelly = CappedKellySizer()
        case let other?: throw ValidationError("--rule takes sign, threshold or kelly, not '\(other)'")
        }
        job.from = try DateOption.parse(from, flag: "--from")
        let outcome = try job.run(verifier: try input.trust().verifier(), logger: global.logger(for: "backtest"))
        if let report {
            try Data(BacktestHTML.render(outcome).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
        }
        if output.json { return try printJSON(outcome) }
        print(BacktestText.render(outcome))
        if let report { print("  report: \(report)") }
    }
}
