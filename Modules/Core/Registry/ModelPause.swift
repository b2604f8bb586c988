/// A model reference taken out of service: requests for it are answered 503 with ``reason``, the
/// batch scores nothing for it, until someone lifts the pause with a reason of their own.
public struct ModelPause: Codable, Sendable, Equatable {
    /// The model's name.
    public var name: String
    /// The alias paused, or `""` for the model's default (its production version).
    public var alias: String
    /// Why, as the action that paused it wrote it (the status and the metric that set it).
    public var reason: String
    /// The status that paused it (`red`), or `manual`.
    public var status: String
    /// When and by whom.
    public var setAt: String
    public var setBy: String

    /// Makes a pause record.
    public init(name: String, alias: String, reason: String, status: String, setAt: String, setBy: String) {
        (self.name, self.alias, self.reason, self.status, self.setAt, self.setBy) = (name, alias, reason, status, setAt, setBy)
    }

    /// `NAME` or `NAME@ALIAS`, as a reference names the paused traffic.
    public var reference: String { alias.isEmpty ? name : "\(name)@\(alias)" }

    enum CodingKeys: String, CodingKey {
        case name, alias, reason, status
        case setAt = "set_at"
        case setBy = "set_by"
    }
}
