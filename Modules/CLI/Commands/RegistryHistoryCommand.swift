import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry registry history NAME`: the audit trail of one model.
struct RegistryHistoryCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every change to a model's versions and aliases: who, when, why, before and after (from the audit trail).",
        discussion: "ferry store audit verify checks that none of it was altered or removed.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The model's name.") var name: String
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let records = try AuditTrail(store: try storeOptions.location.open()).history(of: name)
        if output.json { return try printJSON(records) }
        guard !records.isEmpty else { return print("no changes recorded for \(name)") }
        for record in records {
            let change = [record.previous.map { "\($0) -> " } ?? "", record.value ?? "(removed)"].joined()
            let why = record.reason.map { ": \($0)" } ?? ""
            print("#\(record.id)  \(record.at)  \(record.actor)  \(record.action.rawValue) \(record.subject)  \(change)\(why)")
        }
    }
}
