/// A `MAJOR.MINOR.PATCH` version, as plugins and bundles carry it.
public struct SemanticVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Incompatible changes.
    public let major: Int
    /// Compatible additions.
    public let minor: Int
    /// Fixes.
    public let patch: Int

    /// Makes a version from its three numbers.
    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `MAJOR.MINOR.PATCH`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2],
            major >= 0, minor >= 0, patch >= 0
        else { return nil }
        self.init(major, minor, patch)
    }

    /// Whether a model saved by `self` can be read by a plugin at `reader`: same major, reader not older.
    public func isReadable(by reader: SemanticVersion) -> Bool { major == reader.major && self <= reader }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = SemanticVersion(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not MAJOR.MINOR.PATCH"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
