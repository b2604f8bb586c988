import FerryBundle
import FerryCore
import Foundation
import Testing

/// The committed example bundles keep verifying: bundles already handed out must stay readable,
/// the format 1 example as much as the current one.
@Suite struct ExampleBundleTests {
    @Test(arguments: [("bundles/example/SPX-lasso-1.0.0.tar.gz", 2), ("bundles/example/format-1/SPX-lasso-1.0.0.tar.gz", 1)])
    func theCommittedExamplesVerifyInAllFourClasses(example: String, formatVersion: Int) throws {
        let path = BundleFixture.repository.appendingPathComponent(example).path
        let verifier = BundleVerifier(
            registry: BundleFixture.registry, environment: .current(ferryVersion: FerryVersion.current, plugins: [:]))
        let report = verifier.verify(path).report
        #expect(report.passed, "\(report.checks.map(\.detail))")
        let opened = try BundleReader().read(path)
        #expect(opened.contents.manifest.plugin.id == "lasso")
        #expect(opened.contents.manifest.formatVersion == formatVersion)
        #expect(opened.contents.schema.features.count == 39)
        #expect(opened.contents.pipeline != nil, "the schema carries the feature pipeline")
    }
}
