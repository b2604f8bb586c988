import Foundation
import Testing

@Suite struct PromoteCommandTests {
    @Test func decidesOnTheSameRowsAndRecordsEveryReason() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-promote-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(
            try FerryProcess.run([
                "train", "--plugin", "ridge", "--param", "alpha=1000", "--with", "data/WTI.csv", "--runs-dir", "\(dir)/runs",
            ]).status == 0)
        #expect(
            try FerryProcess.run(["export", "--runs-dir", "\(dir)/runs", "--out", "\(dir)/ridge.tar.gz", "--name", "SPX-ridge"]).status == 0
        )
        let result = try FerryProcess.run([
            "promote", "--champion", "bundles/example/SPX-lasso-1.0.0.tar.gz", "--challenger", "\(dir)/ridge.tar.gz",
            "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2016-01-12", "--record", "\(dir)/promotions.jsonl",
        ])
        let promoted = result.stdout.hasPrefix("PROMOTE")
        #expect(result.status == (promoted ? 0 : 21), "\(result.stderr)")
        #expect(result.stdout.contains("SPX-ridge 1.0.0 over SPX-lasso 1.0.0"))
        for words in ["mae: challenger", "directional_accuracy: challenger", "Ljung–Box Q"] { #expect(result.stdout.contains(words)) }
        let recorded = try String(contentsOfFile: "\(dir)/promotions.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(recorded.count == 1)
        #expect(recorded[0].contains("\"promote\":\(promoted)"))
    }
}
