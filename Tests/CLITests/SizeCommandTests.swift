import Foundation
import Testing

@Suite struct SizeCommandTests {
    static let base = [
        "size", "--bundle", "bundles/example/SPX-lasso-1.0.0.tar.gz", "--data", "data/SPX.csv", "--data", "data/GOOG.csv", "--with",
        "data/WTI.csv",
    ]

    static func report(_ arguments: [String]) throws -> [String: Any] {
        let result = try FerryProcess.run(Self.base + arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func positions(_ report: [String: Any]) throws -> [Double] {
        try #require(report["positions"] as? [[String: Any]]).map { try #require($0["position"] as? Double) }
    }

    @Test func everyPositionRespectsBothCaps() throws {
        let report = try Self.report([])
        let positions = try Self.positions(report)
        #expect(positions.count == 2 && positions.allSatisfy { abs($0) <= 0.05 + 1e-15 })
        #expect((report["portfolio_value_at_risk"] as? Double ?? 1) <= 0.02)
        let tight = try Self.report(["--var-limit", "0.0005"])
        let risk = try #require(tight["portfolio_value_at_risk"] as? Double)
        #expect(abs(risk - 0.0005) < 1e-12, "scaled down to the limit")
        let scaled = try Self.positions(tight)
        #expect(abs(scaled[0] / scaled[1] - positions[0] / positions[1]) < 1e-12, "every position by the same factor")
        let reasons = try #require((tight["positions"] as? [[String: Any]])?.first?["reasons"] as? [String])
        #expect(reasons.last?.contains("above the limit 0.0005") == true, "\(reasons)")
    }

    @Test func aPortfolioFileSetsTheLimitsAndTheCommandLineWins() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-portfolio-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"max_position": 0.01, "kelly_fraction": 0.25}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Self.positions(try Self.report(["--portfolio", path])).allSatisfy { abs($0) <= 0.01 + 1e-15 })
        let report = try Self.report(["--portfolio", path, "--max-position", "0.02"])
        #expect(report["max_position"] as? Double == 0.02 && report["kelly_fraction"] as? Double == 0.25)

        try #"{"max_position": "big"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try FerryProcess.run(Self.base + ["--portfolio", path])
        #expect(bad.status != 0 && bad.stderr.contains("field max_position"), "\(bad.stderr)")
    }
}
