import FerryCore
import FerryStore

/// What a store holds, as every front end reads it: the registered versions and their aliases,
/// the training runs, and the predictions logged for a model.
public struct RegistryQueries: Sendable {
    /// The store read.
    public let store: Store

    /// Makes the queries over `store`.
    public init(store: Store) { self.store = store }

    /// Every registered version of `name` (of every model when `nil`), by name, then newest first.
    public func versions(of name: String? = nil) throws -> [RegisteredBundle] { try store.bundles(name: name) }

    /// The aliases of `name` (of every model when `nil`).
    public func aliases(of name: String? = nil) throws -> [ModelAlias] { try store.aliases(name: name) }

    /// The most recent predictions logged for `name` (for every model when `nil`), newest first, at most `limit`.
    public func predictions(of name: String? = nil, limit: Int = 100) throws -> [PredictionEntry] {
        try store.predictions(model: name, limit: limit)
    }

    /// Every training run the store indexes, newest first.
    public func runs() throws -> [RunEntry] { try store.runs() }

    /// The run `id`, or the one whose id starts with it when only one does; throws ``FerryError`` `notFound` otherwise.
    public func run(_ id: String) throws -> RunEntry { try store.run(id) }
}
