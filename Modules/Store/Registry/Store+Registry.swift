import FerryCore
import GRDB

extension Store {
    /// Registers `entry` in staging. Registering the same bundle again (same name, version and
    /// digest) changes nothing and returns the entry already there; a different bundle under a
    /// name and version already taken is refused. The audit trail records it, with `reason`.
    @discardableResult
    public func register(_ entry: RegisteredBundle, reason: String? = nil) throws -> (entry: RegisteredBundle, added: Bool) {
        try auditedWrite { db in
            if let existing = try RegisteredBundle.fetchOne(db, key: ["name": entry.name, "version": entry.version]) {
                guard existing.digest == entry.digest else {
                    throw FerryError(
                        .conflict,
                        "\(entry.name) \(entry.version) is already registered with another bundle (sha256 \(existing.digest.prefix(12))); export under a new version"
                    )
                }
                return (existing, false)
            }
            if let other = try RegisteredBundle.filter(Column("digest") == entry.digest).fetchOne(db) {
                throw FerryError(.conflict, "this bundle is already registered as \(other.name) \(other.version)")
            }
            try entry.insert(db)
            try recordStageChange(
                db, name: entry.name, version: entry.version, from: nil, to: entry.stage, at: entry.registeredAt, by: entry.registeredBy)
            try appendAudit(
                db, .register, subject: "\(entry.name)@\(entry.version)", value: "sha256:\(entry.digest)", by: entry.registeredBy,
                reason: reason)
            return (entry, true)
        }
    }

    /// Every registered bundle (of model `name`, when given), by name, then by when it was added.
    public func bundles(name: String? = nil) throws -> [RegisteredBundle] {
        try pool.read { db in
            var request = RegisteredBundle.order(Column("name"), Column("registered_at"), Column("version"))
            if let name { request = request.filter(Column("name") == name) }
            return try request.fetchAll(db)
        }
    }

    /// The bundle a reference names: `NAME@ALIAS`, `NAME@VERSION`, or `NAME` alone for its
    /// production version (the newest one, if several), else its newest version not archived.
    public func resolve(_ reference: ModelReference) throws -> RegisteredBundle {
        try pool.read { db in
            let versions = RegisteredBundle.filter(Column("name") == reference.name)
            guard try versions.fetchCount(db) > 0 else {
                let names = try String.fetchAll(db, sql: "SELECT DISTINCT name FROM bundle ORDER BY name")
                throw FerryError(
                    .notFound,
                    "no model '\(reference.name)' in the registry\(names.isEmpty ? " (it is empty)" : "; it has: \(names.joined(separator: ", "))")"
                )
            }
            if let selector = reference.selector {
                if let alias = try ModelAlias.fetchOne(db, key: ["name": reference.name, "alias": selector]) {
                    guard let version = try versions.filter(Column("version") == alias.version).fetchOne(db) else {
                        throw FerryError(
                            .notFound, "\(reference.name)@\(selector) points at version \(alias.version), which is not registered")
                    }
                    return version
                }
                if let version = try versions.filter(Column("version") == selector).fetchOne(db) { return version }
                throw FerryError(.notFound, "\(reference.name) has no alias or version '\(selector)'")
            }
            let newest = versions.order(Column("registered_at").desc, Column("version").desc)
            if let production = try newest.filter(Column("stage") == RegisteredBundle.Stage.production.rawValue).fetchOne(db) {
                return production
            }
            guard let live = try newest.filter(Column("stage") != RegisteredBundle.Stage.archived.rawValue).fetchOne(db) else {
                throw FerryError(.refused, "every version of \(reference.name) is archived")
            }
            return live
        }
    }

    /// Moves a version to `stage`, recording who, when and why (`reason`) in its history and the
    /// audit trail. Promoting to production moves the model's previous production version to
    /// archived (one version serves); an archived version loses its aliases.
    public func setStage(name: String, version: String, to stage: RegisteredBundle.Stage, by user: String, reason: String? = nil) throws {
        try auditedWrite { db in try moveStage(db, name: name, version: version, to: stage, by: user, reason: reason) }
    }

