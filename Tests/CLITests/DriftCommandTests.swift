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

    @Test func aFormatTwoBundlesTrainingQuantilesAreTheReference() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-drift-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The example was trained on the S&P 500's rows up to 2013-01-22 (manifest.json, splits.train).
        #expect(
            try FerryProcess.run(["features", "compute", "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--out", "\(dir)/all.csv"])
                .status == 0)
        let lines = try String(contentsOfFile: "\(dir)/all.csv", encoding: .utf8).split(separator: "\n")
        let training = lines.prefix { !$0.hasPrefix("2013-01-23") }
        try (training.joined(separator: "\n") + "\n").write(toFile: "\(dir)/training.csv", atomically: true, encoding: .utf8)
        try ([lines[0]] + lines.suffix(300)).joined(separator: "\n").appending("\n").write(
            toFile: "\(dir)/recent.csv", atomically: true, encoding: .utf8)
        let bundle = "bundles/example/SPX-lasso-1.0.0.tar.gz"
        let same = try FerryProcess.run(["drift", "--bundle", bundle, "--current", "\(dir)/training.csv"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.contains("0 of 39 features drifted"), "the training rows match their own quantiles: \(same.stdout)")
        let recent = try FerryProcess.run(["drift", "--bundle", bundle, "--current", "\(dir)/recent.csv", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(recent.stdout.utf8)) as? [String: Any])
        let features = try #require(report["features"] as? [[String: Any]])
        #expect(features.first { $0["column"] as? String == "sma_20" }?["drifted"] as? Bool == true, "the index doubled after 2013")
        let old = try FerryProcess.run([
            "drift", "--bundle", "bundles/example/format-1/SPX-lasso-1.0.0.tar.gz", "--current", "\(dir)/recent.csv",
        ])
        #expect(old.status != 0 && old.stderr.contains("keeps no training quantiles"))
        let both = try FerryProcess.run([
            "drift", "--bundle", bundle, "--reference", "\(dir)/training.csv", "--current", "\(dir)/recent.csv",
        ])
        #expect(both.status == 64 && both.stderr.contains("either --reference TABLE or --bundle BUNDLE"))
    }
}
