import Foundation
import Testing

/// Front ends hold no use case: nothing under Modules/Server, Modules/CLI or Modules/CAPI loads a bundle,
/// aligns rows, keeps a run or writes the registry, runs or prediction log itself; they call
/// FerryPipeline's use cases (ModelServing, BundleScoring, RunKeeper, RegistryChanges, ...).
@Suite struct FrontEndRuleTests {
    static let fronts = ["Modules/Server", "Modules/CLI", "Modules/CAPI"]
    /// The front-end targets of Package.swift.
    static let frontTargets = ["FerryServer", "FerryCLI", "FerryCAPI"]
    /// What a front end neither imports nor depends on: it reaches them through FerryPipeline.
    static let belowPipeline = ["Bundle", "Data", "Features", "Store"]

    /// The dependencies Package.swift lists for `target`, as written (`"FerryCore"`, `hummingbird`).
    static func dependencies(of target: String, in manifest: String) throws -> [String] {
        let start = try #require(
            manifest.range(of: #"\.target\(\s*name: "\#(target)""#, options: .regularExpression), "no target \(target) in Package.swift")
        let rest = manifest[start.upperBound...]
        let list = try #require(rest.range(of: "dependencies: ["), "target \(target) lists no dependencies")
        let close = try #require(rest[list.upperBound...].firstIndex(of: "]"))
        return rest[list.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    @Test(arguments: frontTargets)
    func frontEndTargetsDependOnPipelineNotBelowIt(_ target: String) throws {
        let manifest = try String(contentsOf: ImportRuleTests.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let dependencies = try Self.dependencies(of: target, in: manifest)
        #expect(dependencies.contains(#""FerryPipeline""#), "\(target) must depend on FerryPipeline")
        for module in Self.belowPipeline {
            #expect(!dependencies.contains(#""Ferry\#(module)""#), "\(target) depends on Ferry\(module); reach it through FerryPipeline")
        }
    }

    @Test(arguments: fronts)
    func frontEndsImportNothingBelowPipeline(_ front: String) {
        let folder = ImportRuleTests.repository.appendingPathComponent(front)
        for found in ImportRuleTests.ferryImports(under: folder) where Self.belowPipeline.contains(found.module) {
            Issue.record("\(found.file):\(found.line): \(front) imports Ferry\(found.module); call a FerryPipeline use case instead")
        }
    }

    /// The manifest reader finds a target's whole list, across lines.
    @Test func readsATargetsDependenciesAcrossLines() throws {
        let manifest = """
            .library(name: "FerryCLI", targets: ["FerryCLI"]),
            .target(
                name: "FerryCLI",
                dependencies: [
                    "FerryCore", "FerryPipeline",
                    argumentParser,
                ],
                path: "x"),
            """
        #expect(try Self.dependencies(of: "FerryCLI", in: manifest) == [#""FerryCore""#, #""FerryPipeline""#, "argumentParser"])
    }
    /// What only a use case may call.
    static var forbidden: Regex<(Substring, Substring, Substring?)> {
        #/\b(BundleLoader\.|SchemaAlignment\(|RunStore\(|(?:store|open\(\))\.(register|setAlias|setStage|recordRun|setBundleDigest|logPredictions|writeBatch|recordOutcomes)\()/#
    }

    /// Every line under `folder` that calls what only a use case may call, as `file:line: text`.
    static func violations(under folder: URL) -> [String] {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains(forbidden) {
                found.append("\(url.path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    @Test(arguments: fronts)
    func frontEndsCallUseCasesOnly(_ front: String) {
        let folder = ImportRuleTests.repository.appendingPathComponent(front)
        #expect(FileManager.default.fileExists(atPath: folder.path))
        for violation in Self.violations(under: folder) { Issue.record("\(violation): call a FerryPipeline use case instead") }
    }

    /// The checker must catch a front end wiring the domain, or the test above proves nothing.
    @Test func detectsAFrontEndThatWiresTheDomain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-front-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        let (bundle, model) = try BundleLoader.load(path, verifier: verifier)
        try store.setAlias(alias, name: entry.name, version: entry.version, by: user)
        try changes.setAlias(alias, to: reference, by: user)
        // RunStore(directory: "x") in a comment is fine
        """.write(to: folder.appendingPathComponent("Route.swift"), atomically: true, encoding: .utf8)
        #expect(Self.violations(under: folder).count == 2)
    }
}
