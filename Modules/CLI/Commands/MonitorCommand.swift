import ArgumentParser
import FerryCore
import FerryMonitoring
import FerryPipeline
import Foundation

/// `ferry monitor`: how a bundled model does on new bars, green/yellow/red against its baseline.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Grade a bundled model on new data: green, yellow or red against its validation baseline.",
        discussion: """
            Loads the bundle (verifying it first), recomputes its features from the bars with the \
            pipeline it carries, predicts, and compares with the realised target. Each metric (MAE, \
            RMSE, R², large-error share, directional accuracy, and the MAE gap between instruments \
            when several --data files are given) is graded against the plan's thresholds; the \
            overall status is the worst. With --from, features are also tested for drift against the \
            rows before it, and degraded performance with few drifted features is reported as \
            concept drift. Says whether a retrain is due; --shadow-retrain trains and exports a challenger when it is not green. --report writes an HTML page with charts. \
            Exits 20 when red.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The bundle (.tar.gz).")
    var bundle: String

    @Option(help: "A bar file to monitor on; repeat for several instruments.")
    var data: [String]

    @OptionGroup var input: BundleInputOptions

    @Option(help: "Monitor only rows on or after this date (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Grade the last N rows, with the N before them as the previous period.")
    var window: Int?

    @Option(help: "Months between scheduled retrains.")
    var retrainEveryMonths = 3

    @Option(help: "Realised outcomes (CSV: Date and one value column) to grade against instead of the target computed from the bars.")
    var actuals: String?

    @Option(help: "Write an HTML report with charts (status, metrics over time, drift per feature, MAE by group).")
    var report: String?

    @Flag(help: "When the status is yellow or red, train a challenger the way the bundle was trained, on the --data files, and export it (never promoted; compare with ferry promote).")
    var shadowRetrain = false

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Where the shadow retrain keeps its run (indexed in --store).")
    var runsDir = "runs"

    @Option(help: "The folder the shadow retrain writes its challenger bundle into.")
    var shadowDir = "bundles/shadow"

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            var job = MonitorJob(bundle: bundle, dataPaths: data)
            job.reference = input.reference
            job.window = window
            job.retrain = RetrainPolicy(everyMonths: retrainEveryMonths)
            job.actuals = actuals
            if let from {
                guard let date = Timestamp(iso8601: from) else { throw ValidationError("--from takes a date as YYYY-MM-DD") }
                job.from = date
            }
            if shadowRetrain {
                var shadow = ShadowRetrain(champion: bundle, dataPaths: data)
                shadow.reference = input.reference
                shadow.keeper = RunKeeper(directory: runsDir, store: try storeOptions.open())
                shadow.folder = shadowDir
                job.shadowRetrain = shadow
            }
            let outcome = try job.run(verifier: try input.verifier(), logger: global.logger(for: "monitor"))
            if let report {
                try Data(MonitorHTML.render(outcome).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            }
            if json { try printJSON(outcome) } else { print(MonitorText.render(outcome)) }
            if let report, !json { print("  report: \(report)") }
            if outcome.status.overall == .red { throw FerryExitCode.red }
        }
    }
}
