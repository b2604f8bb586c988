import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry train`: trains a plugin on market data (through the feature pipeline) or a plain table,
/// evaluates it on validation and test against the naive baselines, and keeps the run.
struct TrainCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model plugin and evaluate it against the naive baselines.",
        discussion: """
            With --data (default: the embedded S&P 500), features are computed from the bars and the \
            target is one of next_return, next_direction, forward_return_5. With --table, every column \
            but --target is a feature. Rows are split by date (default 70/15/15; several --data files \
            share the same split dates), with the target's horizon purged before each evaluation set. \
            With --folds N the model is also trained and judged on N walk-forward folds cut from the \
            dates before the test split (with --gap, --rolling, --cost-bps as in ferry tune): every \
            metric per fold and its mean, spread and worst fold, beside the baselines and buy-and-hold. \
            The run (parameters, metrics, data fingerprint, weights) is kept in --runs-dir for ferry export.
            Examples:
              ferry train --plugin lasso --param alpha=0.0001
              ferry train --plugin lasso --param alpha=0.0001 --folds 5
              ferry train --plugin logistic --target next_direction --data data/SPX.csv --data data/GOOG.csv
              ferry train --plugin ridge --table my.csv --target y --param alpha=10
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var input: TrainingInputOptions
    @OptionGroup var walkForward: WalkForwardOptions
    @Option(help: "Where runs are kept.") var runsDir = "runs"
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    static let offersLenient = true

    func perform() throws {
        let logger = global.logger(for: "train")
        var job = try input.job()
        if walkForward.isGiven { job.walkForward = walkForward.plan(defaultFolds: 5) }
        let progress = ProgressLine(label: "training \(job.pluginID)")
        let outcome = try job.run(registry: try PluginCatalog.shared.registry(), logger: logger, progress: progress.report)
        progress.finish()
        let record = try RunKeeper(directory: runsDir, store: try storeOptions.location.open()).keep(outcome)
        if output.json { try printJSON(record) } else { print(EvaluationText.render(record, runsDir: runsDir)) }
    }
}
