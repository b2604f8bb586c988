import ArgumentParser

/// `ferry risk`: performance and risk statistics.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk", abstract: "Performance and risk statistics of returns or prices.", subcommands: [RiskStatsCommand.self])
}
