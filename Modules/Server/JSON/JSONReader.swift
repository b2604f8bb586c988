#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
/// A cursor over the bytes of a JSON text (RFC 8259), for request bodies read without
/// `JSONDecoder`: the caller walks objects and arrays in place, takes the strings and numbers it
/// wants and skips the rest. The predict route reads its rows this way: decoding them as
/// `[[String: Double]]` through `Codable` took a fifth of a request's CPU time.
///
/// Errors are ``JSONReaderError``s naming the byte offset and what was expected there.
struct JSONReader {
    /// What the next value is, judged from its first byte.
    enum Kind: Equatable {
        case object, array, string, number, boolean, null

        /// How a message names it: "an object", "a string", ...
        var described: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .number: "a number"
            case .boolean: "a boolean"
            case .null: "null"
            }
        }
    }

    /// How deeply skipped values may nest before the body is refused (no stack exhaustion).
    static let maxDepth = 64

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    /// Whether the process's numeric locale reads `.` as the decimal point, as JSON spells numbers
    /// (the "C" locale a process starts in; if something switched it, numbers `strtod` would read
    /// take the slow path). Asked once per reader: asking per number was 3% of a 100-row request.
    private let decimalPointIsDot = localeconv().pointee.decimal_point.map { $0.pointee == 0x2E } ?? false

    /// A reader at the start of `bytes`, which must outlive it.
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The kind of the next value (after whitespace); throws at the end of the text or on a byte
    /// no value starts with.
    mutating func peek() throws -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { throw failure("a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: throw failure("a value")
        }
    }

    /// Calls `each` with every member's key, the reader placed at the member's value, which
    /// `each` must read or skip.
    mutating func members(_ each: (inout JSONReader, String) throws -> Void) throws {
        try expect("{")
        skipWhitespace()
        if take("}") { return }
        repeat {
            skipWhitespace()
            let key = try string()
            try expect(":")
            try each(&self, key)
        } while try separator(closing: "}")
    }

    /// Calls `each` with every element's position, the reader placed at the element, which
    /// `each` must read or skip.
    mutating func elements(_ each: (inout JSONReader, Int) throws -> Void) throws {
        try expect("[")
        skipWhitespace()
        if take("]") { return }
        var position = 0
        repeat {
            try each(&self, position)
            position += 1
        } while try separator(closing: "]")
    }

    /// The next value, a string, with its escapes decoded.
    mutating func string() throws -> String {
        try expect("\"")
        let start = offset
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                defer { offset += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset = start
                return try escapedString()
            case 0..<0x20:
                throw failure("no control character inside a string")
            default:
                offset += 1
            }
        }
        throw failure("the end of the string")
    }

    /// The next value, a number as JSON spells it (no hex, no `nan`, no leading `+` or zeros).
    /// Too large a number reads as infinity; the caller decides whether that is allowed.
    mutating func number() throws -> Double {
        skipWhitespace()
        let start = offset
        _ = take("-")
        if !take("0") { try digits() }
        if take(".") { try digits() }
        if take("e") || take("E") {
            if !take("+") { _ = take("-") }
            try digits()
        }
        let length = offset - start
        let spelling = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
        if let exact = ExactDecimal.value(spelling) { return exact }
        // The spelling is checked above; strtod reads it from a NUL-terminated copy on the stack
        // (no String made: a String per number was a fifth of a 100-row request's time).
        if length < 64, decimalPointIsDot,
            let value = withUnsafeTemporaryAllocation(
                of: CChar.self, capacity: length + 1,
                { text -> Double? in
                    guard let base = text.baseAddress else { return nil }
                    for index in 0..<length { text[index] = CChar(bitPattern: bytes[start + index]) }
                    text[length] = 0
                    return strtod(base, nil)
                })
        {
            return value
        }
        guard let value = Double(String(decoding: spelling, as: UTF8.self)) else { throw failure("a number", at: start) }
        return value
    }

    /// Reads the `true` or `false` at `offset`.
    mutating func boolean() throws -> Bool {
        skipWhitespace()
        if take(word: "true") { return true }
        try expect(word: "false")
        return false
    }

    /// Reads past the next value, whatever it is.
    mutating func skipValue() throws { try skipValue(depth: 0) }

    /// Checks that nothing but whitespace follows.
    mutating func end() throws {
        skipWhitespace()
        guard offset == bytes.count else { throw failure("the end of the body") }
    }

    private mutating func skipValue(depth: Int) throws {
        guard depth < Self.maxDepth else { throw failure("at most \(Self.maxDepth) levels of nesting") }
        switch try peek() {
        case .object: try members { reader, _ in try reader.skipValue(depth: depth + 1) }
        case .array: try elements { reader, _ in try reader.skipValue(depth: depth + 1) }
        case .string: _ = try string()
        case .number: _ = try number()
        case .boolean: if !take(word: "true") { try expect(word: "false") }
        case .null: try expect(word: "null")
        }
    }

    /// Reads the string starting at `offset` (its opening quote already read), decoding escapes.
    private mutating func escapedString() throws -> String {
        var utf8: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"): try appendEscape(to: &utf8)
            case 0..<0x20: throw failure("no control character inside a string", at: offset - 1)
            default: utf8.append(byte)
            }
        }
        throw failure("the end of the string")
    }

    private mutating func appendEscape(to utf8: inout [UInt8]) throws {
        guard offset < bytes.count else { throw failure("an escape") }
        let letter = bytes[offset]
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"): try appendUnicodeEscape(to: &utf8)
        default: throw failure("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at: offset - 1)
        }
    }

    /// `\uXXXX`, or a surrogate pair of them, as UTF-8.
    private mutating func appendUnicodeEscape(to utf8: inout [UInt8]) throws {
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar) {
            guard take("\\"), take("u") else { throw failure("the low half of a surrogate pair") }
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("the low half of a surrogate pair", at: offset - 4) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let decoded = Unicode.Scalar(scalar) else { throw failure("a Unicode scalar", at: offset - 4) }
        utf8.append(contentsOf: String(decoded).utf8)
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard offset + 4 <= bytes.count,
            let value = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 4]), as: UTF8.self), radix: 16)
        else { throw failure("four hex digits") }
        offset += 4
        return value
    }

    private mutating func digits() throws {
        let start = offset
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
        guard offset > start else { throw failure("a digit") }
    }

    /// After a member or element: `true` at a comma (another follows), `false` at `closing`.
    private mutating func separator(closing: Unicode.Scalar) throws -> Bool {
        skipWhitespace()
        if take(",") { return true }
        guard take(closing) else { throw failure("',' or '\(closing)'") }
        return false
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
    }

    /// Consumes `byte` if it is next (no whitespace skipped).
    private mutating func take(_ byte: Unicode.Scalar) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: byte) else { return false }
        offset += 1
        return true
    }

    private mutating func take(word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard offset + length <= bytes.count,
            UnsafeRawBufferPointer(start: word.utf8Start, count: length).elementsEqual(bytes[offset..<offset + length])
        else { return false }
        offset += length
        return true
    }

    private mutating func expect(word: StaticString) throws {
        guard take(word: word) else { throw failure("'\(word)'") }
    }

    private mutating func expect(_ byte: Unicode.Scalar) throws {
        skipWhitespace()
        guard take(byte) else { throw failure("'\(byte)'") }
    }

    private func failure(_ expected: String, at position: Int? = nil) -> JSONReaderError {
        JSONReaderError(offset: position ?? offset, expected: expected)
    }
}

/// A body that is not the JSON text it should be, with the byte offset at fault.
struct JSONReaderError: Error, CustomStringConvertible {
    /// Bytes from the start of the body.
    let offset: Int
    /// What should have been there.
    let expected: String

    var description: String { "not valid JSON at byte \(offset): expected \(expected)" }
}