    /// ``setStage(name:version:to:by:reason:)`` inside a transaction the caller holds.
    func moveStage(
        _ db: Database, name: String, version: String, to stage: RegisteredBundle.Stage, by user: String, reason: String?
    ) throws {
        guard var entry = try RegisteredBundle.fetchOne(db, key: ["name": name, "version": version]) else {
            throw FerryError(.notFound, "no version \(version) of \(name) in the registry")
        }
        guard entry.stage != stage else { return }
        let now = StoreClock.timestamp()
        if stage == .production {
            let current = try RegisteredBundle.filter(
                Column("name") == name && Column("stage") == RegisteredBundle.Stage.production.rawValue
            ).fetchAll(db)
            for var previous in current {
                try removeAliases(db, name: name, version: previous.version, by: user, reason: reason)
                try recordStageChange(db, name: name, version: previous.version, from: previous.stage, to: .archived, at: now, by: user)
                try appendAudit(
                    db, .stage, subject: "\(name)@\(previous.version)", previous: previous.stage.rawValue, value: "archived", by: user,
                    reason: reason)
                (previous.stage, previous.stageChangedAt, previous.stageChangedBy) = (.archived, now, user)
                try previous.update(db)
            }
        }
        if stage == .archived { try removeAliases(db, name: name, version: version, by: user, reason: reason) }
        try recordStageChange(db, name: name, version: version, from: entry.stage, to: stage, at: now, by: user)
        try appendAudit(
            db, .stage, subject: "\(name)@\(version)", previous: entry.stage.rawValue, value: stage.rawValue, by: user, reason: reason)
        (entry.stage, entry.stageChangedAt, entry.stageChangedBy) = (stage, now, user)
        try entry.update(db)
    }

    /// Points `alias` of model `name` at `version` (moving it if it pointed elsewhere); an archived
    /// version is refused. A move is recorded in the audit trail with `reason`.
    public func setAlias(_ alias: String, name: String, version: String, by user: String, reason: String? = nil) throws {
        try auditedWrite { db in try pointAlias(db, alias, name: name, version: version, by: user, reason: reason) }
    }

    /// ``setAlias(_:name:version:by:reason:)`` inside a transaction the caller holds.
    func pointAlias(_ db: Database, _ alias: String, name: String, version: String, by user: String, reason: String?) throws {
        guard !alias.isEmpty, alias.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !(alias.first?.isNumber ?? true)
        else {
            throw FerryError(.invalidArgument, "alias '\(alias)' must be letters, digits, - or _, starting with a letter")
        }
        guard let entry = try RegisteredBundle.fetchOne(db, key: ["name": name, "version": version]) else {
            throw FerryError(.notFound, "no version \(version) of \(name) in the registry")
        }
        guard entry.stage != .archived else {
            throw FerryError(.refused, "\(name) \(version) is archived; an alias cannot point at it")
        }
        let previous = try ModelAlias.fetchOne(db, key: ["name": name, "alias": alias])?.version
        guard previous != version else { return }
        try ModelAlias(name: name, alias: alias, version: version, setAt: StoreClock.timestamp(), setBy: user).save(db)
        try appendAudit(db, .alias, subject: "\(name)@\(alias)", previous: previous, value: version, by: user, reason: reason)
    }

    /// Removes the aliases pointing at `version` (it is being archived), each recorded.
    private func removeAliases(_ db: Database, name: String, version: String, by user: String, reason: String?) throws {
        let removed = try ModelAlias.filter(Column("name") == name && Column("version") == version).order(Column("alias")).fetchAll(db)
        for alias in removed {
            try alias.delete(db)
            try appendAudit(db, .aliasRemoved, subject: "\(name)@\(alias.alias)", previous: version, by: user, reason: reason)
        }
    }

    /// The aliases of model `name` (every model when `nil`), by name and alias.
    public func aliases(name: String? = nil) throws -> [ModelAlias] {
        try pool.read { db in
            var request = ModelAlias.order(Column("name"), Column("alias"))
            if let name { request = request.filter(Column("name") == name) }
            return try request.fetchAll(db)
        }
    }

    /// Every stage change of model `name`, oldest first.
    public func stageHistory(name: String) throws -> [StageChange] {
        try pool.read { db in
            try StageChange.fetchAll(db, sql: "SELECT * FROM stage_change WHERE name = ? ORDER BY id", arguments: [name])
        }
    }

    private func recordStageChange(
        _ db: Database, name: String, version: String, from: RegisteredBundle.Stage?, to: RegisteredBundle.Stage, at: String,
        by user: String
    ) throws {
        try db.execute(
            sql: "INSERT INTO stage_change (name, version, from_stage, to_stage, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [name, version, from?.rawValue, to.rawValue, at, user])
    }
}
