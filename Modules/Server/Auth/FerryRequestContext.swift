import FerryCore
import Hummingbird

/// Each request's context: Hummingbird's, plus the token the request authenticated with.
public struct FerryRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The bearer token's entry, once the auth middleware has checked it.
    public var token: AccessToken?

    public init(source: Source) {
        coreContext = .init(source: source)
        token = nil
    }

    /// The token, if its role is `role` or above; else 403 (401 without a token).
    func require(_ role: TokenRole) throws -> AccessToken {
        guard let token else { throw HTTPError(.unauthorized, message: "a bearer token is required") }
        guard token.role >= role else {
            throw HTTPError(.forbidden, message: "this needs the \(role.rawValue) role; the token has \(token.role.rawValue)")
        }
        return token
    }
}
