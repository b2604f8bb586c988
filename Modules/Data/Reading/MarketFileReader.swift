import FerryCore
import Foundation

/// Reads Yahoo-Finance bar files and FRED single series, and validates every row.
///
/// Bar files have the columns `Date,Open,High,Low,Close,Adj Close,Volume` (dates with or without
/// a time of day); macro files have `Date,<name>` with `.` for a missing day. The reader never
/// mends a value: in ``ReadMode/strict`` mode any problem refuses the file, in
/// ``ReadMode/lenient`` mode each faulty row is dropped and its problems reported.
public struct MarketFileReader: Sendable {
    /// How rows with problems are treated.
    public var mode: ReadMode

    /// Makes a reader; strict unless told otherwise.
    public init(mode: ReadMode = .strict) { self.mode = mode }

    /// Reads and validates the file at `path`, named after its stem unless `id` is given.
    ///
    /// Throws ``DataValidationError`` listing every problem, with file and line.
    public func read(_ path: String, as id: InstrumentID? = nil) throws -> MarketFile {
        guard FileManager.default.fileExists(atPath: path) else { throw refusal(path, .fileNotFound, "file does not exist") }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw refusal(path, .unreadable, "file cannot be read") }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw refusal(path, .unreadable, "file is not UTF-8 text")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try read(text: text, file: path, as: id ?? InstrumentID(stem))
    }

    /// Reads and validates CSV `text`; `file` is the name problems are reported under.
    public func read(text: String, file: String, as id: InstrumentID) throws -> MarketFile {
        guard let csv = CSVText(text) else { throw refusal(file, .emptyFile, "file is empty (no header, no rows)") }
        guard !csv.rows.isEmpty else { throw refusal(file, .noDataRows, "file has a header but no data rows") }
        var validator = RowValidator(file: file)
        let data: MarketData
        switch CSVHeader.classify(csv.header, file: file) {
        case let .failure(error):
            throw error
        case let .success(.prices(positions)):
            data = .prices(try readPrices(csv, positions: positions, id: id, validator: &validator))
        case let .success(.macro(valueColumn)):
            data = .macro(try readMacro(csv, valueColumn: valueColumn, id: id, validator: &validator))
        }
        let problems = validator.problems
        if data.timestamps.isEmpty {
            throw DataValidationError(
                file: file, problems: problems + [problem(file, .noDataRows, "no row passed validation")])
        }
        if mode == .strict, !problems.isEmpty { throw DataValidationError(file: file, problems: problems) }
        return MarketFile(path: file, data: data, rowsRead: csv.rows.count, dropped: problems)
    }

    private func readPrices(
        _ csv: CSVText, positions: [Int], id: InstrumentID, validator: inout RowValidator
    ) throws -> PriceSeries {
        var dates: [Timestamp] = []
        var columns = [[Double]](repeating: [], count: 6)
        let names = CSVHeader.priceColumns  // Date, Open ... Volume
        for row in csv.rows {
            guard let fields = validator.fields(of: row, expected: csv.header.count) else { continue }
            let before = validator.problems.count
            let date = validator.date(fields[positions[0]], line: row.line, column: names[0])
            let values = (1..<names.count).map {
                validator.number(fields[positions[$0]], line: row.line, column: names[$0])
            }
            if let date { validator.checkOrder(date, line: row.line, column: names[0]) }
            let parsed = values.compactMap { $0 }
            if parsed.count == values.count { checkBar(parsed, line: row.line, validator: &validator) }
            guard validator.problems.count == before, let date else { continue }
            validator.accept(date)
            dates.append(date)
            for (column, value) in values.enumerated() { columns[column].append(value ?? .nan) }
        }
        return try PriceSeries(
            instrument: id, timestamps: dates, open: columns[0], high: columns[1], low: columns[2],
            close: columns[3], adjustedClose: columns[4], volume: columns[5])
    }

    /// Checks one bar's parsed `[open, high, low, close, adjClose, volume]` for consistency.
    private func checkBar(_ bar: [Double], line: Int, validator: inout RowValidator) {
        for fault in BarRules.faults(of: bar) { validator.report(line: line, column: fault.column, fault.kind, fault.message) }
    }

    private func readMacro(
        _ csv: CSVText, valueColumn: String, id: InstrumentID, validator: inout RowValidator
    ) throws -> MacroSeries {
        var dates: [Timestamp] = []
        var values: [Double?] = []
        let dateColumn = csv.header[0]
        for row in csv.rows {
            guard let fields = validator.fields(of: row, expected: 2) else { continue }
            let before = validator.problems.count
            let date = validator.date(fields[0], line: row.line, column: dateColumn)
            let value: Double? = fields[1] == "." ? nil : validator.number(fields[1], line: row.line, column: valueColumn)
            if let date { validator.checkOrder(date, line: row.line, column: dateColumn) }
            guard validator.problems.count == before, let date else { continue }
            validator.accept(date)
            dates.append(date)
            values.append(value)
        }
        return try MacroSeries(id: id, timestamps: dates, values: values)
    }

    private func problem(_ file: String, _ kind: DataProblem.Kind, _ message: String) -> DataProblem {
        DataProblem(file: file, line: nil, kind: kind, message: message)
    }

    private func refusal(_ file: String, _ kind: DataProblem.Kind, _ message: String) -> DataValidationError {
        DataValidationError(file: file, problems: [problem(file, kind, message)])
    }
}
