import FerryStore
import Hummingbird

/// `GET /v1/models` and `GET /v1/models/{name}` (read role).
struct ModelRoutes {
    let store: Store

    struct ModelSummary: Encodable {
        let name: String
        let versions: [RegisteredBundle]
        let aliases: [String: String]
    }

    func add(to router: Router<FerryRequestContext>) {
        router.get("/v1/models") { _, context -> Response in
            _ = try context.require(.read)
            return try JSONResponse.make(["models": try summaries(name: nil)])
        }
        router.get("/v1/models/{name}") { _, context -> Response in
            _ = try context.require(.read)
            let name = try context.parameters.require("name")
            guard let summary = try summaries(name: name).first else { throw HTTPError(.notFound, message: "no model '\(name)' in the registry") }
            return try JSONResponse.make(summary)
        }
    }

    private func summaries(name: String?) throws -> [ModelSummary] {
        let bundles = try store.bundles(name: name), aliases = try store.aliases(name: name)
        return Dictionary(grouping: bundles, by: \.name).keys.sorted().map { model in
            ModelSummary(
                name: model, versions: bundles.filter { $0.name == model },
                aliases: Dictionary(uniqueKeysWithValues: aliases.filter { $0.name == model }.map { ($0.alias, $0.version) }))
        }
    }
}
