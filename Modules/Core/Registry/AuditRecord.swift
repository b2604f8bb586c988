/// One change in the registry's audit trail: what was changed (``action`` on ``subject``), who,
/// when and why, the value before and after, and the hash that chains it to the record before, so
/// that an edit or a removal anywhere in the trail shows (`ferry store audit verify`).
public struct AuditRecord: Codable, Sendable, Equatable {
    /// What a record changed.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// A bundle registered (subject `NAME@VERSION`, value its digest).
        case register
        /// A version's stage moved (subject `NAME@VERSION`, previous and new stage; `archived` archives).
        case stage
        /// An alias pointed at a version (subject `NAME@ALIAS`, previous and new version).
        case alias
        /// An alias removed with the version it pointed at archived (subject `NAME@ALIAS`, previous version).
        case aliasRemoved = "alias_removed"
        /// An API token created or imported (subject its id, value `ROLE NAME`).
        case tokenCreate = "token_create"
        /// An API token revoked (subject its id, previous `ROLE NAME`).
        case tokenRevoke = "token_revoke"
        /// A setting of the store changed (`require_signatures`).
        case setting
    }

    /// Its place in the trail, from 1, without gaps.
    public let id: Int64
    /// When (UTC, to the second).
    public let at: String
    /// Who.
    public let actor: String
    /// What kind of change.
    public let action: Action
    /// What was changed.
    public let subject: String
    /// The value before, when there was one.
    public let previous: String?
    /// The value after, when there is one.
    public let value: String?
    /// Why, when given (`--reason`).
    public let reason: String?
    /// SHA-256 (hex) of the record's fields and the previous record's hash.
    public let hash: String

    /// Makes a record.
    public init(
        id: Int64, at: String, actor: String, action: Action, subject: String, previous: String?, value: String?, reason: String?,
        hash: String
    ) {
        (self.id, self.at, self.actor, self.action, self.subject) = (id, at, actor, action, subject)
        (self.previous, self.value, self.reason, self.hash) = (previous, value, reason, hash)
    }

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, subject, previous, value, reason, hash
    }
}

/// What checking the audit trail found: intact, or the first record altered or removed.
public struct AuditVerification: Codable, Sendable, Equatable {
    /// How many records the trail holds.
    public let records: Int
    /// How many anchored heads were checked against the trail.
    public let anchorsChecked: Int
    /// Records after the newest anchor (written, but their anchor line was not: a crash between the two).
    public let unanchored: Int
    /// The first problem found, naming the record; `nil` when the trail is intact.
    public let problem: String?
    /// The id of the first record altered or removed, when one was.
    public let firstBadRecord: Int64?

    /// Whether the trail is intact.
    public var intact: Bool { problem == nil }

    /// Makes a result.
    public init(records: Int, anchorsChecked: Int, unanchored: Int, problem: String?, firstBadRecord: Int64?) {
        (self.records, self.anchorsChecked, self.unanchored) = (records, anchorsChecked, unanchored)
        (self.problem, self.firstBadRecord) = (problem, firstBadRecord)
    }
}
