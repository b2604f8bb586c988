import FerryCore

/// What a market file's header says about its layout: OHLCV bars or a single FRED-style series.
enum CSVHeader {
    /// Yahoo Finance's bar columns, in their usual order.
    static let priceColumns = ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]

    /// A bar file: where each of ``priceColumns``, in that order, stands in the header.
    case prices(positions: [Int])
    /// A `Date,<name>` file: one value column.
    case macro(valueColumn: String)

    /// Classifies `header`, or returns the problems that refuse the file.
    ///
    /// Two columns whose first is `Date` (any case) and whose second is not a bar column make a
    /// macro series; anything else must hold exactly the bar columns, in any order and any case.
    static func classify(_ header: [String], file: String) -> Result<CSVHeader, DataValidationError> {
        let known = Dictionary(uniqueKeysWithValues: priceColumns.map { ($0.lowercased(), $0) })
        if header.count == 2, header[0].lowercased() == "date", known[header[1].lowercased()] == nil, !header[1].isEmpty {
            return .success(.macro(valueColumn: header[1]))
        }
        var positions: [String: Int] = [:]
        var problems: [DataProblem] = []
        for (position, name) in header.enumerated() {
            guard let canonical = known[name.lowercased()] else {
                problems.append(
                    DataProblem(
                        file: file, line: 1, column: name, kind: .unknownColumn,
                        message: "unknown column '\(name)' (expected \(priceColumns.joined(separator: ",")) or Date,<series>)"))
                continue
            }
            if positions[canonical] != nil {
                problems.append(
                    DataProblem(file: file, line: 1, column: name, kind: .duplicateColumn, message: "column '\(name)' appears twice"))
            }
            positions[canonical] = position
        }
        var ordered: [Int] = []
        for column in priceColumns {
            if let position = positions[column] {
                ordered.append(position)
            } else {
                problems.append(
                    DataProblem(file: file, line: 1, column: column, kind: .missingColumn, message: "missing column '\(column)'"))
            }
        }
        return problems.isEmpty ? .success(.prices(positions: ordered)) : .failure(DataValidationError(file: file, problems: problems))
    }
}
