import Foundation
import Testing

/// `ferry data inspect` on each crafted bad file exits 65 and names file, line and problem.
@Suite struct DataInspectCommandTests {
    @Test(
        arguments: [
            ("empty.csv", nil, "file is empty"),
            ("header_only.csv", nil, "no data rows"),
            ("missing_column.csv", 1, "missing column 'Volume'"),
            ("unknown_column.csv", 1, "unknown column 'Dividend'"),
            ("duplicate_column.csv", 1, "column 'Close' appears twice"),
            ("wrong_field_count.csv", 3, "row has 6 fields"),
            ("unparsable_number.csv", 3, "Close 'abc' is not a finite number"),
            ("unparsable_date.csv", 3, "Date '2019-02-30' is not a date"),
            ("date_out_of_order.csv", 4, "comes before"),
            ("date_repeated.csv", 4, "repeats the row before it"),
            ("high_below_low.csv", 3, "High 9.0 is below Low 11.0"),
            ("close_outside_range.csv", 3, "Close 11.5 is outside"),
            ("open_outside_range.csv", 3, "Open 8.5 is outside"),
            ("negative_price.csv", 3, "Open -1.0 is negative"),
            ("negative_volume.csv", 3, "Volume -5.0 is negative"),
            ("fred_unparsable_value.csv", 4, "'n/a' is not a finite number"),
        ] as [(String, Int?, String)])
    func refusesBadFile(_ name: String, _ line: Int?, _ words: String) throws {
        let path = FerryProcess.fixture(name)
        let result = try FerryProcess.run(["data", "inspect", path])
        #expect(result.status == 65)
        let located = line.map { "\(path):\($0): " } ?? "\(path): "
        #expect(result.stdout.contains(located + ""), "\(result.stdout)")
        #expect(result.stdout.contains(words), "\(result.stdout)")
        #expect(result.stderr.contains("1 of 1 files refused: \(path)"), "\(result.stderr)")
    }

    @Test func lenientAcceptsRowProblemsButListsThem() throws {
        let path = FerryProcess.fixture("high_below_low.csv")
        let result = try FerryProcess.run(["data", "inspect", "--lenient", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\(path):3: High 9.0 is below Low 11.0"))
        let header = try FerryProcess.run(["data", "inspect", "--lenient", FerryProcess.fixture("missing_column.csv")])
        #expect(header.status == 65)
    }

    @Test func inspectsTheEmbeddedDataByDefaultAsJSON() throws {
        let result = try FerryProcess.run(["data", "inspect", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["instrument"] as? String } == ["SPX", "GOOG", "EURUSD-1h", "WTI"])
        #expect(reports.map { $0["valid_rows"] as? Int } == [5031, 2148, 5000, 8611])
        #expect(reports.first?["first"] as? String == "1999-01-04")
        #expect(reports.last?["missing_values"] as? Int == 290)
    }

    @Test func aMissingFileIsRefusedByName() throws {
        let result = try FerryProcess.run(["data", "inspect", "/no/such.csv"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("/no/such.csv: file does not exist"))
    }
}
