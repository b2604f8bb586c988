import ArgumentParser
import FerryCore
import FerryMonitoring
import FerryPipeline
import Foundation

/// `ferry monitor`: how a bundled model does on new bars, green/yellow/red against its baseline.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Grade a model, green, yellow or red against its validation baseline, and act on the status.",
        discussion: """
            Loads the bundle (verifying it first), recomputes its features from the bars with the \
            pipeline it carries, predicts, and compares with the realised target. Each metric (MAE, \
            RMSE, R², large-error share, directional accuracy, and the MAE gap between instruments \
            when several --data files are given) is graded against the plan's thresholds; the \
            overall status is the worst. With --from, features are also tested for drift against the \
            rows before it, and degraded performance with few drifted features is reported as \
            concept drift. Says whether a retrain is due; --shadow-retrain trains and exports a challenger when it is not green. --report writes an HTML page with charts. \
            With --model NAME[@ALIAS] instead of --bundle, grades the version a registered model \
            serves from its logged predictions and realised outcomes, and with --act applies the \
            model's status policy (ferry registry policy): at red roll back to the last green \
            version or pause, at yellow train a challenger on --data and register it as challenger; \
            every action is recorded in the registry's history (ferry registry show). --dry-run \
            says what --act would do. Exits 20 when red.
            """)

    @Option(help: "The bundle (.tar.gz) to grade on --data.") var bundle: String?
    @Option(help: "A bar file, one per instrument; repeat for several. With --model: the bars a challenger is trained on.")
    var data: [String] = []
    @OptionGroup var input: BundleInputOptions
    @Option(help: "Grade a registered model from its logged predictions instead: NAME (its production version) or NAME@ALIAS.")
    var model: String?
    @Flag(help: "With --model: apply the model's status policy (roll back or pause at red, a challenger at yellow).") var act = false
    @Flag(help: "With --model --act: say what would be done, record and change nothing.") var dryRun = false
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
    @OptionGroup var actor: ActorOption
    @Option(help: "Where the shadow retrain keeps its run (indexed in --store).") var runsDir = "runs"
    @Option(help: "The folder the shadow retrain writes its challenger bundle into.") var shadowDir = "bundles/shadow"
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (bundle == nil) != (model == nil) else { throw ValidationError("give --bundle (with --data) or --model, one of them") }
        if bundle != nil, data.isEmpty { throw ValidationError("--bundle needs --data: the bar files to grade it on") }
        if model == nil, act || dryRun { throw ValidationError("--act and --dry-run apply a registered model's policy: give --model") }
        if dryRun, !act { throw ValidationError("--dry-run shows what --act would do: give both") }
        if model != nil, report != nil || shadowRetrain || actuals != nil {
            throw ValidationError(
                "--report, --shadow-retrain and --actuals grade a --bundle; with --model the policy decides (ferry registry policy)")
        }
    }

    func run() async throws {
        try await reportingFailuresAsync {
            if let model { try await gradeRegistered(model) } else if let bundle { try gradeBundle(bundle) }
        }
    }

    private func gradeBundle(_ bundle: String) throws {
        var job = MonitorJob(bundle: bundle, dataPaths: data)
        job.reference = input.reference
        job.window = rows.window
        job.retrain = RetrainPolicy(everyMonths: retrainEveryMonths)
        job.actuals = actuals
        job.from = try rows.fromDate()
        if shadowRetrain {
            var shadow = ShadowRetrain(champion: bundle, dataPaths: data)
            shadow.reference = input.reference
            shadow.keeper = RunKeeper(directory: runsDir, store: try storeOptions.location.open())
            shadow.folder = shadowDir
            job.shadowRetrain = shadow
        }
        let outcome = try job.run(verifier: try input.trust().verifier(), logger: global.logger(for: "monitor"))
        if let report {
            try Data(MonitorHTML.render(outcome).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
        }
        if output.json { try printJSON(outcome) } else { print(MonitorText.render(outcome)) }
        if let report, !output.json { print("  report: \(report)") }
        if outcome.status.overall == .red { throw FerryExitCode.red }
    }
}
