import ArgumentParser
import FerryPipeline
import Foundation

/// `ferry tune`: walk-forward tuning of a plugin's hyperparameters, blind to the test split.
struct TuneCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Choose a plugin's hyperparameters on walk-forward folds, never looking at the test split.",
        discussion: """
            Every combination of the --grid values is trained and scored on --folds expanding \
            folds (default 5; or --rolling N dates) cut from the dates before the test split, with --gap \
            rows left out before each scored block (default: the target's horizon); the naive \
            baselines are scored on the same folds, and with bars each fold's signal is traded \
            (first instrument, one-period lag, --cost-bps) beside buy-and-hold. The candidate \
            with the best mean --metric \
            over the folds is then trained as ferry train would (on the training split, evaluated \
            on validation and test beside the baselines) and the run kept in --runs-dir for ferry \
            export. --report writes a self-contained HTML page (the verdict, scores and Sharpe by \
            fold, the test backtest's equity). Deterministic for a --seed.
            Examples:
              ferry tune --plugin lasso --grid alpha=1e-5,1e-4,1e-3 --folds 5
              ferry tune --plugin ridge --table my.csv --target y --grid alpha=0.1,1,10 --metric rmse --json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var input: TrainingInputOptions
    @Option(name: .customLong("grid"), help: "Values to try, as NAME=V1,V2,...; repeat for several hyperparameters.") var grid: [String] =
        []
    @OptionGroup var walkForward: WalkForwardOptions
    @Option(help: "What the folds are scored by: mae, rmse, dir_acc or sharpe.") var metric = "mae"
    @Option(help: "Try at most this many candidates, drawn with the seed when the grid has more.") var budget: Int?
    @Option(help: "Where runs are kept.") var runsDir = "runs"
    @Option(help: "Write an HTML report: the verdict, scores by fold, Sharpe by fold, the test backtest's equity.") var report: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    static let offersLenient = true

    func validate() throws {
        if grid.isEmpty { throw ValidationError("give at least one --grid NAME=V1,V2,...") }
        if TuningMetric(rawValue: metric) == nil { throw ValidationError("--metric takes mae, rmse, dir_acc or sharpe, not '\(metric)'") }
        if let budget, budget < 1 { throw ValidationError("--budget takes 1 or more candidates, not \(budget)") }
    }

    func perform() throws {
        var job = TuningJob(training: try input.job(), grid: try HyperparameterGrid(grid))
        job.plan = walkForward.plan(defaultFolds: 5)
        job.budget = budget
        job.metric = TuningMetric(rawValue: metric) ?? .mae
        let progress = ProgressLine(label: "tuning \(job.training.pluginID)")
        let outcome = try job.run(
            registry: try PluginCatalog.shared.registry(), logger: global.logger(for: "tune"), progress: progress.report)
        progress.finish()
        let record = try RunKeeper(directory: runsDir, store: try storeOptions.location.open()).keep(outcome.final)
        if let report {
            try Data(TuningHTML.render(outcome, plugin: job.training.pluginID).utf8).write(
                to: URL(fileURLWithPath: report), options: .atomic)
        }
        if output.json { return try printJSON(TuningReport(outcome, run: record)) }
        print(TuningText.render(outcome))
        print(EvaluationText.render(record, runsDir: runsDir))
        if let report { print("  report: \(report)") }
    }
}
