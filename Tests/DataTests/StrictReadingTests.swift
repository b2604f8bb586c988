import FerryCore
import FerryData
import Testing

/// Each crafted bad file is refused in strict mode, naming its file, line, column and problem.
@Suite struct StrictReadingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let kind: DataProblem.Kind
        let line: Int?
        let column: String?
        let words: String
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "empty.csv", kind: .emptyFile, line: nil, column: nil, words: "file is empty"),
        Case(file: "header_only.csv", kind: .noDataRows, line: nil, column: nil, words: "no data rows"),
        Case(file: "fred_header_only.csv", kind: .noDataRows, line: nil, column: nil, words: "no data rows"),
        Case(file: "not_utf8.csv", kind: .unreadable, line: nil, column: nil, words: "not UTF-8"),
        Case(file: "missing_column.csv", kind: .missingColumn, line: 1, column: "Volume", words: "missing column 'Volume'"),
        Case(file: "unknown_column.csv", kind: .unknownColumn, line: 1, column: "Dividend", words: "unknown column 'Dividend'"),
        Case(file: "duplicate_column.csv", kind: .duplicateColumn, line: 1, column: "Close", words: "appears twice"),
        Case(file: "wrong_field_count.csv", kind: .wrongFieldCount, line: 3, column: nil, words: "row has 6 fields, the header has 7"),
        Case(file: "unparsable_number.csv", kind: .unparsableNumber, line: 3, column: "Close", words: "Close 'abc' is not a finite number"),
        Case(file: "non_finite_number.csv", kind: .unparsableNumber, line: 3, column: "Close", words: "Close 'nan' is not a finite number"),
        Case(file: "unparsable_date.csv", kind: .unparsableDate, line: 3, column: "Date", words: "Date '2019-02-30' is not a date"),
        Case(file: "date_out_of_order.csv", kind: .dateOutOfOrder, line: 4, column: "Date", words: "2019-01-03 comes before 2019-01-04"),
        Case(file: "date_repeated.csv", kind: .dateRepeated, line: 4, column: "Date", words: "2019-01-03 repeats the row before it"),
        Case(file: "high_below_low.csv", kind: .highBelowLow, line: 3, column: "High", words: "High 9.0 is below Low 11.0"),
        Case(
            file: "close_outside_range.csv", kind: .priceOutsideRange, line: 3, column: "Close",
            words: "Close 11.5 is outside [Low 9.0, High 11.0]"),
        Case(file: "open_outside_range.csv", kind: .priceOutsideRange, line: 3, column: "Open", words: "Open 8.5 is outside"),
        Case(file: "negative_price.csv", kind: .negativePrice, line: 3, column: "Open", words: "Open -1.0 is negative"),
        Case(file: "negative_volume.csv", kind: .negativeVolume, line: 3, column: "Volume", words: "Volume -5.0 is negative"),
        Case(
            file: "fred_unparsable_value.csv", kind: .unparsableNumber, line: 4, column: "DCOILWTICO",
            words: "DCOILWTICO 'n/a' is not a finite number"),
    ]

    @Test(arguments: cases)
    func refusesWithFileLineAndProblem(_ expected: Case) throws {
        let path = FixtureFiles.path(expected.file)
        let error = try #require(throws: DataValidationError.self) { try MarketFileReader().read(path) }
        let problem = try #require(error.problems.first { $0.kind == expected.kind }, "\(error.problems)")
        #expect(problem.file == path)
        #expect(problem.line == expected.line)
        #expect(problem.column == expected.column)
        #expect(problem.message.contains(expected.words), "\(problem.message)")
        let where_ = expected.line.map { "\(path):\($0): " } ?? "\(path): "
        #expect(error.description.contains(where_ + problem.message))
    }

    @Test func missingFileIsUnreadable() throws {
        let error = try #require(throws: DataValidationError.self) { try MarketFileReader().read("/no/such/file.csv") }
        #expect(error.problems.map(\.message) == ["file does not exist"])
    }

    @Test func reportsEveryProblemOfAFile() throws {
        let error = try #require(throws: DataValidationError.self) {
            try MarketFileReader().read(FixtureFiles.path("several_problems.csv"))
        }
        #expect(error.problems.map(\.kind) == [.highBelowLow])
        #expect(error.problems.map(\.line) == [3])
    }

    @Test func negativePriceReportsEachColumn() throws {
        let error = try #require(throws: DataValidationError.self) {
            try MarketFileReader().read(FixtureFiles.path("negative_price.csv"))
        }
        #expect(error.problems.compactMap(\.column) == ["Open", "Low"])
    }
}
