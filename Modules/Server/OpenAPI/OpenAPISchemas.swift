/// The JSON Schemas of the API's bodies, for `/openapi.json`: each route's request body (where
/// it takes one), query parameters and success responses, and the two error bodies (`/v1`'s
/// `{"error": {"message"}}`, the Open Inference Protocol's `{"error": "..."}`).
enum OpenAPISchemas {
    typealias Schema = [String: Any]

    static var string: Schema { ["type": "string"] }
    static var integer: Schema { ["type": "integer"] }
    static var boolean: Schema { ["type": "boolean"] }
    /// A number, or (for a value that was not finite) `null`.
    static var numberOrNull: Schema { ["type": ["number", "null"]] }
    /// A metric: a number, or `"nan"`/`"inf"` where it is not finite.
    static var metric: Schema { ["type": ["number", "string"]] }

    static func object(_ properties: [String: Any], required: [String] = []) -> Schema {
        required.isEmpty
            ? ["type": "object", "properties": properties] : ["type": "object", "properties": properties, "required": required]
    }

    static func array(_ items: Any, minimum: Int? = nil, maximum: Int? = nil) -> Schema {
        var schema: Schema = ["type": "array", "items": items]
        if let minimum { schema["minItems"] = minimum }
        if let maximum { schema["maxItems"] = maximum }
        return schema
    }

    static func map(_ values: Any) -> Schema { ["type": "object", "additionalProperties": values] }

    static func reference(_ name: String) -> Schema { ["$ref": "#/components/schemas/\(name)"] }

    /// Reusable schemas, under `components.schemas`.
    static var components: [String: Any] {
        [
            "Error": object(["error": object(["message": string], required: ["message"])], required: ["error"]),
            "InferenceError": object(["error": string], required: ["error"]),
            "RegisteredBundle": object(
                [
                    "name": string, "version": string, "digest": string, "plugin": string, "plugin_version": string, "target": string,
                    "signer": string, "parent_run": string, "data_fingerprint": string, "path": string, "registered_at": string,
                    "registered_by": string, "source": string, "stage": ["type": "string", "enum": ["staging", "production", "archived"]],
                    "stage_changed_at": string, "stage_changed_by": string,
                ], required: ["name", "version", "digest", "plugin", "stage"]),
            "ModelSummary": object(
                [
                    "name": string, "versions": array(reference("RegisteredBundle")), "aliases": map(string),
                    "features": array(object(["name": string, "dtype": string], required: ["name"])),
                ], required: ["name", "versions", "aliases"]),
            "PredictRequest": object(
                [
                    "rows": array(map(["type": "number"]), minimum: 1, maximum: 10_000), "instrument": ["type": ["string", "null"]],
                    "as_of": ["type": ["string", "null"]], "strict": ["type": ["boolean", "null"]],
                ], required: ["rows"]),
            "PredictResponse": object(
                [
                    "model": string, "version": string, "variant": string, "predictions": array(numberOrNull), "warnings": array(string),
                ], required: ["model", "version", "predictions", "warnings"]),
            "Tensor": object(
                [
                    "name": string, "shape": array(["type": "integer", "minimum": 0]), "datatype": string,
                    "parameters": object(["binary_data_size": ["type": "integer", "minimum": 0]]),
                    "data": array(["anyOf": [["type": "number"], array(["type": "number"])]]),  // flat or one row per item
                ], required: ["name", "shape", "datatype"]),
            "InferenceRequest": object(
                [
                    "id": string, "inputs": array(reference("Tensor"), minimum: 1),
                    "parameters": object([
                        "binary_data_output": boolean, "instrument": string, "as_of": string, "caller": string,
                    ]),
                    "outputs": array(object(["name": string, "parameters": object(["binary_data": boolean])])),
                ], required: ["inputs"]),
            "InferenceResponse": object(
                [
                    "model_name": string, "model_version": string, "id": string, "parameters": object([:]),
                    "outputs": array(
                        object(
                            ["name": string, "datatype": string, "shape": array(integer), "data": array(numberOrNull)],
                            required: ["name", "datatype", "shape"])),
                ], required: ["model_name", "model_version", "outputs"]),
        ]
    }

