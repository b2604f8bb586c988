import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry registry policy`: what monitoring's red and yellow do to a model.
struct RegistryPolicyCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Set what a model's red and yellow status do (ferry monitor --model NAME --act applies it).",
        discussion: """
            At red: rollback moves the alias (or production) back to the newest earlier version that \
            verifies and was green when last graded, pausing when there is none; pause stops serving \
            it (503 with the reason; the batch scores nothing, exit 22); none only records. At \
            yellow: shadow trains a challenger on the monitor's --data and registers it as \
            challenger, promoting nothing. Every action is recorded (ferry registry show) and \
            notified: a log line, and a JSON POST to --webhook when given. Options not given keep \
            their current values.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The model's name.") var name: String
    @Option(help: "At red: rollback, pause or none.") var onRed: ModelPolicy.RedAction?
    @Option(help: "At yellow: shadow or none.") var onYellow: ModelPolicy.YellowAction?
    @Option(help: "An http(s) URL every action is POSTed to as JSON; an empty value removes it.") var webhook: String?
    @Option(help: "Write a notice line to the log for every action: true or false.") var logLine: Bool?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let store = try storeOptions.location.open()
        var policy = try RegistryQueries(store: store).overview(of: name).policy ?? ModelPolicy(name: name, setBy: actor.user)
        policy.onRed = onRed ?? policy.onRed
        policy.onYellow = onYellow ?? policy.onYellow
        if let webhook { policy.webhook = webhook.isEmpty ? nil : webhook }
        policy.logLine = logLine ?? policy.logLine
        policy.setBy = actor.user
        try RegistryChanges(store: store).setPolicy(policy)
        if output.json { return try printJSON(policy) }
        print(
            "\(name): at red \(policy.onRed.rawValue), at yellow \(policy.onYellow.rawValue)\(policy.webhook == nil ? "" : ", webhook set")"
        )
    }
}

extension ModelPolicy.RedAction: ExpressibleByArgument {}
extension ModelPolicy.YellowAction: ExpressibleByArgument {}

/// `ferry registry resume`: lift a pause, with a reason for the history.
struct RegistryResumeCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Serve a paused model again (needs --force and --reason; recorded).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The paused reference, NAME or NAME@ALIAS.") var model: String
    @OptionGroup var override: ForcedChangeOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard override.force, override.reason != nil else { throw ValidationError("lifting a pause needs --force and --reason TEXT") }
    }

    func perform() throws {
        try RegistryChanges(store: try storeOptions.location.open()).resume(model, reason: override.reason ?? "", by: actor.user)
        print("\(model) serves again (by \(actor.user): \(override.reason ?? ""))")
    }
}

/// `ferry registry pause`: take a model reference out of service by hand.
struct RegistryPauseCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop serving a model reference: requests get 503 with the reason, the batch scores nothing (exit 22).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "NAME (its production version) or NAME@ALIAS.") var model: String
    @Option(help: "Why, for the history and for every refused request.") var reason: String
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        try RegistryChanges(store: try storeOptions.location.open()).pause(model, reason: reason, by: actor.user)
        print("\(model) paused (by \(actor.user): \(reason)); ferry registry resume \(model) --force --reason TEXT lifts it")
    }
}

/// `--force --reason`: a change monitoring would refuse (a pause lifted, an alias moved onto a red version), recorded with why.
struct ForcedChangeOptions: ParsableArguments {
    @Flag(help: "Make a change the status would refuse (recorded in the history with --reason).") var force = false
    @Option(help: "Why, for the audit trail (ferry registry history); required with --force.") var reason: String?

    /// The reason when forced (`nil` when not); a usage error for --force without a reason.
    func forcedReason() throws -> String? {
        guard force else { return nil }
        guard let reason, !reason.isEmpty else { throw ValidationError("--force needs --reason TEXT, for the audit trail") }
        return reason
    }
}
