import FerryModels
import Foundation
import Testing

@testable import FerryLSTM

/// The forward pass against PyTorch's nn.LSTM (+ nn.MultiheadAttention) + nn.Linear on the same weights (bench/torch_fixtures.py).
@Suite struct TorchParityTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let variant: String, hidden: Int, layers: Int, heads: Int, tensors: [String], head: [Float], last_hidden: [Float]
        }
        let batch: Int, steps: Int, features: Int
        let cases: [Case]
    }

    @Test(arguments: [BLASMultiplier(), SwiftMultiplier()] as [any MatrixMultiplier])
    func forwardPassMatchesPyTorch(multiplier: any MatrixMultiplier) throws {
        let fixture = try TorchFixture.load(Fixture.self)
        #expect(fixture.cases.map(\.variant) == ["lightweight", "baseline", "enhanced", "attention"])
        let input = TorchFixture.input(batch: fixture.batch, steps: fixture.steps, features: fixture.features)
        for reference in fixture.cases {
            let shape = LSTMShape(
                inputs: fixture.features, hidden: reference.hidden, layers: reference.layers, attentionHeads: reference.heads)
            #expect(shape.tensorShapes.map(\.name) == reference.tensors, "PyTorch's names and order")
            let network = try LSTMNetwork(shape: shape, weights: TorchFixture.weights(shape), multiplier: multiplier)
            let (head, last) = network.forward(input, batch: fixture.batch, steps: fixture.steps)
            let worstHead = zip(head, reference.head).map { abs($0 - $1) }.max() ?? .infinity
            let worstHidden = zip(last, reference.last_hidden).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worstHead < 1e-5 && worstHidden < 1e-5, "\(reference.variant): head \(worstHead), hidden \(worstHidden)")
            #expect(last.count == reference.last_hidden.count)
        }
    }

    @Test func refusesMissingOrMisshapenWeights() throws {
        let shape = LSTMShape(inputs: 2, hidden: 3, layers: 1)
        var weights = Dictionary(
            uniqueKeysWithValues: shape.tensorShapes.map { ($0.name, [Float](repeating: 0, count: $0.shape.reduce(1, *))) })
        weights["fc.bias"] = nil
        #expect(throws: TensorError.self) { try LSTMNetwork(shape: shape, weights: weights) }
        weights["fc.bias"] = [0, 0]
        let error = try #require(throws: TensorError.self) { try LSTMNetwork(shape: shape, weights: weights) }
        #expect(error.message.contains("fc.bias has 2 values"))
    }
}
