import Foundation
import Testing

/// Every test target lists in Package.swift each Ferry module it imports. An unlisted module is
/// still found through another dependency, but an incremental build then misses that the test
/// must be recompiled when the module changes, and the stale test crashes at run time.
@Suite struct TestTargetDependencyTests {
    /// Each test target's name, its listed dependencies (as written) and its folder.
    static func testTargets(in manifest: String) -> [(name: String, dependencies: String, folder: String)] {
        manifest.matches(of: #/\.testTarget\(\s*name: "(\w+)",\s*dependencies: \[([^\]]*)\],\s*path: (?:tests\("(\w+)"\)|"([^"]+)")/#)
            .map { match in
                (String(match.1), String(match.2), match.3.map { "Tests/\($0)" } ?? String(match.4 ?? ""))
            }
    }

    @Test func everyImportedFerryModuleIsADeclaredDependency() throws {
        let manifest = try String(contentsOf: ImportRuleTests.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = Self.testTargets(in: manifest)
        #expect(targets.count >= 15, "found \(targets.map(\.name))")
        for target in targets {
            let folder = ImportRuleTests.repository.appendingPathComponent(target.folder)
            for found in ImportRuleTests.ferryImports(under: folder) where !target.dependencies.contains(#""Ferry\#(found.module)""#) {
                Issue.record("\(found.file):\(found.line): \(target.name) imports Ferry\(found.module) but Package.swift does not list it")
            }
        }
    }

    @Test func readsATestTargetAcrossLines() {
        let manifest = """
            .testTarget(
                name: "PipelineTests",
                dependencies: ["FerryPipeline", "FerryCore"],
                path: tests("PipelineTests"), swiftSettings: swiftSettings),
            .testTarget(name: "LinearTests", dependencies: ["FerryLinear"], path: "Plugins/Linear/Tests"),
            """
        let targets = Self.testTargets(in: manifest)
        #expect(targets.map(\.name) == ["PipelineTests", "LinearTests"])
        #expect(targets.map(\.folder) == ["Tests/PipelineTests", "Plugins/Linear/Tests"])
        #expect(targets[0].dependencies.contains(#""FerryCore""#))
    }
}
