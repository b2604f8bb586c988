import FerryCore
import FerryData
import Testing

/// Lenient mode drops each faulty row and reports it; problems of the whole file still refuse it.
@Suite struct LenientReadingTests {
    let reader = MarketFileReader(mode: .lenient)

    @Test func dropsFaultyRowsAndReportsThem() throws {
        let file = try reader.read(FixtureFiles.path("unparsable_number.csv"))
        guard case let .prices(series) = file.data else {
            Issue.record("expected prices")
            return
        }
        #expect(series.timestamps.map(\.isoDate) == ["2019-01-02", "2019-01-04"])
        #expect(file.rowsRead == 3)
        #expect(file.droppedRowCount == 1)
        #expect(file.dropped.map(\.line) == [3])
    }

    @Test func keepsTheFirstOfRepeatedDates() throws {
        let file = try reader.read(FixtureFiles.path("date_repeated.csv"))
        #expect(file.data.timestamps.map(\.isoDate) == ["2019-01-02", "2019-01-03"])
        #expect(file.dropped.map(\.kind) == [.dateRepeated])
    }

    @Test func aRowDroppedForItsPricesDoesNotBlockTheNextDate() throws {
        let file = try reader.read(FixtureFiles.path("several_problems.csv"))
        #expect(file.data.timestamps.map(\.isoDate) == ["2019-01-02", "2019-01-03", "2019-01-04"])
        #expect(file.dropped.map(\.line) == [3])
    }

    @Test(arguments: ["missing_column.csv", "unknown_column.csv", "duplicate_column.csv", "empty.csv", "header_only.csv"])
    func wholeFileProblemsStillRefuse(_ name: String) throws {
        let error = try #require(throws: DataValidationError.self) { try reader.read(FixtureFiles.path(name)) }
        let wholeFile = error.problems.filter(\.refusesWholeFile)
        #expect(!error.problems.isEmpty && wholeFile.count == error.problems.count)
    }

    @Test func aFileWithNoValidRowIsRefused() throws {
        let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2019-01-02,1,0,2,1,1,1\n"
        let error = try #require(throws: DataValidationError.self) {
            try reader.read(text: text, file: "all_bad.csv", as: "X")
        }
        #expect(error.problems.map(\.kind) == [.highBelowLow, .noDataRows])
    }
}
