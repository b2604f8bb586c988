/// What a bearer token may do. Each role includes the ones before it: `read` lists models and
/// their monitoring, `predict` also asks for predictions, `admin` also uploads bundles and sets aliases.
public enum TokenRole: String, Codable, Sendable, CaseIterable, Comparable {
    case read, predict, admin

    /// The role's place in the order read < predict < admin.
    private var rank: Int {
        switch self {
        case .read: 0
        case .predict: 1
        case .admin: 2
        }
    }

    public static func < (lhs: TokenRole, rhs: TokenRole) -> Bool {
        lhs.rank < rhs.rank
    }
}

/// A token as the store keeps it: never the token itself, only its SHA-256.
public struct AccessToken: Codable, Sendable, Equatable {
    /// A short public id (the token's first part), to name it in lists and logs.
    public var id: String
    /// SHA-256 of the whole token, hex.
    public var hash: String
    public var role: TokenRole
    public var name: String
    public var createdAt: String
    public var createdBy: String

    /// Makes a token entry.
    public init(id: String, hash: String, role: TokenRole, name: String, createdAt: String, createdBy: String) {
        (self.id, self.hash, self.role, self.name) = (id, hash, role, name)
        (self.createdAt, self.createdBy) = (createdAt, createdBy)
    }

    enum CodingKeys: String, CodingKey {
        case id, hash, role, name
        case createdAt = "created_at"
        case createdBy = "created_by"
    }
}
