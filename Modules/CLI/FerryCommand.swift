import ArgumentParser
import FerryCore

/// The `ferry` command: data to a model bundle a colleague can trust on another machine.
public struct FerryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Train financial forecasting models and hand them off as verifiable bundles.",
        discussion: """
            Every command reads the embedded real market data (data/) unless given files. \
            Exit codes: 0 success, 64 bad usage, 65 data refused, 66 input not found (file, run, model), \
            10-13 bundle verification failures (see ferry verify --help), 20 monitoring status red, \
            21 promotion refused, 1 anything else.
            """,
        version: FerryVersion.current,
        subcommands: [
            DataCommand.self, FeaturesCommand.self, PluginsCommand.self, TrainCommand.self, TuneCommand.self, PredictCommand.self,
            ExportCommand.self,
            VerifyCommand.self, PushCommand.self, PullCommand.self,
            InspectCommand.self, KeygenCommand.self, MonitorCommand.self, DriftCommand.self, PromoteCommand.self, RiskCommand.self,
            BacktestCommand.self, SizeCommand.self,
            RegistryCommand.self, RunsCommand.self, BatchCommand.self, StreamCommand.self, TokensCommand.self, StoreCommand.self,
            ServeCommand.self,
            ABCommand.self,
            DemoCommand.self,
        ])

    public init() {}
}
