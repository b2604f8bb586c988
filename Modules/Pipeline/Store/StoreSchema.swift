import FerryCore
import FerryStore

/// A store's schema, as `ferry store status` and `ferry store migrate` see it: forward-only,
/// numbered migrations, each with the checksum of its SQL recorded when it ran.
public struct StoreSchema: Sendable {
    /// Where the store is.
    public let location: StoreLocation

    /// Makes the use case over the store at `location`.
    public init(location: StoreLocation) { self.location = location }

    /// Every migration this Ferry knows, applied (when) or pending, without running any.
    /// - Throws: ``FerryError`` `refused` naming a past migration that was edited, or one a newer Ferry ran.
    public func status() throws -> [MigrationState] { try location.open(migrating: false).migrations() }

    /// Runs the pending migrations; returns their names (none when the schema is current).
    /// - Throws: As ``status()`` does, before anything is changed.
    @discardableResult
    public func migrate() throws -> [String] { try location.open(migrating: false).migrate() }
}
