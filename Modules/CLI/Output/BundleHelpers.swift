import Crypto
import FerryBundle
import FerryCore
import Foundation

/// This machine's environment, with this build's plugins.
func currentEnvironment() throws -> EnvironmentManifest {
    let registry = try PluginCatalog.shared.registry()
    return .current(ferryVersion: FerryVersion.current, plugins: Dictionary(uniqueKeysWithValues: registry.plugins.map { ($0.id, $0.version.description) }))
}

/// The SHA-256 of a file, in hex: a bundle's digest.
enum BundleDigest {
    static func sha256(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw BundleError.unreadableFile(path) }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
