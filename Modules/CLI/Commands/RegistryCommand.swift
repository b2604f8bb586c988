import ArgumentParser

/// `ferry registry`: the store's registry of model bundles.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Register bundles, list them, move them between stages, name versions with aliases.",
        discussion: """
            Models are named NAME (the production version, else the newest), NAME@ALIAS \
            (champion, challenger, ...) or NAME@VERSION. Stages: staging (where a bundle \
            starts), production (one version per model), archived. Every change is recorded \
            with who made it, when and why (--reason) in the audit trail: ferry registry history \
            NAME lists it, ferry store audit verify checks it.
            """,
        subcommands: [
            RegistryAddCommand.self, RegistryListCommand.self, RegistryPromoteCommand.self, RegistryArchiveCommand.self,
            RegistryAliasCommand.self, RegistryShowCommand.self, RegistryPolicyCommand.self, RegistryPauseCommand.self,
            RegistryResumeCommand.self, RegistryHistoryCommand.self,
        ])
}
