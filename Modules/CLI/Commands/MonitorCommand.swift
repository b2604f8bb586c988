import ArgumentParser
import FerryCore
import FerryMonitoring
import FerryPipeline
import Foundation

/// `ferry monitor`: how a bundled model does on new bars, green/yellow/red against its baseline.
struct MonitorCommand: ReportingCommand {
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

    @OptionGroup var model: BundleOnBarsOptions
    @OptionGroup var rows: RowWindowOptions
    @Option(help: "Months between scheduled retrains.") var retrainEveryMonths = 3
    @Option(help: "Realised outcomes (CSV: Date and one value column) to grade against instead of the target computed from the bars.")
    var actuals: String?
    @Option(help: "Write an HTML report with charts (status, metrics over time, drift per feature, MAE by group).") var report: String?
    @Flag(
        help:
            "When the status is yellow or red, train a challenger the way the bundle was trained, on the --data files, and export it (never promoted; compare with ferry promote)."
    )
    var shadowRetrain = false
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Where the shadow retrain keeps its run (indexed in --store).") var runsDir = "runs"
    @Option(help: "The folder the shadow retrain writes its challenger bundle into.") var shadowDir = "bundles/shadow"
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        var job = MonitorJob(bundle: model.bundle, dataPaths: model.data)
        job.reference = model.input.reference
        job.window = rows.window
        job.retrain = RetrainPolicy(everyMonths: retrainEveryMonths)
        job.actuals = actuals
        job.from = try rows.fromDate()
        if shadowRetrain {
            var shadow = ShadowRetrain(champion: model.bundle, dataPaths: model.data)
            shadow.reference = model.input.reference
            shadow.keeper = RunKeeper(directory: runsDir, store: try storeOptions.location.open())
            shadow.folder = shadowDir
            job.shadowRetrain = shadow
        }
        let outcome = try job.run(verifier: try model.input.trust().verifier(), logger: global.logger(for: "monitor"))
        if let report {
            try Data(MonitorHTML.render(outcome).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
        }
        if output.json { try printJSON(outcome) } else { print(MonitorText.render(outcome)) }
        if let report, !output.json { print("  report: \(report)") }
        if outcome.status.overall == .red { throw FerryExitCode.red }
    }
}
