/// A JSON value, typed: for documents whose shape Ferry does not fix (a plugin's hyperparameters),
/// and so that a `key=value` override can take the type of the default it replaces.
public enum JSONValue: Codable, Equatable, Sendable {
    /// `true` or `false`.
    case bool(Bool)
    /// A number (written without a fraction when it has none).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])
    /// `null`.
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .bool(value): try container.encode(value)
        case let .number(value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// This value written as the `key=value` text that ``replaced(by:)`` reads back, or `nil` for an
    /// object, `null` or an array holding either, which the text form cannot carry.
    public var overrideText: String? {
        switch self {
        case let .bool(value): return String(value)
        case let .number(value): return value.description
        case let .string(value): return value
        case let .array(values):
            let parts = values.map { value -> String? in
                switch value {
                case .number, .string: return value.overrideText
                default: return nil
                }
            }
            return parts.contains(nil) ? nil : parts.compactMap { $0 }.joined(separator: ",")
        case .object, .null: return nil
        }
    }

    /// `text` read as this value's type, or `nil` when it cannot be (`"x"` for a number).
    public func replaced(by text: String) -> JSONValue? {
        switch self {
        case .bool:
            return Bool(text).map(JSONValue.bool)
        case .number:
            guard let number = Double(text), number.isFinite else { return nil }
            return .number(number)
        case .array:
            return .array(text.split(separator: ",").map { part in Double(part).map(JSONValue.number) ?? .string(String(part)) })
        case .string, .object, .null:
            return .string(text)
        }
    }
}
