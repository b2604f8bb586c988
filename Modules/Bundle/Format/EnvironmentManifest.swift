import FerryCore
import FerryModels
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `environment.json`: the software a bundle was made with, so a reader can list what differs.
public struct EnvironmentManifest: Codable, Sendable, Equatable {
    /// Ferry's version.
    public let ferry: String
    /// The Swift compiler's version (major.minor).
    public let swift: String
    /// The operating system and its release.
    public let os: String
    /// The CPU architecture.
    public let architecture: String
    /// libarchive's version.
    public let libarchive: String
    /// zlib's version.
    public let zlib: String
    /// Each registered plugin's version, by id.
    public let plugins: [String: String]
    /// The version of every Swift package this build of Ferry was resolved with, by package
    /// name (format 2; `nil` in format 1 bundles).
    public let packages: [String: String]?

    /// This machine's environment, with this build of Ferry and the plugins `registry` has:
    /// what an exported bundle records and a verifier compares against.
    public static func current(registry: PluginRegistry) -> EnvironmentManifest {
        current(
            ferryVersion: FerryVersion.current,
            plugins: Dictionary(uniqueKeysWithValues: registry.plugins.map { ($0.id, $0.version.description) }))
    }

    /// This machine's environment.
    public static func current(ferryVersion: String, plugins: [String: String]) -> EnvironmentManifest {
        var system = utsname()
        uname(&system)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return EnvironmentManifest(
            ferry: ferryVersion, swift: swiftVersion, os: "\(field(system.sysname)) \(field(system.release))",
            architecture: field(system.machine), libarchive: ArchiveLibraries.libarchiveVersion, zlib: ArchiveLibraries.zlibVersion,
            plugins: plugins, packages: ResolvedPackages.versions)
    }

    /// How `other` differs from this environment, one line per field.
    public func differences(from other: EnvironmentManifest) -> [String] {
        var lines: [String] = []
        for (name, mine, theirs) in [
            ("ferry", ferry, other.ferry), ("swift", swift, other.swift), ("os", os, other.os),
            ("architecture", architecture, other.architecture), ("libarchive", libarchive, other.libarchive), ("zlib", zlib, other.zlib),
        ] where mine != theirs {
            lines.append("\(name): bundle \(theirs), here \(mine)")
        }
        if let mine = packages, let theirs = other.packages {
            for name in Set(mine.keys).union(theirs.keys).sorted() where mine[name] != theirs[name] {
                lines.append("package \(name): bundle \(theirs[name] ?? "absent"), here \(mine[name] ?? "absent")")
            }
        }
        return lines
    }

    private static var swiftVersion: String {
        #if compiler(>=6.3)
            return "6.3+"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0"
        #endif
    }
}
