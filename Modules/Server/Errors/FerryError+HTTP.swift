import FerryCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension FerryError.Code {
    /// The HTTP status of an error of this code: the one place the server makes that mapping.
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .invalidArgument, .invalidData: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .refused: .unprocessableContent
        case .unavailable: .serviceUnavailable
        case .io, .internal: .internalServerError
        }
    }
}

/// A library error answers as Hummingbird's own errors do: its code's status and
/// `{"error": {"message": ...}}`, so a route only throws.
extension FerryError: HTTPResponseError {
    public var status: HTTPResponse.Status { code.httpStatus }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try HTTPError(status, message: message).response(from: request, context: context)
    }
}
