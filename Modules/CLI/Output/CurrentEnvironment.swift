import FerryBundle
import FerryCore
import Foundation

/// This machine's environment, with this build's plugins.
func currentEnvironment() throws -> EnvironmentManifest {
    .current(registry: try PluginCatalog.shared.registry())
}
