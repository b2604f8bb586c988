import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry demo`: the model lifecycle on the embedded real data.
struct DemoCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the model lifecycle on the embedded real market data.",
        discussion: """
            Loads and validates the embedded S&P 500, GOOG, EUR/USD and WTI files, joins WTI onto the \
            S&P 500 calendar without look-ahead, computes the feature set, splits it chronologically \
            (70/15/15) under the leakage guard, plans walk-forward folds, then trains Lasso and \
            evaluates it against the naive baselines, keeping the run in --runs-dir, then exports the \
            run as a bundle into --bundles-dir, verifies it (integrity, authenticity, \
            compatibility, behaviour), grades it on the test split (green, yellow or red), \
            registers it in its own store (--store, made afresh each run) and runs the daily batch \
            with it. Use --log-level info to see each step.
            """)

    @Option(help: "The embedded data folder (default: $FERRY_DATA, ./data, or the repository's data/).") var dataDir: String?
    @Option(help: "Where the demo keeps its training run.") var runsDir = "runs"
    @Option(help: "Where the demo writes its bundle.") var bundlesDir = "bundles"
    @Option(help: "The demo's own store, deleted and made afresh each run.") var store = "store/demo.sqlite"
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let logger = global.logger(for: "demo")
        let demo = LifecycleDemo(dataDirectory: try DefaultInputs.directory(dataDir))
        let report = try demo.run(
            logger: logger, registry: try PluginCatalog.shared.registry(), runs: runsDir, bundles: bundlesDir,
            store: try StoreLocation(store))
        if output.json { try printJSON(report) } else { print(DemoText.render(report, runsDir: runsDir)) }
        if !report.verification.passed { throw ExitCode(report.verification.exitCode) }
    }
}
