/// What Ferry does when monitoring grades a registered model, as the deployment plan says: at
/// red, take it out of production (move it back to the last version that was green, or stop
/// serving it); at yellow, prepare a shadow-retrained challenger and deploy nothing. Kept per
/// model in the store; a model without one is graded, and the grade noted, with no action.
///
/// ```swift
/// var policy = ModelPolicy(name: "SPX-lasso", setBy: "alice")
/// policy.onRed = .rollback
/// policy.onYellow = .shadow
/// policy.webhook = "https://hooks.example.com/ferry"
/// try store.setPolicy(policy)
/// ```
public struct ModelPolicy: Codable, Sendable, Equatable {
    /// The model the policy is for.
    public var name: String
    /// What a red grade does.
    public var onRed: RedAction
    /// What a yellow grade does.
    public var onYellow: YellowAction
    /// A URL every action is posted to as JSON, when set.
    public var webhook: String?
    /// Whether every action is also written as a line in the log (notice level).
    public var logLine: Bool
    /// When the policy was set (UTC, ISO 8601) and by whom.
    public var setAt: String
    public var setBy: String

    /// What a red grade does.
    public enum RedAction: String, Codable, Sendable, CaseIterable {
        /// Move the alias (or production) back to the newest earlier version that verifies and
        /// was green when it was last graded; pause when there is none.
        case rollback
        /// Stop serving the alias: requests get 503 with the reason, the batch scores nothing.
        case pause
        /// Record the grade and notify; change nothing.
        case none
    }

    /// What a yellow grade does.
    public enum YellowAction: String, Codable, Sendable, CaseIterable {
        /// Retrain a challenger on the latest data and register it as the `challenger` alias,
        /// promoting nothing.
        case shadow
        /// Record the grade and notify; change nothing.
        case none
    }

    /// A policy that acts on nothing and notes every grade in the log.
    public init(name: String, setAt: String = "", setBy: String) {
        self.name = name
        onRed = .none
        onYellow = .none
        webhook = nil
        logLine = true
        self.setAt = setAt
        self.setBy = setBy
    }

    enum CodingKeys: String, CodingKey {
        case name, webhook
        case onRed = "on_red"
        case onYellow = "on_yellow"
        case logLine = "log_line"
        case setAt = "set_at"
        case setBy = "set_by"
    }
}
