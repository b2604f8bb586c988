import FerryCore
import FerryStore
import Foundation

/// Where a front end's store is: the one place a store's location is decided and the store opened.
///
/// A front end names a location (`--store`, a server's setting) and hands the opened store to
/// use cases; it never opens a store itself.
///
/// ```swift
/// let store = try StoreLocation(nil).open()   // $FERRY_STORE, else store/ferry.sqlite
/// let shared = try StoreLocation("postgres://ferry@db.internal:5432/ferry").open()
/// let entries = try RegistryQueries(store: store).versions()
/// ```
public struct StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file's path, or a `postgres://` URL (as given, password included: never print it;
    /// ``description`` leaves it out).
    public let path: String

    /// The store at `location`: a SQLite file's path, `sqlite:PATH`, or
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`; `nil` for `$FERRY_STORE`, else
    /// `store/ferry.sqlite`.
    /// - Throws: ``FerryError`` `invalidArgument` (field `store`) for a URL of another scheme,
    ///   instead of a file named after it.
    public init(_ location: String?) throws {
        let given = location ?? Store.defaultPath
        for prefix in ["sqlite://", "sqlite:"] where given.hasPrefix(prefix) {
            path = String(given.dropFirst(prefix.count))
            return
        }
        if let scheme = given.firstMatch(of: #/^([A-Za-z][A-Za-z0-9+.\-]*):\/\//#)?.1, !["postgres", "postgresql"].contains(scheme) {
            throw FerryError(
                .invalidArgument,
                "store '\(given)': '\(scheme)' stores are not supported; give a SQLite file path or a postgres:// URL", field: "store")
        }
        path = given
    }

    /// Opens the store, creating it when it does not exist yet and, when `migrating` (the default),
    /// running its pending migrations.
    /// - Returns: The open store, shared by every use case the front end calls.
    /// - Throws: ``FerryError`` when the file cannot be opened or migrated, `refused` (naming the
    ///   migration) when a past migration was edited or a newer Ferry migrated the store.
    public func open(migrating: Bool = true) throws -> Store { try Store(location: path, migrate: migrating) }

    /// The path, or the URL without its password.
    public var description: String { path.replacing(#/^(postgres(?:ql)?://[^:@/]+):[^@/]*@/#) { "\($0.1)@" } }
}
