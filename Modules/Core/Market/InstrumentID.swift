/// The name of a traded instrument or a macro series, such as `SPX`, `EURUSD-1h` or `WTI`.
///
/// Ferry names an instrument after its data file's stem unless told otherwise.
public struct InstrumentID: Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The instrument's name as the user wrote it.
    public let rawValue: String

    /// Makes an instrument id from its name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: InstrumentID, rhs: InstrumentID) -> Bool { lhs.rawValue < rhs.rawValue }
}
