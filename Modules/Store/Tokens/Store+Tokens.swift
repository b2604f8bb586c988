import Crypto
import FerryCore
import Foundation

extension AccessToken {
    /// SHA-256 of `token`, hex: how a presented token is looked up.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Store {
    /// Makes a token with `role` and returns it; the store keeps only its hash, so it is shown once.
    /// Tokens look like `ferry_<8 hex id>_<64 hex secret>` (256 random bits).
    public func createToken(role: TokenRole, name: String, by user: String, reason: String? = nil) throws -> (
        token: String, entry: AccessToken
    ) {
        var generator = SystemRandomNumberGenerator()
        let id = String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator))
        let secret = (0..<4).map { _ in String(format: "%016llx", UInt64.random(in: .min ... .max, using: &generator)) }.joined()
        let token = "ferry_\(id)_\(secret)"
        let entry = AccessToken(
            id: id, hash: AccessToken.hash(token), role: role, name: name, createdAt: StoreClock.timestamp(), createdBy: user)
        try auditedWrite { session in
            try session.insert(entry, into: "token")
            try appendAudit(session, .tokenCreate, subject: id, value: "\(role.rawValue) \(name)", by: user, reason: reason)
        }
        return (token, entry)
    }

    /// Keeps `token` (made elsewhere, e.g. by `ferry tokens create` against another store, and
    /// handed over in a Kubernetes Secret) with `role`: only its hash is stored. The same token
    /// again changes nothing.
    /// - Returns: Whether it was new.
    /// - Throws: ``FerryError`` `invalidArgument` for a token not shaped `ferry_<8 hex>_<64 hex>`,
    ///   `conflict` when its id is taken by another token.
    @discardableResult
    public func importToken(_ token: String, role: TokenRole, name: String, by user: String, reason: String? = nil) throws -> Bool {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        let hex = { (text: Substring, count: Int) in text.count == count && text.allSatisfy(\.isHexDigit) }
        guard parts.count == 3, parts[0] == "ferry", hex(parts[1], 8), hex(parts[2], 64) else {
            throw FerryError(.invalidArgument, "a token is ferry_<8 hex id>_<64 hex secret> (as ferry tokens create makes them)")
        }
        let entry = AccessToken(
            id: String(parts[1]), hash: AccessToken.hash(token), role: role, name: name, createdAt: StoreClock.timestamp(), createdBy: user)
        return try auditedWrite { session in
            if let existing = try Self.token(session, id: entry.id) {
                guard existing.hash == entry.hash else { throw FerryError(.conflict, "another token already has id \(entry.id)") }
                return false
            }
            try session.insert(entry, into: "token")
            try appendAudit(session, .tokenCreate, subject: entry.id, value: "\(role.rawValue) \(name)", by: user, reason: reason)
            return true
        }
    }

    /// The token entry a presented token matches, or `nil`.
    public func accessToken(matching token: String) throws -> AccessToken? {
        let hash = AccessToken.hash(token)
        return try database.read { session in try session.record(AccessToken.self, "SELECT * FROM token WHERE hash = ?", [.text(hash)]) }
    }

    /// Every token's entry (no secrets), oldest first.
    public func accessTokens() throws -> [AccessToken] {
        try database.read { session in try session.records(AccessToken.self, "SELECT * FROM token ORDER BY created_at, id") }
    }

    /// Revokes the token with public id `id`, recorded in the audit trail as `user`'s with `reason`;
    /// refused when there is none.
    public func revokeToken(id: String, by user: String, reason: String? = nil) throws {
        try auditedWrite { session in
            guard let token = try Self.token(session, id: id) else { throw FerryError(.notFound, "no token '\(id)'") }
            try session.execute("DELETE FROM token WHERE id = ?", [.text(id)])
            try appendAudit(session, .tokenRevoke, subject: id, previous: "\(token.role.rawValue) \(token.name)", by: user, reason: reason)
        }
    }

    private static func token(_ session: any SQLSession, id: String) throws -> AccessToken? {
        try session.record(AccessToken.self, "SELECT * FROM token WHERE id = ?", [.text(id)])
    }
}
