import FerryCore
import FerryStore

/// The API's bearer tokens, as `ferry tokens` and the server manage them: made (shown once; the
/// store keeps only a hash), listed, revoked.
public struct TokenAdministration: Sendable {
    /// The store the tokens are in.
    public let store: Store

    /// Makes the use case over `store`.
    public init(store: Store) { self.store = store }

    /// Makes a token with `role`, recorded as made by `user`; the token itself is returned once and never kept.
    public func create(role: TokenRole, name: String, by user: String) throws -> (token: String, entry: AccessToken) {
        try store.createToken(role: role, name: name, by: user)
    }

    /// Every token's entry (no secrets), oldest first.
    public func list() throws -> [AccessToken] { try store.accessTokens() }

    /// Revokes the token with public id `id`; throws ``FerryError`` `notFound` when there is none.
    public func revoke(id: String) throws { try store.revokeToken(id: id) }
}
