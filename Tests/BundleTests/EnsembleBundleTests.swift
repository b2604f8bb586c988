import Crypto
import FerryBaselines
import FerryBundle
import FerryCore
import FerryEnsemble
import FerryLinear
import FerryModels
import FerryPipeline
import FerryTestSupport
import Foundation
import Testing

/// An ensemble's bundle (format 2) carries each member as a complete bundle, named in the
/// manifest by its digest; the whole verifies, loads and predicts as the trained ensemble does.
@Suite struct EnsembleBundleTests {
    static let registry: PluginRegistry = {
        do {
            return try PluginRegistry([LassoPlugin.self, RidgePlugin.self, EnsemblePlugin.self] + Baselines.plugins)
        } catch {
            preconditionFailure("the plugins have distinct ids: \(error)")
        }
    }()

    /// Trains the default ensemble (lasso, ridge, baseline-mean) on the fixture table and exports it into `folder`.
    static func export(into folder: TemporaryFolder) throws -> (path: String, record: RunRecord) {
        var job = TrainingJob(input: .table(path: TestRepository.path("Tests/DataTests/Fixtures/table_good.csv")), pluginID: "ensemble")
        job.target = "y"
        let keeper = RunKeeper(runs: RunStore(directory: folder.file("runs")))
        let record = try keeper.keep(try job.run(registry: registry, logger: FixtureModel.quietLogger))
        var export = BundleExport(sourceDateEpoch: nil)
        export.name = "table-ensemble"
        let path = folder.file("ensemble.tar.gz")
        _ = try export.write(run: record, keeper: keeper, registry: registry, to: .file(path), lineage: false)
        return (path, record)
    }

    static var verifier: BundleVerifier { BundleVerifier(registry: registry, environment: .current(registry: registry)) }

    @Test func membersTravelInsideNamedByDigestAndTheWholeVerifiesAndPredictsAsTrained() throws {
        let folder = try TemporaryFolder("ensemble-bundle")
        let (path, record) = try Self.export(into: folder)
        let (report, opened, model) = Self.verifier.verify(path)
        #expect(report.passed, "\(report.checks.map(\.detail))")
        #expect(report.checks.last?.detail.contains("each of its 3 members' own") == true)
        let bundle = try #require(opened)
        let files = CraftedArchive.files(path)
        let listed = try #require(bundle.contents.manifest.members)
        #expect(listed.map(\.file) == ["member-1.tar.gz", "member-2.tar.gz", "member-3.tar.gz"])
        #expect(listed.map(\.plugin.id) == ["lasso", "ridge", "baseline-mean"])
        for member in listed {
            let bytes = try #require(files.first { $0.0.hasSuffix("/\(member.file)") }?.1)
            #expect(member.sha256 == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(), "named by its digest")
            #expect(try BundleReader().read(bytes: bytes).contents.manifest.name == member.name, "a complete bundle of its own")
        }
        #expect(bundle.contents.tensors.keys.sorted() == ["weights"], "members' tensors are in the members, not the ensemble")
        let trained = try RunStore(directory: folder.file("runs")).model(of: record, registry: Self.registry)
        let frame = try bundle.contents.golden.frame()
        #expect(try model?.predict(frame) == trained.predict(frame), "the loaded ensemble gives the trained one's bits")
    }

    @Test func aMemberSwappedForAnotherBundleOrLeftUnlistedIsRefused() throws {
        let folder = try TemporaryFolder("ensemble-tamper")
        let (path, _) = try Self.export(into: folder)
        let fixture = BundleFixture(existing: path, directory: folder.path)
        let second = try #require(fixture.entries.first { $0.0.hasSuffix("/member-2.tar.gz") }?.1)
        let swapped = fixture.replacing("member-1.tar.gz", with: second, as: "swapped")
        BundleAttackTests.expectRefused(fixture, swapped, .integrity, "member-1.tar.gz: SHA-256")
        let extra = fixture.tampered("extra", rehash: true) { files in
            files.append((files[0].0.replacingOccurrences(of: "/MODEL_CARD.md", with: "/member-4.tar.gz"), second))
            files.sort { $0.0 < $1.0 }
        }
        BundleAttackTests.expectRefused(fixture, extra, .integrity, "are not the manifest's members")
    }
}
