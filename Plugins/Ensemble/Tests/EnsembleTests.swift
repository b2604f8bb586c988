// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryBaselines
import FerryCore
import FerryEnsemble
import FerryLinear
import FerryModels
import Foundation
import Testing

@Suite struct EnsembleTests {
    static let registry = try! PluginRegistry([LassoPlugin.self, RidgePlugin.self, EnsemblePlugin.self] + Baselines.plugins)

    static func data() throws -> TrainingData {
        let n = 60
        let index = (0..<n).map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }
        let x = (0..<n).map { Double($0 % 7) - 3 }
        let z = (0..<n).map { Double(($0 * 5) % 11) / 10 }
        let y = zip(x, z).map { 0.5 * $0 - 0.2 * $1 + 0.1 }
        return try TrainingData(features: try Frame(index: index, columns: [("x", x), ("return_1", z)]), target: y)
    }

    @Test func weightsFollowInverseRecentErrorAndPredictionsAreTheWeightedSum() throws {
        let data = try Self.data()
        let trained = try Self.registry.train(
            id: "ensemble", on: data, overrides: ["members": "ridge,baseline-mean", "window": "10"], context: TrainingContext())
        let ensemble = try #require(trained.model as? EnsembleModel)
        #expect(abs(ensemble.weights.reduce(0, +) - 1) < 1e-12)
        // Ridge fits this linear target almost exactly; the mean baseline does not, so ridge dominates.
        #expect(ensemble.weights[0] > 0.9)
        let members = try ["ridge", "baseline-mean"].map {
            try Self.registry.train(id: $0, on: data, context: TrainingContext()).model.predict(data.features)
        }
        let expected = (0..<data.target.count).map { ensemble.weights[0] * members[0][$0] + ensemble.weights[1] * members[1][$0] }
        for (ours, theirs) in zip(try ensemble.predict(data.features), expected) { #expect(abs(ours - theirs) < 1e-12) }
    }

    @Test func reloadsThroughTheRegistry() throws {
        let data = try Self.data()
        let trained = try Self.registry.train(id: "ensemble", on: data, context: TrainingContext())
        #expect(trained.model.tensors.keys.contains("member.0.coef"))
        let loaded = try Self.registry.load(
            id: "ensemble", tensors: trained.model.tensors, hyperparameters: trained.hyperparameters, schema: trained.model.schema)
        #expect(try loaded.predict(data.features) == trained.model.predict(data.features))
        #expect(throws: TensorError.self) {
            try EnsemblePlugin.load(tensors: trained.model.tensors, hyperparameters: .init(), schema: trained.model.schema)
        }
        var extra = trained.model.tensors
        extra["member.9.coef"] = .vector([1])
        #expect(throws: TensorError.self) {
            try Self.registry.load(id: "ensemble", tensors: extra, hyperparameters: trained.hyperparameters, schema: trained.model.schema)
        }
    }

    @Test func refusesBadMemberLists() throws {
        let data = try Self.data()
        for members in ["lasso", "lasso,lasso", "lasso,ensemble"] {
            #expect(throws: HyperparameterError.self) {
                try Self.registry.train(id: "ensemble", on: data, overrides: ["members": members], context: TrainingContext())
            }
        }
        #expect(throws: PluginRegistryError.self) {
            try Self.registry.train(id: "ensemble", on: data, overrides: ["members": "lasso,lstm"], context: TrainingContext())
        }
    }
}
