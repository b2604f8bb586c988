import Foundation
import Testing

@Suite struct DemoCommandTests {
    @Test func summarisesTheEmbeddedDataAndItsSplits() throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-demo-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let result = try FerryProcess.run([
            "demo", "--runs-dir", runs, "--bundles-dir", runs + "/bundles", "--store", runs + "/store/demo.sqlite",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for words in [
            "9. Register the bundle in the store", "registered SPX-lasso 1.0.0 in staging", "batch for 2018-12-31: SPX",
            "8. Monitor the bundled model on the test split", "directional_accuracy", "7. Export the run as a bundle",
            "behaviour      pass", "6. Train and evaluate", "trained lasso 1.0.0", "baseline-mean", "1. Load and validate", "SPX", "WTI",
            "forward-filled", "39 features", "leakage guard passed", "train", "validation", "test", "fold 5",
        ] {
            #expect(result.stdout.contains(words), "missing '\(words)' in:\n\(result.stdout)")
        }
    }

    @Test func logsEachStepWithWhatItReadProducedAndTook() throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-demo-log-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let result = try FerryProcess.run(
            [
                "demo", "--log-level", "info", "--json", "--runs-dir", runs, "--bundles-dir", runs + "/bundles", "--store",
                runs + "/store/demo.sqlite",
            ])
        #expect(result.status == 0)
        for step in [
            "load", "align", "features", "split", "walk_forward", "design", "train", "evaluate", "export", "verify", "register", "batch",
        ] {
            #expect(result.stderr.contains("] \(step)\n"), "no '\(step)' log line in:\n\(result.stderr)")
        }
        #expect(result.stderr.contains("in.rows=5031"))
        #expect(result.stderr.contains("out.train=3487"))
        #expect(result.stderr.contains("ms="))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["primary"] as? String == "SPX")
    }

    @Test func aMissingDataFolderExits66() throws {
        let result = try FerryProcess.run(["demo", "--data-dir", "/nowhere"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("ferry: error: no embedded data"))
    }

    @Test func helpExplainsEveryCommand() throws {
        let result = try FerryProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("demo"))
        #expect(result.stdout.contains("data"))
        let inspect = try FerryProcess.run(["data", "inspect", "--help"])
        #expect(inspect.stdout.contains("--lenient"))
        #expect(inspect.stdout.contains("--log-level"))
        let bad = try FerryProcess.run(["demo", "--no-such-flag"])
        #expect(bad.status == 64)
    }
}
