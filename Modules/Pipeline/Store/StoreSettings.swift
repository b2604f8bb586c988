import FerryCore
import FerryStore

/// The store's own settings, shared by every machine on it: for now, whether it takes only
/// bundles signed by a trusted key (then registering an unsigned bundle, and pointing an alias at
/// one, are refused). Every change is in the audit trail.
///
/// ```swift
/// let settings = StoreSettings(store: try StoreLocation(nil).open())
/// try settings.requireSignatures(true, by: "ana", reason: "model-risk policy MR-12")
/// ```
public struct StoreSettings: Sendable {
    /// The store.
    public let store: Store

    /// Makes the use case over `store`.
    public init(store: Store) { self.store = store }

    /// Whether the store takes only signed bundles.
    public func requiresSignatures() throws -> Bool { try store.requiresSignatures() }

    /// Makes the store take only signed bundles (`required`) or any verified one, as `user` with `reason`.
    public func requireSignatures(_ required: Bool, by user: String, reason: String?) throws {
        try store.setRequiresSignatures(required, by: user, reason: reason)
    }
}
