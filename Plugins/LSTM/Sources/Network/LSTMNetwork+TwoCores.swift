// swift-format-ignore-file: NeverForceUnwrap

// The kernels take base addresses of buffers sized by the shape checked at load, never empty.
import FerryModels

extension LSTMNetwork {
    /// Hidden units below which one window stays on one core: with fewer, a step's work is shorter
    /// than the two cores' meeting (measured in docs/benchmarks.md).
    static let twoCoreMinimumHidden = 64

    /// The top layer's hidden state at every step of one sequence (`input`: steps × features), each
    /// step's units split between two cores (``CorePair``): core `c` computes the gates, cells and
    /// hidden states of units c·H/2 ..< (c+1)·H/2 from its ``LSTMLayerWeights/halves``, and the two
    /// meet once a step, when the next step needs all of h. Every entry is summed in the order
    /// ``trace(_:batch:steps:dropout:)`` sums it, so the bits are its. Nil when H is odd or the partner
    /// thread is busy with another prediction.
    func hiddenSequenceOnTwoCores(_ input: [Float], steps: Int) -> [Float]? {
        let (hidden, layers) = (shape.hidden, shape.layers)
        guard hidden % 2 == 0, steps > 0, input.count == steps * shape.inputs else { return nil }
        let half = hidden / 2
        let halfGates = 4 * half
        // Each layer's outputs, then the cells and tanh(c) (reused by every layer), then each core's gates.
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: (layers + 2) * steps * hidden + 2 * steps * halfGates)
        defer { scratch.deallocate() }
        let outputs = scratch.baseAddress!
        let cells = outputs + layers * steps * hidden
        let cellTanh = cells + steps * hidden
        let ran = input.withUnsafeBufferPointer { input in
            CorePair.run { part in
                let gates = cellTanh + steps * hidden + part * steps * halfGates
                for layer in 0..<layers {
                    let weights = layerWeights[layer].halves[part]
                    let output = outputs + layer * steps * hidden
                    let source = layer == 0 ? input.baseAddress! : UnsafePointer(outputs + (layer - 1) * steps * hidden)
                    // Every step's gates: the bias, then the input's share, as `run(layer:)` makes them.
                    for t in 0..<steps { (gates + t * halfGates).update(from: weights.bias, count: halfGates) }
                    OrderedProduct.multiply(
                        source, weights.input, into: gates, m: steps, n: halfGates, k: layer == 0 ? shape.inputs : hidden,
                        accumulate: true, kernel: kernel)
                    for t in 0..<steps {
                        let at = t * hidden + part * half
                        if t > 0 {
                            OrderedProduct.multiply(
                                output + (t - 1) * hidden, weights.recurrent, into: gates + t * halfGates, m: 1, n: halfGates, k: hidden,
                                accumulate: true, kernel: kernel)
                        }
                        LSTMCell.forward(
                            rows: 1, units: half, gates: gates + t * halfGates, previousCell: t > 0 ? cells + at - hidden : nil,
                            cell: cells + at, cellTanh: cellTanh + at, hidden: output + at, kernel: kernel)
                        CorePair.meet(part: part)
                    }
                }
            }
        }
        return ran ? Array(UnsafeBufferPointer(start: outputs + (layers - 1) * steps * hidden, count: steps * hidden)) : nil
    }
}
