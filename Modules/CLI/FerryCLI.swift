import ArgumentParser
import FerryBuiltInPlugins
import FerryModels
import Foundation

/// Starts the `ferry` command line with the built-in plugins and any a team adds.
///
/// A team's own executable registers its plugins and hands over:
/// ```swift
/// import FerryCLI
/// await FerryCLI.main(plugins: [MyModelPlugin.self])
/// ```
/// Every command (`train`, `plugins list`, and the later export and serve) then knows them.
public enum FerryCLI {
    /// The plugins every build of Ferry has.
    public static var builtInPlugins: [any ModelPlugin.Type] { BuiltInPlugins.all }

    /// Parses the command line and runs it, with `plugins` registered beside the built-in ones.
    public static func main(plugins: [any ModelPlugin.Type] = [], arguments: [String]? = nil) async {
        PluginCatalog.shared.set(builtInPlugins + plugins)
        if let message = SubcommandSuggestion.message(for: arguments ?? Array(CommandLine.arguments.dropFirst())) {
            FerryCommand.exit(withError: ValidationError(message))
        }
        await FerryCommand.main(arguments)
    }
}

/// The plugin list the commands read; set once, before parsing, by ``FerryCLI/main(plugins:arguments:)``.
final class PluginCatalog: @unchecked Sendable {
    static let shared = PluginCatalog()
    private let lock = NSLock()
    private var plugins: [any ModelPlugin.Type] = FerryCLI.builtInPlugins

    func set(_ plugins: [any ModelPlugin.Type]) {
        lock.lock()
        self.plugins = plugins
        lock.unlock()
    }

    /// The registry of every plugin this build has; throws if two share an id.
    func registry() throws -> PluginRegistry {
        lock.lock()
        defer { lock.unlock() }
        return try PluginRegistry(plugins)
    }
}
