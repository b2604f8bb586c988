import FerryCore
import FerryPipeline
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FerryServer

/// Strict alignment on the server: per request (`"strict": true`) or server-wide, a row lacking
/// a feature is refused naming every one missing, instead of filled with 0.
@Suite struct StrictPredictTests {
    static let uri = "/v1/models/table-ridge@champion/predict"

    @Test func aStrictRequestMissingAFeatureIsRefusedWithItsNames() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let lenient = ByteBuffer(string: #"{"rows": [{"x1": 1}]}"#)
            try await client.execute(uri: Self.uri, method: .post, headers: fixture.headers(.predict), body: lenient) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains("1 of 2 features missing from the rows, filled with 0: x2"))
            }
            let strict = ByteBuffer(string: #"{"rows": [{"x1": 1}], "strict": true}"#)
            try await client.execute(uri: Self.uri, method: .post, headers: fixture.headers(.predict), body: strict) {
                #expect($0.status == .badRequest)
                #expect(String(buffer: $0.body).contains("missing feature 'x2'"))
            }
            let wrong = ByteBuffer(string: #"{"rows": [{"x1": 1, "x2": 2}], "strict": "yes"}"#)
            try await client.execute(uri: Self.uri, method: .post, headers: fixture.headers(.predict), body: wrong) {
                #expect($0.status == .badRequest && String(buffer: $0.body).contains("field 'strict' must be true, false or null"))
            }
            let unset = ByteBuffer(string: #"{"rows": [{"x1": 1}], "strict": null}"#)
            try await client.execute(uri: Self.uri, method: .post, headers: fixture.headers(.predict), body: unset) {
                #expect($0.status == .ok, "null is the server's setting (lenient here): the missing feature is filled")
            }
        }
    }

    @Test func aStrictServerRefusesUnlessTheRequestSaysOtherwise() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application { $0.strict = true }.test(.router) { client in
            try await client.execute(
                uri: Self.uri, method: .post, headers: fixture.headers(.predict), body: ByteBuffer(string: #"{"rows": [{"x1": 1}]}"#)
            ) {
                #expect($0.status == .badRequest && String(buffer: $0.body).contains("missing feature 'x2'"))
            }
            try await client.execute(
                uri: Self.uri, method: .post, headers: fixture.headers(.predict),
                body: ByteBuffer(string: #"{"rows": [{"x1": 1}], "strict": false}"#)
            ) {
                #expect($0.status == .ok)
            }
        }
    }
}
