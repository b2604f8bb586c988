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

    /// Model `name` as `ferry registry show` presents it: its versions with their last grades,
    /// aliases, status policy, pauses, and history; throws ``FerryError`` `notFound` for an unknown model.
    public func overview(of name: String) throws -> ModelOverview {
        let versions = try store.bundles(name: name)
        guard !versions.isEmpty else { throw FerryError(.notFound, "no model '\(name)' in the registry") }
        return ModelOverview(
            name: name,
            versions: try versions.map {
                ModelOverview.Version(entry: $0, lastGrade: try store.lastGrade(name: name, version: $0.version))
            },
            aliases: try store.aliases(name: name), policy: try store.policy(name: name), pauses: try store.pauses(name: name),
            stageChanges: try store.stageHistory(name: name), actions: try store.actions(name: name))
    }

    /// Every training run the store indexes, newest first.
    public func runs() throws -> [RunEntry] { try store.runs() }

    /// The run `id`, or the one whose id starts with it when only one does; throws ``FerryError`` `notFound` otherwise.
    public func run(_ id: String) throws -> RunEntry { try store.run(id) }
}

/// One registered model: versions, aliases, status policy, pauses and history.
public struct ModelOverview: Encodable, Sendable {
    /// The model's name.
    public let name: String
    /// Every version, oldest first, each with its last grade.
    public let versions: [Version]
    /// Its aliases.
    public let aliases: [ModelAlias]
    /// Its status policy, when one was set.
    public let policy: ModelPolicy?
    /// Its paused references.
    public let pauses: [ModelPause]
    /// Every stage change, oldest first.
    public let stageChanges: [StageChange]
    /// Every action taken on a status or forced by hand, oldest first.
    public let actions: [PolicyAction]

    /// A version and how it was last graded.
    public struct Version: Encodable, Sendable {
        /// The registry entry.
        public let entry: RegisteredBundle
        /// Its last grade, if monitoring ever graded it.
        public let lastGrade: ModelGrade?

        enum CodingKeys: String, CodingKey {
            case entry
            case lastGrade = "last_grade"
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, versions, aliases, policy, pauses, actions
        case stageChanges = "stage_changes"
    }
}
