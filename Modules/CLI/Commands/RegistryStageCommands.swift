import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry registry promote`: move a version to production (or back to staging).
struct RegistryPromoteCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move a model version to production (the previous production version is archived).",
        discussion: "The gate that decides whether a challenger should be promoted is ferry promote; this records the decision.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The model version, NAME@VERSION or NAME@ALIAS.") var model: String
    @Option(help: "The stage to move it to: production or staging.") var to: String = "production"
    @OptionGroup var override: ForcedChangeOptions
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        guard let stage = RegisteredBundle.Stage(rawValue: to), stage != .archived else {
            throw ValidationError("--to must be production or staging (ferry registry archive archives)")
        }
        try changeStage(
            model, to: stage, store: storeOptions, by: actor.user, reason: override.reason, forcedBecause: try override.forcedReason())
    }
}

/// `ferry registry archive`: take a version out of service.
struct RegistryArchiveCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "archive", abstract: "Archive a model version (its aliases are removed).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The model version, NAME@VERSION or NAME@ALIAS.") var model: String
    @OptionGroup var why: ReasonOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        try changeStage(model, to: .archived, store: storeOptions, by: actor.user, reason: why.reason)
    }
}

/// `ferry registry alias`: point an alias (champion, challenger) at a version.
struct RegistryAliasCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias", abstract: "Point an alias such as champion or challenger at a model version.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The model version, NAME@VERSION.") var model: String
    @Argument(help: "The alias: letters, digits, - or _.") var alias: String
    @OptionGroup var override: ForcedChangeOptions
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let entry = try RegistryChanges(store: try storeOptions.location.open()).setAlias(
            alias, to: model, by: actor.user, reason: override.reason, forcedBecause: try override.forcedReason())
        print("\(entry.name)@\(alias) -> \(entry.version)")
    }
}

/// Resolves `model` and moves it to `stage`, printing the change.
private func changeStage(
    _ model: String, to stage: RegisteredBundle.Stage, store options: StoreOptions, by user: String, reason: String?,
    forcedBecause forced: String? = nil
) throws {
    let entry = try RegistryChanges(store: try options.location.open()).setStage(
        model, to: stage, by: user, reason: reason, forcedBecause: forced)
    print("\(entry.name) \(entry.version): \(entry.stage.rawValue) -> \(stage.rawValue) (by \(user))")
}
