import Foundation
import Testing

/// `ferry inspect` shows what its help promises, and `--json` keeps the keys the bundle format specifies.
@Suite struct InspectCommandTests {
    static let example = "bundles/example/SPX-lasso-1.0.0.tar.gz"
    static let formatOneExample = "bundles/example/format-1/SPX-lasso-1.0.0.tar.gz"

    @Test func textShowsTheBaselinesTheGoldenRowsAndTheSigner() throws {
        let result = try FerryProcess.run(["inspect", Self.example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("golden       5 rows, tolerance 1e-09"))
        #expect(result.stdout.contains("test         model mae ") && result.stdout.contains("| baseline-zero mae "))
        #expect(result.stdout.contains("signer       unsigned"))
    }

    @Test func jsonUsesTheKeysOfTheBundlesFiles() throws {
        let result = try FerryProcess.run(["inspect", Self.example, "--json"])
        #expect(result.status == 0)
        for key in ["\"training_range\"", "\"missing_feature_policy\"", "\"format_version\"", "\"skipped_baselines\"", "\"drop_warm_up\""] {
            #expect(result.stdout.contains(key), "\(key)")
        }
        #expect(!result.stdout.contains("trainingRange") && !result.stdout.contains("formatVersion"), "format 2 spells keys in snake_case")
    }

    @Test func jsonOfAFormatOneBundleUsesItsKeys() throws {
        let result = try FerryProcess.run(["inspect", Self.formatOneExample, "--json"])
        #expect(result.status == 0)
        for key in ["\"trainingRange\"", "\"missingFeaturePolicy\"", "\"formatVersion\"", "\"golden\"", "\"tolerance\""] {
            #expect(result.stdout.contains(key), "\(key)")
        }
        #expect(!result.stdout.contains("training_range") && !result.stdout.contains("format_version"), "keys are not renamed")
    }
}
