import FerryCore
import FerryData
import Testing

@Suite struct NumericTableReaderTests {
    @Test func readsDatesAsTheIndexAndEveryOtherColumnAsNumbers() throws {
        let frame = try NumericTableReader().read(FixtureFiles.path("table_good.csv"))
        #expect(frame.columnNames == ["x1", "x2", "y"])
        #expect(frame.rowCount == 20)
        #expect(frame.index.first?.isoDate == "2020-01-01")
        #expect(try frame.values(of: "y").last == 23.1)
    }

    @Test func refusesANonNumericCellWithLineAndColumn() throws {
        let error = try #require(throws: DataValidationError.self) {
            try NumericTableReader().read(FixtureFiles.path("table_bad_cell.csv"))
        }
        #expect(error.problems.map(\.line) == [3])
        #expect(error.problems.first?.message == "y 'abc' is not a finite number")
    }

    @Test func indexesRowsByPositionWithoutADateColumn() throws {
        let frame = try NumericTableReader().read(
            FixtureFiles.path("table_bad_cell.csv").replacingOccurrences(of: "table_bad_cell", with: "table_good"))
        #expect(frame.rowCount == 20)
        #expect(throws: DataValidationError.self) { try NumericTableReader().read("/no/such/table.csv") }
    }
}
