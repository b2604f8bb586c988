import FerryBundle
import FerryCore
import FerryModels
import FerryPipeline
import Foundation
import Testing

@Suite struct BundleRoundTripTests {
    @Test func aFreshBundlePassesAllFourClassesAndLoads() throws {
        let fixture = try BundleFixture()
        defer { fixture.remove() }
        let report = fixture.verifier.verify(fixture.path).report
        #expect(report.passed, "\(report.checks.map(\.detail))")
        #expect(report.checks.map(\.check) == [.integrity, .authenticity, .compatibility, .behaviour])
        #expect(report.exitCode == 0)
        let (bundle, model) = try BundleLoader.load(fixture.path, verifier: fixture.verifier)
        #expect(bundle.contents.manifest.plugin.id == "ridge")
        #expect(try model.predict(bundle.contents.golden.frame()) == bundle.contents.golden.outputs)
        #expect(bundle.contents.schema.featureNames == ["x1", "x2"])
    }

    @Test func exportsAreByteIdenticalAndRetrainingGivesTheSameDigest() throws {
        let first = try BundleFixture(name: "a")
        let second = try BundleFixture(name: "b")
        defer {
            first.remove()
            second.remove()
        }
        // Two separate trainings, runs and exports of the same data and seed.
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.path)) == Data(contentsOf: URL(fileURLWithPath: second.path)))
    }

    @Test func plainTarAndSha256sumCheckItWithoutFerry() throws {
        let fixture = try BundleFixture()
        defer { fixture.remove() }
        let out = (fixture.directory as NSString).appendingPathComponent("extracted")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(try Self.shell("tar -xzf '\(fixture.path)' -C '\(out)'") == 0)
        let folder = (out as NSString).appendingPathComponent(fixture.folder)
        #expect(try Self.shell("cd '\(folder)' && sha256sum -c checksums.sha256") == 0)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("MODEL_CARD.md")))
        #expect(try Self.shell("cd '\(folder)' && sha256sum -c --quiet checksums.sha256 2>/dev/null") != 0)
    }

    static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " >/dev/null"]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Large weights are hashed while streaming and read only when the model loads.
@Suite struct DeferredWeightsTests {
    @Test func aBundleWhoseWeightsAreDeferredStillVerifiesAndLoads() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        var verifier = f.verifier
        verifier.reader.weightsInMemoryLimit = 0
        let (report, bundle, model) = verifier.verify(f.path)
        #expect(report.passed, "\(report.checks.map(\.detail))")
        #expect(bundle?.contents.tensors.isEmpty == true, "the values stay in the archive until the model loads")
        #expect(try model?.predict(bundle!.contents.golden.frame()) == bundle?.contents.golden.outputs)
    }

    @Test func deferredNaNWeightsFailWhenTheModelLoads() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let nan = Safetensors.encode(["coef": .vector([.nan, 2]), "intercept": .vector([0])])
        var verifier = f.verifier
        verifier.reader.weightsInMemoryLimit = 0
        let check = verifier.verify(f.replacing("weights.safetensors", with: Data(nan), as: "nan")).report.checks.first { !$0.passed }
        #expect(check?.check == .behaviour)
        #expect(check?.detail.contains("weights must be finite") == true, "\(check?.detail ?? "")")
        let overlap = f.replacing("weights.safetensors", with: Data([1, 0, 0, 0, 0, 0, 0, 0, 0x7b]), as: "badheader")
        #expect(verifier.verify(overlap).report.firstFailure == .integrity, "a bad header is still an integrity failure")
    }
}
