import ArgumentParser
import FerryPipeline
import FerryRisk
import Foundation

/// `ferry size`: positions for the next period from a bundled model's latest predictions.
struct SizeCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Size positions from a bundled model's latest predictions, within the position and portfolio VaR caps.",
        discussion: """
            For each --data file (one instrument each), the bundle predicts at the latest close. A \
            next_direction model gives the binary Kelly fraction p − (1 − p)/b, with the payoff ratio \
            b (mean gain over mean loss) from the recent returns; a return model gives μ/σ² with the \
            predicted return per period and the recent variance. The fraction taken (half by default) \
            is capped at --max-position of the portfolio, long or short; then, if the portfolio's \
            parametric VaR (from the covariance of the instruments' recent returns) is above \
            --var-limit, every position is scaled down by the same factor. Each position says why it \
            was cut. A --portfolio JSON file can hold the same settings: \
            {"kelly_fraction": 0.5, "max_position": 0.05, "var_limit": 0.02, "confidence": 0.95, "lookback": 252}; \
            options given on the command line win.
            """)

    @OptionGroup var model: BundleOnBarsOptions
    @Option(help: "A JSON file of portfolio settings (see above).") var portfolio: String?
    @Option(help: "The share of the Kelly fraction taken (default 0.5).") var kellyFraction: Double?
    @Option(help: "The largest position, long or short, as a fraction of the portfolio (default 0.05).") var maxPosition: Double?
    @Option(help: "The largest one-period portfolio VaR, as a fraction of the portfolio (default 0.02).") var varLimit: Double?
    @Option(help: "The VaR confidence (default 0.95).") var confidence: Double?
    @Option(help: "Recent periods for the variance, payoff ratio and covariance (default 252).") var lookback: Int?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let settings = try portfolio.map(PortfolioSettings.read) ?? PortfolioSettings()
        var job = SizingJob(bundle: model.bundle, dataPaths: model.data)
        job.reference = model.input.reference
        job.lookback = lookback ?? settings.lookback ?? job.lookback
        job.sizer = CappedKellySizer(
            kellyFraction: kellyFraction ?? settings.kellyFraction ?? 0.5, maxPosition: maxPosition ?? settings.maxPosition ?? 0.05,
            varLimit: varLimit ?? settings.varLimit ?? 0.02, confidence: confidence ?? settings.confidence ?? 0.95)
        let verifier = try model.input.trust().verifier()
        let report = try job.run(verifier: verifier, logger: global.logger(for: "size"))
        if output.json { return try printJSON(report) }
        print("\(report.model): positions for the period after each latest close (\(report.lookback) periods of common history)")
        for (position, date) in zip(report.positions, report.asOf) {
            print(
                String(
                    format: "  %@  %+.4f  (as of %@; %@)", position.signal.instrument, position.position, date.description,
                    position.signal.basis))
            for reason in position.reasons { print("      \(reason)") }
        }
        print(
            String(
                format: "  portfolio VaR %.4f at %g%% (limit %g)", report.portfolioValueAtRisk, report.confidence * 100, report.varLimit
            ))
    }
}

/// `ferry size --portfolio FILE`: the sizing settings a portfolio keeps.
struct PortfolioSettings: Decodable {
    var kellyFraction: Double?
    var maxPosition: Double?
    var varLimit: Double?
    var confidence: Double?
    var lookback: Int?

    enum CodingKeys: String, CodingKey {
        case kellyFraction = "kelly_fraction"
        case maxPosition = "max_position"
        case varLimit = "var_limit"
        case confidence, lookback
    }

    static func read(_ path: String) throws -> PortfolioSettings {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("cannot read --portfolio \(path): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(PortfolioSettings.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ValidationError("\(path): \(field.isEmpty ? "not a JSON object" : "field \(field)"): \(context.debugDescription)")
        }
    }
}
