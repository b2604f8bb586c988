import Foundation
import Testing

@Suite struct TrainCommandTests {
    static func runsDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ferry-cli-runs-\(UUID().uuidString)").path
    }

    @Test func pluginsListShowsIdsVersionsAndDefaults() throws {
        let result = try FerryProcess.run(["plugins", "list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("lasso 1.0.0"))
        #expect(result.stdout.contains("alpha=1  max_iter=1000  standardize=true  tol=0.0001"))
        #expect(result.stdout.contains("baseline-mean 1.0.0  (baseline)"))
        let json = try FerryProcess.run(["plugins", "list", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String }.contains("ridge"))
    }

    @Test func trainsOnTheEmbeddedDataAndKeepsTheRun() throws {
        let runs = Self.runsDirectory()
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let result = try FerryProcess.run(["train", "--plugin", "lasso", "--param", "alpha=0.0001", "--runs-dir", runs])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("trained lasso 1.0.0 to predict next_return"))
        for row in ["model", "baseline-zero", "baseline-last", "baseline-mean"] { #expect(result.stdout.contains("\n\(row) ")) }
        #expect(result.stdout.contains("(mape n/a: the return target crosses zero"))
        #expect(!result.stdout.contains("e+0"), "no percentage error in the billions")
        let ids = try FileManager.default.contentsOfDirectory(atPath: runs)
        #expect(ids.count == 1)
        #expect(FileManager.default.fileExists(atPath: "\(runs)/\(ids[0])/weights.safetensors"))
    }

    @Test func judgesTheModelOnWalkForwardFoldsWhenAsked() throws {
        let runs = Self.runsDirectory()
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let base = ["train", "--plugin", "lasso", "--param", "alpha=0.0001", "--runs-dir", runs]
        let text = try FerryProcess.run(base + ["--folds", "3", "--cost-bps", "2"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("walk-forward: 3 folds before the test split"))
        for row in ["model", "baseline-mean", "buy_and_hold"] { #expect(text.stdout.contains("\n\(row) ")) }
        #expect(text.stdout.contains("2.0 bps per unit traded") && text.stdout.contains("verdict: the model beats baseline-"))
        let json = try FerryProcess.run(base + ["--folds", "3", "--json"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let folds = try #require(record["walk_forward"] as? [String: Any], "\(record.keys.sorted())")
        #expect((folds["model"] as? [[String: Any]])?.count == 3 && (folds["buy_and_hold"] as? [[String: Any]])?.count == 3)
        #expect(!(try FerryProcess.run(base)).stdout.contains("walk-forward"), "only when asked: each fold is one more fit")
        let one = try FerryProcess.run(base + ["--folds", "1"])
        #expect(one.status != 0 && one.stderr.contains("--folds takes 2 to 100 folds, not 1"))
    }

    @Test func trainsOnATableAndPrintsJSON() throws {
        let runs = Self.runsDirectory()
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let table = FerryProcess.fixture("table_good.csv")
        let result = try FerryProcess.run(["train", "--plugin", "ridge", "--table", table, "--target", "y", "--json", "--runs-dir", runs])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((record["plugin"] as? [String: Any])?["id"] as? String == "ridge")
        #expect(record["target"] as? String == "y")
    }

    @Test func explainsWhatIsWrong() throws {
        let unknown = try FerryProcess.run(["train", "--plugin", "gru"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no plugin 'gru' in this build; it has: lasso 1.0.0"))
        let parameter = try FerryProcess.run(["train", "--plugin", "lasso", "--param", "alpha"])
        #expect(parameter.status == 64)
        #expect(parameter.stderr.contains("--param 'alpha' is not NAME=VALUE"))
        let value = try FerryProcess.run(["train", "--plugin", "lasso", "--param", "alpha=-1", "--runs-dir", Self.runsDirectory()])
        #expect(value.stderr.contains("hyperparameter 'alpha' = -1.0 is out of range (allowed: > 0)"))
        #expect(value.status == 64)
        let typo = try FerryProcess.run(["train", "--plugin", "lasso", "--param", "alhpa=0.1", "--runs-dir", Self.runsDirectory()])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown hyperparameter 'alhpa'; did you mean alpha? (known: alpha, max_iter, standardize, tol)"))
        let text = try FerryProcess.run(["train", "--plugin", "lasso", "--param", "alpha=abc", "--runs-dir", Self.runsDirectory()])
        #expect(text.status == 64 && text.stderr.contains("hyperparameter 'alpha' = abc is not a number"))
        let misspelt = try FerryProcess.run(["train", "--plugin", "lasoo"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("no plugin 'lasoo' in this build; did you mean lasso?"))
        let missing = try FerryProcess.run([
            "train", "--plugin", "lasso", "--data", "/no/such/bars.csv", "--runs-dir", Self.runsDirectory(),
        ])
        #expect(missing.status == 66 && missing.stderr.contains("/no/such/bars.csv: file does not exist"))
        let both = try FerryProcess.run(["train", "--plugin", "lasso", "--table", "x.csv", "--data", "y.csv"])
        #expect(both.status == 64)
    }
}

/// Every built-in plugin trains from the CLI on the embedded data and on a plain table.
@Suite struct EveryPluginTrainsTests {
    static let plugins = ["lasso", "elasticnet", "ridge", "logistic", "ensemble", "baseline-zero", "baseline-last", "baseline-mean"]

    @Test(arguments: plugins)
    func trainsOnTheEmbeddedData(_ plugin: String) throws {
        let runs = TrainCommandTests.runsDirectory()
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let target = plugin == "logistic" ? "next_direction" : "next_return"
        let result = try FerryProcess.run(["train", "--plugin", plugin, "--target", target, "--runs-dir", runs])
        #expect(result.status == 0, "\(plugin): \(result.stderr)")
        #expect(result.stdout.contains("trained \(plugin) "))
    }

    @Test(arguments: plugins.filter { $0 != "baseline-last" })
    func trainsOnATable(_ plugin: String) throws {
        let runs = TrainCommandTests.runsDirectory()
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let (table, target) = plugin == "logistic" ? ("table_direction.csv", "up") : ("table_good.csv", "y")
        let result = try FerryProcess.run([
            "train", "--plugin", plugin, "--table", FerryProcess.fixture(table), "--target", target, "--runs-dir", runs,
        ])
        #expect(result.status == 0, "\(plugin): \(result.stderr)")
        #expect(result.stdout.contains("trained \(plugin) "))
    }

    @Test func theLastReturnBaselineExplainsWhatATableLacks() throws {
        let result = try FerryProcess.run([
            "train", "--plugin", "baseline-last", "--table", FerryProcess.fixture("table_good.csv"), "--target", "y", "--runs-dir",
            TrainCommandTests.runsDirectory(),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a 'return_1' feature column"))
    }
}

/// `ferry serve` refuses what it cannot listen on before it starts.
@Suite struct ServeCommandTests {
    @Test func aPortOutOfRangeIsAUsageError() throws {
        for port in ["70000", "0", "-1"] {
            let result = try FerryProcess.run(["serve", "--port", port])
            #expect(result.status == 64, "--port \(port)")
            #expect(!result.stderr.contains("serving"))
        }
        let result = try FerryProcess.run(["serve", "--port", "70000"])
        #expect(result.stderr.contains("the port must be 1 to 65535, not 70000 (--port or FERRY_PORT)"))
    }
}
