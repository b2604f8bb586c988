import FerryBundle
import FerryCore
import Foundation

/// This machine's environment, with this build's plugins.
func currentEnvironment() throws -> EnvironmentManifest {
    let registry = try PluginCatalog.shared.registry()
    return .current(ferryVersion: FerryVersion.current, plugins: Dictionary(uniqueKeysWithValues: registry.plugins.map { ($0.id, $0.version.description) }))
}
