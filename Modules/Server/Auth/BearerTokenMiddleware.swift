import FerryCore
import FerryPipeline
import Hummingbird

/// Checks `Authorization: Bearer <token>` before anything else, so an unknown model without a
/// token is 401, not 404. Only `/health`, `/openapi.json`, the dashboard's page (`/`) and the
/// Open Inference Protocol's liveness and readiness routes (Kubernetes probes carry no token) are
/// open; the page asks for a token and sends it with each of its API calls. Under `/v2` a refusal
/// is the protocol's `{"error": "..."}`.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = FerryRequestContext

    let serving: ModelServing
    static let openPaths: Set<String> = ["/", "/health", "/openapi.json", "/v2/health/live", "/v2/health/ready"]

    /// Whether `path` needs no token: the open paths and every model's `/v2/.../ready`.
    static func isOpen(_ path: String) -> Bool {
        openPaths.contains(path) || (path.hasPrefix("/v2/models/") && path.hasSuffix("/ready"))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isOpen(request.uri.path) { return try await next(request, context) }
        let token: AccessToken
        do {
            token = try authenticate(request)
        } catch let refusal as HTTPError where request.uri.path.hasPrefix("/v2") {
            return InferenceError.response(refusal.status, refusal.body ?? "", headers: refusal.headers)
        }
        var context = context
        context.token = token
        return try await next(request, context)
    }

    /// The presented token's entry; a 401 when there is none or it is unknown.
    private func authenticate(_ request: Request) throws -> AccessToken {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a bearer token is required (Authorization: Bearer TOKEN)")
        }
        guard let token = try serving.token(String(header.dropFirst(7))) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "the bearer token is not known (revoked or mistyped)")
        }
        return token
    }
}
