import Foundation

/// The API's OpenAPI 3.1 description, served at `/openapi.json`. `Tests/ServerTests` checks its
/// paths and methods are exactly the server's routes.
enum OpenAPIDocument {
    /// Every route: path, method, the role it needs (`nil`: open), and one line on what it does.
    static let routes: [(path: String, method: String, role: String?, summary: String)] = [
        ("/", "get", nil, "The dashboard's page (its data comes through the API with the user's token)."),
        ("/health", "get", nil, "Liveness: {\"status\": \"ok\"}."),
        ("/openapi.json", "get", nil, "This document."),
        ("/metrics", "get", "read", "Prometheus metrics: requests, latencies, predictions, monitoring status."),
        ("/v1/models", "get", "read", "Every registered model with its versions, stages and aliases."),
        ("/v1/models/{name}", "get", "read", "One model's versions, stages, aliases, and its features with their training ranges."),
        ("/v1/models/{name}/predictions", "get", "read", "The newest logged predictions (?limit=1..1000, default 50)."),
        ("/v1/bundles", "post", "admin", "Upload a bundle (the .tar.gz as the body); verified before it is registered."),
        ("/v1/models/{name}/aliases/{alias}", "put", "admin", "Point an alias at a version: {\"version\": \"1.0.0\"}."),
        (
            "/v1/models/{name}/predict", "post", "predict",
            "Predict rows {\"rows\": [{feature: number}], \"instrument\"?, \"as_of\"?}; A/B-routed, logged."
        ),
        (
            "/v1/models/{name}/drift", "get", "read",
            "Per feature, the share of served values outside the training range (or missing) since the server started."
        ),
        (
            "/v1/models/{name}/monitoring", "get", "read",
            "Status from logged predictions with realised outcomes, history by window, thresholds."
        ),
        ("/v2", "get", "read", "Open Inference Protocol: server metadata (name, version, extensions)."),
        ("/v2/health/live", "get", nil, "Open Inference Protocol: liveness."),
        ("/v2/health/ready", "get", nil, "Open Inference Protocol: readiness (every model in service loads, verified)."),
        (
            "/v2/models/{model}", "get", "read",
            "Open Inference Protocol: model metadata (inputs [-1, F], the prediction output, signature)."
        ),
        (
            "/v2/models/{model}/versions/{version}", "get", "read",
            "Open Inference Protocol: metadata of a registered version."
        ),
        ("/v2/models/{model}/ready", "get", nil, "Open Inference Protocol: the model loaded, verified (and signed when required)."),
        ("/v2/models/{model}/versions/{version}/ready", "get", nil, "Open Inference Protocol: a version's readiness."),
        (
            "/v2/models/{model}/infer", "post", "predict",
            "Open Inference Protocol: one FP64 tensor [N, F] or one tensor per feature; JSON or binary tensor data; logged."
        ),
        ("/v2/models/{model}/versions/{version}/infer", "post", "predict", "Open Inference Protocol: infer with a registered version."),
        (
            "/v1/models/{name}/ab", "get", "read",
            "A/B arms compared on graded predictions: MAE, directional accuracy, Welch's test, verdict (?incumbent=ARM)."
        ),
    ]

    static let json: String = {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            let details = OpenAPISchemas.operations["\(route.method) \(route.path)"] ?? OpenAPISchemas.Operation()
            let errorSchema = OpenAPISchemas.reference(route.path.hasPrefix("/v2") ? "InferenceError" : "Error")
            func error(_ description: String) -> [String: Any] {
                ["description": description, "content": ["application/json": ["schema": errorSchema]]]
            }
            var responses: [String: Any] = [
                "400": error("malformed input; the message names the field"), "404": error("no such model"),
                "405": error("a method this path does not serve (Allow names the ones it does)"),
                "409": error("a conflict in the registry"),
                "413": error("body too large"), "422": error("refused: a bundle that fails verification, an archived version"),
                "503": error("the model is paused by its status policy (the message says why), or its bundle cannot be loaded"),
            ]
            if route.role != nil {
                responses["401"] = error("no or unknown bearer token")
                responses["403"] = error("the token's role is too low")
            }
            for success in details.responses {
                responses[success.status] = ["description": "OK", "content": [success.mediaType: ["schema": success.schema]]]
            }
            var operation: [String: Any] = ["summary": route.summary, "responses": responses]
            if let role = route.role {
                operation["security"] = [["bearer": []]]
                operation["x-ferry-role"] = role
            } else {
                operation["security"] = [[String: [String]]]()
            }
            var parameters = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part -> [String: Any] in
                let name = String(part.dropFirst().dropLast())
                // An alias is letters, digits, - or _, starting with a letter (what the registry accepts).
                let schema: [String: Any] =
                    name == "alias" ? ["type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]*$"] : ["type": "string", "minLength": 1]
                return ["name": name, "in": "path", "required": true, "schema": schema]
            }
            parameters += details.query.map { ["name": $0.name, "in": "query", "required": false, "schema": $0.schema] }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let body = details.body {
                operation["requestBody"] = ["required": true, "content": [body.mediaType: ["schema": body.schema]]]
            }
            paths[route.path, default: [:]][route.method] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Ferry", "version": "1", "description": "Registered model bundles, served: predictions, monitoring, registry.",
            ],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]], "schemas": OpenAPISchemas.components,
            ],
            "security": [["bearer": []]],
            "paths": paths,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()
}
