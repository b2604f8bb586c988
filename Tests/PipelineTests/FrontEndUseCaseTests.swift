import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// The use cases the CLI and the server reach the store, bundles, data files and feature
/// pipelines through (they depend on nothing below FerryPipeline), called in process.
@Suite struct FrontEndUseCaseTests {
    static let example = TestRepository.path("bundles/example/SPX-lasso-1.0.0.tar.gz")
    static let spx = TestRepository.path("data/SPX.csv")

    @Test func bundleTrustVerifiesWithItsRules() throws {
        let trust = BundleTrust(plugins: FixtureModel.registry)
        let report = try trust.verify(Self.example)
        #expect(report.passed && report.exitCode == 0)
        var strict = trust
        strict.requireSignature = true
        let unsigned = try strict.verify(Self.example)
        #expect(!unsigned.passed && unsigned.firstFailure == .authenticity && unsigned.exitCode == 11)
        let folder = try TemporaryFolder("trust")
        defer { folder.remove() }
        let missingKeys = BundleTrust(plugins: FixtureModel.registry, trustedKeysFolder: folder.file("no-keys"))
        let refused = #expect(throws: BundleError.self) { try missingKeys.verify(Self.example) }
        #expect(refused?.failing == .authenticity && refused?.message.contains("no-keys") == true)
    }

    @Test func bundleInspectionReadsWithoutLoading() throws {
        let inspection = try BundleInspection.read(Self.example)
        #expect(inspection.manifest.name == "SPX-lasso" && inspection.manifest.plugin.id == "lasso")
        #expect(inspection.tensors["coef"] == [inspection.schema.features.count] && inspection.signer == nil)
        let folder = try TemporaryFolder("inspect")
        defer { folder.remove() }
        try Data("not a bundle".utf8).write(to: URL(fileURLWithPath: folder.file("x.tar.gz")))
        let refused = #expect(throws: BundleError.self) { try BundleInspection.read(folder.file("x.tar.gz")) }
        #expect(refused?.failing == .integrity)
    }

    @Test func signingKeyFilesNeverOverwriteAKey() throws {
        let folder = try TemporaryFolder("keys")
        defer { folder.remove() }
        let id = try SigningKeyFiles.generate(in: folder.file("keys"), name: "desk")
        #expect(id.count == 16 && FileManager.default.fileExists(atPath: folder.file("keys/desk.pub")))
        #expect(throws: BundleError.self) { try SigningKeyFiles.generate(in: folder.file("keys"), name: "desk") }
    }

    @Test func registryQueriesAndTokensGoThroughTheLocationsStore() throws {
        let folder = try TemporaryFolder("queries")
        defer { folder.remove() }
        let location = try StoreLocation(folder.file("store/ferry.sqlite"))
        #expect(location.description == folder.file("store/ferry.sqlite"))
        #expect(try StoreLocation("sqlite:" + folder.file("s.sqlite")).path == folder.file("s.sqlite"))
        let other = #expect(throws: FerryError.self) { try StoreLocation("mysql://ferry@127.0.0.1:3306/ferry") }
        #expect(other?.code == .invalidArgument && other?.field == "store")
        let shared = try StoreLocation("postgres://ferry:secret@db.internal:5432/ferry")
        #expect(shared.description == "postgres://ferry@db.internal:5432/ferry", "the password is never shown")
        let store = try location.open()
        #expect(FileManager.default.fileExists(atPath: location.path))
        let bundle = try FixtureModel.shared().export(name: "model-q", to: folder.file("model-q.tar.gz"))
        _ = try BundleRegistration(store: store, verifier: FixtureModel.verifier).add(bundle.path, by: "test")
        try RegistryChanges(store: store).setAlias("champion", to: "model-q", by: "test")
        let queries = RegistryQueries(store: store)
        #expect(try queries.versions(of: "model-q").map(\.version) == ["1.0.0"])
        #expect(try queries.versions(of: "no-such").isEmpty)
        #expect(try queries.aliases(of: "model-q").map(\.alias) == ["champion"])
        #expect(try queries.predictions(of: "model-q").isEmpty)
        let unknownRun = #expect(throws: FerryError.self) { try queries.run("no-such-run") }
        #expect(unknownRun?.code == .notFound)

        let tokens = TokenAdministration(store: store)
        let (token, entry) = try tokens.create(role: .predict, name: "desk", by: "test")
        #expect(token.hasPrefix("ferry_\(entry.id)_") && entry.hash != token)
        #expect(try tokens.list().map(\.id) == [entry.id])
        try tokens.revoke(id: entry.id, by: "ana")
        #expect(try tokens.list().isEmpty)
        let unknownToken = #expect(throws: FerryError.self) { try tokens.revoke(id: entry.id, by: "ana") }
        #expect(unknownToken?.code == .notFound)
    }

