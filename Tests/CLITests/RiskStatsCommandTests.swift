import Foundation
import Testing

@Suite struct RiskStatsCommandTests {
    /// The embedded-data entries of bench/empyrical_fixtures.py's output.
    struct Fixture: Decodable {
        struct Entry: Decodable {
            let file: String
            let periods_per_year: Double
            let observations: Int
            let statistics: [String: Double]
        }
        let embedded: [Entry]
    }

    @Test func everyEmbeddedSeriesMatchesTheEmpyricalDefinitions() throws {
        let url = FerryProcess.repository.appendingPathComponent("Tests/RiskTests/Fixtures/empyrical_stats.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.embedded.map(\.file) == ["data/SPX.csv", "data/GOOG.csv", "data/EURUSD-1h.csv"])
        for entry in fixture.embedded {
            let result = try FerryProcess.run([
                "risk", "stats", "--prices", entry.file, "--periods-per-year", String(entry.periods_per_year), "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let series = try #require((report["series"] as? [[String: Any]])?.first)
            #expect(series["column"] as? String == "Adj Close", "a bar file's prices default to Adj Close")
            #expect(series["observations"] as? Int == entry.observations)
            let statistics = try #require(series["statistics"] as? [String: Double])
            #expect(Set(statistics.keys) == Set(entry.statistics.keys))
            for (name, reference) in entry.statistics {
                let ours = try #require(statistics[name], "\(name)")
                #expect(
                    abs(ours - reference) <= 1e-10 * max(1, abs(reference)), "\(entry.file) \(name): Ferry \(ours), reference \(reference)")
            }
        }
    }

    @Test func aGapIsRefusedWithItsLine() throws {
        let gap = try FerryProcess.run(["risk", "stats", "--prices", "data/WTI.csv"])
        #expect(gap.status == 65)
        #expect(gap.stderr.contains("data/WTI.csv:34: Value '.'"), "\(gap.stderr)")

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-prices-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "Date,p\n2020-01-01,10\n2020-01-02,11\n2020-01-03,0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let zero = try FerryProcess.run(["risk", "stats", "--prices", path])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("\(path):4: column p: price at row 2 is 0.0"), "\(zero.stderr)")
    }

    @Test func explainsWhatIsMissing() throws {
        let nothing = try FerryProcess.run(["risk", "stats"])
        #expect(nothing.status == 64 && nothing.stderr.contains("give --returns FILE or --prices FILE"))
        let column = try FerryProcess.run(["risk", "stats", "--prices", "data/SPX.csv", "--column", "close"])
        #expect(
            column.status != 0 && column.stderr.contains("has no column 'close'; it has Open, High, Low, Close, Adj Close, Volume"),
            "\(column.stderr)")
    }
}
