import FerryModels
import Foundation
import Testing

@testable import FerryLSTM

/// Backpropagation through time against PyTorch's autograd and against finite differences.
@Suite struct GradientTests {
    struct Fixture: Decodable {
        struct Summary: Decodable {
            let sum: Double
            let abs_sum: Double
            let samples: [[Double]]
        }
        struct Case: Decodable {
            let variant: String
            let hidden: Int
            let layers: Int
            let heads: Int
            let gradients: [String: Summary]
        }
        let targets: [Float]
        let batch: Int, steps: Int, features: Int
        let cases: [Case]
    }

    /// Mean squared error of `head` against `targets`, and its gradient.
    static func meanSquaredError(_ head: [Float], _ targets: [Float]) -> (loss: Double, gradient: [Float]) {
        let count = Float(head.count)
        let loss = zip(head, targets).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(count)
        return (loss, zip(head, targets).map { 2 * ($0 - $1) / count })
    }

    /// The fixture, its input, and each of its cases with the shape of its network.
    static func fixtureCases() throws -> (fixture: Fixture, input: [Float], cases: [(reference: Fixture.Case, shape: LSTMShape)]) {
        let fixture = try TorchFixture.load(Fixture.self)
        let input = TorchFixture.input(batch: fixture.batch, steps: fixture.steps, features: fixture.features)
        let cases = fixture.cases.map { reference in
            (
                reference,
                LSTMShape(inputs: fixture.features, hidden: reference.hidden, layers: reference.layers, attentionHeads: reference.heads)
            )
        }
        return (fixture, input, cases)
    }

