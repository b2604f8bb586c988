import ArgumentParser

/// `ferry features`: the feature set and its computation.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features", abstract: "List and compute engineered features.",
        subcommands: [FeaturesListCommand.self, FeaturesComputeCommand.self])
}
