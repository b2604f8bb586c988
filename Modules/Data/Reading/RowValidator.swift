import FerryCore

/// Parses and checks the fields of data rows, collecting a ``DataProblem`` for each fault.
///
/// Shared by the price and macro readers, so both word their problems the same way.
struct RowValidator {
    let file: String
    private(set) var problems: [DataProblem] = []
    private var lastAcceptedDate: Timestamp?

    init(file: String) { self.file = file }

    mutating func report(line: Int?, column: String? = nil, _ kind: DataProblem.Kind, _ message: String) {
        problems.append(DataProblem(file: file, line: line, column: column, kind: kind, message: message))
    }

    /// The row's fields if it has as many as the header, else `nil` with a problem.
    mutating func fields(of row: CSVText.Row, expected: Int) -> [Substring]? {
        guard row.fields.count == expected else {
            let blank = row.fields.count == 1 && row.fields[0].isEmpty
            report(
                line: row.line, .wrongFieldCount,
                blank ? "blank line" : "row has \(row.fields.count) fields, the header has \(expected)")
            return nil
        }
        return row.fields
    }

    /// The field as a date, or `nil` with a problem.
    mutating func date(_ field: Substring, line: Int, column: String) -> Timestamp? {
        guard let date = Timestamp(iso8601: field) else {
            report(
                line: line, column: column, .unparsableDate,
                "\(column) '\(field)' is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
            return nil
        }
        return date
    }

    /// The field as a finite number, or `nil` with a problem.
    mutating func number(_ field: Substring, line: Int, column: String) -> Double? {
        guard let value = Double(field), value.isFinite else {
            report(line: line, column: column, .unparsableNumber, "\(column) '\(field)' is not a finite number")
            return nil
        }
        return value
    }

    /// Reports `date` if it repeats or comes before the last accepted row's.
    mutating func checkOrder(_ date: Timestamp, line: Int, column: String) {
        guard let previous = lastAcceptedDate, date <= previous else { return }
        if date == previous {
            report(line: line, column: column, .dateRepeated, "\(column) \(date) repeats the row before it")
        } else {
            report(line: line, column: column, .dateOutOfOrder, "\(column) \(date) comes before \(previous) on an earlier row")
        }
    }

    /// Marks a row's date as accepted, so the next row is compared with it.
    mutating func accept(_ date: Timestamp) { lastAcceptedDate = date }
}
