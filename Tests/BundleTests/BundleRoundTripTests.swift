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
        defer { first.remove(); second.remove() }
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
