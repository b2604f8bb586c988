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
            to --record as one JSON line. With --model NAME instead of the two bundles, the \
            registry's challenger alias is measured against its champion (the champion alias, else \
            production) and, when promoted, takes its place (recorded in the registry's history): \
            the way back after a status policy acted. Exits 0 when promoted, 21 when refused.
            """)

    @Option(help: "The champion bundle.") var champion: String?
    @Option(help: "The challenger bundle.") var challenger: String?
    @Option(help: "A registered model: its challenger alias against its champion, promoted in the registry when it wins.")
    var model: String?
    @Option(help: "A bar file to compare on; repeat for several instruments.") var data: [String]
    @OptionGroup var input: BundleInputOptions
    @OptionGroup var rows: RowWindowOptions
    @Option(help: "Where decisions are recorded (JSON lines).") var record = "promotions.jsonl"
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let bundles = (champion != nil, challenger != nil)
        guard model == nil ? bundles == (true, true) : bundles == (false, false) else {
            throw ValidationError("give --champion and --challenger bundles, or --model NAME")
        }
    }

    func perform() throws {
        if let model { return try promoteRegistered(model) }
        var job = PromotionJob(champion: champion ?? "", challenger: challenger ?? "", dataPaths: data)
        job.rows = try measuredRows(job.rows)
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

    /// `--model`: the registry's challenger against its champion, moved into its place when promoted.
    private func promoteRegistered(_ model: String) throws {
        var promotion = RegistryPromotion(store: try storeOptions.location.open(), dataPaths: data)
        promotion.rows = try measuredRows(promotion.rows)
        let outcome = try promotion.run(
            model: model, verifier: try input.trust().verifier(), logger: global.logger(for: "promote"), by: actor.user)
        try PromotionLog.append(outcome.record, to: record)
        if output.json {
            try printJSON(outcome)
        } else {
            let verdict = outcome.record.verdict
            print(
                "\(verdict.promote ? "PROMOTE" : "REFUSE") \(model) \(outcome.challenger) over \(outcome.champion)"
                    + (outcome.movedTo.map { ": now \($0)" } ?? "") + " (recorded in \(record))")
            for reason in verdict.reasons { print("  \(reason)") }
        }
        if !outcome.record.verdict.promote { throw FerryExitCode.refused }
    }

    /// The rows to measure on, as the options say.
    private func measuredRows(_ rows: MonitorJob) throws -> MonitorJob {
        var measured = rows
        measured.reference = input.reference
        measured.window = self.rows.window
        measured.from = try self.rows.fromDate()
        return measured
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
