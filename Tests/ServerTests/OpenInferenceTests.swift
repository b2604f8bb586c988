// swift-format-ignore-file: NeverForceUnwrap

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FerryServer

/// The Open Inference Protocol (v2) beside /v1: the same model, tokens, log and bits.
@Suite struct OpenInferenceTests {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// A binary request: the JSON header, then the tensors' little-endian doubles.
    static func binary(_ header: String, values: [Double]) -> (ByteBuffer, HTTPFields) {
        var buffer = ByteBuffer(string: header)
        for value in values { buffer.writeInteger(value.bitPattern, endianness: .little) }
        return (buffer, [HTTPField.Name("Inference-Header-Content-Length")!: "\(header.utf8.count)"])
    }

    /// The numbers of the JSON array after `key` in `text`, read with `strtod` (Foundation's
    /// JSONSerialization misreads some 17-digit spellings by an ulp here).
    static func exactNumbers(after key: String, in text: String) -> [Double] {
        guard let start = text.range(of: key)?.upperBound, let open = text[start...].firstIndex(of: "["),
            let close = text[open...].firstIndex(of: "]")
        else { return [] }
        return text[text.index(after: open)..<close].split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    @Test func probesAreOpenAndEverythingElseTakesATokenWithTheProtocolsErrorBody() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            for path in [
                "/v2/health/live", "/v2/health/ready", "/v2/models/table-ridge/ready", "/v2/models/table-ridge/versions/1.0.1/ready",
            ] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .ok, "\(path)") }
            }
            try await client.execute(uri: "/v2/models/no-such/ready", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v2", method: .get) {
                #expect($0.status == .unauthorized)
                #expect($0.body.json["error"] as? String == "a bearer token is required (Authorization: Bearer TOKEN)")
            }
            try await client.execute(uri: "/v2", method: .get, headers: fixture.headers(.read)) {
                #expect($0.body.json["name"] as? String == "ferry" && ($0.body.json["extensions"] as? [String]) == ["binary_tensor_data"])
            }
            try await client.execute(uri: "/v2/models/table-ridge@champion", method: .get, headers: fixture.headers(.read)) {
                let json = $0.body.json
                let input = (json["inputs"] as? [[String: Any]])?.first
                #expect(input?["shape"] as? [Int] == [-1, 2] && input?["datatype"] as? String == "FP64")
                let parameters = json["parameters"] as? [String: Any]
                #expect(parameters?["features"] as? [String] == ["x1", "x2"] && parameters?["version"] as? String == "1.0.0")
                #expect(parameters?["signed"] as? Bool == false && parameters?["verified"] as? Bool == true)
                #expect(json["versions"] as? [String] == ["1.0.0", "1.0.1"])
            }
            try await client.execute(
                uri: "/v2/models/table-ridge/infer", method: .post, headers: fixture.headers(.read),
                body: Self.json(#"{"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP64", "data": [1, 2]}]}"#)
            ) {
                #expect($0.status == .forbidden && ($0.body.json["error"] as? String)?.contains("predict role") == true)
            }
        }
    }

    @Test func infersTheSameBitsAsV1InEveryTensorForm() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let digest = try fixture.store.resolve(ModelReference("table-ridge@champion")).digest
            var v1: [Double] = []
            try await client.execute(
                uri: "/v1/models/table-ridge@champion/predict", method: .post, headers: fixture.headers(.predict),
                body: Self.json(#"{"rows": [{"x1": 1.5, "x2": -2}, {"x1": 0.25, "x2": 3}]}"#)
            ) { v1 = Self.exactNumbers(after: "\"predictions\":", in: String(buffer: $0.body)) }
            #expect(v1.count == 2)
            let matrix =
                #"{"id": "r1", "inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP64", "data": [[1.5, -2], [0.25, 3]]}]}"#
            try await client.execute(
                uri: "/v2/models/table-ridge@champion/infer", method: .post, headers: fixture.headers(.predict), body: Self.json(matrix)
            ) {
                #expect($0.status == .ok)
                let json = $0.body.json
                let output = (json["outputs"] as? [[String: Any]])?.first
                #expect(output?["name"] as? String == "prediction" && output?["shape"] as? [Int] == [2])
                #expect(
                    Self.exactNumbers(after: "\"data\":", in: String(buffer: $0.body)).map(\.bitPattern) == v1.map(\.bitPattern),
                    "one [N, F] tensor: the same bits as /v1")
                #expect(json["model_version"] as? String == "1.0.0" && json["id"] as? String == "r1")
                #expect((json["parameters"] as? [String: Any])?["bundle_sha256"] as? String == digest)
                let ids = (json["parameters"] as? [String: Any])?["prediction_log_ids"] as? [Int] ?? []
                #expect(ids.count == 2 && ids[1] == ids[0] + 1, "each prediction's id in the log: \(ids)")
                #expect(ids.first.map { $0 > 0 } == true)
            }
            let perFeature = #"""
                {"inputs": [{"name": "x2", "shape": [2], "datatype": "FP32", "data": [-2, 3]},
                            {"name": "x1", "shape": [2, 1], "datatype": "FP64", "data": [1.5, 0.25]}]}
                """#
            try await client.execute(
                uri: "/v2/models/table-ridge/versions/1.0.0/infer", method: .post, headers: fixture.headers(.predict),
                body: Self.json(perFeature)
            ) {
                #expect($0.status == .ok)
                let output = ($0.body.json["outputs"] as? [[String: Any]])?.first
                #expect(output?["data"] != nil)
                #expect(
                    Self.exactNumbers(after: "\"data\":", in: String(buffer: $0.body)).map(\.bitPattern) == v1.map(\.bitPattern),
                    "a tensor per feature, in any order")
            }
            let header =
                #"{"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP64", "parameters": {"binary_data_size": 32}}], "parameters": {"binary_data_output": true}}"#
            let (body, headers) = Self.binary(header, values: [1.5, -2, 0.25, 3])
            var binaryHeaders = fixture.headers(.predict)
            for field in headers { binaryHeaders.append(field) }
            try await client.execute(uri: "/v2/models/table-ridge@champion/infer", method: .post, headers: binaryHeaders, body: body) {
                #expect($0.status == .ok)
                let length = Int($0.headers[HTTPField.Name("Inference-Header-Content-Length")!] ?? "") ?? -1
                var response = $0.body
                let headerBytes = response.readBytes(length: length) ?? []
                let json = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any]
                let output = (json?["outputs"] as? [[String: Any]])?.first
                #expect((output?["parameters"] as? [String: Any])?["binary_data_size"] as? Int == 16 && output?["data"] == nil)
                let values = (0..<2).compactMap { _ in response.readInteger(endianness: .little, as: UInt64.self) }
                #expect(values == v1.map(\.bitPattern), "binary tensors in and out: the same bits")
            }
        }
        #expect(try fixture.store.predictions(model: "table-ridge").count == 8, "every /v2 prediction is logged too")
    }

    @Test func badRequestsAre4xxWithAnErrorNamingTheTensor() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let cases: [(String, HTTPResponse.Status, String)] = [
            (#"{"inputs": []}"#, .badRequest, "field 'inputs' must be a non-empty array"),
            (#"not json"#, .badRequest, "not a JSON object"),
            (
                #"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP64", "data": [1, 2, 3]}]}"#, .badRequest,
                "has 3 columns; the model reads 2"
            ),
            (
                #"{"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP64", "data": [1, 2, 3]}]}"#, .badRequest,
                "holds 4 values; the data has 3"
            ),
            (
                #"{"inputs": [{"name": "x9", "shape": [1], "datatype": "FP64", "data": [1]}]}"#, .badRequest,
                "'x9' is not one of the model's features"
            ),
            (
                #"{"inputs": [{"name": "input", "shape": [1, 2], "datatype": "BYTES", "data": ["a", "b"]}]}"#, .badRequest,
                "inputs[0].data[0] must be a number, not a string"
            ),
            (
                #"{"inputs": [{"name": "input", "shape": [1, 2], "datatype": "BOOL", "data": [1, 0]}]}"#, .badRequest,
                "datatype BOOL is not numeric"
            ),
            (
                #"{"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP64", "data": [true, 1]}]}"#, .badRequest,
                "data[0] must be a number"
            ),
            (
                #"{"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP64", "parameters": {"binary_data_size": 16}}]}"#,
                .badRequest, "only 0 bytes remain"
            ),
        ]
        try await fixture.application().test(.router) { client in
            for (body, status, message) in cases {
                try await client.execute(
                    uri: "/v2/models/table-ridge/infer", method: .post, headers: fixture.headers(.predict), body: Self.json(body)
                ) {
                    #expect($0.status == status, "\(body)")
                    #expect(($0.body.json["error"] as? String)?.contains(message) == true, "\(body): \(String(buffer: $0.body))")
                }
            }
            try await client.execute(
                uri: "/v2/models/no-such/infer", method: .post, headers: fixture.headers(.predict),
                body: Self.json(#"{"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP64", "data": [1, 2]}]}"#)
            ) { #expect($0.status == .notFound && $0.body.json["error"] is String) }
        }
    }

    @Test func aServerThatRequiresSignaturesNeverCallsAnUnsignedModelReady() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application { $0.requireSignature = true }.test(.router) { client in
            try await client.execute(uri: "/v2/models/table-ridge/ready", method: .get) {
                #expect($0.status == .serviceUnavailable)
                #expect(($0.body.json["error"] as? String)?.contains("is not signed, and this server requires signatures") == true)
            }
            try await client.execute(uri: "/v2/health/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/v2/health/live", method: .get) { #expect($0.status == .ok) }
        }
    }
}

/// A method not served on a served path is 405 with `Allow`, not 404.
@Suite struct AllowedMethodsTests {
    @Test func aWrongMethodIs405WithTheMethodsThePathTakes() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/models/table-ridge/predict", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .methodNotAllowed && $0.headers[.allow] == "POST")
                #expect(
                    ($0.body.json["error"] as? [String: Any])?["message"] as? String
                        == "GET is not served on /v1/models/table-ridge/predict; it takes POST")
            }
            try await client.execute(uri: "/v2/models/table-ridge/infer", method: .put, headers: fixture.headers(.read)) {
                #expect($0.status == .methodNotAllowed && $0.headers[.allow] == "POST")
                #expect(($0.body.json["error"] as? String)?.hasPrefix("PUT is not served on /v2/models/table-ridge/infer") == true)
            }
            try await client.execute(uri: "/health", method: .delete) {
                #expect($0.status == .methodNotAllowed && $0.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/v1/nowhere", method: .delete) {
                #expect($0.status == .unauthorized, "an unknown path is not 405")
            }
            try await client.execute(uri: "/v1/models/table-ridge", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .ok)
            }
        }
        #expect(AllowedMethodsMiddleware.methods(for: "/v1/models/x/aliases/champion") == ["PUT"])
        #expect(AllowedMethodsMiddleware.methods(for: "/v2/models/x/versions/1.0.0/ready") == ["GET"])
        #expect(AllowedMethodsMiddleware.methods(for: "/v1/models//predict").isEmpty, "an empty segment matches no parameter")
    }
}
