/// A value the store reads from or writes to a column: the four kinds both backends share
/// (SQLite's storage classes; PostgreSQL's `BIGINT`, `DOUBLE PRECISION` and `TEXT`).
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// `text`, or NULL when `nil`.
    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }

    /// `number`, or NULL when `nil`.
    init(_ number: Int64?) { self = number.map(SQLValue.integer) ?? .null }

    /// `number`, or NULL when `nil`.
    init(_ number: Double?) { self = number.map(SQLValue.real) ?? .null }

    /// `number` as a 64-bit integer.
    init(_ number: Int) { self = .integer(Int64(number)) }

    /// The value for a diagnostic: text quoted, NULL spelt out.
    var described: String {
        switch self {
        case .null: "NULL"
        case let .integer(number): String(number)
        case let .real(number): String(number)
        case let .text(text): "'\(text)'"
        }
    }
}
