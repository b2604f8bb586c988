import FerryCore
import FerryLinear
import FerryModels
import Foundation
import Testing

/// ElasticNet, Ridge and LogisticRegression against scikit-learn on the synthetic design.
@Suite struct OtherLinearModelsParityTests {
    struct Other: Decodable {
        let plugin: String
        let params: [String: Double]
        let coef: [Double]
        let intercept: Double
        let target: [Double]
    }

    struct Dataset: Decodable {
        let name: String
        let X: [[Double]]
        let others: [Other]?
    }

    struct File: Decodable { let datasets: [Dataset] }

    static func references() throws -> (Dataset, [Other]) {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/sklearn_linear", withExtension: "json"))
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let dataset = try #require(file.datasets.first { $0.name == "synthetic" })
        return (dataset, try #require(dataset.others))
    }

    static func data(_ dataset: Dataset, target: [Double]) throws -> TrainingData {
        let index = dataset.X.indices.map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }
        let columns = dataset.X[0].indices.map { j in ("x\(j)", dataset.X.map { $0[j] }) }
        return try TrainingData(features: try Frame(index: index, columns: columns), target: target)
    }

    @Test(arguments: 0..<6)
    func matchesScikitLearn(_ position: Int) throws {
        let (dataset, others) = try Self.references()
        let reference = others[position]
        let data = try Self.data(dataset, target: reference.target)
        let model: any TrainedModel
        switch reference.plugin {
        case "elasticnet":
            var h = ElasticNetPlugin.Hyperparameters()
            h.alpha = reference.params["alpha"] ?? 0
            h.l1Ratio = reference.params["l1_ratio"] ?? 0
            h.standardize = false
            model = try ElasticNetPlugin.train(on: data, hyperparameters: h, context: TrainingContext())
        case "ridge":
            var h = RidgePlugin.Hyperparameters()
            h.alpha = reference.params["alpha"] ?? 0
            h.standardize = false
            model = try RidgePlugin.train(on: data, hyperparameters: h, context: TrainingContext())
        case "lasso-standardized":
            var h = LassoPlugin.Hyperparameters()
            h.alpha = reference.params["alpha"] ?? 0
            h.standardize = true
            model = try LassoPlugin.train(on: data, hyperparameters: h, context: TrainingContext())
        default:
            var h = LogisticRegressionPlugin.Hyperparameters()
            h.c = reference.params["C"] ?? 0
            h.standardize = reference.plugin == "logistic-standardized"
            model = try LogisticRegressionPlugin.train(on: data, hyperparameters: h, context: TrainingContext())
        }
        let linear = try #require(model as? LinearModel)
        for (j, (ours, theirs)) in zip(linear.coefficients, reference.coef).enumerated() {
            #expect(abs(ours - theirs) <= 1e-6, "\(reference.plugin) \(reference.params) coef[\(j)]: Ferry \(ours), scikit-learn \(theirs)")
        }
        #expect(
            abs(linear.intercept - reference.intercept) <= 1e-6,
            "\(reference.plugin) intercept: \(linear.intercept) vs \(reference.intercept)")
    }

    @Test func logisticPredictsProbabilitiesAndNeedsABinaryTarget() throws {
        let (dataset, others) = try Self.references()
        let data = try Self.data(dataset, target: others[3].target)
        let model = try LogisticRegressionPlugin.train(on: data, hyperparameters: .init(), context: TrainingContext())
        let probabilities = try model.predict(data.features)
        #expect(probabilities.allSatisfy { (0...1).contains($0) })
        let reloaded = try LogisticRegressionPlugin.load(tensors: model.tensors, hyperparameters: .init(), schema: model.schema)
        #expect(try reloaded.predict(data.features) == probabilities)
        let returns = try Self.data(dataset, target: others[0].target)
        let error = try #require(throws: LinearModelError.self) {
            try LogisticRegressionPlugin.train(on: returns, hyperparameters: .init(), context: TrainingContext())
        }
        #expect(error.description.contains("needs a 0/1 target"))
    }
}
