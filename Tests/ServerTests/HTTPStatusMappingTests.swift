import FerryCore
import HTTPTypes
import Testing

@testable import FerryServer

/// Every error code maps to its HTTP status, in the one mapping the server has.
@Suite struct HTTPStatusMappingTests {
    static let expected: [FerryError.Code: HTTPResponse.Status] = [
        .invalidArgument: .badRequest, .invalidData: .badRequest, .notFound: .notFound, .conflict: .conflict,
        .refused: .unprocessableContent, .unavailable: .serviceUnavailable, .io: .internalServerError, .internal: .internalServerError,
    ]

    @Test(arguments: FerryError.Code.allCases)
    func eachCodeHasItsStatus(_ code: FerryError.Code) {
        #expect(code.httpStatus == Self.expected[code], "\(code)")
        #expect(FerryError(code, "x").status == Self.expected[code], "a thrown library error answers with its code's status")
    }
}
