import FerryCore
import FerryLinear
import FerryModels
import Foundation
import Testing

/// scikit-learn reference fits written by bench/sklearn_fixtures.py.
struct LassoFixture: Decodable {
    struct Fit: Decodable {
        let alpha: Double
        let coef: [Double]
        let intercept: Double
        let n_iter: Int
    }

    struct Dataset: Decodable {
        let name: String
        let X: [[Double]]
        let y: [Double]
        let fits: [Fit]

        /// The design as Ferry training data, features named x0, x1, ...
        func trainingData() throws -> TrainingData {
            let index = X.indices.map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }
            let columns = X[0].indices.map { j in ("x\(j)", X.map { $0[j] }) }
            return try TrainingData(features: try Frame(index: index, columns: columns), target: y)
        }
    }

    let source: String
    let datasets: [Dataset]

    static func load() throws -> LassoFixture {
        guard let url = Bundle.module.url(forResource: "Fixtures/sklearn_linear", withExtension: "json") else {
            throw LinearModelTestError.missingFixture
        }
        return try JSONDecoder().decode(LassoFixture.self, from: Data(contentsOf: url))
    }
}

enum LinearModelTestError: Error { case missingFixture }

@Suite struct LassoParityTests {
    static let cases: [(String, Int)] = [("spx", 0), ("spx", 1), ("spx", 2), ("synthetic", 0), ("synthetic", 1), ("synthetic", 2)]

    @Test(arguments: cases)
    func coefficientsMatchScikitLearn(_ name: String, _ fitIndex: Int) throws {
        let dataset = try #require(try LassoFixture.load().datasets.first { $0.name == name })
        let reference = dataset.fits[fitIndex]
        var parameters = LassoPlugin.Hyperparameters()
        parameters.alpha = reference.alpha
        parameters.standardize = false
        let model = try #require(
            try LassoPlugin.train(on: dataset.trainingData(), hyperparameters: parameters, context: TrainingContext()) as? LinearModel)
        for (j, (ours, theirs)) in zip(model.coefficients, reference.coef).enumerated() {
            #expect(abs(ours - theirs) <= 1e-6, "\(name) alpha \(reference.alpha) coef[\(j)]: Ferry \(ours), scikit-learn \(theirs)")
            #expect((ours == 0) == (theirs == 0), "\(name) alpha \(reference.alpha) coef[\(j)] sparsity differs")
        }
        #expect(
            abs(model.intercept - reference.intercept) <= 1e-6, "intercept: Ferry \(model.intercept), scikit-learn \(reference.intercept)")
    }

    @Test func tensorsRoundTripAndPredictionsAgree() throws {
        let dataset = try #require(try LassoFixture.load().datasets.first { $0.name == "synthetic" })
        var parameters = LassoPlugin.Hyperparameters()
        parameters.alpha = 0.1
        let data = try dataset.trainingData()
        let model = try LassoPlugin.train(on: data, hyperparameters: parameters, context: TrainingContext())
        #expect(model.tensors["coef"]?.shape == [12])
        #expect(model.tensors["intercept"]?.shape == [1])
        let loaded = try LassoPlugin.load(tensors: model.tensors, hyperparameters: parameters, schema: model.schema)
        #expect(try loaded.predict(data.features) == model.predict(data.features))
    }

    @Test func refusesBadTensorsAndHyperparameters() throws {
        let schema = FeatureSchema(features: [FeatureField(name: "a"), FeatureField(name: "b")])
        let good: [String: Tensor] = ["coef": .vector([1, 2]), "intercept": .vector([0])]
        #expect(throws: TensorError.self) {
            try LassoPlugin.load(tensors: ["coef": .vector([1]), "intercept": .vector([0])], hyperparameters: .init(), schema: schema)
        }
        #expect(throws: TensorError.self) {
            try LassoPlugin.load(tensors: ["coef": .vector([1, 2])], hyperparameters: .init(), schema: schema)
        }
        var extra = good
        extra["evil"] = .vector([1])
        #expect(throws: TensorError.self) { try LassoPlugin.load(tensors: extra, hyperparameters: .init(), schema: schema) }
        #expect(throws: LinearModelError.self) {
            try LassoPlugin.load(
                tensors: ["coef": .vector([.nan, 2]), "intercept": .vector([0])], hyperparameters: .init(), schema: schema)
        }
        var bad = LassoPlugin.Hyperparameters()
        bad.alpha = -1
        let error = try #require(throws: HyperparameterError.self) { try bad.validate() }
        #expect(error.description == "hyperparameter 'alpha' = -1.0 is out of range (allowed: > 0)")
        let decoded = try LassoPlugin.Hyperparameters(json: Data(#"{"alpha":0.01,"max_iter":50}"#.utf8))
        #expect(decoded.maxIter == 50)
        #expect(decoded.tol == 1e-4, "a field left out keeps its default")
        let unknown = try #require(throws: HyperparameterError.self) { try LassoPlugin.Hyperparameters(json: Data(#"{"alpah":1}"#.utf8)) }
        #expect(unknown.description.contains("'alpah'"))
        #expect(unknown.description.contains("did you mean alpha? (known: alpha, max_iter, standardize, tol)"))
        #expect(throws: HyperparameterError.self) { try LassoPlugin.Hyperparameters(json: Data(#"{"max_iter":"many"}"#.utf8)) }
    }
}
