/// One thing done to a model because of its status, or a manual override of such a thing: part of
/// the registry's history, with the report that caused it.
public struct PolicyAction: Codable, Sendable, Equatable {
    /// What was done.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The alias (or production) moved back to an earlier green version.
        case rollback
        /// The alias stopped serving.
        case pause
        /// A shadow-retrained challenger was registered as `challenger`.
        case shadow
        /// A grade that asked for no change (policy `none`), noted.
        case noted
        /// A pause lifted by hand (`--force --reason`).
        case resume
        /// An alias moved by hand onto a version whose last grade was red (`--force --reason`).
        case forcedAlias = "forced_alias"
    }

    /// The model's name.
    public var name: String
    /// The alias acted on, or `""` for the model's default (production).
    public var alias: String
    /// What was done.
    public var kind: Kind
    /// The status that caused it (`red`, `yellow`), or `manual`.
    public var status: String
    /// The version served before and after (the same when nothing moved).
    public var fromVersion: String?
    public var toVersion: String?
    /// Why, in words: the deciding metric, or the reason given with `--force`.
    public var reason: String
    /// The monitoring report behind it (JSON), when one was.
    public var report: String?
    /// When and by whom.
    public var at: String
    public var by: String

    /// Makes an action record.
    public init(
        name: String, alias: String, kind: Kind, status: String, fromVersion: String?, toVersion: String?, reason: String,
        report: String?, at: String, by: String
    ) {
        (self.name, self.alias, self.kind, self.status) = (name, alias, kind, status)
        (self.fromVersion, self.toVersion, self.reason, self.report, self.at, self.by) = (fromVersion, toVersion, reason, report, at, by)
    }

    enum CodingKeys: String, CodingKey {
        case name, alias, kind, status, reason, report, at, by
        case fromVersion = "from_version"
        case toVersion = "to_version"
    }
}
