import Hummingbird
import NIOCore

/// The body of `POST /v1/models/{name}/predict`: feature rows as `{"feature": number}` objects,
/// every row with the same fields, and optionally the instrument and day they are for (kept in
/// the prediction log). Read straight from the bytes with ``JSONReader``; members it does not
/// know are skipped, as `JSONDecoder` would. Package-visible for bench/ServeCeilingBenchmark,
/// which measures how fast bodies parse with nothing else running.
package struct PredictRequest {
    /// The rows' fields, in the order the first row gives them.
    let columns: [String]
    /// Each row's values, in `columns` order.
    package let rows: [[Double]]
    /// `instrument`, for the log.
    let instrument: String?
    /// `as_of` (a day), for the log.
    let asOf: String?
    /// `strict`: refuse rows that lack a feature or carry a field the model does not read,
    /// instead of filling and dropping (`nil`: the server's setting).
    let strict: Bool?

    /// The most rows one request may carry.
    static let maxRows = 10_000

    /// Reads `body`; a body that is not what it should be throws a 400 naming the field, or the
    /// byte where the JSON went wrong.
    /// `expectedColumns` (the model's features) only makes reading faster when rows give their
    /// fields in that order.
    package init(_ body: ByteBuffer, expectedColumns: [String] = []) throws {
        do {
            self = try body.withUnsafeReadableBytes { bytes in
                var reader = JSONReader(bytes)
                return try Self.read(&reader, expected: expectedColumns)
            }
        } catch let malformed as JSONReaderError {
            throw HTTPError(.badRequest, message: malformed.description)
        }
    }

    private init(columns: [String], rows: [[Double]], instrument: String?, asOf: String?, strict: Bool?) {
        self.columns = columns
        self.rows = rows
        self.instrument = instrument
        self.asOf = asOf
        self.strict = strict
    }

    private static func read(_ reader: inout JSONReader, expected: [String]) throws -> PredictRequest {
        let kind = try reader.peek()
        guard kind == .object else { throw invalid("the body must be a JSON object, not \(kind.described)") }
        var table: (columns: [String], rows: [[Double]])?
        var instrument: String?
        var asOf: String?
        var strict: Bool?
        try reader.members { reader, key in
            switch key {
            case "rows": table = try readRows(&reader, expected: expected)
            case "instrument": instrument = try readOptionalString(&reader, field: key)
            case "as_of": asOf = try readOptionalString(&reader, field: key)
            case "strict":
                switch try reader.peek() {
                case .boolean: strict = try reader.boolean()
                case .null: try reader.skipValue()  // null: the server's setting, as when absent
                case let kind: throw invalid("field 'strict' must be true, false or null, not \(kind.described)")
                }
            default: try reader.skipValue()
            }
        }
        try reader.end()
        guard let table else { throw invalid("field 'rows' is missing") }
        guard (1...maxRows).contains(table.rows.count) else {
            throw invalid("field 'rows' must hold 1 to \(maxRows) rows, not \(table.rows.count)")
        }
        return PredictRequest(columns: table.columns, rows: table.rows, instrument: instrument, asOf: asOf, strict: strict)
    }

    /// The rows: the first sets the columns; each later one must have the same fields, in any order.
    private static func readRows(_ reader: inout JSONReader, expected: [String]) throws -> (columns: [String], rows: [[Double]]) {
        let kind = try reader.peek()
        guard kind == .array else { throw invalid("field 'rows' must be an array of objects, not \(kind.described)") }
        var columns = RowColumns(expected: expected)
        var rows: [[Double]] = []
        try reader.elements { reader, index in
            let kind = try reader.peek()
            guard kind == .object else { throw invalid("field 'rows[\(index)]' must be an object, not \(kind.described)") }
            var values = [Double](repeating: .nan, count: columns.names.count)
            var seen = 0
            try reader.members { reader, key in
                let value = try readFinite(&reader, row: index, key: key)
                if index == 0 {
                    guard columns.add(key) else { throw invalid("rows[0]: field '\(key)' appears twice") }
                    values.append(value)
                } else {
                    guard let position = columns.position(of: key, seenSoFar: seen) else {
                        throw invalid("rows[\(index)]: field '\(key)' is in some rows but not others")
                    }
                    guard values[position].isNaN else { throw invalid("rows[\(index)]: field '\(key)' appears twice") }
                    values[position] = value
                }
                seen += 1
            }
            if let absent = zip(columns.names, values).first(where: { $0.1.isNaN })?.0 {
                throw invalid("rows[\(index)]: field '\(absent)' is in some rows but not others")
            }
            rows.append(values)
        }
        return (columns.names, rows)
    }

    private static func readFinite(_ reader: inout JSONReader, row: Int, key: String) throws -> Double {
        let kind = try reader.peek()
        guard kind == .number else { throw invalid("field 'rows[\(row)].\(key)' must be a number, not \(kind.described)") }
        let value = try reader.number()
        guard value.isFinite else { throw invalid("field 'rows[\(row)].\(key)' is too large for a Double") }
        return value
    }

    private static func readOptionalString(_ reader: inout JSONReader, field: String) throws -> String? {
        switch try reader.peek() {
        case .string: return try reader.string()
        case .null:
            try reader.skipValue()
            return nil
        case let kind: throw invalid("field '\(field)' must be a string, not \(kind.described)")
        }
    }

    private static func invalid(_ message: String) -> HTTPError { HTTPError(.badRequest, message: message) }
}

/// The first row's fields, and where each is: found by position while rows follow the expected
/// (or the first row's) order, hashed only once a row leaves it.
private struct RowColumns {
    let expected: [String]
    private(set) var names: [String] = []
    private var positions: [String: Int]?

    init(expected: [String]) { self.expected = expected }

    /// Adds a field of the first row; `false` if it is there already.
    mutating func add(_ key: String) -> Bool {
        if positions == nil, names.count < expected.count, expected[names.count] == key {
            // Still the expected order: the expected names are distinct, so no repeat is possible.
            names.append(key)
            return true
        }
        indexIfNeeded()
        guard positions?.updateValue(names.count, forKey: key) == nil else { return false }
        names.append(key)
        return true
    }

    /// Where a later row's field goes: the place it has in the first row, `nil` if none.
    mutating func position(of key: String, seenSoFar: Int) -> Int? {
        if seenSoFar < names.count, names[seenSoFar] == key { return seenSoFar }
        indexIfNeeded()
        return positions?[key]
    }

    /// Builds the positions by name the first time they are needed.
    private mutating func indexIfNeeded() {
        guard positions == nil else { return }
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
