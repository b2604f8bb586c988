@testable import FerryLSTM
import FerryModels
import Foundation
import Testing

/// The forward pass against PyTorch's nn.LSTM + nn.Linear on the same weights (bench/torch_fixtures.py).
@Suite struct TorchParityTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let variant: String, hidden: Int, layers: Int, tensors: [String], head: [Float], last_hidden: [Float]
        }
        let batch: Int, steps: Int, features: Int
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/torch_lstm", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// The fixture's weight formula: sin(0.37 i + 0.11 s) / √hidden, s the sum of the name's character codes.
    static func formula(_ name: String, count: Int, hidden: Int) -> [Float] {
        let offset = Double(name.unicodeScalars.reduce(0) { $0 + Int($1.value) })
        return (0..<count).map { Float(sin(0.37 * Double($0) + 0.11 * offset) / Double(hidden).squareRoot()) }
    }

    @Test(arguments: [BLASMultiplier(), SwiftMultiplier()] as [any MatrixMultiplier])
    func forwardPassMatchesPyTorch(multiplier: any MatrixMultiplier) throws {
        let fixture = try Self.fixture()
        #expect(fixture.cases.map(\.variant) == ["lightweight", "baseline", "enhanced"])
        let input = (0..<fixture.batch * fixture.steps * fixture.features).map { Float(1.5 * cos(0.11 * Double($0))) }
        for reference in fixture.cases {
            let shape = LSTMShape(inputs: fixture.features, hidden: reference.hidden, layers: reference.layers)
            #expect(shape.tensorShapes.map(\.name) == reference.tensors, "PyTorch's names and order")
            let weights = Dictionary(uniqueKeysWithValues: shape.tensorShapes.map { name, dimensions in
                (name, Self.formula(name, count: dimensions.reduce(1, *), hidden: reference.hidden))
            })
            let network = try LSTMNetwork(shape: shape, weights: weights, multiplier: multiplier)
            let (head, last) = network.forward(input, batch: fixture.batch, steps: fixture.steps)
            let worstHead = zip(head, reference.head).map { abs($0 - $1) }.max() ?? .infinity
            let worstHidden = zip(last, reference.last_hidden).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worstHead < 1e-5 && worstHidden < 1e-5, "\(reference.variant): head \(worstHead), hidden \(worstHidden)")
            #expect(last.count == reference.last_hidden.count)
        }
    }

    @Test func refusesMissingOrMisshapenWeights() throws {
        let shape = LSTMShape(inputs: 2, hidden: 3, layers: 1)
        var weights = Dictionary(uniqueKeysWithValues: shape.tensorShapes.map { ($0.name, [Float](repeating: 0, count: $0.shape.reduce(1, *))) })
        weights["fc.bias"] = nil
        #expect(throws: TensorError.self) { try LSTMNetwork(shape: shape, weights: weights) }
        weights["fc.bias"] = [0, 0]
        let error = try #require(throws: TensorError.self) { try LSTMNetwork(shape: shape, weights: weights) }
        #expect(error.message.contains("fc.bias has 2 values"))
    }
}
