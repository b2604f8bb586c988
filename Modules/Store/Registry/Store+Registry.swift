import FerryCore

extension Store {
    /// Registers `entry` in staging. Registering the same bundle again (same name, version and
    /// digest) changes nothing and returns the entry already there; a different bundle under a
    /// name and version already taken is refused, and so is an unsigned bundle when the store
    /// takes only signed ones (``requiresSignatures()``). The audit trail records it, with `reason`.
    @discardableResult
    public func register(_ entry: RegisteredBundle, reason: String? = nil) throws -> (entry: RegisteredBundle, added: Bool) {
        try auditedWrite { session in
            if let existing = try Self.bundle(session, name: entry.name, version: entry.version) {
                guard existing.digest == entry.digest else {
                    throw FerryError(
                        .conflict,
                        "\(entry.name) \(entry.version) is already registered with another bundle (sha256 \(existing.digest.prefix(12))); export under a new version"
                    )
                }
                return (existing, false)
            }
            if let other = try session.record(RegisteredBundle.self, "SELECT * FROM bundle WHERE digest = ?", [.text(entry.digest)]) {
                throw FerryError(.conflict, "this bundle is already registered as \(other.name) \(other.version)")
            }
            try Self.requireSigner(session, entry, for: "sign it (ferry export --sign) and add it again")
            try session.insert(entry, into: "bundle")
            try recordStageChange(
                session, name: entry.name, version: entry.version, from: nil, to: entry.stage, at: entry.registeredAt,
                by: entry.registeredBy)
            try appendAudit(
                session, .register, subject: "\(entry.name)@\(entry.version)", value: "sha256:\(entry.digest)", by: entry.registeredBy,
                reason: reason)
            return (entry, true)
        }
    }

    /// Every registered bundle (of model `name`, when given), by name, then by when it was added.
    public func bundles(name: String? = nil) throws -> [RegisteredBundle] {
        try database.read { session in
            let order = "ORDER BY name, registered_at, version"
            guard let name else { return try session.records(RegisteredBundle.self, "SELECT * FROM bundle \(order)") }
            return try session.records(RegisteredBundle.self, "SELECT * FROM bundle WHERE name = ? \(order)", [.text(name)])
        }
    }

    /// The bundle a reference names: `NAME@ALIAS`, `NAME@VERSION`, or `NAME` alone for its
    /// production version (the newest one, if several), else its newest version not archived.
    public func resolve(_ reference: ModelReference) throws -> RegisteredBundle {
        try database.read { session in
            let name = SQLValue.text(reference.name)
            let versions = try session.records(
                RegisteredBundle.self, "SELECT * FROM bundle WHERE name = ? ORDER BY registered_at DESC, version DESC", [name])
            guard let newest = versions.first else {
                let names = try session.rows("SELECT DISTINCT name FROM bundle ORDER BY name", []).map { try $0.text("name") }
                throw FerryError(
                    .notFound,
                    "no model '\(reference.name)' in the registry\(names.isEmpty ? " (it is empty)" : "; it has: \(names.joined(separator: ", "))")"
                )
            }
            if let selector = reference.selector {
                if let alias = try session.record(
                    ModelAlias.self, "SELECT * FROM alias WHERE name = ? AND alias = ?", [name, .text(selector)])
                {
                    guard let version = versions.first(where: { $0.version == alias.version }) else {
                        throw FerryError(
                            .notFound, "\(reference.name)@\(selector) points at version \(alias.version), which is not registered")
                    }
                    return version
                }
                if let version = versions.first(where: { $0.version == selector }) { return version }
                throw FerryError(.notFound, "\(reference.name) has no alias or version '\(selector)'")
            }
            if let production = versions.first(where: { $0.stage == .production }) { return production }
            guard let live = versions.first(where: { $0.stage != .archived }) else {
                throw FerryError(.refused, "every version of \(newest.name) is archived")
            }
            return live
        }
    }

    /// Moves a version to `stage`, recording who, when and why (`reason`) in its history and the
    /// audit trail. Promoting to production moves the model's previous production version to
    /// archived (one version serves); an archived version loses its aliases.
    public func setStage(name: String, version: String, to stage: RegisteredBundle.Stage, by user: String, reason: String? = nil) throws {
        try auditedWrite { session in try moveStage(session, name: name, version: version, to: stage, by: user, reason: reason) }
    }

