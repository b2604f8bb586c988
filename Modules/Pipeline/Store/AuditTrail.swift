import FerryCore
import FerryStore

/// The registry's audit trail, as `ferry registry history` and `ferry store audit verify` read it:
/// every change with who, when, why and the value before, and the check that nothing in it was
/// altered or removed.
public struct AuditTrail: Sendable {
    /// The store whose trail is read.
    public let store: Store

    /// Makes the use case over `store`.
    public init(store: Store) { self.store = store }

    /// The changes to model `name`'s versions and aliases, oldest first.
    public func history(of name: String) throws -> [AuditRecord] { try store.auditHistory(name: name) }

    /// Every change, oldest first.
    public func records() throws -> [AuditRecord] { try store.auditTrail() }

    /// Recomputes the chain and checks it against the anchored heads; names the first record altered or removed.
    public func verify() throws -> AuditVerification { try store.verifyAudit() }

    /// Where the trail's head is anchored outside the database.
    public var anchorPath: String { store.auditAnchorPath }
}
