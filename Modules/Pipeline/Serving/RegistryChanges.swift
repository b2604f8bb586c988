import FerryCore
import FerryStore

/// Changes to the registry that any front end makes the same way: an alias moved, a version
/// promoted or archived, each resolved from a reference first and recorded with who made it.
public struct RegistryChanges: Sendable {
    /// The store whose registry changes.
    public let store: Store

    /// Makes the use case over `store`.
    public init(store: Store) { self.store = store }

    /// Points `alias` at the version `reference` resolves to; throws ``FerryError`` `notFound`
    /// for an unknown model or version, `invalidArgument` for a malformed alias, `refused` for an archived version.
    @discardableResult
    public func setAlias(_ alias: String, to reference: String, by user: String) throws -> RegisteredBundle {
        let entry = try store.resolve(ModelReference(reference))
        try store.setAlias(alias, name: entry.name, version: entry.version, by: user)
        return entry
    }

    /// Moves the version `reference` resolves to into `stage`; returns the entry as it was before.
    @discardableResult
    public func setStage(_ reference: String, to stage: RegisteredBundle.Stage, by user: String) throws -> RegisteredBundle {
        let entry = try store.resolve(ModelReference(reference))
        try store.setStage(name: entry.name, version: entry.version, to: stage, by: user)
        return entry
    }
}
