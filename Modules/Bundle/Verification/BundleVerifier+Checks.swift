import FerryCore
import FerryModels
import Foundation

extension BundleVerifier {
    /// Checks that this build has a plugin that reads the bundle (and each member's), and lists
    /// how the environment differs.
    func checkCompatibility(_ contents: BundleContents, into checks: inout [VerificationReport.Check]) throws {
        let manifest = contents.manifest
        let plugin = try readingPlugin(manifest)
        for (position, member) in contents.members.enumerated() {
            do {
                _ = try readingPlugin(member.manifest)
            } catch let error as BundleError {
                throw BundleError.compatibility("\(BundleLayout.memberFile(position + 1)): \(error.message)")
            }
        }
        let differences = environment.differences(from: contents.environment)
        let detail = "format \(manifest.formatVersion), plugin \(plugin.id) \(plugin.version) reads \(manifest.plugin.version)"
        checks.append(
            .init(
                .compatibility, passed: true,
                detail: differences.isEmpty ? "\(detail); same environment" : "\(detail); differs: \(differences.joined(separator: "; "))"))
    }

    /// The plugin of this build that reads `manifest`'s bundle.
    private func readingPlugin(_ manifest: BundleManifest) throws -> any ModelPlugin.Type {
        let plugin: any ModelPlugin.Type
        do {
            plugin = try registry.plugin(id: manifest.plugin.id)
        } catch {
            throw BundleError.compatibility("\(error)")
        }
        guard manifest.plugin.version.isReadable(by: plugin.version) else {
            throw BundleError.compatibility(
                "written by \(plugin.id) \(manifest.plugin.version); this build has \(plugin.version), which cannot read it")
        }
        return plugin
    }

    /// Loads the bundle's model and reproduces its golden outputs, and each member's.
    func loadAndReproduce(_ opened: OpenedBundle) throws -> any TrainedModel {
        for (position, member) in opened.members.enumerated() {
            do {
                _ = try loadAndReproduce(member)
            } catch let error as BundleError {
                throw BundleError.behaviour("\(BundleLayout.memberFile(position + 1)): \(error.message)")
            }
        }
        let contents = opened.contents
        let model: any TrainedModel
        do {
            model = try registry.load(
                id: contents.manifest.plugin.id, tensors: opened.tensors(),
                hyperparameters: JSONEncoder().encode(contents.manifest.hyperparameters),
                schema: contents.schema)
        } catch {
            throw BundleError.behaviour("the model does not load: \(error)")
        }
        let golden = contents.golden
        guard golden.inputs.count == golden.outputs.count, golden.inputs.allSatisfy({ $0.count == golden.features.count }) else {
            throw BundleError.behaviour("golden.json's inputs and outputs do not line up")
        }
        let outputs = try model.predict(golden.frame())
        for (row, (ours, theirs)) in zip(outputs, golden.outputs).enumerated() where !(abs(ours - theirs) <= golden.tolerance) {
            throw BundleError.behaviour(
                "golden row \(row): the model gives \(ours), the bundle recorded \(theirs) (tolerance \(golden.tolerance))")
        }
        return model
    }
}