    @Test func oneStepsGradientsMatchPyTorch() throws {
        let (fixture, input, cases) = try Self.fixtureCases()
        for (reference, shape) in cases {
            let network = try LSTMNetwork(shape: shape, weights: TorchFixture.weights(shape))
            let trace = network.trace(input, batch: fixture.batch, steps: fixture.steps)
            let gradients = network.gradients(trace, headGradient: Self.meanSquaredError(trace.head, fixture.targets).gradient)
            #expect(Set(gradients.keys) == Set(reference.gradients.keys), "\(reference.variant)")
            for (name, summary) in reference.gradients {
                let ours = try #require(gradients[name])
                let sum = ours.reduce(0.0) { $0 + Double($1) }
                let absSum = ours.reduce(0.0) { $0 + Double(abs($1)) }
                #expect(
                    abs(sum - summary.sum) <= 1e-4 * max(1, abs(summary.sum)), "\(reference.variant) \(name) sum \(sum) vs \(summary.sum)")
                #expect(
                    abs(absSum - summary.abs_sum) <= 1e-4 * max(1, summary.abs_sum),
                    "\(reference.variant) \(name) |sum| \(absSum) vs \(summary.abs_sum)")
                for sample in summary.samples {
                    let value = Double(ours[Int(sample[0])])
                    #expect(abs(value - sample[1]) <= 1e-4, "\(reference.variant) \(name)[\(Int(sample[0]))]: \(value) vs \(sample[1])")
                }
            }
        }
    }

    /// The forward pass and every gradient have the same bits on each kernel this CPU runs (the
    /// variants of the PyTorch fixture, attention included).
    @Test func everyKernelGivesTheSameForwardPassAndGradients() throws {
        let (fixture, input, cases) = try Self.fixtureCases()
        for (reference, shape) in cases {
            func pass(_ kernel: ComputeKernel) throws -> (head: [UInt32], gradients: [String: [UInt32]]) {
                let network = try LSTMNetwork(shape: shape, weights: TorchFixture.weights(shape), kernel: kernel)
                let trace = network.trace(input, batch: fixture.batch, steps: fixture.steps)
                let gradients = network.gradients(trace, headGradient: Self.meanSquaredError(trace.head, fixture.targets).gradient)
                return (trace.head.map(\.bitPattern), gradients.mapValues { $0.map(\.bitPattern) })
            }
            let portable = try pass(.portable)
            for kernel in ComputeKernel.allCases.dropFirst() where kernel.isSupported {
                let result = try pass(kernel)
                #expect(result.head == portable.head, "\(reference.variant) head on \(kernel)")
                #expect(result.gradients == portable.gradients, "\(reference.variant) gradients on \(kernel)")
            }
        }
    }

    /// Weights changed through `update` predict as a network built from them does: the kept
    /// transposes of W_ih and W_hh follow the change.
    @Test func updatedWeightsPredictAsANetworkBuiltFromThem() throws {
        let shape = LSTMShape(inputs: 3, hidden: 4, layers: 2)
        let first = Dictionary(
            uniqueKeysWithValues: shape.tensorShapes.map {
                ($0.name, TorchFixture.formula($0.name, count: $0.shape.reduce(1, *), hidden: 1))
            })
        let second = first.mapValues { $0.map { $0 * -0.7 + 0.01 } }
        let input = (0..<2 * 5 * 3).map { Float(sin(0.7 * Double($0))) }
        var network = try LSTMNetwork(shape: shape, weights: first)
        let before = network.forward(input, batch: 2, steps: 5).head
        network.update { $0 = second }
        let after = network.forward(input, batch: 2, steps: 5).head
        #expect(
            after.map(\.bitPattern)
                == (try LSTMNetwork(shape: shape, weights: second)).forward(input, batch: 2, steps: 5).head.map(\.bitPattern))
        #expect(after != before, "the second weights predict otherwise")
    }

    /// A 2-layer stack; with a dropout mask between the layers; with 2-head attention on top.
    @Test(arguments: [(0, false), (0, true), (2, false)])
    func gradientsAgreeWithFiniteDifferences(attentionHeads: Int, dropout: Bool) throws {
        let shape = LSTMShape(inputs: 3, hidden: 4, layers: 2, attentionHeads: attentionHeads)
        // Drops every third unit of the first layer's output, scaling the rest by 1 / (1 - p).
        let masks: [[Float]] = dropout ? [(0..<2 * 5 * 4).map { $0 % 3 == 0 ? 0 : 1.5 }] : []
        var weights = Dictionary(
            uniqueKeysWithValues: shape.tensorShapes.map { name, dimensions in
                (name, TorchFixture.formula(name, count: dimensions.reduce(1, *), hidden: 1).map { $0 * 0.6 })
            })
        let input = (0..<2 * 5 * 3).map { Float(sin(0.7 * Double($0))) }
        let targets: [Float] = [0.4, -0.3]
        func loss(_ weights: [String: [Float]]) throws -> Double {
            let network = try LSTMNetwork(shape: shape, weights: weights, multiplier: SwiftMultiplier())
            return Self.meanSquaredError(network.trace(input, batch: 2, steps: 5, dropout: masks).head, targets).loss
        }
        let network = try LSTMNetwork(shape: shape, weights: weights, multiplier: SwiftMultiplier())
        let trace = network.trace(input, batch: 2, steps: 5, dropout: masks)
        let analytic = network.gradients(trace, headGradient: Self.meanSquaredError(trace.head, targets).gradient)
        var checked = 0
        for (name, dimensions) in shape.tensorShapes {
            for index in stride(from: 0, to: dimensions.reduce(1, *), by: 5) {
                let original = weights[name]![index]
                let step: Float = 1e-2
                weights[name]![index] = original + step
                let up = try loss(weights)
                weights[name]![index] = original - step
                let down = try loss(weights)
                weights[name]![index] = original
                let numeric = (up - down) / Double(2 * step)
                let ours = Double(analytic[name]![index])
                #expect(abs(numeric - ours) <= 2e-4 + 2e-2 * abs(numeric), "\(name)[\(index)]: analytic \(ours), numeric \(numeric)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }
}

/// Adam and gradient clipping against torch.optim.Adam and clip_grad_norm_ (bench/torch_fixtures.py).
@Suite struct AdamOptimizerTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let variant: String, hidden: Int, layers: Int, heads: Int, gradient_norm: Double, after_two_adam_steps: [String: [[Double]]]
        }
        let targets: [Float]
        let batch: Int, steps: Int, features: Int
        let cases: [Case]
    }

    @Test func twoStepsMatchPyTorch() throws {
        let fixture = try TorchFixture.load(Fixture.self)
        let input = TorchFixture.input(batch: fixture.batch, steps: fixture.steps, features: fixture.features)
        for reference in fixture.cases {
            let shape = LSTMShape(
                inputs: fixture.features, hidden: reference.hidden, layers: reference.layers, attentionHeads: reference.heads)
            var weights = TorchFixture.weights(shape)
            let network = try LSTMNetwork(shape: shape, weights: weights)
            let trace = network.trace(input, batch: fixture.batch, steps: fixture.steps)
            let gradients = network.gradients(trace, headGradient: GradientTests.meanSquaredError(trace.head, fixture.targets).gradient)
            var adam = AdamOptimizer()
            adam.learningRate = 0.01
            let norm = adam.step(&weights, gradients: gradients)
            adam.step(&weights, gradients: gradients)
            #expect(abs(Double(norm) - reference.gradient_norm) <= 1e-4 * max(1, reference.gradient_norm), "\(reference.variant) norm")
            for (name, samples) in reference.after_two_adam_steps {
                for sample in samples {
                    let value = Double(try #require(weights[name])[Int(sample[0])])
                    #expect(abs(value - sample[1]) <= 1e-5, "\(reference.variant) \(name)[\(Int(sample[0]))]: \(value) vs \(sample[1])")
                }
            }
        }
    }

    @Test func clippingScalesEveryGradientByTheSameFactor() {
        var weights: [String: [Float]] = ["a": [0, 0], "b": [0]]
        var adam = AdamOptimizer()
        adam.maxGradientNorm = 1
        let norm = adam.step(&weights, gradients: ["a": [3, 0], "b": [4]])
        #expect(norm == 5)
        // Adam's first step moves each weight by about lr · sign(g), whatever the clipping scale.
        #expect(abs(weights["a"]![0] + 1e-3) < 1e-6 && weights["a"]![1] == 0 && abs(weights["b"]![0] + 1e-3) < 1e-6)
    }
}
