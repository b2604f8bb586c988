import FerryCore
import Foundation

/// Reads a plain numeric CSV table (for `ferry train --table`): an optional `Date` column as the
/// index, every other column a number; any other cell is refused with its line and column.
public struct NumericTableReader: Sendable {
    /// Read an empty cell as a missing value (NaN) instead of refusing it, as `ferry features compute`
    /// writes unknown values.
    public var allowMissing: Bool

    /// Makes a reader; empty cells are refused unless `allowMissing`.
    public init(allowMissing: Bool = false) { self.allowMissing = allowMissing }

    /// The table at `path` as a frame; rows without a `Date` column are indexed by position (day 0, 1, ...).
    public func read(_ path: String) throws -> Frame {
        guard FileManager.default.fileExists(atPath: path) else { throw refusal(path, nil, nil, .fileNotFound, "file does not exist") }
        guard let bytes = FileManager.default.contents(atPath: path), let text = String(data: bytes, encoding: .utf8) else {
            throw refusal(path, nil, nil, .unreadable, "file cannot be read as UTF-8 text")
        }
        guard let csv = CSVText(text) else { throw refusal(path, nil, nil, .emptyFile, "file is empty (no header, no rows)") }
        guard !csv.rows.isEmpty else { throw refusal(path, nil, nil, .noDataRows, "file has a header but no data rows") }
        if let repeated = Dictionary(grouping: csv.header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw refusal(path, 1, repeated, .duplicateColumn, "column '\(repeated)' appears twice")
        }
        let dateColumn = csv.header.firstIndex { $0.lowercased() == "date" }
        var validator = RowValidator(file: path)
        var index: [Timestamp] = []
        var columns = [[Double]](repeating: [], count: csv.header.count)
        for (position, row) in csv.rows.enumerated() {
            guard let fields = validator.fields(of: row, expected: csv.header.count) else { continue }
            if let dateColumn {
                if let date = validator.date(fields[dateColumn], line: row.line, column: csv.header[dateColumn]) {
                    validator.checkOrder(date, line: row.line, column: csv.header[dateColumn])
                    validator.accept(date)
                    index.append(date)
                }
            } else {
                index.append(Timestamp(secondsSinceEpoch: Int64(position) * Timestamp.secondsPerDay))
            }
            for (column, field) in fields.enumerated() where column != dateColumn {
                if allowMissing, field.isEmpty {
                    columns[column].append(.nan)
                    continue
                }
                columns[column].append(validator.number(field, line: row.line, column: csv.header[column]) ?? .nan)
            }
        }
        guard validator.problems.isEmpty else { throw DataValidationError(file: path, problems: validator.problems) }
        return try Frame(
            index: index,
            columns: csv.header.enumerated().filter { $0.offset != dateColumn }.map { ($0.element, columns[$0.offset]) })
    }

    private func refusal(_ file: String, _ line: Int?, _ column: String?, _ kind: DataProblem.Kind, _ message: String)
        -> DataValidationError
    {
        DataValidationError(file: file, problems: [DataProblem(file: file, line: line, column: column, kind: kind, message: message)])
    }
}
