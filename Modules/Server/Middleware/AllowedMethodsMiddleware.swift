import HTTPTypes
import Hummingbird

/// Answers a method the server does not serve on a path it does serve with 405 and an `Allow`
/// header listing the methods it does, where the router would say 404 (the path unknown). Only a
/// request that comes back 404 is looked at, so served requests pay nothing. The routes come from
/// the one table the OpenAPI document is made from.
struct AllowedMethodsMiddleware: RouterMiddleware {
    typealias Context = FerryRequestContext

    /// Each route's path split at `/`, with the methods served on it.
    static let templates: [(segments: [Substring], methods: Set<String>)] = Dictionary(
        grouping: OpenAPIDocument.routes, by: \.path
    ).map { path, routes in (path.split(separator: "/", omittingEmptySubsequences: false), Set(routes.map { $0.method.uppercased() })) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
            return try refusal(of: request) ?? response
        } catch let error as HTTPError where error.status == .notFound {
            guard let refusal = try refusal(of: request) else { throw error }
            return refusal
        }
    }

    /// The 405 for `request` when its path is served with other methods only (thrown as /v1's
    /// error, answered in the Open Inference Protocol's shape under /v2); `nil` otherwise.
    private func refusal(of request: Request) throws -> Response? {
        let allowed = Self.methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { return nil }
        let allow = allowed.sorted().joined(separator: ", ")
        let message = "\(request.method.rawValue) is not served on \(request.uri.path); it takes \(allow)"
        guard request.uri.path.hasPrefix("/v2") else { throw HTTPError(.methodNotAllowed, headers: [.allow: allow], message: message) }
        return InferenceError.response(.methodNotAllowed, message, headers: [.allow: allow])
    }

    /// The methods served on `path` (empty for a path no route matches); `{name}` matches any one segment.
    static func methods(for path: String) -> Set<String> {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return templates.reduce(into: Set<String>()) { methods, template in
            guard template.segments.count == parts.count else { return }
            let matches = zip(template.segments, parts).allSatisfy { pattern, part in
                pattern.hasPrefix("{") ? !part.isEmpty : pattern == part
            }
            if matches { methods.formUnion(template.methods) }
        }
    }
}
