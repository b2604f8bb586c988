import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry promote`: the promotion gate between a champion and a challenger bundle.
struct PromoteCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Decide whether a challenger bundle replaces the champion, with every reason.",
        discussion: """
            Measures both bundles on the same rows. The challenger is promoted only if it is no \
            worse on MAE, RMSE, R², directional accuracy and (with several --data files) the MAE \
            gap between instruments, and its residuals have a mean near zero (|t| <= 1.96) and no \
            strong autocorrelation (Ljung-Box over 10 lags, p >= 0.05). The decision is appended \
            to --record as one JSON line. Exits 0 when promoted, 21 when refused.
            """)

    @Option(help: "The champion bundle.") var champion: String
    @Option(help: "The challenger bundle.") var challenger: String
    @Option(help: "A bar file to compare on; repeat for several instruments.") var data: [String]
    @OptionGroup var input: BundleInputOptions
    @OptionGroup var rows: RowWindowOptions
    @Option(help: "Where decisions are recorded (JSON lines).") var record = "promotions.jsonl"
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        var job = PromotionJob(champion: champion, challenger: challenger, dataPaths: data)
        job.rows.reference = input.reference
        job.rows.window = rows.window
        job.rows.from = try rows.fromDate()
        let outcome = try job.run(verifier: try input.trust().verifier(), logger: global.logger(for: "promote"))
        try PromotionLog.append(outcome, to: record)
        if output.json {
            try printJSON(outcome)
        } else {
            print(
                "\(outcome.verdict.promote ? "PROMOTE" : "REFUSE") \(outcome.verdict.challenger) over \(outcome.verdict.champion) (recorded in \(record))"
            )
            for reason in outcome.verdict.reasons { print("  \(reason)") }
        }
        if !outcome.verdict.promote { throw FerryExitCode.refused }
    }
}

/// Appends promotion records as JSON lines, rewriting the file through a temporary copy.
enum PromotionLog {
    static func append(_ record: PromotionRecord, to path: String) throws {
        var contents = FileManager.default.contents(atPath: path) ?? Data()
        contents += try FerryJSON.encoder().encode(record) + Data("\n".utf8)
        try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
