import FerryCore
import FerryPipeline
import Hummingbird

/// `GET /v1/models` and `GET /v1/models/{name}` (read role).
struct ModelRoutes {
    let queries: RegistryQueries
    let serving: ModelServing

    struct ModelSummary: Encodable {
        let name: String
        let versions: [RegisteredBundle]
        let aliases: [String: String]
        /// The features of the version `NAME` resolves to, with their training ranges (one model's summary only).
        var features: [FeatureField]?
    }

    struct RecentPredictions: Encodable {
        let model: String
        let predictions: [PredictionEntry]
    }

    func add(to router: Router<FerryRequestContext>) {
        router.get("/v1/models") { _, context -> Response in
            _ = try context.require(.read)
            return try JSONResponse.make(["models": try summaries(name: nil)])
        }
        router.get("/v1/models/{name}") { _, context -> Response in
            _ = try context.require(.read)
            let name = try context.parameters.require("name")
            guard var summary = try summaries(name: name).first else {
                throw HTTPError(.notFound, message: "no model '\(name)' in the registry")
            }
            summary.features = try await features(of: name)
            return try JSONResponse.make(summary)
        }
        router.get("/v1/models/{name}/predictions") { request, context -> Response in
            _ = try context.require(.read)
            let name = try context.parameters.require("name")
            guard try !queries.versions(of: name).isEmpty else { throw HTTPError(.notFound, message: "no model '\(name)' in the registry") }
            let text = request.uri.queryParameters["limit"].map(String.init)
            guard let limit = text.map({ Int($0) }) ?? 50, (1...1000).contains(limit) else {
                throw HTTPError(.badRequest, message: "limit must be a whole number from 1 to 1000, not '\(text ?? "")'")
            }
            return try JSONResponse.make(RecentPredictions(model: name, predictions: try queries.predictions(of: name, limit: limit)))
        }
    }

    /// The features of the version `name` resolves to; `nil` when none is in service.
    private func features(of name: String) async throws -> [FeatureField]? {
        do {
            return try await serving.model(name).features
        } catch let error as FerryError where error.code == .notFound || error.code == .refused {
            return nil
        }
    }

    private func summaries(name: String?) throws -> [ModelSummary] {
        let bundles = try queries.versions(of: name)
        let aliases = try queries.aliases(of: name)
        return Dictionary(grouping: bundles, by: \.name).keys.sorted().map { model in
            ModelSummary(
                name: model, versions: bundles.filter { $0.name == model },
                aliases: Dictionary(uniqueKeysWithValues: aliases.filter { $0.name == model }.map { ($0.alias, $0.version) }))
        }
    }
}
