import FerryBundle
import FerryCore
import Foundation
import Testing

/// The committed example bundle keeps verifying: bundles already handed out must stay readable.
@Suite struct ExampleBundleTests {
    @Test func theCommittedExampleVerifiesInAllFourClasses() throws {
        let path = BundleFixture.repository.appendingPathComponent("bundles/example/SPX-lasso-1.0.0.tar.gz").path
        let verifier = BundleVerifier(
            registry: BundleFixture.registry, environment: .current(ferryVersion: FerryVersion.current, plugins: [:]))
        let report = verifier.verify(path).report
        #expect(report.passed, "\(report.checks.map(\.detail))")
        let opened = try BundleReader().read(path)
        #expect(opened.contents.manifest.plugin.id == "lasso")
        #expect(opened.contents.schema.features.count == 39)
        #expect(opened.contents.pipeline != nil, "the schema carries the feature pipeline")
    }
}