    /// What one route takes and answers, beyond its path parameters and the errors every route may answer.
    struct Operation {
        /// The request body's media type and schema (required when given).
        var body: (mediaType: String, schema: Schema)?
        /// Query parameters: name and schema.
        var query: [(name: String, schema: Schema)] = []
        /// Success statuses: status, media type and schema.
        var responses: [(status: String, mediaType: String, schema: Schema)] = []
    }

    private static func json(_ schema: Schema, status: String = "200") -> [(status: String, mediaType: String, schema: Schema)] {
        [(status, "application/json", schema)]
    }

    /// The operations, by `"METHOD path"` as the route table names them.
    static var operations: [String: Operation] {
        [
            "get /": Operation(responses: [("200", "text/html", string)]),
            "get /health": Operation(responses: json(object(["status": string], required: ["status"]))),
            "get /openapi.json": Operation(responses: json(["type": "object"])),
            "get /metrics": Operation(responses: [("200", "text/plain", string)]),
            "get /v1/models": Operation(responses: json(object(["models": array(reference("ModelSummary"))], required: ["models"]))),
            "get /v1/models/{name}": Operation(responses: json(reference("ModelSummary"))),
            "get /v1/models/{name}/predictions": Operation(
                query: [("limit", ["type": "integer", "minimum": 1, "maximum": 1000])],
                responses: json(object(["model": string, "predictions": array(["type": "object"])], required: ["model", "predictions"]))),
            "post /v1/bundles": Operation(
                body: ("application/octet-stream", ["type": "string", "format": "binary", "minLength": 1]),
                responses: [
                    (
                        "201", "application/json",
                        object(["added": boolean, "bundle": reference("RegisteredBundle")], required: ["added", "bundle"])
                    ),
                    (
                        "200", "application/json",
                        object(["added": boolean, "bundle": reference("RegisteredBundle")], required: ["added", "bundle"])
                    ),
                ]),
            "put /v1/models/{name}/aliases/{alias}": Operation(
                body: ("application/json", object(["version": ["type": "string", "minLength": 1]], required: ["version"])),
                responses: json(object(["name": string, "alias": string, "version": string], required: ["name", "alias", "version"]))),
            "post /v1/models/{name}/predict": Operation(
                body: ("application/json", reference("PredictRequest")), responses: json(reference("PredictResponse"))),
            "get /v1/models/{name}/drift": Operation(responses: json(["type": "object"])),
            "get /v1/models/{name}/monitoring": Operation(
                responses: json(
                    object(
                        [
                            "model": string, "version": string, "predictions_logged": integer, "predictions_with_outcomes": integer,
                            "status": ["type": "string", "enum": ["green", "yellow", "red", "unknown"]], "metrics": map(metric),
                            "thresholds": map(metric), "history": array(["type": "object"]), "grades": array(["type": "object"]),
                        ], required: ["model", "version", "status"]))),
            "get /v1/models/{name}/ab": Operation(
                query: [("incumbent", string)],
                responses: json(object(["model": string, "comparisons": array(["type": "object"])], required: ["model", "comparisons"]))),
            "get /v2": Operation(
                responses: json(object(["name": string, "version": string, "extensions": array(string)], required: ["name"]))),
            "get /v2/health/live": Operation(responses: json(object(["live": boolean], required: ["live"]))),
            "get /v2/health/ready": Operation(responses: json(object(["ready": boolean], required: ["ready"]))),
            "get /v2/models/{model}/ready": Operation(responses: json(object(["name": string, "ready": boolean], required: ["ready"]))),
            "get /v2/models/{model}/versions/{version}/ready": Operation(
                responses: json(object(["name": string, "ready": boolean], required: ["ready"]))),
            "get /v2/models/{model}": Operation(responses: json(modelMetadata)),
            "get /v2/models/{model}/versions/{version}": Operation(responses: json(modelMetadata)),
            "post /v2/models/{model}/infer": Operation(
                body: ("application/json", reference("InferenceRequest")), responses: json(reference("InferenceResponse"))),
            "post /v2/models/{model}/versions/{version}/infer": Operation(
                body: ("application/json", reference("InferenceRequest")), responses: json(reference("InferenceResponse"))),
        ]
    }

    static var modelMetadata: Schema {
        object(
            [
                "name": string, "versions": array(string), "platform": string,
                "inputs": array(object(["name": string, "datatype": string, "shape": array(integer)])),
                "outputs": array(object(["name": string, "datatype": string, "shape": array(integer)])), "parameters": object([:]),
            ], required: ["name", "inputs", "outputs"])
    }
}
