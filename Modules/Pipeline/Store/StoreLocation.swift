import FerryCore
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

    /// The store at `location`: a SQLite file's path, or `sqlite:PATH`; `nil` for `$FERRY_STORE`,
    /// else `store/ferry.sqlite`.
    /// - Throws: ``FerryError`` `invalidArgument` (field `store`) for a URL of another scheme
    ///   (`postgres://...`), instead of a file named after it.
    public init(_ location: String?) throws {
        let given = location ?? Store.defaultPath
        for prefix in ["sqlite://", "sqlite:"] where given.hasPrefix(prefix) {
            path = String(given.dropFirst(prefix.count))
            return
        }
        if let scheme = given.firstMatch(of: #/^([A-Za-z][A-Za-z0-9+.\-]*):\/\//#)?.1 {
            throw FerryError(
                .invalidArgument, "store '\(given)': '\(scheme)' stores are not supported by this build; give a SQLite file path",
                field: "store")
        }
        path = given
    }

    /// Opens the store, creating it when it does not exist yet and, when `migrating` (the default),
    /// running its pending migrations.
    /// - Returns: The open store, shared by every use case the front end calls.
    /// - Throws: ``FerryError`` when the file cannot be opened or migrated, `refused` (naming the
    ///   migration) when a past migration was edited or a newer Ferry migrated the store.
    public func open(migrating: Bool = true) throws -> Store { try Store(path: path, migrate: migrating) }

    public var description: String { path }
}
