import FerryBundle
import FerryCore
import FerryStore
import Logging

/// The promotion gate over the registry: a model's `challenger` measured against its champion
/// (the `champion` alias, else its production version) on the same rows with ``PromotionJob``,
/// and moved into the champion's place only when the gate says promote. This is the way back
/// into production after a status policy acted: nothing else moves a challenger there.
public struct RegistryPromotion: Sendable {
    /// The registry.
    public let store: Store
    /// The rows both sides are measured on (the bundle paths are the registry's).
    public var rows: MonitorJob

    /// Makes a promotion of model `name`'s challenger, measured on `dataPaths`.
    public init(store: Store, dataPaths: [String]) {
        self.store = store
        rows = MonitorJob(bundle: "", dataPaths: dataPaths)
    }

    /// What the gate decided, and where the challenger went.
    public struct Outcome: Encodable, Sendable {
        /// The gate's decision and both sides' figures.
        public let record: PromotionRecord
        /// The champion's and the challenger's versions.
        public let champion: String
        public let challenger: String
        /// Where the challenger now serves (`production` or `@champion`), when promoted.
        public let movedTo: String?

        enum CodingKeys: String, CodingKey {
            case record, champion, challenger
            case movedTo = "moved_to"
        }
    }

    /// Runs the gate on model `name` and, when it promotes, moves the `champion` alias (or
    /// production) to the challenger, recorded as made by `user`.
    /// - Throws: ``FerryError`` `notFound` when the model has no `challenger` alias, `conflict`
    ///   when the challenger is the champion; what
    ///   ``PromotionJob/run(verifier:logger:)`` throws.
    public func run(model name: String, verifier: BundleVerifier, logger: Logger, by user: String) throws -> Outcome {
        let aliases = try store.aliases(name: name)
        guard let challengerAlias = aliases.first(where: { $0.alias == "challenger" }) else {
            throw FerryError(.notFound, "\(name) has no challenger alias (a shadow retrain or ferry registry alias sets one)")
        }
        let usesAlias = aliases.contains { $0.alias == "champion" }
        let champion = try store.resolve(ModelReference(usesAlias ? "\(name)@champion" : name))
        let challenger = try store.resolve(ModelReference("\(name)@\(challengerAlias.version)"))
        guard challenger.version != champion.version else {
            throw FerryError(.conflict, "\(name)'s challenger is already its champion (\(champion.version)); nothing to promote")
        }
        var job = PromotionJob(champion: champion.path, challenger: challenger.path, dataPaths: rows.dataPaths)
        job.rows = rows
        let record = try job.run(verifier: verifier, logger: logger)
        var movedTo: String?
        if record.verdict.promote {
            let changes = RegistryChanges(store: store)
            if usesAlias {
                try changes.setAlias("champion", to: "\(name)@\(challenger.version)", by: user)
                movedTo = "@champion"
            } else {
                try changes.setStage("\(name)@\(challenger.version)", to: .production, by: user)
                movedTo = "production"
            }
        }
        return Outcome(record: record, champion: champion.version, challenger: challenger.version, movedTo: movedTo)
    }
}
