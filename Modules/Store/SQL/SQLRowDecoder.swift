import FerryCore

/// Reads a `Decodable` record from a row: each coding key names a column. Text, integers, doubles,
/// booleans (stored as 0 or 1), optionals (NULL) and string-backed enums, which is every record the
/// store keeps.
struct SQLRowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw FerryError(.invalidData, "a store row is read by column name, not as a list")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw FerryError(.invalidData, "a store row is read by column name, not as one value")
    }

    /// The row's columns by coding key, each read as ``ColumnValue``.
    private struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.columns.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { row.columns.contains(key.stringValue) }
        func decodeNil(forKey key: Key) throws -> Bool { row[key.stringValue] == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try column(key).decode(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try column(key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try column(key).decode(type) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try column(key).decode(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try column(key).decode(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try column(key).decode(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try column(key).decode(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try column(key).decode(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try column(key).decode(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try column(key).decode(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try column(key).decode(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try column(key).decode(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try column(key).decode(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try column(key).decode(type) }
        func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value { try column(key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try column(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try column(key).unkeyedContainer() }
        func superDecoder() throws -> any Decoder { SQLRowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { column(key) }

        private func column(_ key: Key) -> ColumnValue { ColumnValue(value: row[key.stringValue], column: key.stringValue) }
    }
}

/// One column's value as a decoder: the primitives, and a type that decodes itself from a single
/// value (a string-backed enum).
private struct ColumnValue: Decoder, SingleValueDecodingContainer {
    let value: SQLValue
    let column: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw FerryError(.invalidData, "store column '\(column)' is one value, not a record", field: column)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw FerryError(.invalidData, "store column '\(column)' is one value, not a list", field: column)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try integer(Int64.self) != 0 }
    func decode(_ type: String.Type) throws -> String {
        guard case let .text(text) = value else { throw SQLRow.unexpected(column, value, "text") }
        return text
    }
    func decode(_ type: Double.Type) throws -> Double { try real() }
    func decode(_ type: Float.Type) throws -> Float { Float(try real()) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try Value(from: self) }

    private func integer<Number: FixedWidthInteger>(_ type: Number.Type) throws -> Number {
        guard case let .integer(number) = value, let exact = Number(exactly: number) else {
            throw SQLRow.unexpected(column, value, "an integer")
        }
        return exact
    }

    private func real() throws -> Double {
        switch value {
        case let .real(number): return number
        case let .integer(number): return Double(number)
        default: throw SQLRow.unexpected(column, value, "a number")
        }
    }
}
