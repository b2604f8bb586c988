import ArgumentParser
import FerryCore
import Foundation
import Testing

@testable import FerryCLI

/// Every error code maps to its documented exit code, in the one mapping the CLI has.
@Suite struct ExitCodeMappingTests {
    static let expected: [FerryError.Code: Int32] = [
        .invalidArgument: 64, .invalidData: 65, .notFound: 66, .conflict: 1, .refused: 1, .unavailable: 1, .io: 1, .internal: 1,
    ]

    @Test(arguments: FerryError.Code.allCases)
    func eachCodeHasItsExitCode(_ code: FerryError.Code) {
        #expect(FerryExitCode.of(code).rawValue == Self.expected[code], "\(code)")
        #expect(FerryExitCode.of(FerryError(code, "x") as any Error).rawValue == Self.expected[code])
    }

    @Test func bundleFailuresKeepTheirVerificationExitCodes() {
        for failing in BundleError.Class.allCases {
            #expect(FerryExitCode.of(BundleError.unreadableFile("x") as any Error).rawValue == 10)
            #expect(failing.exitCode == [.integrity: 10, .authenticity: 11, .compatibility: 12, .behaviour: 13][failing])
        }
    }

    @Test func aPausedModelExits22() {
        let pause = ModelPause(name: "m", alias: "", reason: "r", status: "manual", setAt: "t", setBy: "u")
        #expect(FerryExitCode.of(ModelPausedError(pause) as any Error).rawValue == 22)
    }

    @Test func aFieldTheCLIKnowsGetsItsFlagNamed() {
        #expect(FerryExitCode.flagHints["reference"]?.contains("--with FILE") == true)
    }
}

@Suite struct PredictCommandTests {
    static let example = ["--bundle", "bundles/example/SPX-lasso-1.0.0.tar.gz"]

    @Test func strictRefusesATableThatLacksAFeature() throws {
        let table = FeaturesCommandTests.temporaryPath("one-feature.csv")
        defer { try? FileManager.default.removeItem(atPath: table) }
        try "Date,sma_5\n2018-12-28,2500\n".write(toFile: table, atomically: true, encoding: .utf8)
        let lenient = try FerryProcess.run(["predict"] + Self.example + ["--table", table])
        #expect(lenient.status == 0 && lenient.stderr.contains("missing; filled with 0"))
        let strict = try FerryProcess.run(["predict"] + Self.example + ["--table", table, "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("missing features") && strict.stderr.contains("'rsi_14'"))
    }

    @Test func scoresBarsThroughTheBundlesPipeline() throws {
        let result = try FerryProcess.run(["predict"] + Self.example + ["--data", "data/SPX.csv", "--with", "data/WTI.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "Date,instrument,prediction")
        #expect(lines.count > 4_900 && lines[1].hasPrefix("1999-03-16,SPX,-0.00131558198075844"))
    }

    @Test func writesTheFileWholeOrNotAtAllAndExplainsMistakes() throws {
        let out = FeaturesCommandTests.temporaryPath("predictions.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let written = try FerryProcess.run(
            ["predict"] + Self.example + ["--data", "data/SPX.csv", "--with", "data/WTI.csv", "--out", out, "--json"])
        #expect(written.status == 0 && written.stderr.contains("prediction(s) of SPX-lasso 1.0.0 to \(out)"), "\(written.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(#""instrument" : "SPX""#))
        let noReference = try FerryProcess.run(["predict"] + Self.example + ["--data", "data/SPX.csv"])
        #expect(noReference.status == 64 && noReference.stderr.contains("give --with FILE"))
        let neither = try FerryProcess.run(["predict", "--data", "data/SPX.csv"])
        #expect(neither.status == 64 && neither.stderr.contains("give --bundle FILE or --model NAME"))
        let unknown = try FerryProcess.run([
            "predict", "--model", "nope", "--data", "data/SPX.csv", "--store", FeaturesCommandTests.temporaryPath("s.sqlite"),
        ])
        #expect(unknown.status == 66 && unknown.stderr.contains("no model 'nope' in the registry"))
    }
}
