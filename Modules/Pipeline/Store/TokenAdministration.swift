import FerryCore
import FerryStore
import Foundation

/// The API's bearer tokens, as `ferry tokens` and the server manage them: made (shown once; the
/// store keeps only a hash), listed, revoked.
public struct TokenAdministration: Sendable {
    /// The store the tokens are in.
    public let store: Store

    /// Makes the use case over `store`.
    public init(store: Store) { self.store = store }

    /// Makes a token with `role`, recorded in the audit trail as made by `user` with `reason`; the
    /// token itself is returned once and never kept.
    public func create(role: TokenRole, name: String, by user: String, reason: String? = nil) throws -> (token: String, entry: AccessToken)
    {
        try store.createToken(role: role, name: name, by: user, reason: reason)
    }

    /// Keeps the tokens listed in the file at `path`, one per line as `ROLE TOKEN [NAME]` (blank
    /// lines and `#` comments skipped), as a Deployment hands them over in a Secret; a token already
    /// kept changes nothing. Never logs or echoes a token.
    /// - Returns: How many were new.
    /// - Throws: ``FerryError`` naming the file and line of a malformed entry (`invalidArgument`),
    ///   `notFound` when the file cannot be read.
    @discardableResult
    public func importTokens(from path: String, by user: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FerryError(.notFound, "\(path): the tokens file cannot be read", field: "tokens-file")
        }
        var added = 0
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let first = words.first, !first.hasPrefix("#") else { continue }
            guard words.count >= 2, let role = TokenRole(rawValue: String(first)) else {
                throw FerryError(
                    .invalidArgument, "\(path):\(index + 1): a line is ROLE TOKEN [NAME] with ROLE read, predict or admin",
                    field: "tokens-file")
            }
            do {
                if try store.importToken(String(words[1]), role: role, name: words.dropFirst(2).joined(separator: " "), by: user) {
                    added += 1
                }
            } catch let error as FerryError {
                throw FerryError(error.code, "\(path):\(index + 1): \(error.message)", field: "tokens-file")
            }
        }
        return added
    }

    /// Every token's entry (no secrets), oldest first.
    public func list() throws -> [AccessToken] { try store.accessTokens() }

    /// Revokes the token with public id `id`, recorded as `user`'s with `reason`; throws
    /// ``FerryError`` `notFound` when there is none.
    public func revoke(id: String, by user: String, reason: String? = nil) throws {
        try store.revokeToken(id: id, by: user, reason: reason)
    }
}
