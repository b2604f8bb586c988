import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry registry show`: one model's versions, grades, aliases, policy, pauses and history.
struct RegistryShowCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a model: versions with their last grades, aliases, status policy, pauses and history.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The model's name.") var name: String
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let overview = try RegistryQueries(store: try storeOptions.location.open()).overview(of: name)
        if output.json { return try printJSON(overview) }
        print(name)
        for version in overview.versions {
            let entry = version.entry
            let aliases = overview.aliases.filter { $0.version == entry.version }.map { "@" + $0.alias }.joined(separator: " ")
            let grade = version.lastGrade.map { "last graded \($0.status) on \($0.gradedAt) (\($0.pairs) predictions)" } ?? "never graded"
            print("  \(entry.version)  \(entry.stage.rawValue)  \(grade)\(aliases.isEmpty ? "" : "  \(aliases)")")
        }
        if let policy = overview.policy {
            print(
                "  policy: at red \(policy.onRed.rawValue), at yellow \(policy.onYellow.rawValue), log line \(policy.logLine ? "on" : "off")"
                    + "\(policy.webhook == nil ? "" : ", webhook set") (set \(policy.setAt) by \(policy.setBy))")
        } else {
            print("  policy: none set (grades are recorded and noted, nothing acts; ferry registry policy sets one)")
        }
        for pause in overview.pauses { print("  PAUSED \(pause.reference) since \(pause.setAt) by \(pause.setBy): \(pause.reason)") }
        print("  history:")
        let changes = overview.stageChanges.map { change in
            (change.changedAt, "\(change.version) \(change.fromStage ?? "new") -> \(change.toStage) by \(change.changedBy)")
        }
        let actions = overview.actions.map { action in
            let place = action.alias.isEmpty ? "" : "@\(action.alias) "
            let move = action.toVersion.map { " \(action.fromVersion ?? "-") -> \($0)" } ?? ""
            return (action.at, "\(place)\(action.kind.rawValue)\(move) by \(action.by): \(action.reason)")
        }
        for (at, line) in (changes + actions).sorted(by: { $0.0 < $1.0 }) { print("    \(at)  \(line)") }
    }
}
