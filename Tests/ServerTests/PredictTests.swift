import FerryCore
import FerryPipeline
import FerryServer
import FerryStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Predictions: aligned, logged, A/B-routed; bad input is 4xx, never 5xx.
@Suite struct PredictTests {
    static func predict(_ body: String) -> ByteBuffer { ByteBuffer(string: body) }

    @Test func predictsAlignsWarnsAndLogs() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let body = Self.predict(
                #"{"rows": [{"x1": 1, "x2": 2}, {"x1": 3, "x2": 1, "extra": 5}], "instrument": "T", "as_of": "2020-01-05"}"#)
            try await client.execute(
                uri: "/v1/models/table-ridge@champion/predict", method: .post, headers: fixture.headers(.predict), body: body
            ) {
                #expect($0.status == .badRequest, "rows with different fields are refused")
                #expect(String(buffer: $0.body).contains("rows[1]: field 'extra' is in some rows but not others"))
            }
            let good = Self.predict(
                #"{"rows": [{"x1": 1, "x2": 2, "extra": 5}, {"x1": 3, "x2": 1, "extra": 5}], "instrument": "T", "as_of": "2020-01-05"}"#)
            try await client.execute(
                uri: "/v1/models/table-ridge@champion/predict", method: .post, headers: fixture.headers(.predict), body: good
            ) {
                #expect($0.status == .ok)
                let json = $0.body.json
                #expect(json["version"] as? String == "1.0.0" && (json["predictions"] as? [Double])?.count == 2)
                #expect((json["warnings"] as? [String])?.contains { $0.contains("extra") } == true, "the dropped column is reported")
            }
            let missing = Self.predict(#"{"rows": [{"x1": 1}]}"#)
            try await client.execute(
                uri: "/v1/models/table-ridge@1.0.0/predict", method: .post, headers: fixture.headers(.predict), body: missing
            ) {
                #expect($0.status == .ok)
                #expect(
                    ($0.body.json["warnings"] as? [String])?.contains { $0.contains("x2") } == true,
                    "a missing feature is filled and reported")
            }
        }
        let logged = try fixture.store.predictions(model: "table-ridge")
        #expect(logged.count == 3 && logged.allSatisfy { $0.source == "api" })
        try await fixture.application().test(.router) { client in
            let far = Self.predict(#"{"rows": [{"x1": 1000, "x2": 2}, {"x1": 1, "x2": 2}]}"#)
            try await client.execute(uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.predict), body: far) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/models/table-ridge/drift", method: .get, headers: fixture.headers(.read)) {
                let features = ($0.body.json["features"] as? [[String: Any]]) ?? []
                #expect($0.body.json["rows"] as? Int == 2, "counted since this server started")
                #expect(features.first?["name"] as? String == "x1" && features.first?["share"] as? Double == 0.5, "\(features)")
            }
        }
        #expect(logged.contains { $0.instrument == "T" && $0.asOf == "2020-01-05" })
    }

    @Test func malformedRequestsAre4xxNever5xx() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let cases: [(String, HTTPResponse.Status, String)] = [
            ("{not json", .badRequest, "not valid JSON"),
            ("[]", .badRequest, ""),
            (#"{"rows": []}"#, .badRequest, "field 'rows' must hold 1 to"),
            (#"{"rows": [{"x1": "one", "x2": 2}]}"#, .badRequest, "field 'rows[0].x1'"),
            (#"{"rows": [{"x1": null, "x2": 2}]}"#, .badRequest, "field 'rows[0].x1'"),
            (#"{"rows": {"x1": 1}}"#, .badRequest, "rows"),
            (#"{"rowz": [{"x1": 1}]}"#, .badRequest, "field 'rows' is missing"),
            (#"{"rows": [{"x1": 1e999}]}"#, .badRequest, ""),
            ("", .badRequest, ""),
        ]
        try await fixture.application().test(.router) { client in
            for (body, status, words) in cases {
                try await client.execute(
                    uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.predict), body: ByteBuffer(string: body)
                ) {
                    #expect($0.status == status, "\(body): \($0.status)")
                    #expect(words.isEmpty || String(buffer: $0.body).contains(words), "\(body): \(String(buffer: $0.body))")
                }
            }
            try await client.execute(
                uri: "/v1/models/nope/predict", method: .post, headers: fixture.headers(.predict),
                body: Self.predict(#"{"rows": [{"x1": 1}]}"#)
            ) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/v1/models/@x/predict", method: .post, headers: fixture.headers(.predict),
                body: Self.predict(#"{"rows": [{"x1": 1}]}"#)
            ) {
                #expect($0.status == .badRequest)
            }
            let huge = ByteBuffer(string: #"{"rows": [{"x1": 1, "pad": ""# + String(repeating: "9", count: 2 << 20) + "}]}")
            try await client.execute(uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.predict), body: huge) {
                #expect($0.status == .contentTooLarge)
                #expect($0.headers[.contentType] == "application/json; charset=utf-8" || $0.headers[.contentType] == "application/json")
                #expect(
                    String(buffer: $0.body).contains("over the 1048576-byte limit"), "a 413 a client can read: \(String(buffer: $0.body))")
            }
            try await client.execute(
                uri: "/v1/models/table-ridge/aliases/x", method: .put, headers: fixture.headers(.admin), body: ByteBuffer(string: "{}")
            ) {
                #expect($0.status == .badRequest && String(buffer: $0.body).contains("field 'version' is missing"))
            }
            try await client.execute(
                uri: "/v1/bundles", method: .post, headers: fixture.headers(.admin, json: false), body: ByteBuffer(string: "not a bundle")
            ) {
                #expect($0.status == .unprocessableContent, "refused by verification")
            }
        }
    }

    @Test func abServingIsStickyPerCallerAndFollowsTheWeights() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let app = try fixture.application { $0.splits["table-ridge"] = try! TrafficSplit("champion:50,challenger:50") }
        let body = Self.predict(#"{"rows": [{"x1": 1, "x2": 2}]}"#)
        let arms = try await app.test(.router) { client -> [String: String] in
            var arms: [String: String] = [:]
            for caller in (0..<40).map({ "caller-\($0)" }) {
                for _ in 0..<2 {
                    let variant = try await client.execute(
                        uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.predict, caller: caller), body: body
                    ) { $0.body.json["variant"] as? String }
                    #expect(variant != nil)
                    if let first = arms[caller] { #expect(first == variant, "\(caller) moved arms") } else { arms[caller] = variant }
                }
            }
            return arms
        }
        let champions = arms.values.filter { $0 == "champion" }.count
        #expect((10...30).contains(champions), "about half of 40 callers: \(champions)")
        let logged = try fixture.store.predictions(model: "table-ridge", limit: 1000)
        #expect(logged.count == 80 && logged.allSatisfy { $0.variant != nil && $0.caller != nil })
        #expect(logged.allSatisfy { ($0.variant == "champion") == ($0.version == "1.0.0") }, "the variant and the version served agree")
        #expect(try TrafficSplit("a:1,b:3").arm(for: "k", model: "m") == TrafficSplit("a:1,b:3").arm(for: "k", model: "m"))
        #expect(throws: FerryError.self) { try TrafficSplit("champion:90") }
    }
}
