import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry store require-signatures [on|off]`: whether the store takes only signed bundles.
struct StoreRequireSignaturesCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "require-signatures", abstract: "Show, or set, whether the store takes only signed bundles.",
        discussion: """
            With `on`, registering an unsigned bundle (ferry registry add, an upload to ferry serve) \
            and pointing an alias at an unsigned version are refused on every machine using the \
            store; versions already registered stay, but no alias can move onto an unsigned one. \
            The change is recorded in the audit trail (ferry store audit verify). Without an \
            argument, prints the current setting.
            """)

    /// The setting, as typed.
    enum Setting: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Argument(help: "on or off (omit to show the current setting).") var setting: Setting?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let settings = StoreSettings(store: try storeOptions.location.open())
        if let setting { try settings.requireSignatures(setting == .on, by: actor.user, reason: why.reason) }
        let required = try settings.requiresSignatures()
        if output.json { return try printJSON(["require_signatures": required]) }
        print(required ? "this store takes only bundles signed by a trusted key" : "this store takes any bundle that verifies")
    }
}
