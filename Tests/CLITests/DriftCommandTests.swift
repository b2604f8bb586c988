import Foundation
import Testing

@Suite struct DriftCommandTests {
    @Test func reportsEveryFeatureWithTheNamedFieldsAndTheDriftedShare() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-drift-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try FerryProcess.run(["features", "compute", "--data", "data/GOOG.csv", "--out", "\(dir)/all.csv"]).status == 0)
        let lines = try String(contentsOfFile: "\(dir)/all.csv", encoding: .utf8).split(separator: "\n")
        try (lines[0...800].joined(separator: "\n") + "\n").write(toFile: "\(dir)/reference.csv", atomically: true, encoding: .utf8)
        try ([lines[0]] + lines[1300...]).joined(separator: "\n").appending("\n").write(
            toFile: "\(dir)/current.csv", atomically: true, encoding: .utf8)
        let result = try FerryProcess.run(["drift", "--reference", "\(dir)/reference.csv", "--current", "\(dir)/current.csv", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let features = try #require(report["features"] as? [[String: Any]])
        #expect(features.count == 41)
        #expect(
            Set(features[0].keys) == [
                "column", "ks_statistic", "ks_pvalue", "psi", "wasserstein", "mean_shift", "variance_ratio", "drifted",
            ])
        #expect(features.first { $0["column"] as? String == "sma_20" }?["drifted"] as? Bool == true, "GOOG rose from ~$100 to ~$800")
        let same = try FerryProcess.run(["drift", "--reference", "\(dir)/reference.csv", "--current", "\(dir)/reference.csv"])
        #expect(same.stdout.contains("0 of 41 features drifted"))
    }
}
