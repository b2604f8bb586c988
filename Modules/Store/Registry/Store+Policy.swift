import FerryCore

extension Store {
    /// Sets model `policy.name`'s status policy (replacing any); throws ``FerryError`` `notFound`
    /// when the registry has no such model.
    public func setPolicy(_ policy: ModelPolicy) throws {
        try database.write { session in
            guard try session.integer("SELECT COUNT(*) FROM bundle WHERE name = ?", [.text(policy.name)]) > 0 else {
                throw FerryError(.notFound, "no model '\(policy.name)' in the registry")
            }
            try session.upsert(policy, into: "model_policy", key: ["name"])
        }
    }

    /// Model `name`'s status policy, or `nil` when none was set.
    public func policy(name: String) throws -> ModelPolicy? {
        try database.read { session in try session.record(ModelPolicy.self, "SELECT * FROM model_policy WHERE name = ?", [.text(name)]) }
    }

    /// Every model's status policy, by name.
    public func policies() throws -> [ModelPolicy] {
        try database.read { session in try session.records(ModelPolicy.self, "SELECT * FROM model_policy ORDER BY name") }
    }

    /// The pause on `alias` of model `name` (`""`: its default), if there is one.
    public func pause(name: String, alias: String) throws -> ModelPause? {
        try database.read { session in
            try session.record(ModelPause.self, "SELECT * FROM model_pause WHERE name = ? AND alias = ?", [.text(name), .text(alias)])
        }
    }

    /// Every pause of model `name`, by alias.
    public func pauses(name: String) throws -> [ModelPause] {
        try database.read { session in
            try session.records(ModelPause.self, "SELECT * FROM model_pause WHERE name = ? ORDER BY alias", [.text(name)])
        }
    }

    /// Keeps a grade of a version.
    public func recordGrade(_ grade: ModelGrade) throws {
        try database.write { session in try session.insert(grade, into: "model_grade") }
    }

    /// The last grade of `version` of model `name`, if it was ever graded.
    public func lastGrade(name: String, version: String) throws -> ModelGrade? {
        try database.read { session in
            try session.record(
                ModelGrade.self, "SELECT * FROM model_grade WHERE name = ? AND version = ? ORDER BY id DESC LIMIT 1",
                [.text(name), .text(version)])
        }
    }

    /// Every action on model `name`, oldest first.
    public func actions(name: String) throws -> [PolicyAction] {
        try database.read { session in
            try session.records(PolicyAction.self, "SELECT * FROM policy_action WHERE name = ? ORDER BY id", [.text(name)])
        }
    }

    /// Records `action` and makes its change in one transaction: a rollback moves the alias (or,
    /// for `""`, production) to `action.toVersion`; a pause adds the pause; a resume lifts it; a
    /// forced alias points the alias; a shadow points `challenger` at the challenger. `noted` is only recorded.
    /// - Throws: ``FerryError`` as ``setStage(name:version:to:by:reason:)`` and ``setAlias(_:name:version:by:reason:)`` do;
    ///   `notFound` for a resume of a reference that is not paused.
    public func apply(_ action: PolicyAction) throws {
        try auditedWrite { session in
            switch action.kind {
            case .rollback, .forcedAlias:
                guard let version = action.toVersion else {
                    throw FerryError(.invalidArgument, "a \(action.kind.rawValue) names no version")
                }
                if action.alias.isEmpty {
                    try moveStage(session, name: action.name, version: version, to: .production, by: action.by, reason: action.reason)
                } else {
                    if try Self.bundle(session, name: action.name, version: version)?.stage == .archived {
                        try moveStage(session, name: action.name, version: version, to: .staging, by: action.by, reason: action.reason)
                    }
                    try pointAlias(session, action.alias, name: action.name, version: version, by: action.by, reason: action.reason)
                }
            case .pause:
                try session.upsert(
                    ModelPause(
                        name: action.name, alias: action.alias, reason: action.reason, status: action.status, setAt: action.at,
                        setBy: action.by), into: "model_pause", key: ["name", "alias"])
            case .resume:
                guard
                    try session.execute("DELETE FROM model_pause WHERE name = ? AND alias = ?", [.text(action.name), .text(action.alias)])
                        > 0
                else {
                    let reference = action.alias.isEmpty ? action.name : "\(action.name)@\(action.alias)"
                    throw FerryError(.notFound, "\(reference) is not paused")
                }
            case .shadow:
                guard let version = action.toVersion else { throw FerryError(.invalidArgument, "a shadow action names no challenger") }
                try pointAlias(session, "challenger", name: action.name, version: version, by: action.by, reason: action.reason)
            case .noted:
                break
            }
            try session.insert(action, into: "policy_action")
        }
    }
}
