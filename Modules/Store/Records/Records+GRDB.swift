import FerryCore
import GRDB

// The registry's records (FerryCore's value types) as GRDB reads and writes them: one table each.

extension RegisteredBundle: FetchableRecord, PersistableRecord {
    /// The table of registered bundles.
    public static let databaseTableName = "bundle"
}

extension RegisteredBundle.Stage: DatabaseValueConvertible {}

extension ModelAlias: FetchableRecord, PersistableRecord {
    /// The table of aliases.
    public static let databaseTableName = "alias"
}

extension StageChange: FetchableRecord {}

extension RunEntry: FetchableRecord, PersistableRecord {
    /// The table of training runs.
    public static let databaseTableName = "run"
}

extension TokenRole: DatabaseValueConvertible {}

extension AccessToken: FetchableRecord, PersistableRecord {
    /// The table of API tokens (hashes only).
    public static let databaseTableName = "token"
}

extension PredictionEntry: FetchableRecord {}

extension ModelPolicy: FetchableRecord, PersistableRecord {
    /// The table of status policies, one per model.
    public static let databaseTableName = "model_policy"
}

extension ModelPause: FetchableRecord, PersistableRecord {
    /// The table of paused references.
    public static let databaseTableName = "model_pause"
}

extension ModelGrade: FetchableRecord, PersistableRecord {
    /// The table of grades, every one kept.
    public static let databaseTableName = "model_grade"
}

extension PolicyAction: FetchableRecord, PersistableRecord {
    /// The table of actions taken on a status, and manual overrides.
    public static let databaseTableName = "policy_action"
}
