import FerryCore
import FerryStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Authentication first, then roles: each role and each refusal.
@Suite struct AuthTests {
    @Test func openRoutesNeedNoToken() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) {
                #expect($0.status == .ok && $0.body.json["status"] as? String == "ok")
            }
            try await client.execute(uri: "/openapi.json", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/", method: .get) {
                #expect(
                    $0.status == .ok && String(buffer: $0.body).contains("<title>Ferry dashboard</title>"), "the page, with no data in it")
            }
        }
    }

    @Test func everythingElseIs401WithoutAKnownTokenEvenAnUnknownModel() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            for (uri, method) in [
                ("/v1/models", HTTPRequest.Method.get), ("/v1/models/nope", .get), ("/v1/models/nope/predict", .post), ("/metrics", .get),
                ("/v1/bundles", .post), ("/nowhere", .get),
            ] {
                try await client.execute(uri: uri, method: method) { #expect($0.status == .unauthorized, "\(uri)") }
            }
            var forged = HTTPFields()
            forged[.authorization] = "Bearer ferry_00000000_" + String(repeating: "0", count: 64)
            try await client.execute(uri: "/v1/models", method: .get, headers: forged) { #expect($0.status == .unauthorized) }
            var basic = HTTPFields()
            basic[.authorization] = "Basic abc"
            try await client.execute(uri: "/v1/models", method: .get, headers: basic) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func eachRoleReachesWhatItMayAndIs403Beyond() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let row = ByteBuffer(string: #"{"rows": [{"x1": 1, "x2": 2}]}"#)
        let alias = ByteBuffer(string: #"{"version": "1.0.1"}"#)
        try await fixture.application().test(.router) { client in
            // read: models and metrics, not predictions or admin.
            try await client.execute(uri: "/v1/models", method: .get, headers: fixture.headers(.read)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.read)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.read), body: row) {
                #expect($0.status == .forbidden)
            }
            // predict: predictions, not admin.
            try await client.execute(uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.predict), body: row) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/v1/models/table-ridge/aliases/champion", method: .put, headers: fixture.headers(.predict), body: alias
            ) {
                #expect($0.status == .forbidden)
            }
            // admin: everything.
            try await client.execute(
                uri: "/v1/models/table-ridge/aliases/champion", method: .put, headers: fixture.headers(.admin), body: alias
            ) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.admin), body: row) {
                #expect($0.status == .ok)
            }
        }
        #expect(try fixture.store.resolve(ModelReference("table-ridge@champion")).version == "1.0.1")
    }
}
