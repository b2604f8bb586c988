import Foundation
import Testing

@Suite struct FeaturesCommandTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ferry-\(UUID().uuidString)-\(name)").path
    }

    @Test func listShowsEveryFeatureWithFormulaAndLookback() throws {
        let result = try FerryProcess.run(["features", "list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("adx_14              27        Wilder average of DX"))
        #expect(result.stdout.contains("39 features; warm-up 49 rows (dropped)"))
        let json = try FerryProcess.run(["features", "list", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(features.count == 39)
        #expect(features.first?["name"] as? String == "sma_5")
        #expect(features.first?["lookback"] as? Int == 4)
    }

    @Test func computeWritesADateColumnThenTheNamedColumns() throws {
        let out = Self.temporaryPath("features.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try FerryProcess.run(["features", "compute", "--data", "data/GOOG.csv", "--with", "data/SPX.csv", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "Date")
        #expect(header.count == 1 + 39 + 3)
        #expect(Array(header[1...3]) == ["sma_5", "sma_10", "sma_20"])
        #expect(header.contains("corr_returns_20"))
        #expect(header.suffix(3) == ["next_return", "next_direction", "forward_return_5"])
        #expect(lines.count == 1 + 2148 - 49)
        #expect(lines[1].hasPrefix("2004-10-28,"))  // row 50 of data/GOOG.csv
        #expect(lines.last?.hasSuffix(",,,") == true, "the last row's targets are unknown")
    }

    @Test func intradayDataKeepsItsTimeOfDay() throws {
        let out = Self.temporaryPath("fx.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try FerryProcess.run(["features", "compute", "--data", "data/EURUSD-1h.csv", "--out", out, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")[1].hasPrefix("2017-04-21 "))
        #expect(result.stdout.contains(#""rows" : 4951"#))
    }

    @Test func refusesBadInputAndWritesNothing() throws {
        let out = Self.temporaryPath("never.csv")
        let refused = try FerryProcess.run(["features", "compute", "--data", FerryProcess.fixture("high_below_low.csv"), "--out", out])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("high_below_low.csv:3: High 9.0 is below Low 11.0"))
        let macro = try FerryProcess.run(["features", "compute", "--data", "data/WTI.csv", "--out", out])
        #expect(macro.status == 1)
        #expect(macro.stderr.contains("features need a bar file"))
        let folder = try FerryProcess.run(["features", "compute", "--out", "/no/such/folder/x.csv"])
        #expect(folder.stderr.contains("the folder /no/such/folder does not exist"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aPipelineFileIsValidatedWithTheFieldAtFault() throws {
        let path = Self.temporaryPath("pipeline.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"version":1,"features":[{"kind":"sma","periods":[3]},{"kind":"rsi","periods":[0]}],"targets":[],"dropWarmUp":true}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try FerryProcess.run(["features", "list", "--pipeline", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("feature 'rsi': period = 0 is out of range (allowed: 2...100000)"))
        try #"{"version":1,"features":[{"kind":"smaa","periods":[3]}],"targets":[],"dropWarmUp":true}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let unknown = try FerryProcess.run(["features", "list", "--pipeline", path])
        #expect(unknown.stderr.contains("features[0].kind"))
        #expect(unknown.stderr.contains("known kinds: sma, ema"))
    }
}
