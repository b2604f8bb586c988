import Foundation
import Testing

@Suite struct MonitorCommandTests {
    static let example = "bundles/example/SPX-lasso-1.0.0.tar.gz"

    @Test func gradesEveryMetricAgainstTheBundlesBaseline() throws {
        let result = try FerryProcess.run(["monitor", "--bundle", Self.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2016-01-12", "--json"])
        // This Lasso calls direction worse than a coin: red, and the exit code says so.
        #expect(result.status == 20, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let status = try #require(report["status"] as? [String: Any])
        let grades = try #require(status["grades"] as? [[String: Any]])
        #expect(grades.map { $0["metric"] as? String } == ["mae", "rmse", "r2", "large_error_share", "directional_accuracy"])
        #expect(report["retrainDue"] as? Bool == true)
        #expect((report["baseline"] as? [String: Any])?["mae"] != nil, "the baseline comes from the bundle's metrics.json")
    }

    @Test func severalInstrumentsAddTheFairnessGapAndAWindowAddsThePreviousPeriod() throws {
        let result = try FerryProcess.run(["monitor", "--bundle", Self.example, "--data", "data/SPX.csv", "--data", "data/GOOG.csv", "--with", "data/WTI.csv", "--from", "2010-01-01", "--window", "250"])
        #expect(result.stdout.contains("group_mae_gap"))
        #expect(result.stdout.contains("on 250 rows, 2018-01-02 .. 2018-12-28"))
        #expect(result.stdout.contains("a sudden jump"))
    }

    @Test func explainsWhatIsMissing() throws {
        let noReference = try FerryProcess.run(["monitor", "--bundle", Self.example, "--data", "data/SPX.csv"])
        #expect(noReference.status == 1)
        #expect(noReference.stderr.contains("need a second series: give --with FILE"))
        let late = try FerryProcess.run(["monitor", "--bundle", Self.example, "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2030-01-01"])
        #expect(late.stderr.contains("no rows to monitor on or after 2030-01-01"))
    }
}
