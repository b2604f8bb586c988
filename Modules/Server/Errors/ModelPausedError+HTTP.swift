import FerryCore
import HTTPTypes
import Hummingbird

/// A paused model answers 503 with the pause's reason, as ``FerryError`` answers with its code's status.
extension ModelPausedError: HTTPResponseError {
    public var status: HTTPResponse.Status { code.httpStatus }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try HTTPError(status, message: description).response(from: request, context: context)
    }
}
