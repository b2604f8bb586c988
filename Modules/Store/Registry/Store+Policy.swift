import FerryCore
import GRDB

extension Store {
    /// Sets model `policy.name`'s status policy (replacing any); throws ``FerryError`` `notFound`
    /// when the registry has no such model.
    public func setPolicy(_ policy: ModelPolicy) throws {
        try pool.write { db in
            guard try RegisteredBundle.filter(Column("name") == policy.name).fetchCount(db) > 0 else {
                throw FerryError(.notFound, "no model '\(policy.name)' in the registry")
            }
            try policy.save(db)
        }
    }

    /// Model `name`'s status policy, or `nil` when none was set.
    public func policy(name: String) throws -> ModelPolicy? {
        try pool.read { db in try ModelPolicy.fetchOne(db, key: name) }
    }

    /// Every model's status policy, by name.
    public func policies() throws -> [ModelPolicy] {
        try pool.read { db in try ModelPolicy.order(Column("name")).fetchAll(db) }
    }

    /// The pause on `alias` of model `name` (`""`: its default), if there is one.
    public func pause(name: String, alias: String) throws -> ModelPause? {
        try pool.read { db in try ModelPause.fetchOne(db, key: ["name": name, "alias": alias]) }
    }

    /// Every pause of model `name`, by alias.
    public func pauses(name: String) throws -> [ModelPause] {
        try pool.read { db in try ModelPause.filter(Column("name") == name).order(Column("alias")).fetchAll(db) }
    }

    /// Keeps a grade of a version.
    public func recordGrade(_ grade: ModelGrade) throws {
        try pool.write { db in try grade.insert(db) }
    }

    /// The last grade of `version` of model `name`, if it was ever graded.
    public func lastGrade(name: String, version: String) throws -> ModelGrade? {
        try pool.read { db in
            try ModelGrade.fetchOne(
                db, sql: "SELECT * FROM model_grade WHERE name = ? AND version = ? ORDER BY id DESC LIMIT 1", arguments: [name, version])
        }
    }

    /// Every action on model `name`, oldest first.
    public func actions(name: String) throws -> [PolicyAction] {
        try pool.read { db in
            try PolicyAction.fetchAll(db, sql: "SELECT * FROM policy_action WHERE name = ? ORDER BY id", arguments: [name])
        }
    }

    /// Records `action` and makes its change in one transaction: a rollback moves the alias (or,
    /// for `""`, production) to `action.toVersion`; a pause adds the pause; a resume lifts it; a
    /// forced alias points the alias; a shadow points `challenger` at the challenger. `noted` is only recorded.
    /// - Throws: ``FerryError`` as ``setStage(name:version:to:by:)`` and ``setAlias(_:name:version:by:)`` do;
    ///   `notFound` for a resume of a reference that is not paused.
    public func apply(_ action: PolicyAction) throws {
        try auditedWrite { db in
            switch action.kind {
            case .rollback, .forcedAlias:
                guard let version = action.toVersion else {
                    throw FerryError(.invalidArgument, "a \(action.kind.rawValue) names no version")
                }
                if action.alias.isEmpty {
                    try moveStage(db, name: action.name, version: version, to: .production, by: action.by, reason: action.reason)
                } else {
                    let target = try RegisteredBundle.fetchOne(db, key: ["name": action.name, "version": version])
                    if target?.stage == .archived {
                        try moveStage(db, name: action.name, version: version, to: .staging, by: action.by, reason: action.reason)
                    }
                    try pointAlias(db, action.alias, name: action.name, version: version, by: action.by, reason: action.reason)
                }
            case .pause:
                try ModelPause(
                    name: action.name, alias: action.alias, reason: action.reason, status: action.status, setAt: action.at, setBy: action.by
                ).save(db)
            case .resume:
                guard try ModelPause.deleteOne(db, key: ["name": action.name, "alias": action.alias]) else {
                    let reference = action.alias.isEmpty ? action.name : "\(action.name)@\(action.alias)"
                    throw FerryError(.notFound, "\(reference) is not paused")
                }
            case .shadow:
                guard let version = action.toVersion else { throw FerryError(.invalidArgument, "a shadow action names no challenger") }
                try pointAlias(db, "challenger", name: action.name, version: version, by: action.by, reason: action.reason)
            case .noted:
                break
            }
            try action.insert(db)
        }
    }
}
