import Foundation
import Testing

/// The house rule: Data, Features, Models, Monitoring and Risk import Core and nothing of each other;
/// plugins import Core and Models only.
@Suite struct ImportRuleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let domains = ["Data", "Features", "Models", "Monitoring", "Risk"]
    static let fronts = ["Bundle", "Pipeline", "Store", "Server", "CLI"]

    /// Every `import FerryX` in the Swift files under `folder`, as (file, line, X).
    static func ferryImports(under folder: URL) -> [(file: String, line: Int, module: String)] {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, Int, String)] = []
        let pattern =
            #/^\s*(?:@testable\s+)?(?:(?:public|package|internal|private|fileprivate)\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?Ferry(\w+)/#
        for case let url as URL in files where url.pathExtension == "swift" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let match = line.firstMatch(of: pattern) { found.append((url.path, number + 1, String(match.1))) }
            }
        }
        return found
    }

    @Test(arguments: domains)
    func domainModuleImportsOnlyCore(_ domain: String) {
        let folder = Self.repository.appendingPathComponent("Modules/\(domain)")
        #expect(FileManager.default.fileExists(atPath: folder.path))
        for found in Self.ferryImports(under: folder) where found.module != "Core" {
            Issue.record(
                "\(found.file):\(found.line): Modules/\(domain) imports Ferry\(found.module); domain modules meet only through Core")
        }
    }

    /// Plugin code sees Core and Models only. Tests may import more, and so may a team package's
    /// two front ends: its `ferry` (a `main.swift` that starts Ferry's CLI with the plugin added)
    /// and its libferry (the file that defines `ferry_extra_plugins`), which import FerryCLI or
    /// FerryCAPI and nothing else of Ferry's beyond Core and Models.
    @Test func pluginsImportOnlyCoreAndModels() throws {
        let plugins = Self.repository.appendingPathComponent("Plugins")
        for found in Self.ferryImports(under: plugins) where !["Core", "Models"].contains(found.module) && !found.file.contains("/Tests/") {
            let text = try String(contentsOfFile: found.file, encoding: .utf8)
            let frontEnd = found.file.hasSuffix("/main.swift") || text.contains("@_cdecl(\"ferry_extra_plugins\")")
            if frontEnd, ["CLI", "CAPI"].contains(found.module) { continue }
            Issue.record("\(found.file):\(found.line): a plugin imports Ferry\(found.module); plugins see Core and Models only")
        }
    }

    @Test func packageManifestGivesDomainModulesOnlyCore() throws {
        let manifest = try String(contentsOf: Self.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        for domain in Self.domains {
            let declaration = try #require(
                manifest.split(separator: "\n").first { $0.contains(#".target(name: "Ferry\#(domain)""#) },
                "no target FerryDomain \(domain) in Package.swift")
            let others = (Self.domains + Self.fronts).filter { $0 != domain }.map { #""Ferry\#($0)""# }
            #expect(!others.contains { declaration.contains($0) }, "\(declaration)")
        }
    }

    /// The checker itself must catch a forbidden import, or the tests above prove nothing.
    @Test func detectsAForbiddenImport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-import-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "import FerryCore\n@testable import FerryFeatures\npublic import struct FerryRisk.ReturnStatistics\n"
            .write(to: folder.appendingPathComponent("Bad.swift"), atomically: true, encoding: .utf8)
        #expect(Self.ferryImports(under: folder).map(\.module) == ["Core", "Features", "Risk"])
    }
}
