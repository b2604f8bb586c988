import FerryBundle
import FerryCore
import FerryModels
import Foundation

/// The members of a composite model (an ensemble) as bundles of their own, so the composite's
/// bundle carries each as a complete bundle (`member-1.tar.gz`, …) named by its digest: each has
/// its plugin's manifest, the shared schema, its own tensors, and golden outputs of its own on the
/// composite's golden inputs.
enum BundleMembers {
    /// The member bundles of `contents` when its plugin is composite, and the tensors left to the
    /// composite itself (its members' taken out); `([], contents.tensors)` otherwise.
    /// - Throws: ``FerryError`` when a member's tensors are missing or a member does not load.
    static func split(_ contents: BundleContents, registry: PluginRegistry) throws -> (members: [BundleContents], own: [String: Tensor]) {
        let manifest = contents.manifest
        let hyperparameters = try JSONEncoder().encode(manifest.hyperparameters)
        guard let memberIDs = try registry.memberIDs(id: manifest.plugin.id, hyperparameters: hyperparameters), !memberIDs.isEmpty else {
            return ([], contents.tensors)
        }
        var own = contents.tensors
        let weights = contents.tensors["weights"]?.values ?? []
        let members = try memberIDs.enumerated().map { position, id in
            let prefix = MemberTensors.prefix(position)
            var tensors: [String: Tensor] = [:]
            for (name, tensor) in contents.tensors where name.hasPrefix(prefix) {
                tensors[String(name.dropFirst(prefix.count))] = tensor
                own[name] = nil
            }
            let weight = position < weights.count ? weights[position] : nil
            return try member(id: id, number: position + 1, weight: weight, tensors: tensors, of: contents, registry: registry)
        }
        return (members, own)
    }

    private static func member(
        id: String, number: Int, weight: Double?, tensors: [String: Tensor], of composite: BundleContents, registry: PluginRegistry
    ) throws -> BundleContents {
        let plugin = try registry.plugin(id: id)
        let hyperparameters = try registry.defaultHyperparameters(id: id)
        let model = try registry.load(id: id, tensors: tensors, hyperparameters: hyperparameters, schema: composite.schema)
        let golden = composite.golden
        let outputs = try model.predict(golden.frame())
        let parent = composite.manifest
        let manifest = BundleManifest(
            name: "\(parent.name)-member-\(number)", version: parent.version, plugin: .init(id: id, version: plugin.version),
            target: parent.target, trainingData: parent.trainingData, splits: parent.splits,
            hyperparameters: try JSONDecoder().decode(JSONValue.self, from: hyperparameters), seed: parent.seed, created: parent.created,
            ferryVersion: parent.ferryVersion)
        var metrics: [String: JSONValue] = ["member_of": .string("\(parent.name) \(parent.version)")]
        if let weight { metrics["weight"] = .number(weight) }
        let card = """
            # \(manifest.name) \(manifest.version)

            Member \(number) of the ensemble \(parent.name) \(parent.version): plugin \(id) \(plugin.version)\
            \(weight.map { String(format: ", weight %.6f", $0) } ?? ""). Trained with the ensemble on the same rows (the manifest's \
            splits); it has no evaluation of its own: the ensemble's metrics.json has it.

            """
        return BundleContents(
            manifest: manifest, schema: composite.schema, pipeline: composite.pipeline, tensors: tensors,
            environment: composite.environment,
            metrics: .object(metrics),
            golden: try GoldenSet(inputs: golden.inputs, outputs: outputs, features: golden.features, tolerance: model.goldenTolerance),
            modelCard: card)
    }
}
