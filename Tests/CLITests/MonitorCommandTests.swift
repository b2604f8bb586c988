import Foundation
import Testing

@Suite struct MonitorCommandTests {
    static let example = "bundles/example/SPX-lasso-1.0.0.tar.gz"

    @Test func gradesEveryMetricAgainstTheBundlesBaseline() throws {
        let result = try FerryProcess.run([
            "monitor", "--bundle", Self.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2016-01-12", "--json",
        ])
        // This Lasso calls direction worse than a coin: red, and the exit code says so.
        #expect(result.status == 20, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let status = try #require(report["status"] as? [String: Any])
        let grades = try #require(status["grades"] as? [[String: Any]])
        #expect(grades.map { $0["metric"] as? String } == ["mae", "rmse", "r2", "large_error_share", "directional_accuracy"])
        #expect(report["retrain_due"] as? Bool == true)
        #expect((report["baseline"] as? [String: Any])?["mae"] != nil, "the baseline comes from the bundle's metrics.json")
    }

    @Test func severalInstrumentsAddTheFairnessGapAndAWindowAddsThePreviousPeriod() throws {
        let result = try FerryProcess.run([
            "monitor", "--bundle", Self.example, "--data", "data/SPX.csv", "--data", "data/GOOG.csv", "--with", "data/WTI.csv", "--from",
            "2010-01-01", "--window", "250",
        ])
        #expect(result.stdout.contains("group_mae_gap"))
        #expect(result.stdout.contains("on 250 rows, 2018-01-02 .. 2018-12-28"))
        #expect(result.stdout.contains("a sudden jump"))
    }

    @Test func explainsWhatIsMissing() throws {
        let noReference = try FerryProcess.run(["monitor", "--bundle", Self.example, "--data", "data/SPX.csv"])
        #expect(noReference.status == 64, "a reference series the command needs and was not given is a usage error")
        #expect(noReference.stderr.contains("features need a reference series"), "\(noReference.stderr)")
        #expect(noReference.stderr.contains("(give --with FILE, the series the bundle was trained with)"), "the CLI names its flag")
        let late = try FerryProcess.run([
            "monitor", "--bundle", Self.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2030-01-01",
        ])
        #expect(late.stderr.contains("no rows to monitor on or after 2030-01-01"))
    }
}

@Suite struct MonitorReportTests {
    @Test func writesASelfContainedHTMLReportWithEveryChart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-report-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try FerryProcess.run([
            "monitor", "--bundle", MonitorCommandTests.example, "--data", "data/SPX.csv", "--data", "data/GOOG.csv", "--with",
            "data/WTI.csv",
            "--from", "2010-01-04", "--report", path,
        ])
        #expect(result.status == 20)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        for part in [
            "<h2>Status: red</h2>", "MAE against the baseline, per window", "Directional accuracy, per window",
            "Drift per feature: KS statistic", "MAE by group", "+30% (red)",
        ] {
            #expect(html.contains(part), "the report lacks '\(part)'")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(!html.contains("<script"), "the report runs no code")
        #expect(result.stdout.contains("features drifted against the rows before"))
    }

    @Test func realisedOutcomesFromAFileReplaceTheComputedTarget() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-actuals-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "Date,actual\n2018-12-03,0.01\n2018-12-04,-0.02\n2018-12-06,0.005\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try FerryProcess.run([
            "monitor", "--bundle", MonitorCommandTests.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2018-12-01",
            "--actuals", path, "--json",
        ])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["rows"] as? Int == 3, "only the dates the actuals file gives are graded")
    }

    @Test func anActualsFileWithARepeatedDateIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-actuals-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "Date,actual\n2018-12-03,0.01\n2018-12-03,-0.02\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try FerryProcess.run([
            "monitor", "--bundle", MonitorCommandTests.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--actuals", path,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains(":3: Date 2018-12-03 repeats"), "\(result.stderr)")
    }

    @Test func aShadowRetrainExportsAChallengerTrainedLikeTheChampionAndPromotesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-shadow-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let championBefore = try Data(contentsOf: URL(fileURLWithPath: MonitorCommandTests.example))
        let result = try FerryProcess.run([
            "monitor", "--bundle", MonitorCommandTests.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2018-01-01",
            "--shadow-retrain", "--runs-dir", folder + "/runs", "--shadow-dir", folder + "/shadow", "--json",
        ])
        #expect(result.status == 20, "still red: the champion stays the model of record\n\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let challenger = try #require(report["challenger"] as? [String: Any])
        let path = try #require(challenger["bundle"] as? String)
        #expect(path == folder + "/shadow/SPX-lasso-1.0.0-shadow-20181228.tar.gz")
        #expect(try FerryProcess.run(["verify", path]).status == 0)

        let inspected = try FerryProcess.run(["inspect", path, "--json"])
        let champion = try FerryProcess.run(["inspect", MonitorCommandTests.example, "--json"])
        let challengerManifest = try #require(
            (try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [String: Any])?["manifest"] as? [String: Any])
        let championManifest = try #require(
            (try JSONSerialization.jsonObject(with: Data(champion.stdout.utf8)) as? [String: Any])?["manifest"] as? [String: Any])
        for field in ["plugin", "hyperparameters", "target", "seed"] {
            #expect(championManifest[field] != nil, "\(field)")
            #expect(
                (challengerManifest[field] as? NSObject) == (championManifest[field] as? NSObject),
                "the challenger is trained like the champion: \(field)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: MonitorCommandTests.example)) == championBefore, "the champion is not touched")
    }
}