    /// ``setStage(name:version:to:by:reason:)`` inside a transaction the caller holds.
    func moveStage(
        _ session: any SQLSession, name: String, version: String, to stage: RegisteredBundle.Stage, by user: String, reason: String?
    ) throws {
        guard let entry = try Self.bundle(session, name: name, version: version) else {
            throw FerryError(.notFound, "no version \(version) of \(name) in the registry")
        }
        guard entry.stage != stage else { return }
        let now = StoreClock.timestamp()
        if stage == .production {
            let current = try session.records(
                RegisteredBundle.self, "SELECT * FROM bundle WHERE name = ? AND stage = 'production' ORDER BY version", [.text(name)])
            for previous in current {
                try removeAliases(session, name: name, version: previous.version, by: user, reason: reason)
                try recordStageChange(
                    session, name: name, version: previous.version, from: previous.stage, to: .archived, at: now, by: user)
                try appendAudit(
                    session, .stage, subject: "\(name)@\(previous.version)", previous: previous.stage.rawValue, value: "archived", by: user,
                    reason: reason)
                try Self.changeStage(session, previous, to: .archived, at: now, by: user)
            }
        }
        if stage == .archived { try removeAliases(session, name: name, version: version, by: user, reason: reason) }
        try recordStageChange(session, name: name, version: version, from: entry.stage, to: stage, at: now, by: user)
        try appendAudit(
            session, .stage, subject: "\(name)@\(version)", previous: entry.stage.rawValue, value: stage.rawValue, by: user, reason: reason)
        try Self.changeStage(session, entry, to: stage, at: now, by: user)
    }

    /// Points `alias` of model `name` at `version` (moving it if it pointed elsewhere); an archived
    /// version is refused, and so is an unsigned one when the store takes only signed bundles
    /// (``requiresSignatures()``). A move is recorded in the audit trail with `reason`.
    public func setAlias(_ alias: String, name: String, version: String, by user: String, reason: String? = nil) throws {
        try auditedWrite { session in try pointAlias(session, alias, name: name, version: version, by: user, reason: reason) }
    }

    /// ``setAlias(_:name:version:by:reason:)`` inside a transaction the caller holds.
    func pointAlias(_ session: any SQLSession, _ alias: String, name: String, version: String, by user: String, reason: String?) throws {
        guard !alias.isEmpty, alias.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !(alias.first?.isNumber ?? true)
        else {
            throw FerryError(.invalidArgument, "alias '\(alias)' must be letters, digits, - or _, starting with a letter")
        }
        guard let entry = try Self.bundle(session, name: name, version: version) else {
            throw FerryError(.notFound, "no version \(version) of \(name) in the registry")
        }
        guard entry.stage != .archived else {
            throw FerryError(.refused, "\(name) \(version) is archived; an alias cannot point at it")
        }
        try Self.requireSigner(session, entry, for: "an alias can point only at a signed version")
        let previous = try session.row("SELECT version FROM alias WHERE name = ? AND alias = ?", [.text(name), .text(alias)])?.text(
            "version")
        guard previous != version else { return }
        try session.upsert(
            ModelAlias(name: name, alias: alias, version: version, setAt: StoreClock.timestamp(), setBy: user), into: "alias",
            key: ["name", "alias"])
        try appendAudit(session, .alias, subject: "\(name)@\(alias)", previous: previous, value: version, by: user, reason: reason)
    }

    /// Removes the aliases pointing at `version` (it is being archived), each recorded.
    private func removeAliases(_ session: any SQLSession, name: String, version: String, by user: String, reason: String?) throws {
        let removed = try session.records(
            ModelAlias.self, "SELECT * FROM alias WHERE name = ? AND version = ? ORDER BY alias", [.text(name), .text(version)])
        for alias in removed {
            try session.execute("DELETE FROM alias WHERE name = ? AND alias = ?", [.text(name), .text(alias.alias)])
            try appendAudit(session, .aliasRemoved, subject: "\(name)@\(alias.alias)", previous: version, by: user, reason: reason)
        }
    }

    /// The aliases of model `name` (every model when `nil`), by name and alias.
    public func aliases(name: String? = nil) throws -> [ModelAlias] {
        try database.read { session in
            guard let name else { return try session.records(ModelAlias.self, "SELECT * FROM alias ORDER BY name, alias") }
            return try session.records(ModelAlias.self, "SELECT * FROM alias WHERE name = ? ORDER BY name, alias", [.text(name)])
        }
    }

    /// Every stage change of model `name`, oldest first.
    public func stageHistory(name: String) throws -> [StageChange] {
        try database.read { session in
            try session.records(StageChange.self, "SELECT * FROM stage_change WHERE name = ? ORDER BY id", [.text(name)])
        }
    }

    /// Version `version` of model `name`, if registered.
    static func bundle(_ session: any SQLSession, name: String, version: String) throws -> RegisteredBundle? {
        try session.record(RegisteredBundle.self, "SELECT * FROM bundle WHERE name = ? AND version = ?", [.text(name), .text(version)])
    }

    private static func changeStage(
        _ session: any SQLSession, _ entry: RegisteredBundle, to stage: RegisteredBundle.Stage, at: String, by user: String
    ) throws {
        try session.execute(
            "UPDATE bundle SET stage = ?, stage_changed_at = ?, stage_changed_by = ? WHERE name = ? AND version = ?",
            [.text(stage.rawValue), .text(at), .text(user), .text(entry.name), .text(entry.version)])
    }

    private func recordStageChange(
        _ session: any SQLSession, name: String, version: String, from: RegisteredBundle.Stage?, to: RegisteredBundle.Stage, at: String,
        by user: String
    ) throws {
        try session.execute(
            "INSERT INTO stage_change (name, version, from_stage, to_stage, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(name), .text(version), SQLValue(from?.rawValue), .text(to.rawValue), .text(at), .text(user)])
    }
}
