/// How a command names a model: `NAME` (its production version, else its newest), `NAME@ALIAS`
/// (`champion`), or `NAME@VERSION` (`1.0.0`).
public struct ModelReference: Sendable, Equatable, CustomStringConvertible {
    /// The model's name.
    public let name: String
    /// The alias or version after `@`, if any.
    public let selector: String?

    /// Parses `NAME[@ALIAS|@VERSION]`; throws ``FerryError`` (`invalidArgument`) for an empty name or selector.
    public init(_ text: String) throws {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw FerryError(.invalidArgument, "'\(text)' is not a model reference; use NAME, NAME@ALIAS or NAME@VERSION")
        }
        self.name = name
        selector = parts.count == 2 ? parts[1] : nil
    }

    public var description: String { selector.map { "\(name)@\($0)" } ?? name }
}
