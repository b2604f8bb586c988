import FerryPipeline
import Hummingbird

/// Checks `Authorization: Bearer <token>` before anything else, so an unknown model without a
/// token is 401, not 404. Only `/health`, `/openapi.json` and the dashboard's page (`/`) are open;
/// the page asks for a token and sends it with each of its API calls.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = FerryRequestContext

    let serving: ModelServing
    static let openPaths: Set<String> = ["/", "/health", "/openapi.json"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a bearer token is required (Authorization: Bearer TOKEN)")
        }
        guard let token = try serving.token(String(header.dropFirst(7))) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "the bearer token is not known (revoked or mistyped)")
        }
        var context = context
        context.token = token
        return try await next(request, context)
    }
}
