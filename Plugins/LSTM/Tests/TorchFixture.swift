import Foundation
import Testing

@testable import FerryLSTM

/// What the three PyTorch suites share: the fixture file and the formulas bench/torch_fixtures.py fills weights and inputs with.
enum TorchFixture {
    /// The fixture decoded as `T`.
    static func load<T: Decodable>(_ type: T.Type) throws -> T {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/torch_lstm", withExtension: "json"))
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// sin(0.37 i + 0.11 s) / √hidden, s the sum of the tensor name's character codes.
    static func formula(_ name: String, count: Int, hidden: Int) -> [Float] {
        let offset = Double(name.unicodeScalars.reduce(0) { $0 + Int($1.value) })
        return (0..<count).map { Float(sin(0.37 * Double($0) + 0.11 * offset) / Double(hidden).squareRoot()) }
    }

    /// Every tensor of `shape` from the formula.
    static func weights(_ shape: LSTMShape) -> [String: [Float]] {
        Dictionary(
            uniqueKeysWithValues: shape.tensorShapes.map { name, dimensions in
                (name, formula(name, count: dimensions.reduce(1, *), hidden: shape.hidden))
            })
    }

    /// The input, 1.5 cos(0.11 i) over batch × steps × features.
    static func input(batch: Int, steps: Int, features: Int) -> [Float] {
        (0..<batch * steps * features).map { Float(1.5 * cos(0.11 * Double($0))) }
    }
}
