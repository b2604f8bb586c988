// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryBaselines
import FerryCore
import FerryModels
import Testing

@Suite struct BaselineTests {
    let data: TrainingData = {
        let index = (0..<4).map { Timestamp(secondsSinceEpoch: Int64($0)) }
        let frame = try! Frame(index: index, columns: [("return_1", [0.01, -0.02, 0.03, 0.0]), ("x", [1, 2, 3, 4])])
        return try! TrainingData(features: frame, target: [0.02, -0.01, 0.03, 0.0])
    }()

    @Test func eachBaselinePredictsWhatItsNameSays() throws {
        let context = TrainingContext()
        #expect(try ZeroBaseline.train(on: data, hyperparameters: .init(), context: context).predict(data.features) == [0, 0, 0, 0])
        #expect(
            try LastReturnBaseline.train(on: data, hyperparameters: .init(), context: context).predict(data.features) == [
                0.01, -0.02, 0.03, 0.0,
            ])
        let mean = try MeanBaseline.train(on: data, hyperparameters: .init(), context: context)
        #expect(try mean.predict(data.features) == Array(repeating: 0.01, count: 4))
        let reloaded = try MeanBaseline.load(tensors: mean.tensors, hyperparameters: .init(), schema: mean.schema)
        #expect(try reloaded.predict(data.features) == Array(repeating: 0.01, count: 4))
        #expect(Baselines.plugins.map { $0.id } == ["baseline-zero", "baseline-last", "baseline-mean", "baseline-majority"])
    }

    @Test func directionTargetsGetTheMajorityClassInsteadOfTheLastReturn() throws {
        let context = TrainingContext()
        let up = try TrainingData(features: data.features, target: [1, 0, 1, 1])
        let majority = try MajorityClassBaseline.train(on: up, hyperparameters: .init(), context: context)
        #expect(try majority.predict(data.features) == [1, 1, 1, 1])
        let reloaded = try MajorityClassBaseline.load(tensors: majority.tensors, hyperparameters: .init(), schema: majority.schema)
        #expect(try reloaded.predict(data.features) == [1, 1, 1, 1])
        let down = try TrainingData(features: data.features, target: [0, 0, 1, 0])
        #expect(
            try MajorityClassBaseline.train(on: down, hyperparameters: .init(), context: context).predict(data.features) == [0, 0, 0, 0])
        let tie = try TrainingData(features: data.features, target: [0, 1, 1, 0])
        #expect(
            try MajorityClassBaseline.train(on: tie, hyperparameters: .init(), context: context).predict(data.features) == [1, 1, 1, 1])
        let last = #expect(throws: TrainingDataError.self) {
            try LastReturnBaseline.train(on: up, hyperparameters: .init(), context: context)
        }
        #expect("\(last.map { "\($0)" } ?? "")".contains("baseline-majority stands in"))
        #expect(throws: TrainingDataError.self) { try MajorityClassBaseline.train(on: data, hyperparameters: .init(), context: context) }
        #expect(MajorityClassBaseline.applies(toTarget: [1, 0, 1]) && !MajorityClassBaseline.applies(toTarget: data.target))
        #expect(MeanBaseline.applies(toTarget: data.target), "a baseline applies to every target unless it says otherwise")
    }

    @Test func lastReturnNeedsItsColumn() throws {
        let frame = try Frame(index: [Timestamp(secondsSinceEpoch: 0)], columns: [("x", [1])])
        #expect(throws: TrainingDataError.self) {
            try LastReturnBaseline.train(
                on: try TrainingData(features: frame, target: [1]), hyperparameters: .init(), context: TrainingContext())
        }
    }
}
