import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry promote`: the promotion gate between a champion and a challenger bundle.
struct PromoteCommand: ParsableCommand {
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

    @OptionGroup var global: GlobalOptions

    @Option(help: "The champion bundle.")
    var champion: String

    @Option(help: "The challenger bundle.")
    var challenger: String

    @Option(help: "A bar file to compare on; repeat for several instruments.")
    var data: [String]

    @OptionGroup var input: BundleInputOptions

    @Option(help: "Compare only on rows on or after this date (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Compare on the last N rows.")
    var window: Int?

    @Option(help: "Where decisions are recorded (JSON lines).")
    var record = "promotions.jsonl"

    @Flag(help: "Print the record as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            var job = PromotionJob(champion: champion, challenger: challenger, dataPaths: data)
            job.rows.reference = input.reference
            job.rows.window = window
            if let from {
                guard let date = Timestamp(iso8601: from) else { throw ValidationError("--from takes a date as YYYY-MM-DD") }
                job.rows.from = date
            }
            let verifier = try input.verifier()
            let outcome = try job.run(verifier: verifier, logger: global.logger(for: "promote"))
            try PromotionLog.append(outcome, to: record)
            if json {
                try printJSON(outcome)
            } else {
                print("\(outcome.verdict.promote ? "PROMOTE" : "REFUSE") \(outcome.verdict.challenger) over \(outcome.verdict.champion) (recorded in \(record))")
                for reason in outcome.verdict.reasons { print("  \(reason)") }
            }
            if !outcome.verdict.promote { throw FerryExitCode.refused }
        }
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
