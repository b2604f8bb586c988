import Foundation

/// How Ferry writes and reads JSON, decided once: keys sorted, slashes unescaped, and numbers
/// JSON has no spelling for written as the strings `"inf"`, `"-inf"` and `"nan"` (read back the
/// same way). Bundle files, run records, the store's JSON columns, `--json` output and HTTP
/// answers all use it, so a metric reads the same wherever it is printed.
public enum FerryJSON {
    /// How object keys are spelled.
    public enum Keys: Sendable {
        /// As the Swift properties are named (bundle files and run records).
        case asDeclared
        /// `snake_case` (`--json` output and HTTP answers).
        case snakeCase
    }

    /// An encoder in Ferry's spelling; `pretty` indents by two spaces.
    public static func encoder(pretty: Bool = false, keys: Keys = .asDeclared) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        if keys == .snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A decoder that reads what ``encoder(pretty:keys:)`` writes (keys as declared).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `value` as a ``JSONValue`` tree (through its encoding), for files that keep it as a document.
    public static func value(of value: some Encodable) throws -> JSONValue {
        try decoder().decode(JSONValue.self, from: encoder().encode(value))
    }
}
