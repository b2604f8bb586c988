import FerryCore

/// Turns an `Encodable` record into its columns, in coding-key order: each coding key names a
/// column; `nil` optionals become NULL (so an upsert clears them), booleans 0 or 1, string-backed
/// enums their raw value.
final class SQLRowEncoder: Encoder {
    /// The columns written so far.
    fileprivate(set) var columns: [(name: String, value: SQLValue)] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The columns of `record`.
    static func columns(of record: some Encodable) throws -> [(name: String, value: SQLValue)] {
        let encoder = SQLRowEncoder()
        try record.encode(to: encoder)
        return encoder.columns
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Refusal(codingPath: []) }
    // A record that is one value writes no columns: the insert then names no column and is refused.
    func singleValueContainer() -> any SingleValueEncodingContainer { OneValue() }

    /// The record's columns by coding key.
    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: SQLRowEncoder
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) { put(.null, key) }
        func encode(_ value: Bool, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: String, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Double, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Float, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Int, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Int8, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Int16, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Int32, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: Int64, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: UInt, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: UInt8, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: UInt16, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: UInt32, forKey key: Key) throws { try capture(value, key) }
        func encode(_ value: UInt64, forKey key: Key) throws { try capture(value, key) }
        func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws { try capture(value, key) }
        func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try captureIfPresent(value, key) }
        func encodeIfPresent(_ value: String?, forKey key: Key) throws { try captureIfPresent(value, key) }
        func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try captureIfPresent(value, key) }
        func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try captureIfPresent(value, key) }
        func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try captureIfPresent(value, key) }
        func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws { try captureIfPresent(value, key) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Columns<NestedKey>(encoder: encoder))
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { Refusal(codingPath: [key]) }
        func superEncoder() -> any Encoder { encoder }
        func superEncoder(forKey key: Key) -> any Encoder { encoder }

        private func put(_ value: SQLValue, _ key: Key) { encoder.columns.append((key.stringValue, value)) }

        private func captureIfPresent(_ value: (some Encodable)?, _ key: Key) throws {
            guard let value else { return put(.null, key) }
            try capture(value, key)
        }

        private func capture(_ value: some Encodable, _ key: Key) throws {
            let single = OneValue()
            try value.encode(to: single)
            guard let captured = single.value else {
                throw FerryError(.invalidData, "\(type(of: value)) in store column '\(key.stringValue)' encodes as no value")
            }
            put(captured, key)
        }
    }

    /// One value (a string-backed enum's raw value, a number).
    private final class OneValue: Encoder, SingleValueEncodingContainer {
        var value: SQLValue?
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Columns<Key>(encoder: SQLRowEncoder()))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Refusal(codingPath: []) }
        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() { value = .null }
        func encode(_ value: Bool) { self.value = .integer(value ? 1 : 0) }
        func encode(_ value: String) { self.value = .text(value) }
        func encode(_ value: Double) { self.value = .real(value) }
        func encode(_ value: Float) { self.value = .real(Double(value)) }
        func encode(_ value: Int) { self.value = SQLValue(value) }
        func encode(_ value: Int8) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int16) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int32) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int64) { self.value = .integer(value) }
        func encode(_ value: UInt) throws { self.value = .integer(try Self.exact(value)) }
        func encode(_ value: UInt8) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt16) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt32) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt64) throws { self.value = .integer(try Self.exact(value)) }
        func encode<Value: Encodable>(_ value: Value) throws { try value.encode(to: self) }

        private static func exact(_ value: some BinaryInteger) throws -> Int64 {
            guard let exact = Int64(exactly: value) else { throw FerryError(.invalidData, "\(value) does not fit a store integer") }
            return exact
        }
    }

    /// What a store record never is: a list. Every write through it is refused.
    private struct Refusal: UnkeyedEncodingContainer {
        var codingPath: [any CodingKey]
        var count: Int { 0 }

        mutating func encodeNil() throws { throw Self.error }
        mutating func encode<Value: Encodable>(_ value: Value) throws { throw Self.error }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Columns<NestedKey>(encoder: SQLRowEncoder()))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
        mutating func superEncoder() -> any Encoder { SQLRowEncoder() }

        private static var error: FerryError { FerryError(.invalidData, "a store record is a row of columns, not a list") }
    }
}