    @Test func dataInspectionJobReportsInsteadOfThrowing() throws {
        let folder = try TemporaryFolder("inspect-data")
        defer { folder.remove() }
        try "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.5,10\n2020-01-01,1,2,0.5,1.5,1.5,10\n"
            .write(toFile: folder.file("BAD.csv"), atomically: true, encoding: .utf8)
        let reports = try DataInspectionJob(files: [Self.spx, folder.file("BAD.csv")], mode: .strict).run(logger: FixtureModel.quietLogger)
        #expect(reports.map(\.accepted) == [true, false])
        #expect(reports[1].problems.first?.line == 3)
        let embedded = try DataInspectionJob(files: [], dataDirectory: TestRepository.path("data"), mode: .strict)
            .run(logger: FixtureModel.quietLogger)
        #expect(embedded.count == 4 && embedded.allSatisfy(\.accepted))
        #expect(throws: EmbeddedDataError.self) {
            try DataInspectionJob(files: [], dataDirectory: folder.file("none"), mode: .strict).run(logger: FixtureModel.quietLogger)
        }
    }

    @Test func defaultInputsAreTheEmbeddedData() throws {
        #expect(try DefaultInputs.primaryBars().hasSuffix("SPX.csv"))
        #expect(
            try DefaultInputs.allFiles(in: TestRepository.path("data")).map { ($0 as NSString).lastPathComponent } == [
                "SPX.csv", "GOOG.csv", "EURUSD-1h.csv", "WTI.csv",
            ])
    }

    @Test func featureCatalogReadsAPipelineFileOrTheStandardSet() throws {
        let standard = try FeatureCatalog.pipeline(file: nil)
        #expect(FeatureCatalog.entries(of: standard).map(\.name) == standard.featureNames)
        let folder = try TemporaryFolder("pipeline")
        defer { folder.remove() }
        let path = folder.file("pipeline.json")
        try #"{"version":1,"features":[{"kind":"sma","periods":[3]}],"targets":[],"dropWarmUp":true}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try FeatureCatalog.pipeline(file: path).featureNames == ["sma_3"])
        try #"{"version":1,"features":[{"kind":"smaa","periods":[3]}],"targets":[],"dropWarmUp":true}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let unknown = #expect(throws: FerryError.self) { try FeatureCatalog.pipeline(file: path) }
        #expect(unknown?.code == .invalidData && unknown?.field == "features[0].kind")
        let missing = #expect(throws: FerryError.self) { try FeatureCatalog.pipeline(file: folder.file("none.json")) }
        #expect(missing?.code == .notFound)
    }

    @Test func tableDriftFindsNoDriftBetweenATableAndItself() throws {
        let folder = try TemporaryFolder("drift")
        defer { folder.remove() }
        var csv = "Date,x\n"
        for day in 1...28 { csv += "2020-02-\(String(format: "%02d", day)),\(Double(day % 7))\n" }
        try csv.write(toFile: folder.file("t.csv"), atomically: true, encoding: .utf8)
        let report = try TableDrift().compare(reference: folder.file("t.csv"), current: folder.file("t.csv"))
        #expect(report.features.map(\.column) == ["x"] && report.features.allSatisfy { !$0.drifted })
        #expect(throws: DataValidationError.self) {
            try TableDrift().compare(reference: folder.file("none.csv"), current: folder.file("t.csv"))
        }
    }
}
