import Hummingbird
import NIOCore

/// Times every request and counts it by method, matched route and status (errors included).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = FerryRequestContext

    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func record(_ status: HTTPResponse.Status) {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            metrics.recordRequest(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status.code, seconds: seconds)
        }
        do {
            let response = try await next(request, context)
            record(response.status)
            return response
        } catch let error as any HTTPResponseError {
            record(error.status)
            throw error
        } catch {
            record(.internalServerError)
            throw error
        }
    }
}
