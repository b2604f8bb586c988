import FerryPipeline
import FerryStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FerryServer

/// Uploads, aliases, models, monitoring, metrics and the OpenAPI document.
@Suite struct RegistryRouteTests {
    @Test func uploadsAreVerifiedAndUnsignedOnesRefusedWhenSignaturesAreRequired() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let bundle = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: fixture.spareBundle)))
        try await fixture.application { $0.requireSignature = true }.test(.router) { client in
            try await client.execute(uri: "/v1/bundles", method: .post, headers: fixture.headers(.admin, json: false), body: bundle) {
                #expect($0.status == .unprocessableContent)
                #expect(String(buffer: $0.body).contains("authenticity"))
            }
        }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/bundles", method: .post, headers: fixture.headers(.admin, json: false), body: bundle) {
                #expect($0.status == .created)
                #expect(($0.body.json["bundle"] as? [String: Any])?["version"] as? String == "1.0.2")
            }
            try await client.execute(uri: "/v1/bundles", method: .post, headers: fixture.headers(.admin, json: false), body: bundle) {
                #expect($0.status == .ok && $0.body.json["added"] as? Bool == false)
            }
            try await client.execute(uri: "/v1/models/table-ridge", method: .get, headers: fixture.headers(.read)) {
                #expect(($0.body.json["versions"] as? [Any])?.count == 3)
                #expect(($0.body.json["aliases"] as? [String: String]) == ["champion": "1.0.0", "challenger": "1.0.1"])
            }
            try await client.execute(uri: "/v1/models/nope", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/models/table-ridge", method: .get, headers: fixture.headers(.read)) {
                let features = $0.body.json["features"] as? [[String: Any]]
                #expect(features?.map { $0["name"] as? String } == ["x1", "x2"], "the dashboard's sliders")
                #expect((features?.first?["training_range"] as? [String: Double])?["min"] != nil)
            }
        }
    }

    @Test func monitoringGradesServedPredictionsOnceOutcomesArrive() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/models/table-ridge/monitoring", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .ok && $0.body.json["status"] as? String == "unknown")
            }
            for day in 1...25 {
                let body = ByteBuffer(
                    string:
                        #"{"rows": [{"x1": \#(day % 5), "x2": 1}], "instrument": "T", "as_of": "2020-02-\#(String(format: "%02d", day))"}"#)
                try await client.execute(
                    uri: "/v1/models/table-ridge@1.0.0/predict", method: .post, headers: fixture.headers(.predict), body: body
                ) {
                    #expect($0.status == .ok)
                }
            }
            try fixture.store.recordOutcomes(
                instrument: "T", target: "y", (1...25).map { (String(format: "2020-02-%02d", $0), Double($0 % 5) * 1.1 + 2) })
            try await client.execute(uri: "/v1/models/table-ridge@1.0.0/monitoring", method: .get, headers: fixture.headers(.read)) {
                let json = $0.body.json
                #expect(json["predictions_with_outcomes"] as? Int == 25)
                #expect(["green", "yellow", "red"].contains(json["status"] as? String ?? ""), "\(json)")
            }
            try await client.execute(uri: "/v1/models/table-ridge@1.0.0/monitoring", method: .get, headers: fixture.headers(.read)) {
                #expect(($0.body.json["history"] as? [Any])?.count == 1, "one window of 21 of the 25")
                #expect(($0.body.json["thresholds"] as? [String: Double])?["directional_accuracy_red"] == 0.55)
            }
            try await client.execute(uri: "/v1/models/table-ridge/predictions?limit=5", method: .get, headers: fixture.headers(.read)) {
                #expect(($0.body.json["predictions"] as? [Any])?.count == 5)
            }
            try await client.execute(uri: "/v1/models/table-ridge/predictions?limit=0", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.read)) {
                let text = String(buffer: $0.body)
                #expect(text.contains(#"ferry_predictions_total{model="table-ridge",version="1.0.0"} 25"#))
                #expect(text.contains(#"ferry_requests_total{method="POST",route="/v1/models/{name}/predict",status="200"} 25"#))
                #expect(text.contains("ferry_request_duration_seconds_bucket{route=\"/v1/models/{name}/predict\",le=\"+Inf\"} 25"))
                #expect(text.contains(#"ferry_model_status{model="table-ridge"}"#))
            }
        }
    }

    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let serving = ModelServing(store: fixture.store, verifier: try fixture.trust.verifier())
        let router = try FerryServer.router(
            configuration: ServerConfiguration(), serving: serving, trust: fixture.trust, metrics: fixture.metrics)
        let served = Set(router.routes.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" })
        let documented = Set(OpenAPIDocument.routes.map { "\($0.method) \($0.path)" })
        #expect(served == documented)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["paths"] as? [String: Any])?.count == Set(OpenAPIDocument.routes.map(\.path)).count)
        for route in OpenAPIDocument.routes {
            #expect(OpenAPISchemas.operations["\(route.method) \(route.path)"] != nil, "\(route.method) \(route.path) has no schemas")
        }
        let references = Set(OpenAPIDocument.json.matches(of: /#\/components\/schemas\/(\w+)/).map { String($0.1) })
        #expect(references.isSubset(of: Set(OpenAPISchemas.components.keys)) && !references.isEmpty, "every $ref resolves")
    }
}
