import FerryModels
import Foundation
import Testing

@testable import FerryLSTM

/// One window on two cores gives the bits of the one-core pass, on every kernel this CPU runs.
@Suite struct TwoCoreTests {
    /// The two-core pass once the pair is free (other tests' predictions may hold it for a moment);
    /// nil if it stayed busy for 10 s.
    static func onTwoCores(_ network: LSTMNetwork, _ input: [Float], steps: Int) -> [Float]? {
        for _ in 0..<10_000 {
            if let sequence = network.hiddenSequenceOnTwoCores(input, steps: steps) { return sequence }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return nil
    }

    @Test(arguments: [(32, 1, 0), (64, 2, 0), (128, 3, 0), (64, 2, 8)])
    func oneWindowOnTwoCoresHasTheBitsOfOneCore(size: (hidden: Int, layers: Int, heads: Int)) throws {
        let shape = LSTMShape(inputs: 5, hidden: size.hidden, layers: size.layers, attentionHeads: size.heads)
        let weights = Dictionary(
            uniqueKeysWithValues: shape.tensorShapes.map {
                ($0.name, TorchFixture.formula($0.name, count: $0.shape.reduce(1, *), hidden: size.hidden))
            })
        let steps = 30
        let input = (0..<steps * 5).map { Float(sin(0.37 * Double($0))) }
        for kernel in ComputeKernel.allCases where kernel.isSupported {
            let network = try LSTMNetwork(shape: shape, weights: weights, kernel: kernel)
            let trace = network.trace(input, batch: 1, steps: steps)
            let sequence = Self.onTwoCores(network, input, steps: steps)
            #expect(sequence != nil, "\(size) on \(kernel): the pair stayed busy")
            #expect(sequence?.map(\.bitPattern) == trace.layers.last?.hidden.map(\.bitPattern), "\(size) on \(kernel)")
            #expect(network.forward(input, batch: 1, steps: steps).head.map(\.bitPattern) == trace.head.map(\.bitPattern))
        }
    }

    @Test func oddHiddenUnitsOrABusyPartnerStayOnOneCore() throws {
        let odd = LSTMShape(inputs: 2, hidden: 3, layers: 1)
        let oddNetwork = try LSTMNetwork(
            shape: odd,
            weights: Dictionary(
                uniqueKeysWithValues: odd.tensorShapes.map { ($0.name, [Float](repeating: 0.1, count: $0.shape.reduce(1, *))) }))
        #expect(oddNetwork.hiddenSequenceOnTwoCores([Float](repeating: 1, count: 8), steps: 4) == nil)

        let shape = LSTMShape(inputs: 2, hidden: 64, layers: 1)
        let network = try LSTMNetwork(
            shape: shape,
            weights: Dictionary(
                uniqueKeysWithValues: shape.tensorShapes.map { ($0.name, [Float](repeating: 0.01, count: $0.shape.reduce(1, *))) }))
        let input = [Float](repeating: 1, count: 8)
        let expected = network.trace(input, batch: 1, steps: 4).head
        final class Result: @unchecked Sendable { var split: [Float]?, head: [Float] = [] }
        let result = Result()
        var ran = false
        for _ in 0..<10_000 where !ran {
            ran = CorePair.run { part in
                guard part == 0 else { return }
                result.split = network.hiddenSequenceOnTwoCores(input, steps: 4)
                result.head = network.forward(input, batch: 1, steps: 4).head
            }
            if !ran { Thread.sleep(forTimeInterval: 0.001) }
        }
        #expect(ran, "the pair stayed busy for 10 s")
        #expect(result.split == nil, "the partner is busy with this job")
        #expect(result.head == expected, "the prediction falls back to one core")
    }
}
