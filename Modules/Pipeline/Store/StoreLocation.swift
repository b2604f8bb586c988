import FerryStore
import Foundation

/// Where a front end's store is: the one place a store's path is decided and the store opened.
///
/// A front end names a location (`--store`, a server's setting) and hands the opened store to
/// use cases; it never opens a store itself.
///
/// ```swift
/// let store = try StoreLocation(nil).open()   // $FERRY_STORE, else store/ferry.sqlite
/// let entries = try RegistryQueries(store: store).versions()
/// ```
public struct StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// The SQLite file.
    public let path: String

    /// The store at `path`; `nil` for `$FERRY_STORE`, else `store/ferry.sqlite`.
    public init(_ path: String?) { self.path = path ?? Store.defaultPath }

    /// Opens the store, creating it (and running its migrations) when it does not exist yet.
    /// - Returns: The open store, shared by every use case the front end calls.
    /// - Throws: ``FerryError`` when the file cannot be opened or migrated.
    public func open() throws -> Store { try Store(path: path) }

    public var description: String { path }
}
