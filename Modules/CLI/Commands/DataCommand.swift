import ArgumentParser

/// `ferry data`: commands about market data files.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Inspect and validate market data files.", subcommands: [DataInspectCommand.self])
}
