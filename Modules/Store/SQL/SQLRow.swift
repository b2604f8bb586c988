import FerryCore

/// One row a query returned: its values by column name, read as the store's value types.
struct SQLRow: Sendable {
    /// Column names, in the query's order.
    let columns: [String]
    /// Values, one per column.
    let values: [SQLValue]

    /// The value of column `name` (the first one so named); NULL when there is no such column.
    subscript(_ name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// Column `name` as text; throws when it is NULL or not text.
    func text(_ name: String) throws -> String {
        guard let text = try optionalText(name) else { throw Self.unexpected(name, self[name], "text") }
        return text
    }

    /// Column `name` as text, `nil` when NULL; throws when it is another kind.
    func optionalText(_ name: String) throws -> String? {
        switch self[name] {
        case .null: return nil
        case let .text(text): return text
        case let value: throw Self.unexpected(name, value, "text")
        }
    }

    /// Column `name` as an integer; throws when it is NULL or not an integer.
    func integer(_ name: String) throws -> Int64 {
        guard case let .integer(number) = self[name] else { throw Self.unexpected(name, self[name], "an integer") }
        return number
    }

    /// Column `name` as a number (an integer column is converted), `nil` when NULL.
    func optionalReal(_ name: String) throws -> Double? {
        switch self[name] {
        case .null: return nil
        case let .real(number): return number
        case let .integer(number): return Double(number)
        case let value: throw Self.unexpected(name, value, "a number")
        }
    }

    /// The row as a `Record`, each coding key read from the column of that name.
    func decode<Record: Decodable>(_ type: Record.Type = Record.self) throws -> Record {
        try Record(from: SQLRowDecoder(row: self))
    }

    static func unexpected(_ column: String, _ value: SQLValue, _ expected: String) -> FerryError {
        FerryError(.invalidData, "store column '\(column)' holds \(value.described), not \(expected)", field: column)
    }
}
