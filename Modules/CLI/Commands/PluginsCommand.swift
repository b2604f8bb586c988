import ArgumentParser
import FerryCore
import FerryModels
import Foundation

/// `ferry plugins list`: the model plugins this build has, with their hyperparameters and defaults.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List the model plugins this build knows.", subcommands: [PluginsListCommand.self],
        defaultSubcommand: PluginsListCommand.self)
}

struct PluginsListCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show each plugin's id, version, summary, hyperparameters and defaults.")

    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    struct Entry: Encodable {
        let id: String
        let version: String
        let summary: String
        let baseline: Bool
        let hyperparameters: JSONValue
    }

    func perform() throws {
        let registry = try PluginCatalog.shared.registry()
        let entries = try registry.plugins.map { plugin in
            Entry(
                id: plugin.id, version: plugin.version.description, summary: plugin.summary, baseline: plugin.isBaseline,
                hyperparameters: try JSONDecoder().decode(JSONValue.self, from: registry.defaultHyperparameters(id: plugin.id)))
        }
        if output.json { return try printJSON(entries) }
        for entry in entries {
            print("\(entry.id) \(entry.version)\(entry.baseline ? "  (baseline)" : "")")
            print("  \(entry.summary)")
            if case let .object(fields) = entry.hyperparameters, !fields.isEmpty {
                print("  " + fields.keys.sorted().map { "\($0)=\(Self.text(fields[$0]))" }.joined(separator: "  "))
            }
        }
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case let .number(number)?: return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case let .string(text)?: return text
        case let .bool(flag)?: return "\(flag)"
        default: return "?"
        }
    }
}
